"""media.write_mp4 / read_mp4: real H.264 + AAC encodes, decoded back."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from cinestra.errors import InvalidRequest, OutputError
from cinestra.media import read_mp4, write_mp4
from cinestra.sound import SAMPLE_RATE, Soundtrack, mix, sample_index
from tests.utils.audio import onset_times
from tests.utils.timelines import make_impact, make_timeline

WIDTH, HEIGHT, FPS = 64, 48, 24


def _frames(count: int) -> Iterator[np.ndarray]:
    """A moving gradient, so the encoder has something to do."""
    ramp = np.linspace(0, 255, WIDTH, dtype=np.float64)
    for index in range(count):
        frame = np.empty((HEIGHT, WIDTH, 3), dtype=np.uint8)
        frame[..., 0] = np.roll(ramp, index).astype(np.uint8)
        frame[..., 1] = 128
        frame[..., 2] = (index * 10) % 256
        yield frame


def _silence(frames: int) -> Soundtrack:
    return Soundtrack.silence(Fraction(frames, FPS))


def test_round_trip_keeps_size_frames_rate_and_codecs(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    done: list[int] = []

    result = write_mp4(
        path,
        frames=_frames(36),
        fps=FPS,
        width=WIDTH,
        height=HEIGHT,
        soundtrack=_silence(36),
        on_frame=done.append,
    )
    clip = read_mp4(result)

    assert result == path
    assert os.listdir(tmp_path) == ["clip.mp4"]
    assert done == list(range(1, 37))
    assert clip.frames.shape == (36, HEIGHT, WIDTH, 3)
    assert clip.frames.dtype == np.uint8
    assert clip.fps == Fraction(FPS)
    assert clip.duration == Fraction(36, FPS)
    assert clip.video_codec == "h264"
    assert clip.audio_codec == "aac"
    assert clip.sample_rate == 48000
    assert clip.audio.shape == (sample_index(Fraction(36, FPS)), 2)
    assert clip.audio.dtype == np.float32
    first = next(_frames(1)).astype(np.float64)
    assert np.abs(clip.frames[0].astype(np.float64) - first).mean() < 6.0


def test_click_at_sample_k_decodes_at_sample_k(tmp_path: Path) -> None:
    samples = np.zeros((2 * SAMPLE_RATE, 2), dtype=np.float32)
    clicks = [4800, 30000, 50001, 70007]
    for k in clicks:
        samples[k : k + 5] = 0.8
    path = write_mp4(
        tmp_path / "clicks.mp4",
        frames=_frames(2 * FPS),
        fps=FPS,
        width=WIDTH,
        height=HEIGHT,
        soundtrack=Soundtrack(samples=samples),
    )
    decoded = np.abs(read_mp4(path).audio[:, 0])
    for k in clicks:
        window = decoded[k - 2400 : k + 2400]
        found = k - 2400 + int(np.argmax(window > 0.2))
        assert abs(found - k) <= 48  # 1 ms: AAC priming is compensated


@pytest.mark.parametrize(("count", "fps"), [(31, 30), (14, 7), (25, 24)])
def test_audio_length_is_exact_for_any_frame_count(tmp_path: Path, count: int, fps: int) -> None:
    # 31 frames at 30 fps last 1.0333... s: not a whole number of milliseconds.
    path = write_mp4(
        tmp_path / "length.mp4",
        frames=_frames(count),
        fps=fps,
        width=WIDTH,
        height=HEIGHT,
        soundtrack=Soundtrack.silence(Fraction(count, fps)),
    )
    clip = read_mp4(path)
    assert len(clip.frames) == count
    assert clip.fps == fps
    assert len(clip.audio) == sample_index(Fraction(count, fps))


def test_impact_onsets_survive_the_round_trip_within_10_ms(tmp_path: Path) -> None:
    times = [Fraction(1, 4), Fraction(2, 3), Fraction(1003, 1000), Fraction(7, 5)]
    materials = ["rubber", "wood", "stone", "plastic"]
    impacts = [make_impact(t, material_a=m) for t, m in zip(times, materials, strict=True)]
    timeline = make_timeline(impacts)
    path = write_mp4(
        tmp_path / "bounces.mp4",
        frames=_frames(timeline.frame_count),
        fps=timeline.fps,
        width=WIDTH,
        height=HEIGHT,
        soundtrack=mix(timeline),
    )
    clip = read_mp4(path)

    onsets = onset_times(clip.audio, clip.sample_rate)

    assert len(onsets) == len(impacts)
    for onset, impact in zip(onsets, impacts, strict=True):
        assert abs(onset - float(impact.time)) <= 0.010


@pytest.mark.parametrize("seconds", [Fraction(1), Fraction(3)])
def test_audio_is_fitted_to_the_video_with_a_warning(
    tmp_path: Path, seconds: Fraction, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="cinestra.media"):
        path = write_mp4(
            tmp_path / "fit.mp4",
            frames=_frames(48),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=Soundtrack.silence(seconds),
        )
    assert "padded with silence or trimmed" in caplog.text
    assert read_mp4(path).audio.shape == (2 * SAMPLE_RATE, 2)


def test_matching_audio_gives_no_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="cinestra.media"):
        write_mp4(
            tmp_path / "ok.mp4",
            frames=_frames(12),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(12),
        )
    assert caplog.records == []


def test_frames_that_fail_midway_leave_no_file(tmp_path: Path) -> None:
    def failing() -> Iterator[np.ndarray]:
        yield from _frames(5)
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError, match="renderer crashed"):
        write_mp4(
            tmp_path / "partial.mp4",
            frames=failing(),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(12),
        )
    assert os.listdir(tmp_path) == []


def test_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"previous version")

    with pytest.raises(ValueError, match=r"\(10, 10, 3\)"):
        write_mp4(
            path,
            frames=[np.zeros((10, 10, 3), dtype=np.uint8)],
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(1),
        )
    assert path.read_bytes() == b"previous version"
    assert os.listdir(tmp_path) == ["clip.mp4"]


@pytest.mark.parametrize(
    ("fps", "width", "height", "field"),
    [(FPS, 63, HEIGHT, "width"), (FPS, WIDTH, 0, "height"), (0, WIDTH, HEIGHT, "fps")],
)
def test_bad_arguments_are_refused(
    tmp_path: Path, fps: int, width: int, height: int, field: str
) -> None:
    with pytest.raises(InvalidRequest, match=field):
        write_mp4(
            tmp_path / "x.mp4",
            frames=_frames(1),
            fps=fps,
            width=width,
            height=height,
            soundtrack=_silence(1),
        )
    assert os.listdir(tmp_path) == []


def test_unknown_preset_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequest, match="preset"):
        write_mp4(
            tmp_path / "x.mp4",
            frames=_frames(1),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(1),
            preset="warp-speed",
        )


def test_negative_threads_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequest, match="threads"):
        write_mp4(tmp_path / "x.mp4", frames=_frames(1), fps=FPS, width=WIDTH, height=HEIGHT,
                  soundtrack=_silence(1), threads=-1)


def test_one_x264_thread_encodes_the_same_picture(tmp_path: Path) -> None:
    clip = read_mp4(write_mp4(tmp_path / "one.mp4", frames=_frames(12), fps=FPS, width=WIDTH,
                              height=HEIGHT, soundtrack=_silence(12), threads=1))
    for decoded, original in zip(clip.frames, _frames(12), strict=True):
        assert np.abs(decoded.astype(np.float64) - original).mean() < 6.0


def test_a_frame_buffer_the_caller_reuses_is_encoded_as_it_was_given(tmp_path: Path) -> None:
    # Frames are encoded in a background thread, a few frames behind: each must be taken
    # as it was when handed over, although the caller then overwrites the same array.
    def reused(count: int) -> Iterator[np.ndarray]:
        buffer = np.empty((HEIGHT, WIDTH, 3), dtype=np.uint8)
        for index in range(count):
            buffer[...] = (index * 20) % 256
            yield buffer

    clip = read_mp4(write_mp4(tmp_path / "reused.mp4", frames=reused(12), fps=FPS,
                              width=WIDTH, height=HEIGHT, soundtrack=_silence(12)))
    levels = [float(frame.astype(np.float64).mean()) for frame in clip.frames]
    assert levels == pytest.approx([(index * 20) % 256 for index in range(12)], abs=4.0)


def test_missing_directory_raises_output_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "clip.mp4"
    with pytest.raises(OutputError, match=r"clip\.mp4"):
        write_mp4(
            target,
            frames=_frames(2),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(2),
        )


def test_unwritable_directory_raises_output_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running with privileges that ignore directory permissions")
        with pytest.raises(OutputError, match=r"clip\.mp4") as raised:
            write_mp4(
                locked / "clip.mp4",
                frames=_frames(2),
                fps=FPS,
                width=WIDTH,
                height=HEIGHT,
                soundtrack=_silence(2),
            )
        assert isinstance(raised.value.__cause__, OSError)
        assert os.listdir(locked) == []
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux sysfs")
def test_directory_even_root_cannot_write_raises_output_error() -> None:
    # sysfs refuses new files to everyone (EACCES), so this also runs as root, e.g. in CI.
    with pytest.raises(OutputError, match=r"clip\.mp4") as raised:
        write_mp4(
            Path("/sys/clip.mp4"),
            frames=_frames(2),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(2),
        )
    assert isinstance(raised.value.__cause__, PermissionError)


def test_parent_that_is_a_file_raises_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError, match=r"clip\.mp4"):
        write_mp4(
            blocker / "clip.mp4",
            frames=_frames(2),
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            soundtrack=_silence(2),
        )


@pytest.mark.parametrize(
    "content",
    [b"", b"this is not a video at all\n" * 40, bytes(range(256)) * 64],
)
def test_read_mp4_refuses_a_corrupt_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "corrupt.mp4"
    path.write_bytes(content)
    with pytest.raises(InvalidRequest, match=r"corrupt\.mp4"):
        read_mp4(path)


def test_read_mp4_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequest, match=r"missing\.mp4"):
        read_mp4(tmp_path / "missing.mp4")
