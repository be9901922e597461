"""The one place that chains the stages:

request -> screen -> plan -> world -> sound + render -> watermark -> publish (screen, sign).

The CLI and (later) the job workers both call `generate`. Stages never print: progress goes
through `on_progress(stage, done, total)` and cancellation through `should_stop()`.
Nothing appears at `output` until every check passed: the clip is encoded to a hidden
temporary file beside it, screened, then signed into place atomically.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import IO

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from cinestra.config import Settings, get_settings
from cinestra.errors import CinestraError, EngineUnavailable
from cinestra.media import write_mp4
from cinestra.plan import Storyboard, plan_storyboard
from cinestra.provenance import (
    FrameMarker,
    KeysMissing,
    Manifest,
    SigningKeys,
    init_keys,
    load_signing_keys,
    mark_audio,
    new_video_id,
    payload_for,
    sign_mp4,
)
from cinestra.provenance.keys import keys_dir
from cinestra.render.compose import compose
from cinestra.render.engines import (
    RenderEngine,
    ShotInput,
    check_engine,
    engine_problem,
    open_engine,
)
from cinestra.request import VideoRequest, check_output
from cinestra.safety import (
    ModerationBlocked,
    Policy,
    Verdict,
    load_policy,
    screen_dialogue,
    screen_frames,
    screen_prompt,
)
from cinestra.safety.models import SubjectKind
from cinestra.safety.review import default_url, open_review_db, submit_for_review
from cinestra.sound import SAMPLE_RATE, Soundtrack, sound_clip, with_engine_sound
from cinestra.world import Timeline, simulate

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
STAGES = ("screen", "plan", "world", "sound", "render", "publish")
CONTINUITY_FRAMES = 8  # the last frames of a shot, handed to the next one's engine
SCREENED_FRAMES = 12  # output frames the NSFW screen looks at, spread over the clip


class Interrupted(CinestraError, RuntimeError):
    """`should_stop()` asked the pipeline to stop; nothing was published."""


@dataclass(frozen=True)
class GenerateResult:
    path: Path
    video_id: str
    storyboard: Storyboard
    timelines: list[Timeline]
    soundtrack: Soundtrack  # as published: with the audio watermark
    verdicts: list[Verdict]  # prompt, dialogue, frames: all "allow" when we get here
    warnings: list[str]
    # Wall seconds per stage; "render" counts drawing only, "watermark" the picture mark,
    # "encode" the H.264/AAC muxing, "publish" frame screening and C2PA signing.
    stage_seconds: dict[str, float] = field(default_factory=dict)


def _no_progress(stage: str, done: int, total: int) -> None:
    """Default progress sink: nothing to show."""


def _never_stop() -> bool:
    return False


def _warnings(storyboard: Storyboard, timelines: list[Timeline]) -> list[str]:
    notes = storyboard.understanding_notes()
    for timeline in timelines:  # what the previz world approximates or leaves out
        notes += [note for note in timeline.warnings if note not in notes]
    return notes


def _enforce(verdict: Verdict, *, settings: Settings, subject_kind: SubjectKind, subject_ref: str,
             text: str) -> Verdict:
    """Pass an "allow" verdict through; queue a "review" one for a human; refuse both others."""
    if verdict.decision == "allow":
        return verdict
    review_id = None
    if verdict.decision == "review":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with open_review_db(default_url(settings)) as db, Session(db) as session:
            item = submit_for_review(session=session, subject_kind=subject_kind,
                                     subject_ref=subject_ref, verdict=verdict, text=text)
            review_id = item.id
    raise ModerationBlocked(verdict, review_id=review_id)


def signing_keys(settings: Settings) -> SigningKeys:
    """The configured signing chain; on a machine with none, a local CA is made on first use
    (the operator's own chain, when set, is never replaced)."""
    try:
        return load_signing_keys(settings)
    except KeysMissing:
        if settings.c2pa_cert_chain is not None or settings.c2pa_private_key is not None:
            raise
    paths = init_keys(keys_dir(settings))
    logger.warning("created local C2PA signing keys in %s (`cinestra keys init`)",
                   paths.ca_cert.parent)
    return load_signing_keys(settings)


def _held(shots: list[Iterator[np.ndarray]], spill: IO[bytes], *, frame_counts: list[int],
          height: int, width: int) -> list[np.ndarray]:
    """Every shot's frames drawn and kept in `spill`, a file beside the output mapped into
    memory: a minute of 1080p is 9 GB, more than a worker should hold in RAM."""
    total = sum(frame_counts)
    store = np.memmap(spill, dtype=np.uint8, mode="w+", shape=(total, height, width, 3))
    held, start = [], 0
    for shot, count in zip(shots, frame_counts, strict=True):
        for index, frame in enumerate(shot):
            if index >= count:
                raise ValueError(f"the engine drew more than the shot's {count} frames")
            store[start + index] = frame
        held.append(store[start:start + count])
        start += count
    return held


def _hidden_temp(output: Path) -> Path:
    return output.with_name(f".{output.stem}.{secrets.token_hex(4)}.unsigned.mp4")


def generate(request: VideoRequest, *, output: Path, engine: RenderEngine | None = None,
             settings: Settings | None = None, handle: str = "", video_id: str | None = None,
             cameo_owners: Sequence[str] = (), on_progress: ProgressCallback | None = None,
             should_stop: Callable[[], bool] | None = None) -> GenerateResult:
    """Make the signed, watermarked MP4 for `request` at `output`.

    `handle` is the creator shown on the visible mark; `cameo_owners` the people whose cameo
    this request was granted (everyone else real is refused by screening). Raises
    `ModerationBlocked` when screening refuses or holds the prompt, dialogue or frames.
    """
    settings = settings or get_settings()
    progress = on_progress or _no_progress
    stop = should_stop or _never_stop
    video_id = video_id or new_video_id()
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    # 1. Check the output path and the engine, then screen the prompt before any compute
    output = check_output(output)
    requested = check_engine(request.engine)
    engine_name = engine.name if engine is not None else requested
    if engine is None and (problem := engine_problem(requested, settings)):
        raise EngineUnavailable(problem)  # missing weights: said before any compute
    progress("screen", 0, 1)
    policy: Policy = load_policy(settings.safety_policy)
    verdicts = [_enforce(screen_prompt(request.prompt, policy=policy, cameo_owners=cameo_owners),
                         settings=settings, subject_kind="prompt", subject_ref=video_id,
                         text=request.prompt)]
    progress("screen", 1, 1)
    seconds["screen"], clock = time.perf_counter() - clock, time.perf_counter()

    # 2. Plan, and screen the dialogue the plan will put in characters' mouths
    progress("plan", 0, 1)
    storyboard = plan_storyboard(request.prompt, seconds=request.seconds, seed=request.seed,
                                 settings=settings)
    if request.style is not None:  # the caller's choice of look wins over the prompt's
        storyboard = storyboard.with_look(request.style)
    lines = [cue.text for shot in storyboard.shots for cue in shot.cues if cue.kind == "dialogue"]
    if lines:
        verdicts.append(_enforce(screen_dialogue(lines, policy=policy, cameo_owners=cameo_owners),
                                 settings=settings, subject_kind="dialogue",
                                 subject_ref=video_id, text="\n".join(lines)))
    progress("plan", 1, 1)
    seconds["plan"], clock = time.perf_counter() - clock, time.perf_counter()

    # 3. Simulate each shot (the score runs on across cuts that name no music of their own)
    aspect = Fraction(request.width, request.height)
    clip_music = [cue for shot in storyboard.shots for cue in shot.cues if cue.kind == "music"]
    timelines: list[Timeline] = []
    for shot in storyboard.shots:
        if stop():
            raise Interrupted("stopped during simulation")
        timelines.append(simulate(shot, fps=request.fps, aspect=aspect, seed=request.seed,
                                  language=storyboard.language, clip_music=clip_music,
                                  previous=timelines[-1] if timelines else None))
        progress("world", len(timelines), len(storyboard.shots))
    notes = _warnings(storyboard, timelines)
    for note in notes:
        logger.info(note)  # returned in GenerateResult.warnings; the CLI prints them
    seconds["world"], clock = time.perf_counter() - clock, time.perf_counter()

    # 4. Sound each shot (placed from the same events the picture shows): voice the lines
    #    and hand their visemes to the picture, mix and level the clip
    clip_sound = sound_clip(timelines, on_shot=lambda done, total: progress("sound", done, total))
    timelines = [timeline.model_copy(update={"visemes": visemes})
                 for timeline, visemes in zip(timelines, clip_sound.visemes, strict=True)]
    seconds["sound"], clock = time.perf_counter() - clock, time.perf_counter()

    # 5. Render, watermark and encode, streamed: frames reach the encoder as they are drawn
    #    (an engine that makes sound draws every shot first: its sound joins ours before
    #    the soundtrack is marked and encoded)
    payload = payload_for(video_id)
    total_frames = sum(timeline.frame_count for timeline in timelines)
    screened_at = set(np.linspace(0, total_frames - 1, SCREENED_FRAMES).round().astype(int))
    screened: list[np.ndarray] = []
    spent = {"render": 0.0, "watermark": 0.0}
    recent: deque[np.ndarray] = deque(maxlen=CONTINUITY_FRAMES)  # the last shot's end

    def drawn(renderer: RenderEngine, index: int) -> Iterator[np.ndarray]:
        """Shot `index`'s frames, timed, stopping between frames when asked; the shot is
        asked for only when its first frame is, so it sees the end of the shot before."""
        timeline = timelines[index]
        started = time.perf_counter()
        shot = renderer.render_shot(ShotInput(shot=storyboard.shots[index], timeline=timeline,
                                              seed=request.seed, previous=tuple(recent)))
        spent["render"] += time.perf_counter() - started
        recent.clear()
        count = 0
        while True:
            if stop():
                raise Interrupted("stopped during rendering")
            started = time.perf_counter()
            frame = next(shot.frames, None)
            spent["render"] += time.perf_counter() - started
            if frame is None:
                break
            count += 1
            recent.append(frame)
            yield frame
        if count != timeline.frame_count:
            raise ValueError(f"engine {renderer.name} drew {count} frames for shot {index + 1}, "
                             f"which has {timeline.frame_count}")
        notes.extend(note for note in shot.notes if note not in notes)
        sounds.append(shot.sound)

    def frames(shots: list[Iterator[np.ndarray]], marker: FrameMarker) -> Iterator[np.ndarray]:
        # Shots joined by their transitions (cut, crossfade, whip pan), then marked.
        joined = zip(shots, (timeline.transition for timeline in timelines), strict=True)
        for index, frame in enumerate(compose(joined, fps=request.fps)):
            started = time.perf_counter()
            frame = marker.mark(frame, index)
            spent["watermark"] += time.perf_counter() - started
            if index in screened_at:
                screened.append(frame)
            yield frame
            progress("render", index + 1, total_frames)

    sounds: list[NDArray[np.float32] | None] = []
    unsigned = _hidden_temp(output)
    try:
        with ExitStack() as stack:
            renderer = engine or stack.enter_context(open_engine(
                requested, width=request.width, height=request.height, settings=settings))
            shots = [drawn(renderer, index) for index in range(len(timelines))]
            soundtrack = clip_sound.soundtrack
            if renderer.makes_sound:  # whole shots first: their sound comes with them
                spill = stack.enter_context(tempfile.TemporaryFile(dir=unsigned.parent))
                held = _held(shots, spill, frame_counts=[t.frame_count for t in timelines],
                             height=request.height, width=request.width)
                shots = [iter(shot) for shot in held]
                shot_samples = [t.frame_count * SAMPLE_RATE // request.fps for t in timelines]
                soundtrack = with_engine_sound(soundtrack, sounds, shot_samples,
                                               mode=settings.engine_sound)
            soundtrack = mark_audio(soundtrack, payload)
            with FrameMarker(payload, width=request.width, height=request.height,
                             fps=request.fps, handle=handle,
                             visible=settings.visible_watermark) as marker:
                write_mp4(unsigned, frames=frames(shots, marker), fps=request.fps,
                          width=request.width, height=request.height, soundtrack=soundtrack)
        elapsed = time.perf_counter() - clock
        seconds.update(spent)
        seconds["encode"] = elapsed - spent["render"] - spent["watermark"]
        clock = time.perf_counter()

        # 6. Publish: screen what was drawn, sign the C2PA manifest, move into place
        if stop():
            raise Interrupted("stopped before publishing")
        progress("publish", 0, 2)
        verdicts.append(_enforce(screen_frames(screened, policy=policy), settings=settings,
                                 subject_kind="frames", subject_ref=video_id,
                                 text=request.prompt))
        progress("publish", 1, 2)
        manifest = Manifest(video_id=video_id, prompt=request.prompt, engine=engine_name,
                            title=output.name)
        sign_mp4(unsigned, output, manifest=manifest, signer=signing_keys(settings))
        progress("publish", 2, 2)
    finally:
        unsigned.unlink(missing_ok=True)
    seconds["publish"] = time.perf_counter() - clock
    return GenerateResult(path=output, video_id=video_id, storyboard=storyboard,
                          timelines=timelines, soundtrack=soundtrack, verdicts=verdicts,
                          warnings=notes, stage_seconds=seconds)

