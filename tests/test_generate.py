"""End to end, as a user runs it: the CLI writes an MP4 whose sound lines up with the picture."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from cinestra.media import read_mp4
from cinestra.plan import make_storyboard
from cinestra.world import Timeline, simulate
from tests.utils.audio import onset_times

PROMPT = "a ball bouncing on a wet floor"
FPS = 24


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cinestra", *args], capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clip") / "ball.mp4"
    result = run_cli("generate", PROMPT, "--seconds", "4", "--size", "640x360", "-o", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(path)
    return path


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    """The same Timeline the CLI simulated: same prompt, seed, fps and aspect."""
    board = make_storyboard(PROMPT, seconds=Fraction(4), seed=0)
    return simulate(board.shots[0], fps=FPS, aspect=Fraction(640, 360), seed=0)


def test_mp4_has_requested_size_length_fps_and_stereo_48k_aac(clip: Path) -> None:
    decoded = read_mp4(clip)
    n, height, width, channels = decoded.frames.shape
    assert (width, height, channels) == (640, 360, 3)
    assert decoded.fps == FPS
    assert abs(n - 4 * FPS) <= 1
    assert decoded.video_codec == "h264" and decoded.audio_codec == "aac"
    assert decoded.sample_rate == 48_000 and decoded.audio.shape[1] == 2
    audio_seconds = len(decoded.audio) / decoded.sample_rate
    assert abs(audio_seconds - n / FPS) <= 1 / FPS


def test_every_impact_is_heard_within_10_ms(clip: Path, timeline: Timeline) -> None:
    decoded = read_mp4(clip)
    onsets = np.array(onset_times(decoded.audio, decoded.sample_rate))
    assert len(timeline.impacts) >= 4
    for impact in timeline.impacts:
        error = np.min(np.abs(onsets - float(impact.time)))
        assert error <= 0.010, f"impact at {float(impact.time):.3f} s is {error * 1e3:.1f} ms off"
    # Nothing is heard where nothing hits: every onset belongs to an impact.
    times = np.array([float(impact.time) for impact in timeline.impacts])
    assert all(np.min(np.abs(times - onset)) <= 0.010 for onset in onsets)


def ball_top_rows(frames: np.ndarray) -> np.ndarray:
    """Screen row of the top of the red ball in each frame (its reflection lies below it)."""
    rgb = frames.astype(np.int16)
    red = (rgb[..., 0] > 90) & (rgb[..., 0] > 2 * rgb[..., 1]) & (rgb[..., 0] > 2 * rgb[..., 2])
    rows = []
    for mask in red:
        counts = mask.sum(axis=1)
        visible = np.flatnonzero(counts >= 3)
        assert visible.size, "the ball is not visible in a frame"
        rows.append(visible[0])
    return np.array(rows, dtype=float)


def test_ball_reverses_on_screen_within_one_frame_of_each_impact(
        clip: Path, timeline: Timeline) -> None:
    rows = ball_top_rows(read_mp4(clip).frames)
    # The ball is lowest on screen (largest row) where it turns from falling to rising.
    turns = [i for i in range(1, len(rows) - 1)
             if rows[i] >= rows[i - 1] and rows[i] > rows[i + 1] and rows[i] - rows.min() > 2]
    assert turns
    floor_hits = [i for i in timeline.impacts if "floor" in (i.body_a, i.body_b)]
    for impact in floor_hits:
        if impact.speed < 1.0:
            continue  # a bounce under 5 cm is too small to see turn on a 360-row frame
        frame = float(impact.time) * FPS
        nearest = min(turns, key=lambda turn: abs(turn - frame))
        assert abs(nearest - frame) <= 1, f"impact at frame {frame:.2f}, turn at {nearest}"
