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
import queue
import tempfile
import threading
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path
from types import TracebackType

import av
import numpy as np

from cinestra.errors import InvalidRequest, OutputError
from cinestra.sound.soundtrack import SAMPLE_RATE, Soundtrack, sample_index

logger = logging.getLogger(__name__)

AUDIO_BIT_RATE = 192_000
AUDIO_CHUNK = 1024  # samples per AAC frame
QUEUED_FRAMES = 4  # pictures waiting for the encoder thread (4 x 2.8 MB at 720p)
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
    threads: int = 0,
) -> Path:
    """Encode `frames` (uint8 RGB, (height, width, 3) each) and `soundtrack` into `path`.

    The file appears only once complete (a temporary file in the same directory is
    renamed onto `path`); on any error no file is left behind. `on_frame(n)` is called
    in the caller's thread after each frame with the number of frames taken so far (they
    are encoded in a background thread, a few frames behind). The audio is padded or
    trimmed to the video's length (frame count / fps), with a warning when the two
    differed by more than one frame. `threads` is x264's thread count (0: as many as it
    likes); 1 spends ~20% less CPU per frame for the same bits, the better choice when the
    frames come from a renderer that keeps every core busy.
    """
    # 1. Check inputs.
    _check_inputs(fps=fps, width=width, height=height, crf=crf, preset=preset, threads=threads)
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
            threads=threads,
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


def _check_inputs(*, fps: int, width: int, height: int, crf: int, preset: str,
                  threads: int) -> None:
    if not isinstance(fps, int) or fps <= 0:
        raise InvalidRequest(f"fps must be a positive integer, got {fps!r}")
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or value <= 0 or value % 2:
            raise InvalidRequest(f"{name} must be a positive even integer, got {value!r}")
    if not 0 <= crf <= 51:
        raise InvalidRequest(f"crf must be in 0..51, got {crf!r}")
    if preset not in X264_PRESETS:
        raise InvalidRequest(f"preset must be one of {', '.join(X264_PRESETS)}; got {preset!r}")
    if not isinstance(threads, int) or threads < 0:
        raise InvalidRequest(f"threads must be an integer >= 0, got {threads!r}")


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
    threads: int,
) -> None:
    # Edit-list durations are in the movie time scale (FFmpeg default: 1/1000 s, which
    # would cut the audio to whole milliseconds); a multiple of both rates keeps them exact.
    options = {"movflags": "+faststart", "movie_timescale": str(math.lcm(SAMPLE_RATE, fps))}
    with av.open(str(temp), mode="w", format="mp4", options=options) as container:
        video = container.add_stream(
            "libx264", rate=fps, options={"crf": str(crf), "preset": preset}
        )
        video.codec_context.thread_count = threads
        video.width = width
        video.height = height
        video.pix_fmt = "yuv420p"
        video.codec_context.time_base = Fraction(1, fps)
        audio = container.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
        audio.bit_rate = AUDIO_BIT_RATE
        feed = _AudioFeed(container=container, stream=audio, samples=soundtrack.samples)

        count = 0
        with _EncoderThread(container=container, video=video, feed=feed, fps=fps) as encoder:
            for index, item in enumerate(frames):
                frame = np.asarray(item)
                if frame.shape != (height, width, 3) or frame.dtype != np.uint8:
                    raise InvalidRequest(
                        f"frame {index} has shape {frame.shape} and dtype {frame.dtype}; "
                        f"expected ({height}, {width}, 3) uint8"
                    )
                # A copy: the caller may reuse its array while the thread encodes this one.
                picture = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")
                picture.pts = index
                picture.time_base = Fraction(1, fps)
                encoder.put(picture)
                count = index + 1
                if on_frame is not None:
                    on_frame(count)
            encoder.finish()
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


class _EncoderThread:
    """Converts, encodes and muxes the pictures handed to `put` in a background thread.

    Frames are drawn, marked and encoded one after the other; on a software rasteriser the
    caller's thread mostly waits for the frame being drawn (holding the GIL), while the
    RGB -> YUV conversion and x264 (which release it) can run meanwhile. The audio is
    muxed from the same thread, never ahead of the video. Leaving the block on an error
    drops the frames still queued; `finish` waits for all of them and raises the
    thread's error, if any.
    """

    def __init__(self, *, container: av.container.OutputContainer,
                 video: av.video.stream.VideoStream, feed: _AudioFeed, fps: int) -> None:
        self._container, self._video, self._feed, self._fps = container, video, feed, fps
        self._queue: queue.Queue[av.VideoFrame | None] = queue.Queue(maxsize=QUEUED_FRAMES)
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="cinestra-encoder", daemon=True)

    def __enter__(self) -> _EncoderThread:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._thread.is_alive():  # left early (an error): drop the queued frames
            self._cancelled.set()
            self._queue.put(None)
            self._thread.join()

    def put(self, picture: av.VideoFrame) -> None:
        """Queue `picture` (waits while QUEUED_FRAMES are queued); raises the thread's error."""
        self._raise_error()
        self._queue.put(picture)

    def finish(self) -> None:
        """Wait until every queued picture is muxed."""
        self._queue.put(None)
        self._thread.join()
        self._raise_error()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        count = 0
        while (picture := self._queue.get()) is not None:
            if self._error is not None or self._cancelled.is_set():
                continue  # keep taking frames so that `put` never blocks for ever
            try:
                self._container.mux(self._video.encode(picture))
                count += 1
                # Audio never runs ahead of the video written so far.
                self._feed.write_until(sample_index(Fraction(count, self._fps)), final=False)
            except BaseException as error:  # raised in the caller's thread by put/finish
                self._error = error


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
