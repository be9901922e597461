"""Staging and choreography, read from the Timeline: who stands where, rides on whom, keeps
going across cuts."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from cinestra.plan import make_storyboard
from cinestra.world import simulate
from cinestra.world.timeline import Timeline

ASPECT = Fraction(16, 9)


def shots(prompt: str, *, seconds: int = 4, fps: int = 12) -> list[Timeline]:
    board = make_storyboard(prompt, seconds=Fraction(seconds), seed=0)
    timelines: list[Timeline] = []
    for shot in board.shots:
        timelines.append(simulate(shot, fps=fps, aspect=ASPECT, seed=0,
                                  previous=timelines[-1] if timelines else None))
    return timelines


def centres(timeline: Timeline, subject: str, kind: str) -> np.ndarray:
    body = next(b for b in timeline.subject_bodies(subject) if b.kind == kind)
    return np.array([pose.pos for pose in timeline.track(body.id).poses])


def test_a_cat_on_a_skaters_head_turns_with_the_pirouette() -> None:
    (timeline,) = shots("a cat perched on the head of a figure skater doing a perfect pirouette")
    assert timeline.environment.place == "ice_rink"  # skaters skate on ice
    head = centres(timeline, "figure_skater_1", "head")
    cat = np.array([step[:3] for step in next(
        a for a in timeline.actors if a.subject == "cat_1").path])
    # Sitting on the head at every frame: just above it, never more than a head away.
    assert np.all(cat[:, 2] > head[:, 2]) and np.all(np.linalg.norm(
        cat[:, :2] - head[:, :2], axis=1) < 0.2)
    headings = np.unwrap([step[3] for step in next(
        a for a in timeline.actors if a.subject == "cat_1").path])
    assert abs(headings[-1] - headings[0]) > 2 * np.pi  # the cat spins round with her


def test_travellers_move_at_their_gait_and_a_race_has_lanes() -> None:
    (timeline,) = shots("a race of giant ducklings crossing a miniature city")
    paths = {a.subject: np.array([step[:3] for step in a.path]) for a in timeline.actors}
    assert len(paths) == 3
    for path in paths.values():
        assert np.linalg.norm(path[-1] - path[0]) > 1.5  # they run across the frame
    starts = np.array([path[0] for path in paths.values()])
    gaps = np.linalg.norm(starts[:, None] - starts[None], axis=2)[np.triu_indices(3, 1)]
    assert gaps.min() > 0.5  # side by side in lanes, not on top of each other


def test_two_dancers_face_each_other() -> None:
    (timeline,) = shots("two people dance in the park")
    first, second = (a for a in timeline.actors if a.kind == "person")
    a, b = np.array(first.path[0][:2]), np.array(second.path[0][:2])
    towards = np.arctan2(*(b - a)[::-1])
    assert abs(np.angle(np.exp(1j * (first.path[0][3] - towards)))) < 0.3


def test_the_world_persists_across_cuts() -> None:
    first, second = shots("a man walks in the street. Then he runs", seconds=6)
    end = next(a for a in first.actors if a.subject == "man_1").path[-1]
    start = next(a for a in second.actors if a.subject == "man_1").path[0]
    assert np.allclose(end[:3], start[:3], atol=0.05) and abs(end[3] - start[3]) < 0.05
    assert second.transition == "cut"  # same place, same hour


def test_a_dish_in_a_pot_is_on_the_stove_with_the_lid_off_and_steam() -> None:
    (timeline,) = shots("a kitchen scene with a dish simmering in a pot, steam rising")
    assert timeline.environment.place == "kitchen"
    pot = [b for b in timeline.subject_bodies("pot_1")]
    assert pot and not any(b.kind.startswith("lid") for b in pot)
    assert any(p.kind == "steam" for p in timeline.particles)
    pot_top = max(b.pose.pos[2] for b in pot)
    assert pot_top > 0.85  # standing on the stove, not the floor


def test_a_curtain_hangs_at_an_open_window_and_moves_in_the_wind() -> None:
    (timeline,) = shots("a curtain blown by the wind in front of an open window")
    assert len(timeline.cloths) == 2  # two panels drawn to the sides
    assert any(body.subject == "window_1" for body in timeline.bodies)
    sheet = np.array(timeline.cloths[0].frames)
    assert np.ptp(sheet[:, -1, 1]) > 0.05  # the hem moves with the gusts
