"""Time the sound stage for a 60 s clip: dialogue, foley, ambience and music.

Simulates a four-shot storyboard once (the world stage is not timed), then builds the
soundtrack two ways and prints a row for each: "one thread" (the baseline: voice the lines,
mix each shot, master the clip, each step timed) and "sound_clip" (what the pipeline runs:
shots on two threads, then mastering; its steps overlap, so only totals are shown). Wall
seconds, the CPU seconds the process used (all its threads; on a busy machine the wall
time also counts other processes' turns), and the ratio to the baseline, median of 3 runs
(target: total <= 3 s on 2 cores). The first, untimed, run loads the voice model; the note
caches are emptied before every run.

    .venv/bin/python -m bench.sound [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from fractions import Fraction

from cinestra.plan import make_storyboard
from cinestra.sound import Soundtrack, instruments, master, mix, sound_clip, speak
from cinestra.world import Timeline, simulate

PROMPT = (
    'Shot 1 (15s): in a jazz club at night, a woman says "Where were you last night?" '
    'A man replies "I was at the station, waiting for you." Jazz music. '
    "Shot 2 (15s): three red rubber balls bounce on a wooden floor. "
    'The woman says "You could have called me." '
    "Shot 3 (15s): a man walks in the street in the rain. "
    'He says "I know. My phone was dead." '
    'Shot 4 (15s): two glasses fall on a table. The woman says "Let us go home."'
)
STEPS = ("speech", "mix", "master", "total", "cpu")


def timelines() -> list[Timeline]:
    board = make_storyboard(PROMPT, seconds=Fraction(60), seed=0)
    music = [cue for shot in board.shots for cue in shot.cues if cue.kind == "music"]
    return [simulate(shot, fps=24, aspect=Fraction(16, 9), seed=0, language=board.language,
                     clip_music=music) for shot in board.shots]


def one_thread(shots: list[Timeline]) -> dict[str, float]:
    """The baseline: each step in turn on one thread, timed step by step."""
    instruments.clear_cache()  # every run synthesises its notes afresh
    times = dict.fromkeys(STEPS, 0.0)
    started, cpu = time.perf_counter(), time.process_time()
    parts = []
    for timeline in shots:
        clock = time.perf_counter()
        speech = speak(timeline)
        times["speech"] += time.perf_counter() - clock
        clock = time.perf_counter()
        parts.append(mix(timeline, speech=speech))
        times["mix"] += time.perf_counter() - clock
    clock = time.perf_counter()
    master(Soundtrack.concat(parts))
    times["master"] = time.perf_counter() - clock
    times["total"] = time.perf_counter() - started
    times["cpu"] = time.process_time() - cpu  # all threads: the wall time on a quiet machine
    return times


def as_pipeline(shots: list[Timeline]) -> dict[str, float]:
    """What the pipeline runs: `sound_clip` (shots on two threads, then mastering)."""
    instruments.clear_cache()
    started, cpu = time.perf_counter(), time.process_time()
    sound_clip(shots)
    times = dict.fromkeys(STEPS, float("nan"))  # the steps overlap: only totals mean much
    times["total"] = time.perf_counter() - started
    times["cpu"] = time.process_time() - cpu
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shots = timelines()
    seconds = float(sum(timeline.duration for timeline in shots))
    lines = sum(len(timeline.dialogue) for timeline in shots)
    impacts = sum(len(timeline.impacts) for timeline in shots)
    steps = sum(len(timeline.footsteps) for timeline in shots)
    one_thread(shots)  # loads the voice model
    print(f"{'how':>11} {'clip':>5} {'lines':>6} {'impacts':>8} {'steps':>6} "
          + " ".join(f"{step:>7}" for step in STEPS) + "  x real time  vs one thread")
    baseline = 0.0
    for name, build in (("one thread", one_thread), ("sound_clip", as_pipeline)):
        runs = [build(shots) for _ in range(args.runs)]
        median = {step: statistics.median(run[step] for run in runs) for step in STEPS}
        baseline = baseline or median["total"]
        print(f"{name:>11} {seconds:4.0f}s {lines:6d} {impacts:8d} {steps:6d} "
              + " ".join(f"{median[step]:7.2f}" if median[step] == median[step] else
                         f"{'-':>7}" for step in STEPS)  # nan: a step not timed alone
              + f"  {median['total'] / seconds:11.3f}  {median['total'] / baseline:12.2f}")
    print(f"(seconds, median of {args.runs} runs)")


if __name__ == "__main__":
    main()
