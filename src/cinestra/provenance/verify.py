"""`verify(path)`: read back the C2PA manifest, the video watermark and the audio watermark."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

from cinestra.config import Settings
from cinestra.errors import InvalidRequest
from cinestra.media import open_media
from cinestra.provenance.audio import AudioResult, detect_audio
from cinestra.provenance.keys import trust_anchors
from cinestra.provenance.manifest import ManifestReading, read_manifest
from cinestra.provenance.video import WatermarkResult, detect_video


@dataclass(frozen=True)
class VerifyReport:
    c2pa: ManifestReading
    watermark: WatermarkResult
    audio_watermark: AudioResult | None  # None: the file has no audio track
    verdict: str

    def to_json(self) -> dict[str, Any]:
        """The shape `cinestra verify --json` prints."""
        c2pa = asdict(self.c2pa)
        mark = self.watermark
        audio = self.audio_watermark
        return {
            "c2pa": c2pa,
            "watermark": {"found": mark.found,
                          "payload": mark.payload.hex if mark.payload else None,
                          "confidence": round(mark.confidence, 9),
                          "bit_accuracy": mark.bit_accuracy,
                          "frames_read": mark.frames_read},
            "audio_watermark": {"found": bool(audio and audio.found),
                                "payload": audio.payload.hex if audio and audio.payload
                                else None,
                                "confidence": round(audio.confidence, 9) if audio else 0.0,
                                "bit_accuracy": audio.bit_accuracy if audio else None},
            "verdict": self.verdict,
        }


def verify(path: Path, *, settings: Settings | None = None) -> VerifyReport:
    """Everything `path` says about its provenance; never claims what it cannot show."""
    settings = settings or Settings()
    # 1. C2PA, trusted when signed under this machine's anchors.
    reading = read_manifest(path, trust_anchors=trust_anchors(settings))
    # 2. Invisible video watermark.
    mark = detect_video(path)
    # 3. Audio watermark.
    sound = read_audio(path)
    audio = None if sound is None else detect_audio(sound[0], sample_rate=sound[1])
    return VerifyReport(c2pa=reading, watermark=mark, audio_watermark=audio,
                        verdict=_verdict(reading, mark, audio))


def _verdict(reading: ManifestReading, mark: WatermarkResult, audio: AudioResult | None) -> str:
    marks = [name for name, found in (("picture", mark.found),
                                      ("sound", bool(audio and audio.found))) if found]
    payloads = {m.hex for m in (mark.payload, audio.payload if audio else None) if m}
    if reading.state == "Trusted":
        head = f"made by Cinestra: signed manifest, trusted ({reading.video_id})"
    elif reading.state == "Valid":
        head = "signed C2PA manifest, valid but from a signer this machine does not trust"
    elif reading.state == "Invalid":
        head = "C2PA manifest INVALID: the file was altered after signing"
    elif marks:
        head = "no C2PA manifest (metadata stripped?)"
    else:
        return "no provenance found: no C2PA manifest and no Cinestra watermark"
    if marks:
        tail = f"Cinestra watermark in the {' and '.join(marks)} (payload {', '.join(payloads)})"
    else:
        tail = "no Cinestra watermark found"
    return f"{head}; {tail}"


def read_audio(path: Path) -> tuple[np.ndarray, int] | None:
    """The first audio track of `path` as (n, channels) float32 and its rate, or None."""
    with open_media(path) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="stereo", rate=stream.rate)
        parts: list[np.ndarray] = []
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    parts.append(out.to_ndarray().reshape(-1, 2))
        except av.FFmpegError as error:
            raise InvalidRequest(f"{path} could not be decoded: {error}") from error
    if not parts:
        return None
    return np.concatenate(parts).astype(np.float32), int(stream.rate)
