"""Clips made from the stages below the pipeline, without its watermarks or signature:
the "never marked" videos that provenance tests and benches compare against."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from cinestra.media import write_mp4
from cinestra.plan import make_storyboard
from cinestra.render.previz import PrevizEngine
from cinestra.sound import Soundtrack, mix
from cinestra.world import simulate


def render_unmarked(prompt: str, path: Path, *, seconds: int = 4, width: int = 640,
                    height: int = 360, fps: int = 24, seed: int = 0) -> Path:
    storyboard = make_storyboard(prompt, seconds=Fraction(seconds), seed=seed)
    timelines = [simulate(shot, fps=fps, aspect=Fraction(width, height), seed=seed)
                 for shot in storyboard.shots]
    soundtrack = Soundtrack.concat([mix(timeline) for timeline in timelines])
    with PrevizEngine(width=width, height=height) as engine:
        frames = (frame for timeline in timelines for frame in engine.render(timeline))
        return write_mp4(path, frames=frames, fps=fps, width=width, height=height,
                         soundtrack=soundtrack)
