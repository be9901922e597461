"""The whole clip's sound: every shot voiced and mixed, two shots at a time, then mastered.

Shots are independent until mastering (each has its own seeds, lines and events), so
they run on a small thread pool: the heavy parts (onnxruntime's voice, WORLD, scipy's
filters, numpy's array work) release the GIL, and a 60 s soundtrack is built in about two
thirds of the time one thread takes on two cores (bench.sound).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from cinestra.sound.mastering import master
from cinestra.sound.mixer import mix
from cinestra.sound.soundtrack import Soundtrack
from cinestra.sound.speech import speak
from cinestra.world.timeline import Timeline, Viseme

SHOT_THREADS = 2


@dataclass(frozen=True)
class ClipSound:
    soundtrack: Soundtrack  # mastered (-14 LUFS, true peak under -1 dBTP), not yet marked
    visemes: list[list[Viseme]]  # per shot: the mouth shapes its lines need, for lip sync


def _shot(timeline: Timeline) -> tuple[list[Viseme], Soundtrack]:
    speech = speak(timeline)
    return speech.visemes, mix(timeline, speech=speech)


def _no_progress(done: int, total: int) -> None:
    """Default progress sink: nothing to show."""


def sound_clip(timelines: Sequence[Timeline], *,
               on_shot: Callable[[int, int], None] = _no_progress) -> ClipSound:
    """Voice, mix and master `timelines` (the clip's shots, in order); `on_shot(done,
    total)` after each shot. The result does not depend on the thread count."""
    if not timelines:
        raise ValueError("a clip has at least one shot")
    with ThreadPoolExecutor(max_workers=min(SHOT_THREADS, len(timelines)),
                            thread_name_prefix="cinestra-sound") as pool:
        futures = [pool.submit(_shot, timeline) for timeline in timelines]
        shots = []
        for future in futures:  # in shot order; an error in any shot is raised here
            shots.append(future.result())
            on_shot(len(shots), len(timelines))
    visemes = [shot_visemes for shot_visemes, _ in shots]
    soundtrack = master(Soundtrack.concat([part for _, part in shots]))
    return ClipSound(soundtrack=soundtrack, visemes=visemes)
