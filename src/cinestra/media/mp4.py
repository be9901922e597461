"""`write_mp4`: H.264 + AAC in MP4, written atomically, with sample-exact audio sync.

Video frame ``i`` gets pts ``i`` in time base 1/fps; audio frames get pts in samples
(time base 1/48000) starting at 0. FFmpeg's AAC encoder primes with 1024 samples and
gives its first packet pts -1024; the MP4 muxer turns that into an edit list
(media_time 1024), which decoders honour, so a click at soundtrack sample k decodes at
sample k (measured: 0 samples of offset; 1024 when the edit list is ignored).
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from cinestra.errors import InvalidRequest, OutputError
from cinestra.sound.soundtrack import SAMPLE_RATE, Soundtrack, sample_index

logger = logging.getLogger(__name__)

AUDIO_BIT_RATE = 192_000
AUDIO_CHUNK = 1024  # samples per AAC frame
X264_PRESETS = (
    "ultrafast", "superfast", "veryfast", "faster", "fast",
    "medium", "slow", "slower", "veryslow", "placebo",
)  # fmt: skip


def write_mp4(
    path: Path,
    *,
    frames: Iterable[np.ndarray],
    fps: int,
    width: int,
    height: int,
    soundtrack: Soundtrack,
    on_frame: Callable[[int], None] | None = None,
    crf: int = 20,
    preset: str = "veryfast",
) -> Path:
    """Encode `frames` (uint8 RGB, (height, width, 3) each) and `soundtrack` into `path`.

    The file appears only once complete (a temporary file in the same directory is
    renamed onto `path`); on any error no file is left behind. `on_frame(n)` is called
    after each frame with the number of frames encoded so far. The audio is padded or
    trimmed to the video's length (frame count / fps), with a warning when the two
    differed by more than one frame.
    """
    # 1. Check inputs.
    _check_inputs(fps=fps, width=width, height=height, crf=crf, preset=preset)
    path = Path(path)

    # 2. Encode into a temporary file next to the destination.
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
        os.close(handle)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error}") from error
    temp = Path(temp_name)
    try:
        _encode(
            temp,
            frames=frames,
            fps=fps,
            width=width,
            height=height,
            soundtrack=soundtrack,
            on_frame=on_frame,
            crf=crf,
            preset=preset,
        )
        # 3. Publish it in one step (mkstemp made it owner-only; make it readable).
        temp.chmod(0o644)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def _check_inputs(*, fps: int, width: int, height: int, crf: int, preset: str) -> None:
    if not isinstance(fps, int) or fps <= 0:
        raise InvalidRequest(f"fps must be a positive integer, got {fps!r}")
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or value <= 0 or value % 2:
            raise InvalidRequest(f"{name} must be a positive even integer, got {value!r}")
    if not 0 <= crf <= 51:
        raise InvalidRequest(f"crf must be in 0..51, got {crf!r}")
    if preset not in X264_PRESETS:
        raise InvalidRequest(f"preset must be one of {', '.join(X264_PRESETS)}; got {preset!r}")


def _encode(
    temp: Path,
    *,
    frames: Iterable[np.ndarray],
    fps: int,
    width: int,
    height: int,
    soundtrack: Soundtrack,
    on_frame: Callable[[int], None] | None,
    crf: int,
    preset: str,
) -> None:
    # Edit-list durations are in the movie time scale (FFmpeg default: 1/1000 s, which
    # would cut the audio to whole milliseconds); a multiple of both rates keeps them exact.
    options = {"movflags": "+faststart", "movie_timescale": str(math.lcm(SAMPLE_RATE, fps))}
    with av.open(str(temp), mode="w", format="mp4", options=options) as container:
        video = container.add_stream(
            "libx264", rate=fps, options={"crf": str(crf), "preset": preset}
        )
        video.width = width
        video.height = height
        video.pix_fmt = "yuv420p"
        video.codec_context.time_base = Fraction(1, fps)
        audio = container.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
        audio.bit_rate = AUDIO_BIT_RATE
        feed = _AudioFeed(container=container, stream=audio, samples=soundtrack.samples)

        count = 0
        for index, item in enumerate(frames):
            frame = np.asarray(item)
            if frame.shape != (height, width, 3) or frame.dtype != np.uint8:
                raise InvalidRequest(
                    f"frame {index} has shape {frame.shape} and dtype {frame.dtype}; "
                    f"expected ({height}, {width}, 3) uint8"
                )
            picture = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")
            picture.pts = index
            picture.time_base = Fraction(1, fps)
            container.mux(video.encode(picture))
            count = index + 1
            # Audio never runs ahead of the video written so far.
            feed.write_until(sample_index(Fraction(count, fps)), final=False)
            if on_frame is not None:
                on_frame(count)
        if count == 0:
            raise InvalidRequest("frames is empty: an MP4 needs at least one frame")
        container.mux(video.encode(None))

        video_samples = sample_index(Fraction(count, fps))
        if abs(len(soundtrack.samples) - video_samples) > SAMPLE_RATE / fps:
            logger.warning(
                "soundtrack lasts %.3f s but the video %.3f s (%d frames at %d fps): "
                "audio padded with silence or trimmed to the video",
                len(soundtrack.samples) / SAMPLE_RATE,
                video_samples / SAMPLE_RATE,
                count,
                fps,
            )
        feed.write_until(video_samples, final=True)
        container.mux(audio.encode(None))


class _AudioFeed:
    """Writes the soundtrack in 1024-sample AAC frames, zero-padded past its end."""

    def __init__(
        self,
        *,
        container: av.container.OutputContainer,
        stream: av.audio.stream.AudioStream,
        samples: np.ndarray,
    ) -> None:
        self.container = container
        self.stream = stream
        self.samples = samples
        self.position = 0  # next sample to encode

    def write_until(self, stop: int, *, final: bool) -> None:
        """Encode samples [position, stop): whole frames only, unless `final`."""
        while stop - self.position >= AUDIO_CHUNK or (final and stop > self.position):
            size = min(AUDIO_CHUNK, stop - self.position)
            chunk = np.zeros((2, size), dtype=np.float32)
            available = self.samples[self.position : self.position + size]
            chunk[:, : len(available)] = available.T
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
            frame.sample_rate = SAMPLE_RATE
            frame.pts = self.position
            frame.time_base = Fraction(1, SAMPLE_RATE)
            self.container.mux(self.stream.encode(frame))
            self.position += size
