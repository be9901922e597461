"""Every subject the Storyboard names is on screen: >= 1% of the frame (ID render pass) in
>= 90% of its shot's frames, for every seed prompt of the product brief."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from bench.gallery import seed_prompts

from cinestra.plan import make_storyboard
from cinestra.render.previz import PrevizEngine
from cinestra.render.previz.ids import coverage
from cinestra.world import simulate
from cinestra.world.staging import subject_of

WIDTH, HEIGHT, FPS = 320, 180, 8
MIN_SHARE = 0.01
MIN_FRAMES = 0.9


def shares(prompt: str, *, seconds: int = 4) -> dict[str, np.ndarray]:
    """Per Storyboard subject id, its share of the frame in every frame of the clip."""
    board = make_storyboard(prompt, seconds=Fraction(seconds), seed=0)
    result: dict[str, list[float]] = {}
    with PrevizEngine(width=WIDTH, height=HEIGHT) as engine:
        previous = None
        for shot in board.shots:
            timeline = simulate(shot, fps=FPS, aspect=Fraction(WIDTH, HEIGHT), seed=0,
                                previous=previous)
            previous = timeline
            named = {subject.id for subject in shot.subjects}
            frames = []
            for ids, legend in engine.render_ids(timeline):
                per_subject: dict[str, float] = dict.fromkeys(named, 0.0)
                for instance, share in coverage(ids, legend).items():
                    subject = subject_of(instance)
                    if subject in per_subject:
                        per_subject[subject] += share
                frames.append(per_subject)
            for subject in named:
                result.setdefault(subject, []).extend(frame[subject] for frame in frames)
    return {subject: np.array(values) for subject, values in result.items()}


@pytest.mark.parametrize("prompt", [p for language, p in seed_prompts() if language == "en"])
def test_named_subjects_are_visible(prompt: str) -> None:
    for subject, share in shares(prompt).items():
        seen = float(np.mean(share >= MIN_SHARE))
        assert seen >= MIN_FRAMES, (
            f"{prompt!r}: {subject} covers >= 1% of the frame in only {seen:.0%} of frames "
            f"(median share {np.median(share):.2%})")
