"""Keys on disk, the visible badge and the audio watermark under codecs and resampling."""

from __future__ import annotations

import stat
from pathlib import Path

import av
import numpy as np
import pytest
from scipy import signal

from cinestra.config import Settings
from cinestra.errors import OutputError
from cinestra.media import read_mp4
from cinestra.provenance import (
    FrameMarker,
    KeysMissing,
    detect_audio,
    detect_video,
    init_keys,
    load_signing_keys,
    mark_audio,
    payload_for,
)
from cinestra.provenance.visible import badge, position
from cinestra.sound import Soundtrack
from tests.provenance.conftest import VIDEO_ID, Clips
from tests.utils.audio import codec_round_trip


def test_keys_init_writes_private_keys_0600(tmp_path: Path) -> None:
    paths = init_keys(tmp_path / "keys")
    for key in (paths.ca_key, paths.signer_key):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with pytest.raises(OutputError):
        init_keys(tmp_path / "keys")
    keys = load_signing_keys(Settings(data_dir=tmp_path))
    assert keys.cert_chain.count(b"BEGIN CERTIFICATE") == 2
    with pytest.raises(KeysMissing):
        load_signing_keys(Settings(data_dir=tmp_path / "elsewhere"))


def test_badge_moves_and_stays_inside() -> None:
    mark = badge("alice", 720)
    assert mark.shape[0] >= 36  # legible on a phone at 720p
    size = (mark.shape[1], mark.shape[0])
    seen = {position(time=t / 4, frame_size=(1280, 720), badge_size=size) for t in range(80)}
    assert len(seen) > 6
    for x, y in seen:
        assert 0 <= x <= 1280 - size[0] and 0 <= y <= 720 - size[1]


def test_invisible_mark_psnr(clips: Clips) -> None:
    clip = read_mp4(clips.plain)
    height, width = clip.frames.shape[1:3]
    with FrameMarker(payload_for(VIDEO_ID), width=width, height=height, fps=24,
                     visible=False) as marker:
        marked = np.stack([marker.mark(f, i) for i, f in enumerate(clip.frames[:24])])
    error = np.mean((marked.astype(np.float64) - clip.frames[:24]) ** 2)
    assert 10 * np.log10(255**2 / error) >= 38.0


def test_audio_watermark_survives_aac_64k_and_16k(clips: Clips) -> None:
    payload = payload_for(VIDEO_ID)
    plain = Soundtrack(samples=read_mp4(clips.plain).audio)
    marked = mark_audio(plain, payload).samples
    noise = marked - plain.samples
    assert 10 * np.log10(np.mean(plain.samples**2) / np.mean(noise**2)) >= 19.0
    aac = detect_audio(codec_round_trip(marked, "aac", 64_000), sample_rate=48_000)
    assert aac.found and aac.payload == payload
    low = detect_audio(signal.resample_poly(marked, 1, 3, axis=0), sample_rate=16_000)
    assert low.found and low.payload == payload
    assert not detect_audio(plain.samples, sample_rate=48_000).found


def reencode(frames: np.ndarray, path: Path, *, crf: int) -> Path:
    height, width = frames.shape[1:3]
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=24, options={"crf": str(crf),
                                                              "preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for frame in frames:
            out.mux(stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        out.mux(stream.encode(None))
    return path


@pytest.mark.parametrize(("name", "edit"), [
    ("half size, CRF 30", lambda f: (f[:, ::2, ::2], 30)),
    ("crop 25%, grayscale", lambda f: (np.repeat(
        (f[:, 45:315, 80:560] @ np.array([0.299, 0.587, 0.114]))[..., None].round()
        .astype(np.uint8), 3, axis=3), 23)),
])
def test_picture_watermark_survives_common_edits(clips: Clips, tmp_path: Path, name: str,
                                                 edit: object) -> None:
    frames, crf = edit(read_mp4(clips.marked).frames)  # type: ignore[operator]
    result = detect_video(reencode(np.ascontiguousarray(frames), tmp_path / "edit.mp4",
                                   crf=crf))
    assert result.found and result.payload == payload_for(clips.video_id), (name, result)
