"""`read_mp4`: decode a video file back to numpy (for tests and the verify tool)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.sound.soundtrack import SAMPLE_RATE


@dataclass(frozen=True, eq=False)
class DecodedClip:
    """Everything in a decoded video file.

    `audio` is (n, 2) float32 (mono is duplicated, extra channels dropped); a file
    without audio gives shape (0, 2), `audio_codec` None and `sample_rate` 48000.
    """

    frames: np.ndarray  # (n, height, width, 3) uint8 RGB
    fps: Fraction
    audio: np.ndarray  # (n, 2) float32
    sample_rate: int
    video_codec: str  # e.g. "h264"
    audio_codec: str | None  # e.g. "aac"

    @property
    def duration(self) -> Fraction:
        """Video duration: frame count / fps."""
        return Fraction(len(self.frames)) / self.fps


def open_media(path: Path) -> av.container.InputContainer:
    """`path` opened for decoding; InvalidRequest when it is missing or not a media file."""
    try:
        return av.open(str(path), mode="r")
    except (av.FFmpegError, OSError) as error:
        raise InvalidRequest(f"{path} is not a readable media file: {error}") from error


def read_mp4(path: Path) -> DecodedClip:
    """Decode every frame and audio sample of `path` (edit lists applied, as players do).

    Raises InvalidRequest when `path` is missing or is not a decodable video.
    """
    with open_media(path) as container:
        if not container.streams.video:
            raise InvalidRequest(f"{path} has no video stream")
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        streams = [video] if audio is None else [video, audio]
        pictures: list[np.ndarray] = []
        sounds: list[np.ndarray] = []
        try:
            for packet in container.demux(streams):
                for frame in packet.decode():
                    if isinstance(frame, av.VideoFrame):
                        pictures.append(frame.to_ndarray(format="rgb24"))
                    elif isinstance(frame, av.AudioFrame):
                        sounds.append(_to_float_stereo(frame))
        except av.FFmpegError as error:
            raise InvalidRequest(f"{path} could not be decoded: {error}") from error
        if not pictures:
            raise InvalidRequest(f"{path} has a video stream but no decodable frame")
        rate = video.average_rate or video.guessed_rate or video.base_rate
        if not rate:
            raise InvalidRequest(f"{path} does not state a frame rate")
        sample_rate = audio.rate if audio is not None else SAMPLE_RATE
        samples = np.concatenate(sounds) if sounds else np.zeros((0, 2), dtype=np.float32)
        if audio is not None and audio.duration is not None and audio.time_base is not None:
            # The last AAC frame is decoded whole; the container says where the sound ends.
            samples = samples[: round(audio.duration * audio.time_base * sample_rate)]
        return DecodedClip(
            frames=np.stack(pictures),
            fps=Fraction(rate),
            audio=np.ascontiguousarray(samples, dtype=np.float32),
            sample_rate=sample_rate,
            video_codec=video.codec_context.name,
            audio_codec=audio.codec_context.name if audio is not None else None,
        )


def _to_float_stereo(frame: av.AudioFrame) -> np.ndarray:
    """(samples, 2) float32 from any sample format and channel count."""
    data = frame.to_ndarray()
    channels = len(frame.layout.channels)
    if not frame.format.is_planar:  # packed: (1, samples * channels)
        data = data.reshape(-1, channels).T
    if data.dtype == np.uint8:
        data = (data.astype(np.float32) - 128.0) / 128.0
    elif data.dtype == np.int16:
        data = data.astype(np.float32) / 32768.0
    elif data.dtype == np.int32:
        data = data.astype(np.float32) / 2147483648.0
    data = data.astype(np.float32)
    if channels == 1:
        data = np.concatenate([data, data])
    return np.ascontiguousarray(data[:2].T)
