"""End to end through the MP4: impacts and words are heard when the Timeline says, over
music, ambience and reverb, and the published audio keeps the loudness targets."""

from __future__ import annotations

import logging
from fractions import Fraction
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from scipy import signal

from cinestra.media import read_mp4
from cinestra.plan import make_storyboard
from cinestra.world import Timeline, simulate
from tests.test_generate import run_cli
from tests.utils.audio import onset_times

# Rock: the score with the sharpest drums, the hardest to hear a hit through.
PROMPT = ("Shot 1 (3s): a red rubber ball bounces on a wooden floor, rock music. "
          'Shot 2 (4s): in a jazz club, a woman says "Where were you last night?" '
          'A man replies "The train was late again."')
SECONDS, FPS, SIZE = 7, 24, (640, 360)
SEPARATE_S = 0.03  # impacts closer than this to the previous one are heard as one

log = logging.getLogger(__name__)  # measured numbers: pytest --log-cli-level=INFO


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sync") / "ball.mp4"
    result = run_cli("generate", PROMPT, "--seconds", str(SECONDS), "--size",
                     f"{SIZE[0]}x{SIZE[1]}", "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def timelines() -> list[tuple[Fraction, Timeline]]:
    """(shot start, Timeline) as the pipeline simulated them."""
    board = make_storyboard(PROMPT, seconds=Fraction(SECONDS), seed=0)
    music = [cue for shot in board.shots for cue in shot.cues if cue.kind == "music"]
    return [(shot.start, simulate(shot, fps=FPS, aspect=Fraction(*SIZE), seed=0,
                                  language=board.language, clip_music=music))
            for shot in board.shots]


def speech_onset(audio: np.ndarray, *, expected: float, rate: int) -> float:
    """Where the voice band (250 Hz-4 kHz) first rises 15 dB over the bed just before it
    (the 100 ms before the search window), searching from 50 ms before `expected` to
    100 ms after; 2 ms resolution."""
    sos = signal.butter(4, (250.0, 4000.0), btype="band", fs=rate, output="sos")
    band = signal.sosfilt(sos, audio.mean(axis=1))
    hop = round(0.002 * rate)
    first, last = round((expected - 0.05) * rate), round((expected + 0.1) * rate)
    background = band[first - round(0.1 * rate) : first]
    floor = float(np.sqrt(np.mean(background**2)))
    for start in range(first, last, hop):
        if np.sqrt(np.mean(band[start : start + hop] ** 2)) > floor * 10 ** (15 / 20):
            return start / rate
    return float("inf")


def test_every_impact_and_line_is_heard_on_time(
        clip: Path, timelines: list[tuple[Fraction, Timeline]]) -> None:
    decoded = read_mp4(clip)
    onsets = np.array(onset_times(decoded.audio, decoded.sample_rate, min_gap_s=0.02))
    impacts = [float(start + impact.time) for start, timeline in timelines
               for impact in timeline.impacts]
    separate = [t for k, t in enumerate(impacts) if k == 0 or t - impacts[k - 1] >= SEPARATE_S]
    assert len(separate) >= 4
    errors = [float(np.min(np.abs(onsets - t))) for t in separate]
    log.info("impact onset errors (ms): %s", " ".join(f"{e * 1e3:.1f}" for e in errors))
    assert max(errors) <= 0.010

    lines = [float(start + line.start) for start, timeline in timelines
             for line in timeline.dialogue]
    assert len(lines) == 2
    for expected in lines:
        error = speech_onset(decoded.audio, expected=expected, rate=decoded.sample_rate) - expected
        log.info("%s", f"speech onset error at {expected:.3f} s: {error * 1e3:.1f} ms")
        assert abs(error) <= 0.020


def test_published_audio_meets_loudness_and_true_peak(clip: Path) -> None:
    audio = read_mp4(clip).audio.astype(np.float64)
    loudness = pyloudnorm.Meter(48_000).integrated_loudness(audio)
    peak = float(20 * np.log10(np.abs(signal.resample_poly(audio, 4, 1, axis=0)).max()))
    log.info("%s", f"MP4 audio: {loudness:.2f} LUFS, {peak:.2f} dBTP")
    assert abs(loudness - -14.0) <= 1.0
    assert peak <= -1.0
