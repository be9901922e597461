"""Time the previz renderer on a busy synthetic set: ~200 static boxes and 4 characters of
30 animated parts each, 48 frames at 1280x720 (llvmpipe on this machine).

Prints one row per engine: the baseline (the renderer as it was before instanced drawing,
loaded from git at `--baseline-ref` into a private package) and the current one, each the
median of `--runs` timed passes after one untimed warm-up frame.

    .venv/bin/python -m bench.render [--runs 1] [--frames 48] [--size 1280x720]
"""

from __future__ import annotations

import argparse
import importlib
import math
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import numpy as np

from cinestra.world.timeline import (
    Body,
    CameraKey,
    Environment,
    Pose,
    Shape,
    Timeline,
    Track,
    Vec3,
)

BASELINE_REF = "4e5e181"  # the last commit before instanced drawing
PACKAGE = "src/cinestra/render/previz"
PARTS: list[tuple[str, Shape, Vec3, Vec3]] = [  # (kind, shape, size, offset from the hips)
    ("torso", "box", (0.16, 0.1, 0.25), (0.0, 0.0, 0.35)),
    ("head", "sphere", (0.11, 0.11, 0.12), (0.0, 0.0, 0.75)),
    ("mouth", "sphere", (0.03, 0.01, 0.015), (0.0, -0.1, 0.7)),
    ("eye_l", "sphere", (0.02, 0.02, 0.02), (-0.04, -0.1, 0.78)),
    ("eye_r", "sphere", (0.02, 0.02, 0.02), (0.04, -0.1, 0.78)),
    ("hat", "cylinder", (0.1, 0.1, 0.1), (0.0, 0.0, 0.95)),
]
LIMBS = 24  # plus limb segments (cylinders) to reach 30 parts per character


def _character(name: str, *, start: Vec3, frames: int, colour: Vec3
               ) -> tuple[list[Body], list[Track]]:
    parts = list(PARTS)
    for index in range(LIMBS):
        side = -1.0 if index % 2 else 1.0
        height = 0.3 - 0.05 * (index // 2)
        parts.append((f"limb_{index}", "cylinder", (0.04, 0.04, 0.06), (side * 0.22, 0.0, height)))
    bodies: list[Body] = []
    tracks: list[Track] = []
    for kind, shape, size, offset in parts:
        body_id = f"{name}:{kind}"
        poses = []
        for frame in range(frames):
            t = frame / 24.0
            swing = 0.05 * math.sin(6.0 * t + offset[2] * 10.0)
            angle = 0.3 * math.sin(4.0 * t)
            pos = (start[0] + 0.6 * t + offset[0] + swing, start[1] + offset[1],
                   start[2] + 0.9 + offset[2])
            poses.append(Pose(pos=pos, quat=(math.cos(angle / 2), 0.0, 0.0, math.sin(angle / 2))))
        bodies.append(Body(id=body_id, kind=kind, shape=shape, size=size, color=colour,
                           material="cloth", mass=0.0, static=False, pose=poses[0],
                           subject=name, animated=True))
        tracks.append(Track(body=body_id, poses=poses))
    return bodies, tracks


def busy_timeline(*, frames: int = 48, boxes: int = 200) -> Timeline:
    """A street: floor, `boxes` static boxes (buildings, crates, lamp posts), 4 characters."""
    rng = np.random.default_rng(0)
    bodies = [Body(id="floor", kind="floor", shape="plane", size=(40.0, 40.0, 0.0),
                   color=(0.4, 0.4, 0.42), material="asphalt", mass=0.0, static=True,
                   pose=Pose(pos=(0.0, 0.0, 0.0)))]
    for index in range(boxes):
        x, y = rng.uniform(-20.0, 20.0), rng.uniform(2.0, 30.0) * rng.choice([-1.0, 1.0])
        half = (float(rng.uniform(0.2, 2.0)), float(rng.uniform(0.2, 2.0)),
                float(rng.uniform(0.2, 4.0)))
        colour = tuple(float(c) for c in rng.uniform(0.2, 0.8, 3))
        bodies.append(Body(id=f"box_{index}", kind="building", shape="box", size=half,
                           color=(colour[0], colour[1], colour[2]), material="concrete",
                           mass=0.0, static=True, pose=Pose(pos=(x, y, half[2]))))
    tracks: list[Track] = []
    for index in range(4):
        colour = ((0.8, 0.2, 0.2), (0.2, 0.6, 0.8), (0.9, 0.8, 0.2), (0.3, 0.8, 0.3))[index]
        more_bodies, more_tracks = _character(
            f"person_{index + 1}", start=(-1.5 + index, -0.5 + 0.4 * index, 0.0), frames=frames,
            colour=colour)
        bodies += more_bodies
        tracks += more_tracks
    camera = [CameraKey(position=(0.5 + 0.02 * f, -7.0, 2.2), target=(0.5 + 0.02 * f, 0.0, 1.0),
                        fov_deg=45.0) for f in range(frames)]
    return Timeline(
        shot_index=0, fps=24, frame_count=frames, duration=Fraction(frames, 24),
        time_scale=Fraction(1),
        environment=Environment(place="street", time_of_day="afternoon", indoor=False,
                                wet=False, look="cinematic"),
        bodies=bodies, tracks=tracks, camera=camera, impacts=[],
    )


def baseline_package(ref: str, into: Path) -> ModuleType:
    """The previz package as it was at `ref`, importable as `previz_baseline`."""
    root = Path(__file__).resolve().parents[1]
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{ref}:{PACKAGE}"], cwd=root,
                           check=True, capture_output=True, text=True).stdout.split()
    package = into / "previz_baseline"
    package.mkdir()
    for name in names:
        source = subprocess.run(["git", "show", f"{ref}:{PACKAGE}/{name}"], cwd=root,
                                check=True, capture_output=True, text=True).stdout
        (package / name).write_text(source.replace("cinestra.render.previz", "previz_baseline"))
    sys.path.insert(0, str(into))
    return importlib.import_module("previz_baseline")


def frames_per_second(engine_class: type, timeline: Timeline, *, width: int, height: int,
                      runs: int) -> float:
    with engine_class(width=width, height=height) as engine:
        next(iter(engine.render(timeline)))  # warm-up: shader compilation, first upload
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            for _frame in engine.render(timeline):
                pass
            times.append(time.perf_counter() - start)
    return timeline.frame_count / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--frames", type=int, default=48)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    width, height = (int(value) for value in args.size.split("x"))
    timeline = busy_timeline(frames=args.frames)
    from cinestra.render.previz import PrevizEngine

    rows: list[tuple[str, float]] = []
    if not args.no_baseline:
        with tempfile.TemporaryDirectory() as folder:
            old = baseline_package(args.baseline_ref, Path(folder))
            rows.append((f"baseline ({args.baseline_ref})", frames_per_second(
                old.PrevizEngine, timeline, width=width, height=height, runs=args.runs)))
    rows.append(("current", frames_per_second(
        PrevizEngine, timeline, width=width, height=height, runs=args.runs)))
    bodies = len(timeline.bodies)
    print(f"{bodies} bodies, {timeline.frame_count} frames at {width}x{height}")
    print(f"{'engine':<22} {'frames/s':>9} {'x baseline':>11}")
    for name, fps in rows:
        print(f"{name:<22} {fps:9.1f} {fps / rows[0][1]:11.2f}")


if __name__ == "__main__":
    main()
