"""Time `cinestra generate` per stage for 10 s clips; median of 3 runs per size.

Prints one row per size: wall seconds per stage, total, and the ratio to real time
(total / clip length; below 1.0 is faster than real time). The 640x360 row is the baseline
the 1280x720 row is compared with, both measured in this same run. "mark %" is what the
picture and sound watermarks add to the rest of the generation (issue target: <= 25%).
"peak GiB" is the process's peak resident memory so far (target: <= 3 GiB). Targets for
the 1280x720 row: <= 20 s for 10 s of video on 2 cores (real time is the product goal).

    .venv/bin/python -m bench.generate [--runs 3] [--seconds 10] [--sizes 640x360 1280x720]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from cinestra.pipeline import generate
from cinestra.render.previz import PrevizEngine
from cinestra.request import check_request

# The benchmark scene: a rigged elephant and its saxophone, a dressed club, haze.
PROMPT = "an elephant playing saxophone in a smoky New York jazz club"
STAGES = ("screen", "plan", "world", "sound", "render", "watermark", "encode", "publish")


def run_once(size: str, seconds: int, folder: Path) -> dict[str, float]:
    request = check_request(prompt=PROMPT, seconds=seconds, size=size, fps=24, seed=0)
    started = time.perf_counter()
    with PrevizEngine(width=request.width, height=request.height) as engine:
        setup = time.perf_counter() - started
        result = generate(request, output=folder / f"bench-{size}.mp4", engine=engine)
    times = dict(result.stage_seconds)
    times["gl setup"] = setup
    times["total"] = time.perf_counter() - started
    return times


def peak_gib() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--sizes", nargs="+", default=["640x360", "1280x720"],
                        help="sizes to time, in order; the first is the baseline row")
    args = parser.parse_args()
    columns = ("gl setup", *STAGES, "total")
    print(f"{'size':>9} " + " ".join(f"{c:>9}" for c in columns)
          + "  x real time  vs 640x360  mark %  peak GiB")
    baseline = None
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            runs = [run_once(size, args.seconds, Path(folder)) for _ in range(args.runs)]
            median = {c: statistics.median(run[c] for run in runs) for c in columns}
            realtime = median["total"] / args.seconds
            baseline = baseline or median["total"]
            overhead = 100 * median["watermark"] / (median["total"] - median["watermark"])
            print(f"{size:>9} " + " ".join(f"{median[c]:9.2f}" for c in columns)
                  + f"  {realtime:11.2f}  {median['total'] / baseline:9.2f}  {overhead:6.1f}"
                  + f"  {peak_gib():8.2f}")
    print(f"(seconds, median of {args.runs} runs, {args.seconds} s clips at 24 fps)")


if __name__ == "__main__":
    main()
