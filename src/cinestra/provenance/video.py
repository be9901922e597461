"""The invisible video watermark: embedding schedule (`FrameMarker`) and clip-level detection.

Schedule: frames cycle through the four words (A, not A, B, not B), `SLOT_SECONDS` each.
The RivaGAN encoder runs on one frame in `REFRESH_FRAMES` (and at each word change), on the
frame shrunk to ~232x128; its residual is upscaled once, times `STRENGTH`, and added to the
following frames of the block (the residual is tied to the picture, so it must be refreshed
often: reused 10 frames later under camera motion it reads at chance).

Detection decodes up to `MAX_FRAMES` frames spread over the clip, in batches; after each batch
from `MIN_FRAMES` on it sorts frames into the four slots by the two marker bits, averages the
soft bits, subtracts each word's complement (cancelling the decoder's bias on the picture)
and applies the blind payload test of `cinestra.provenance.payload` (at most
`payload.MAX_ATTEMPTS` attempts per clip, counted in the false-positive bound).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb
from pathlib import Path
from types import TracebackType

import av
import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.provenance import payload as pl
from cinestra.provenance.rivagan import WORK_AREA, RivaGan, enlarge, shrink, work_size
from cinestra.provenance.visible import stamp

SLOT_SECONDS = 0.5
REFRESH_FRAMES = 4
STRENGTH = 1.4
MAX_FRAMES = 32
MIN_FRAMES = 32
BATCH = 8
SOFT_SCALE = 8.0  # decoder logits are clipped to +-SOFT_SCALE before averaging


class FrameMarker:
    """Per-frame filter for the render -> encode stream (a context manager: it holds the
    ONNX sessions). `mark(frame, index)` takes and returns RGB uint8 (height, width, 3)."""

    def __init__(self, payload: pl.Payload, *, width: int, height: int, fps: int,
                 handle: str = "", visible: bool = True, strength: float = STRENGTH,
                 refresh_frames: int = REFRESH_FRAMES, work_area: int = WORK_AREA) -> None:
        if width <= 0 or height <= 0 or fps <= 0:
            raise InvalidRequest(f"width, height and fps must be positive, got "
                                 f"{width!r}, {height!r}, {fps!r}")
        self.payload = payload
        self.width, self.height, self.fps = width, height, fps
        self.handle = handle
        self.visible = visible
        self.strength = strength
        self.slot_frames = max(1, round(fps * SLOT_SECONDS))
        self.refresh_frames = refresh_frames
        self._work = work_size(width, height, area=work_area)
        self._words = payload.words()
        self._model = RivaGan()
        self._block = (-1, -1)
        self._residual = np.zeros((height, width, 3), dtype=np.int16)

    def __enter__(self) -> FrameMarker:
        self._model.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._model.__exit__(kind, error, trace)

    def mark(self, frame: np.ndarray, index: int) -> np.ndarray:
        """The watermarked frame `index` (invisible mark, then the visible badge)."""
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise InvalidRequest(f"frame {index} has shape {frame.shape} and dtype "
                                 f"{frame.dtype}; expected ({self.height}, {self.width}, 3) "
                                 "uint8")
        # 1. Refresh the residual at the start of each block or when the word changes.
        word = (index // self.slot_frames) % 4
        block = (index // self.refresh_frames, word)
        if block != self._block:
            self._residual = self._compute(frame, word)
            self._block = block
        # 2. Add it (frames of a block share the residual of its first frame).
        total = frame.astype(np.int16)
        total += self._residual
        np.clip(total, 0, 255, out=total)
        out = total.astype(np.uint8)
        # 3. The visible badge on top.
        if self.visible:
            out = stamp(out, handle=self.handle, time=index / self.fps)
        return out

    def _compute(self, frame: np.ndarray, word: int) -> np.ndarray:
        small = shrink(frame, self._work)[None]
        residual = self._model.residual(small, self._words[word:word + 1])[0]
        full = enlarge(residual, (self.width, self.height)) * self.strength
        return np.rint(full).astype(np.int16)


@dataclass(frozen=True)
class WatermarkResult:
    found: bool
    payload: pl.Payload | None
    confidence: float  # 1 - the chance an unmarked clip reads at least this well
    bit_accuracy: float | None  # share of per-frame bits agreeing with the found payload
    frames_read: int
    check_distance: int | None = None


def sample_frames(path: Path, *, count: int = MAX_FRAMES) -> list[np.ndarray]:
    """Up to `count` frames spread over the video, shrunk to the RivaGAN working size and
    ordered so that every prefix is spread over the clip too."""
    try:
        container = av.open(str(path), mode="r")
    except (av.FFmpegError, OSError) as error:
        raise InvalidRequest(f"{path} is not a readable video file: {error}") from error
    with container:
        if not container.streams.video:
            raise InvalidRequest(f"{path} has no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        size = work_size(stream.codec_context.width, stream.codec_context.height)
        total = stream.frames or 0
        if not total and stream.duration and stream.time_base and stream.average_rate:
            total = int(stream.duration * stream.time_base * stream.average_rate)
        step = max(1, total // count) if total else 1
        kept: list[np.ndarray] = []
        try:
            for index, frame in enumerate(container.decode(stream)):
                if index % step == 0:
                    kept.append(frame.to_ndarray(width=size[0], height=size[1],
                                                 format="rgb24", interpolation="AREA"))
        except av.FFmpegError as error:
            raise InvalidRequest(f"{path} could not be decoded: {error}") from error
    picked = np.linspace(0, len(kept) - 1, num=min(count, len(kept))).round().astype(int)
    return [kept[i] for i in _spread_order(sorted(set(picked.tolist())))]


def detect_frames(frames: list[np.ndarray], *, model: RivaGan) -> WatermarkResult:
    """Clip-level verdict over `frames` (RGB uint8 at working size, spread order)."""
    logits = np.zeros((0, 32), dtype=np.float32)
    for start in range(0, len(frames), BATCH):
        logits = np.concatenate([logits, model.logits(np.stack(frames[start:start + BATCH]))])
        if len(logits) >= MIN_FRAMES or start + BATCH >= len(frames):
            result = decide(logits)
            if result.found:
                return result
    return decide(logits)


def detect_video(path: Path, *, model: RivaGan | None = None) -> WatermarkResult:
    """Look for the invisible watermark in the video file at `path`."""
    frames = sample_frames(path)
    if model is not None:
        return detect_frames(frames, model=model)
    with RivaGan() as own:
        return detect_frames(frames, model=own)


def decide(logits: np.ndarray) -> WatermarkResult:
    """The blind payload test on per-frame decoder logits (n, 32)."""
    slot = frame_slots(logits)
    soft = clip_soft_bits(logits)
    decoded = None if soft is None else pl.decode_words(soft[0], soft[1])
    if decoded is None:
        return WatermarkResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                               frames_read=len(logits))
    payload, distance = decoded
    words = payload.words()
    expected = words[slot] > 0.5
    accuracy = float(np.mean((logits > 0) == expected))
    chance = sum(comb(pl.FIELD_BITS, k) for k in range(distance + 1)) / 2**pl.FIELD_BITS
    confidence = 1.0 - pl.MAX_ATTEMPTS * pl.TAG_CANDIDATES * chance
    return WatermarkResult(found=True, payload=payload, confidence=confidence,
                           bit_accuracy=accuracy, frames_read=len(logits),
                           check_distance=distance)


def frame_slots(logits: np.ndarray) -> np.ndarray:
    """Slot of each frame from its two marker bits: 01 A, 10 not A, 00 B, 11 not B."""
    return np.where(logits[:, 0] > 0, np.where(logits[:, 1] > 0, 3, 1),
                    np.where(logits[:, 1] > 0, 0, 2))


def clip_soft_bits(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Clip-averaged soft words A and B (32 each), the content bias cancelled by subtracting
    each word's complement; None when a slot is missing."""
    soft = np.clip(logits / SOFT_SCALE, -1.0, 1.0)
    slot = frame_slots(logits)
    if not np.bincount(slot, minlength=4).all():
        return None
    means = [soft[slot == k].mean(axis=0) for k in range(4)]
    return means[0] - means[1], means[2] - means[3]


def _spread_order(indices: list[int]) -> list[int]:
    """Reorder so that each prefix samples the whole range (bit-reversal-like)."""
    order: list[int] = []
    seen: set[int] = set()
    parts = 1
    while len(order) < len(indices):
        for k in range(parts):
            i = (2 * k + 1) * len(indices) // (2 * parts)
            i = min(i, len(indices) - 1)
            if i not in seen:
                seen.add(i)
                order.append(indices[i])
        parts *= 2
        if parts > 2 * len(indices):
            order.extend(indices[j] for j in range(len(indices)) if j not in seen)
            break
    return order
