"""Settled props never rest inside each other or inside the set (issue: <= 1 cm)."""

from fractions import Fraction

import pytest

from cinestra.plan import make_storyboard
from cinestra.world import simulate
from cinestra.world.physics import resting_penetrations
from cinestra.world.timeline import Body, Timeline

TOLERANCE_M = 0.01


def settled(timeline: Timeline) -> list[Body]:
    """Every body at the shot's last pose; the animated ones left out (no collider)."""
    last = {track.body: track.poses[-1] for track in timeline.tracks}
    return [body.model_copy(update={"pose": last[body.id]}) if body.id in last else body
            for body in timeline.bodies if not body.animated]


@pytest.mark.parametrize("prompt", [
    "five wooden crates fall on the floor",
    "a pile of books topple on a table",
    "three red balls bounce on a wet floor",
    "two glasses clinking on a table",
    "ten dice fall on a table",
    "a glass bottle and a metal can roll on the floor",
])
def test_settled_bodies_do_not_interpenetrate(prompt: str) -> None:
    board = make_storyboard(prompt, seconds=Fraction(4), seed=0)
    timeline = simulate(board.shots[0], fps=24, aspect=Fraction(16, 9), seed=0)
    deepest = max((depth for _, _, depth in resting_penetrations(settled(timeline))),
                  default=0.0)
    assert deepest <= TOLERANCE_M, f"{prompt}: a body rests {deepest * 100:.1f} cm inside another"


def test_the_check_sees_an_overlap() -> None:
    """The measure itself: a box pushed 5 cm into the floor is caught."""
    board = make_storyboard("a wooden crate on the floor", seconds=Fraction(4), seed=0)
    timeline = simulate(board.shots[0], fps=24, aspect=Fraction(16, 9), seed=0)
    bodies = settled(timeline)
    crate = next(body for body in bodies if body.kind == "crate")
    sunk = crate.pose.model_copy(update={"pos": (*crate.pose.pos[:2], crate.size[2] - 0.05)})
    bodies = [body.model_copy(update={"pose": sunk}) if body is crate else body
              for body in bodies]
    deepest = max(depth for _, _, depth in resting_penetrations(bodies))
    assert deepest == pytest.approx(0.05, abs=0.005)
