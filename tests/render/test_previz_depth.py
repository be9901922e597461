"""PrevizEngine.render_depth: the simulated scene's distance per pixel, in metres."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import pytest

from cinestra.render.previz import PrevizEngine, project
from cinestra.world.timeline import Body, CameraKey, Environment, Pose, Timeline, Track, Vec3

WIDTH, HEIGHT = 96, 64
CAMERA = CameraKey(position=(0.0, -4.0, 1.5), target=(0.0, 0.0, 0.5), fov_deg=40.0)
RADIUS = 0.25


def ball_timeline(path: list[Vec3]) -> Timeline:
    floor = Body(id="floor", kind="floor", shape="plane", size=(5.0, 5.0, 0.0),
                 color=(0.5, 0.5, 0.5), material="concrete", mass=0.0, static=True,
                 pose=Pose(pos=(0.0, 0.0, 0.0)))
    ball = Body(id="ball", kind="ball", shape="sphere", size=(RADIUS,) * 3,
                color=(0.8, 0.05, 0.05), material="rubber", mass=0.5, static=False,
                pose=Pose(pos=path[0]), subject="ball_1")
    return Timeline(
        shot_index=0, fps=12, frame_count=len(path), duration=Fraction(len(path), 12),
        time_scale=Fraction(1),
        environment=Environment(place="park", time_of_day="noon", indoor=False, wet=False,
                                look="natural"),
        bodies=[floor, ball], tracks=[Track(body="ball", poses=[Pose(pos=p) for p in path])],
        camera=[CAMERA] * len(path), impacts=[],
    )


@pytest.fixture(scope="module")
def engine() -> Iterator[PrevizEngine]:
    with PrevizEngine(width=WIDTH, height=HEIGHT) as opened:
        yield opened


def test_depth_is_metres_along_the_view_axis(engine: PrevizEngine) -> None:
    centre: Vec3 = (0.0, 0.0, 0.5)  # the camera's target: the middle of the picture
    (depth,) = list(engine.render_depth(ball_timeline([centre])))
    assert depth.shape == (HEIGHT, WIDTH) and depth.dtype == np.float32
    to_centre = math.dist(CAMERA.position, centre)
    # The ball's nearest surface, on the view axis (its mesh is a coarse polyhedron).
    assert depth[HEIGHT // 2, WIDTH // 2] == pytest.approx(to_centre - RADIUS, abs=0.03)
    assert np.isinf(depth[0]).all()  # the sky: nothing drawn
    # The floor comes nearer towards the bottom of the picture.
    assert depth[-1, 2] < depth[HEIGHT // 2 + 12, 2] < np.inf


def test_a_moving_ball_moves_in_the_depth_frames(engine: PrevizEngine) -> None:
    path: list[Vec3] = [(-0.8, 0.0, 0.5), (0.0, 0.0, 0.9), (0.8, -1.0, 1.3)]
    depths = list(engine.render_depth(ball_timeline(path)))
    assert len(depths) == 3
    eye = np.asarray(CAMERA.position)
    axis = np.asarray(CAMERA.target) - eye
    axis /= np.linalg.norm(axis)
    for centre, depth in zip(path, depths, strict=True):
        x, y = project(CAMERA, centre, width=WIDTH, height=HEIGHT)
        # The ball's front surface on the ray through its centre, measured along the axis.
        ray = np.asarray(centre) - eye
        distance = float(np.linalg.norm(ray))
        expected = (distance - RADIUS) * float(ray @ axis) / distance
        assert depth[int(y), int(x)] == pytest.approx(expected, abs=0.05)
    # Where the ball was at first, later frames see past it, farther away.
    x, y = project(CAMERA, path[0], width=WIDTH, height=HEIGHT)
    assert depths[2][int(y), int(x)] > depths[0][int(y), int(x)] + 0.5
