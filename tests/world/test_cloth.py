"""Cloth: pinned edges hold, a curtain hangs straight in still air and billows with wind."""

from __future__ import annotations

import time

import numpy as np
import pytest

from cinestra.world.cloth import simulate_cloth
from cinestra.world.timeline import Cloth, Pose, Vec3

RAIL = Pose(pos=(0.0, 2.0, 2.3))


def curtain(wind: Vec3, *, frames: int = 72, seed: int = 1) -> Cloth:
    return simulate_cloth("curtain", anchor=RAIL, width=1.6, height=2.2, wind=wind,
                          frames=frames, fps=24, time_scale=1.0, seed=seed,
                          color=(0.9, 0.88, 0.8), subject=None)


def grid(cloth: Cloth) -> np.ndarray:
    """(frames, rows, columns, 3) vertex positions."""
    return np.asarray(cloth.frames).reshape(len(cloth.frames), cloth.rows, cloth.columns, 3)


def test_pinned_rail_stays_put_and_still_air_hangs_straight() -> None:
    still = grid(curtain((0.0, 0.0, 0.0)))
    top = still[:, 0]
    assert np.allclose(top, top[0], atol=1e-6)  # the rail row never moves
    assert np.allclose(top[..., 2], RAIL.pos[2], atol=1e-6)
    bottom = still[-1, -1]
    assert np.all(bottom[:, 2] < top[-1, :, 2] - 1.8)  # hangs down its length
    assert np.abs(still[-1, ..., 1] - RAIL.pos[1]).max() < 0.08  # barely any sideways spread


def test_wind_blows_the_curtain_along_the_wind_and_it_gusts() -> None:
    still = grid(curtain((0.0, 0.0, 0.0)))
    windy = grid(curtain((0.0, -4.0, 0.0)))
    displacement = (windy - still).reshape(-1, 3).mean(axis=0)
    assert displacement[1] < -0.1  # into the room, the way the wind blows
    assert abs(displacement[0]) < abs(displacement[1]) / 3
    billow = windy[..., 1].mean(axis=(1, 2))
    assert billow.max() - billow.min() > 0.05  # gusts: in and out over the shot


def test_never_below_the_floor_nor_through_the_wall() -> None:
    long_curtain = simulate_cloth("curtain", anchor=RAIL, width=1.2, height=3.0,
                                  wind=(0.0, 3.0, 0.0), frames=48, fps=24, time_scale=1.0,
                                  seed=2, color=(1.0, 1.0, 1.0), subject=None)
    vertices = grid(long_curtain)
    assert vertices[..., 2].min() >= 0.0  # more curtain than height: it piles on the floor
    assert vertices[..., 1].max() <= RAIL.pos[1] + 0.13 + 1e-6  # the wind presses it to the wall


def test_flag_holds_its_pole_and_flies_with_the_wind() -> None:
    flag = simulate_cloth("flag", anchor=Pose(pos=(0.0, 0.0, 3.0)), width=1.5, height=1.0,
                          wind=(6.0, 0.0, 0.0), frames=48, fps=24, time_scale=1.0, seed=3,
                          color=(0.8, 0.1, 0.1), subject="flag_1")
    vertices = grid(flag)
    assert np.allclose(vertices[:, :, 0], vertices[0, :, 0], atol=1e-6)  # the pole column
    assert vertices[-1, :, -1, 0].mean() > 0.6  # the fly streams out downwind
    assert flag.subject == "flag_1"


def test_jacket_hangs_from_its_shoulders() -> None:
    jacket = simulate_cloth("jacket", anchor=Pose(pos=(0.0, 0.0, 1.8)), width=0.5, height=0.7,
                            wind=(0.0, 0.0, 0.0), frames=24, fps=24, time_scale=1.0, seed=1,
                            color=(0.1, 0.1, 0.1), subject=None)
    vertices = grid(jacket)
    assert np.allclose(vertices[0, 0, 0], vertices[-1, 0, 0], atol=1e-6)  # a shoulder
    assert vertices[-1, 0, jacket.columns // 2, 2] < 1.8 - 0.01  # the collar sags between


def test_deterministic_by_seed_and_refuses_unknown_kinds() -> None:
    assert curtain((0.0, -3.0, 0.0), frames=12) == curtain((0.0, -3.0, 0.0), frames=12)
    with pytest.raises(ValueError, match="kind"):
        simulate_cloth("sail", anchor=RAIL, width=1.0, height=1.0, wind=(0.0, 0.0, 0.0),
                       frames=2, fps=24, time_scale=1.0, seed=0, color=(1.0, 1.0, 1.0),
                       subject=None)


def test_a_ten_second_curtain_is_fast() -> None:
    started = time.process_time()  # CPU time: the machine's other work does not count
    cloth = simulate_cloth("curtain", anchor=RAIL, width=2.3, height=1.5, wind=(0.0, -4.0, 0.0),
                           frames=240, fps=24, time_scale=1.0, seed=5, color=(1.0, 1.0, 1.0),
                           subject=None)
    assert (cloth.rows, cloth.columns) == (16, 24)
    assert time.process_time() - started < 2.0
