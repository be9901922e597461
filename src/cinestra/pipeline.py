"""The one place that chains the stages: request -> plan -> world -> sound + render -> MP4.

The CLI and (later) the job workers both call `generate`. Stages never print: progress goes
through `on_progress(stage, done, total)` and cancellation through `should_stop()`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np

from cinestra.errors import CinestraError
from cinestra.media import write_mp4
from cinestra.plan import Storyboard, make_storyboard
from cinestra.render.previz import PrevizEngine
from cinestra.request import VideoRequest, check_output
from cinestra.sound import Soundtrack, mix
from cinestra.world import Timeline, simulate

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
STAGES = ("plan", "world", "sound", "render")


class Interrupted(CinestraError, RuntimeError):
    """`should_stop()` asked the pipeline to stop; nothing was published."""


@dataclass(frozen=True)
class GenerateResult:
    path: Path
    storyboard: Storyboard
    timelines: list[Timeline]
    soundtrack: Soundtrack
    warnings: list[str]
    # Wall seconds per stage; "render" counts drawing only, "encode" the H.264/AAC muxing.
    stage_seconds: dict[str, float] = field(default_factory=dict)


def _no_progress(stage: str, done: int, total: int) -> None:
    """Default progress sink: nothing to show."""


def _never_stop() -> bool:
    return False


def _warnings(storyboard: Storyboard) -> list[str]:
    notes = []
    if storyboard.unresolved:
        notes.append("not understood, left out of the scene: " + ", ".join(storyboard.unresolved))
    if any(cue.kind == "dialogue" for shot in storyboard.shots for cue in shot.cues):
        notes.append("dialogue is planned but not voiced yet: this engine has no speech stage")
    return notes


def generate(request: VideoRequest, *, output: Path, engine: PrevizEngine | None = None,
             on_progress: ProgressCallback | None = None,
             should_stop: Callable[[], bool] | None = None) -> GenerateResult:
    """Make the MP4 for `request` at `output`; the file appears only once complete."""
    progress = on_progress or _no_progress
    stop = should_stop or _never_stop
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    # 1. Check request
    output = check_output(output)

    # 2. Plan
    progress("plan", 0, 1)
    storyboard = make_storyboard(request.prompt, seconds=request.seconds, seed=request.seed)
    notes = _warnings(storyboard)
    for note in notes:
        logger.warning(note)
    progress("plan", 1, 1)
    seconds["plan"], clock = time.perf_counter() - clock, time.perf_counter()

    # 3. Simulate each shot
    aspect = Fraction(request.width, request.height)
    timelines: list[Timeline] = []
    for shot in storyboard.shots:
        if stop():
            raise Interrupted("stopped during simulation")
        timelines.append(simulate(shot, fps=request.fps, aspect=aspect, seed=request.seed))
        progress("world", len(timelines), len(storyboard.shots))
    seconds["world"], clock = time.perf_counter() - clock, time.perf_counter()

    # 4. Sound each shot (placed from the same events the picture shows)
    parts = []
    for timeline in timelines:
        parts.append(mix(timeline))
        progress("sound", len(parts), len(timelines))
    soundtrack = Soundtrack.concat(parts)
    seconds["sound"], clock = time.perf_counter() - clock, time.perf_counter()

    # 5. Render and encode, streamed: frames go to the encoder as they are drawn
    total_frames = sum(timeline.frame_count for timeline in timelines)
    render_seconds = [0.0]

    def frames(renderer: PrevizEngine) -> Iterator[np.ndarray]:
        done = 0
        for timeline in timelines:
            shot_frames = renderer.render(timeline)
            while True:
                if stop():
                    raise Interrupted("stopped during rendering")
                started = time.perf_counter()
                frame = next(shot_frames, None)
                render_seconds[0] += time.perf_counter() - started
                if frame is None:
                    break
                yield frame
                done += 1
                progress("render", done, total_frames)

    def encode(renderer: PrevizEngine) -> Path:
        return write_mp4(output, frames=frames(renderer), fps=request.fps, width=request.width,
                         height=request.height, soundtrack=soundtrack)

    if engine is not None:
        path = encode(engine)
    else:
        with PrevizEngine(width=request.width, height=request.height) as own_engine:
            path = encode(own_engine)
    elapsed = time.perf_counter() - clock
    seconds["render"] = render_seconds[0]
    seconds["encode"] = elapsed - render_seconds[0]
    return GenerateResult(path=path, storyboard=storyboard, timelines=timelines,
                          soundtrack=soundtrack, warnings=notes, stage_seconds=seconds)
