"""Output screening on frames the previz engine really renders, and the hold path end to end."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session

from cinestra.errors import InvalidRequest
from cinestra.plan import make_storyboard
from cinestra.render.previz import PrevizEngine
from cinestra.safety import Policy, screen_frames
from cinestra.safety.frames import nsfw_scores, sample
from cinestra.safety.policy import DEFAULT_POLICY
from cinestra.safety.review import (
    audit_log,
    decide_review,
    open_review_db,
    pending_reviews,
    submit_for_review,
)
from cinestra.world import simulate

PROPS = ["a red ball bouncing", "three glass bottles falling", "a wooden crate sliding",
         "two blue cubes toppling", "a yellow vase falling", "five marbles rolling",
         "a green bottle rolling", "a stack of books falling", "a white cup sliding",
         "a metal can bouncing"]
PLACES = ["on a wet floor", "on a table", "in the street at night", "in a park at noon",
          "in a room, noir"]
WIDTH, HEIGHT = 320, 180


@pytest.fixture(scope="module")
def benign_frames() -> list[np.ndarray]:
    """First frame of 50 planned, simulated and rendered benign scenes."""
    frames = []
    with PrevizEngine(width=WIDTH, height=HEIGHT) as engine:
        for seed, (prop, place) in enumerate(itertools.product(PROPS, PLACES)):
            storyboard = make_storyboard(f"{prop} {place}", seconds=Fraction(4), seed=seed)
            timeline = simulate(storyboard.shots[0], fps=12, aspect=Fraction(WIDTH, HEIGHT),
                                seed=seed)
            frames.append(next(iter(engine.render(timeline))))
    return frames


def test_50_rendered_benign_scenes_stay_under_the_threshold(
        benign_frames: list[np.ndarray]) -> None:
    assert len(benign_frames) == 50
    assert all(frame.shape == (HEIGHT, WIDTH, 3) for frame in benign_frames)
    scores = nsfw_scores(benign_frames)
    assert max(scores) < DEFAULT_POLICY.nsfw_review, sorted(scores)[-5:]
    for start in range(0, 50, 10):  # the pipeline passes ~8–16 frames per clip
        verdict = screen_frames(benign_frames[start:start + 10], policy=DEFAULT_POLICY)
        assert verdict.decision == "allow" and verdict.categories == []


def test_hold_path_end_to_end(benign_frames: list[np.ndarray], tmp_path: Path) -> None:
    # A threshold below the highest benign score makes the same clip a hold.
    highest = max(nsfw_scores(benign_frames[:10]))
    strict = Policy(nsfw_review=highest / 2, nsfw_block=1.0)
    verdict = screen_frames(benign_frames[:10], policy=strict)
    assert verdict.decision == "review" and verdict.categories == ["sexual"]
    assert verdict.scores["sexual"] == pytest.approx(highest, abs=1e-4)

    with open_review_db(f"sqlite:///{tmp_path / 'safety.db'}") as engine, \
            Session(engine) as session:
        item = submit_for_review(session=session, subject_kind="frames", subject_ref="video-1",
                                 verdict=verdict)
        assert [queued.id for queued in pending_reviews(session=session)] == [item.id]
        decide_review(session=session, item_id=item.id, reviewer="ana", approve=True,
                      reason="abstract props, nothing sexual")
        assert pending_reviews(session=session) == []
        actions = [entry.action for entry in audit_log(session=session,
                                                        subject=f"review:{item.id}")]
        assert actions == ["submitted", "approved"]


def test_blocking_threshold(benign_frames: list[np.ndarray]) -> None:
    verdict = screen_frames(benign_frames[:3], policy=Policy(nsfw_review=0.0, nsfw_block=0.0))
    assert verdict.decision == "block"


def test_bad_frames_are_refused() -> None:
    with pytest.raises(InvalidRequest, match="frames"):
        screen_frames([], policy=DEFAULT_POLICY)
    with pytest.raises(InvalidRequest, match=r"frames\[0\]"):
        screen_frames([np.zeros((8, 8), dtype=np.uint8)], policy=DEFAULT_POLICY)


def test_sample_spreads_frames_evenly() -> None:
    frames = [np.full((2, 2, 3), index, dtype=np.uint8) for index in range(100)]
    picked = sample(frames, 5)
    assert [int(frame[0, 0, 0]) for frame in picked] == [0, 25, 50, 74, 99]
