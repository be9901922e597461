"""The invisible video watermark: a keyed, tiled luma pattern and its clip-level detector.

Pattern: a 16x16 grid of cells carries the sum of 61 orthogonal +-1 codes (rows of a
256-point Hadamard matrix, cells shuffled by a fixed key): one *sync* code and one code per
payload bit, signed by the bit. The grid is interpolated band-limited into a 64x64 *tile*
and the tile repeats over the frame in *canonical units* (the short side of the frame is
`CANON` = 256 units, so a 720p frame has tiles of 180 px). The same luma offset (equal in
R, G and B, so it survives grayscale) is added to every frame: the pattern is static, so
the reader can average many frames, and fps changes do not matter.

Detection: decode up to `MAX_FRAMES` frames spread over the clip, as luma at canonical size;
average them and remove the picture's low frequencies. A crop magnifies the pattern
(a 25% crop makes tiles 1/0.75 as large in canonical units) and moves its origin, so the
reader tries scales from `MIN_SCALE` to `MAX_SCALE`, folds the image into one tile at each,
and finds the sync code's cyclic offset by FFT correlation. At the best (scale, offset) a
least-squares fit reads the 60 soft bits, which go through the blind payload test of
`cinestra.provenance.payload` (one attempt per clip, so its false-positive bound holds).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import comb
from pathlib import Path
from types import TracebackType

import av
import numpy as np
from PIL import Image
from scipy import linalg, ndimage

from cinestra.errors import InvalidRequest
from cinestra.provenance import payload as pl
from cinestra.provenance.visible import stamp

CANON = 256  # canonical units on the frame's short side
TILE = 64  # canonical units per tile side
CELLS = 16  # cells per tile side (a cell is 4 canonical units)
BITS = 2 * pl.FIELD_BITS
KEY = 0x0C1E_57A4
SYNC_GAIN = 6.0  # the sync code's amplitude relative to one bit's (see find_sync)
STRENGTH = 2.4  # RMS of the luma offset in 8-bit levels (PSNR ~ 40.5 dB before clipping)
HIGH_PASS_SIGMA = 6.0  # canonical units: picture content above this scale is removed
LOUDNESS_SIGMA = 8.0  # canonical units over which the residual's loudness is measured
LOUDNESS_FLOOR = 0.5  # levels: flat regions are not blown up beyond the pattern itself
MAX_FRAMES = 96
MIN_SCALE, MAX_SCALE, SCALE_STEP = 0.70, 1.03, 0.0025
MIN_SYNC_Z = 0.0  # the payload test alone bounds false positives; raise to be stricter


@dataclass(frozen=True)
class WatermarkResult:
    found: bool
    payload: pl.Payload | None
    confidence: float  # 1 - the chance an unmarked clip reads at least this well
    bit_accuracy: float | None  # share of the 60 soft bits agreeing with the found payload
    frames_read: int
    check_distance: int | None = None
    sync_z: float = 0.0  # height of the sync peak in standard deviations
    scale: float | None = None  # the tile size found, relative to the published one


# -- the pattern --------------------------------------------------------------------------


@cache
def codes() -> np.ndarray:
    """(1 + BITS, CELLS, CELLS) +-1 codes: sync first, then one per payload bit."""
    rng = np.random.default_rng(KEY)
    hadamard = linalg.hadamard(CELLS * CELLS).astype(np.float64)
    rows = rng.choice(np.arange(1, CELLS * CELLS), size=1 + BITS, replace=False)
    cells = rng.permutation(CELLS * CELLS)
    return np.asarray(hadamard[rows][:, cells].reshape(1 + BITS, CELLS, CELLS))


def _interpolate(grid: np.ndarray) -> np.ndarray:
    """Band-limited, cyclic interpolation of (..., CELLS, CELLS) grids to TILE x TILE."""
    spectrum = np.fft.fftshift(np.fft.fft2(grid), axes=(-2, -1))
    pad = (TILE - CELLS) // 2
    widths = [(0, 0)] * (grid.ndim - 2) + [(pad, pad), (pad, pad)]
    padded = np.pad(spectrum, widths)
    return np.real(np.fft.ifft2(np.fft.ifftshift(padded, axes=(-2, -1)))) * (TILE / CELLS) ** 2


@cache
def code_tiles() -> np.ndarray:
    """(1 + BITS, TILE, TILE) interpolated codes."""
    return _interpolate(codes())


def data_bits(payload: pl.Payload) -> np.ndarray:
    words = payload.words()
    return np.concatenate([words[0, 2:], words[2, 2:]])


def tile_for(payload: pl.Payload) -> np.ndarray:
    """The payload's TILE x TILE pattern, unit RMS."""
    signs = data_bits(payload) * 2.0 - 1.0
    weights = np.concatenate([[SYNC_GAIN], signs])
    tile = np.tensordot(weights, code_tiles(), axes=1)
    return np.asarray(tile / np.sqrt(np.mean(tile**2)))


def canonical_scale(width: int, height: int) -> float:
    """Canonical units per pixel."""
    return CANON / min(width, height)


def offset_image(payload: pl.Payload, *, width: int, height: int,
                 strength: float = STRENGTH) -> np.ndarray:
    """(height, width) float32 luma offset in 8-bit levels, tiles from the top-left corner."""
    scale = canonical_scale(width, height)
    rows = (np.arange(height) + 0.5) * scale - 0.5
    cols = (np.arange(width) + 0.5) * scale - 0.5
    tile = tile_for(payload)
    # Separable bilinear lookup on the cyclic tile, one row of tiles at a time is enough.
    r0 = np.floor(rows).astype(int)
    c0 = np.floor(cols).astype(int)
    fr = (rows - r0)[:, None]
    fc = (cols - c0)[None, :]
    r0, r1 = r0 % TILE, (r0 + 1) % TILE
    c0, c1 = c0 % TILE, (c0 + 1) % TILE
    top = tile[r0][:, c0] * (1 - fc) + tile[r0][:, c1] * fc
    bottom = tile[r1][:, c0] * (1 - fc) + tile[r1][:, c1] * fc
    return np.asarray((top * (1 - fr) + bottom * fr) * strength, dtype=np.float32)


class FrameMarker:
    """Per-frame filter for the render -> encode stream: the invisible offset, then the
    moving visible badge. `mark(frame, index)` takes and returns RGB uint8 (height, width, 3).
    A context manager for symmetry with engines that hold resources; it holds none."""

    def __init__(self, payload: pl.Payload, *, width: int, height: int, fps: int,
                 handle: str = "", visible: bool = True, strength: float = STRENGTH) -> None:
        if width <= 0 or height <= 0 or fps <= 0:
            raise InvalidRequest(f"width, height and fps must be positive, got "
                                 f"{width!r}, {height!r}, {fps!r}")
        self.payload = payload
        self.width, self.height, self.fps = width, height, fps
        self.handle = handle
        self.visible = visible
        offset = np.rint(offset_image(payload, width=width, height=height, strength=strength))
        self._offset = offset.astype(np.int16)[..., None]

    def __enter__(self) -> FrameMarker:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        return None

    def mark(self, frame: np.ndarray, index: int) -> np.ndarray:
        """The watermarked frame `index` (invisible mark, then the visible badge)."""
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise InvalidRequest(f"frame {index} has shape {frame.shape} and dtype "
                                 f"{frame.dtype}; expected ({self.height}, {self.width}, 3) "
                                 "uint8")
        total = frame.astype(np.int16)
        total += self._offset
        np.clip(total, 0, 255, out=total)
        out = total.astype(np.uint8)
        if self.visible:
            out = stamp(out, handle=self.handle, time=index / self.fps)
        return out


# -- detection ----------------------------------------------------------------------------


def sample_luma(path: Path, *, count: int = MAX_FRAMES) -> list[np.ndarray]:
    """Up to `count` frames spread over the video, as float32 luma at canonical size."""
    try:
        container = av.open(str(path), mode="r")
    except (av.FFmpegError, OSError) as error:
        raise InvalidRequest(f"{path} is not a readable video file: {error}") from error
    with container:
        if not container.streams.video:
            raise InvalidRequest(f"{path} has no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        width, height = stream.codec_context.width, stream.codec_context.height
        scale = canonical_scale(width, height)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        total = stream.frames or 0
        if not total and stream.duration and stream.time_base and stream.average_rate:
            total = int(stream.duration * stream.time_base * stream.average_rate)
        step = max(1, total // count) if total else 1
        kept: list[np.ndarray] = []
        try:
            for index, frame in enumerate(container.decode(stream)):
                if index % step == 0:
                    kept.append(frame.to_ndarray(width=size[0], height=size[1], format="gray",
                                                 interpolation="AREA").astype(np.float32))
        except av.FFmpegError as error:
            raise InvalidRequest(f"{path} could not be decoded: {error}") from error
    return kept[:: max(1, len(kept) // count)][:count]


def _residual(frames: list[np.ndarray]) -> np.ndarray:
    """The frames' mean luma with the picture's low frequencies taken out, each region
    scaled by its own loudness: textured regions (where the picture drowns the pattern)
    weigh less, flat ones more."""
    mean = np.mean(np.stack(frames), axis=0, dtype=np.float64)
    residual = mean - ndimage.gaussian_filter(mean, HIGH_PASS_SIGMA, mode="nearest")
    loudness = np.sqrt(ndimage.gaussian_filter(residual**2, LOUDNESS_SIGMA, mode="nearest"))
    return np.asarray(residual / (loudness + LOUDNESS_FLOOR))


def _fold(image: np.ndarray) -> np.ndarray | None:
    """Sum the whole tiles of `image` into one TILE x TILE tile (None if none fits)."""
    rows, cols = (image.shape[0] // TILE) * TILE, (image.shape[1] // TILE) * TILE
    if rows == 0 or cols == 0:
        return None
    blocks = image[:rows, :cols].reshape(rows // TILE, TILE, cols // TILE, TILE)
    return np.asarray(blocks.sum(axis=(0, 2)))


def _resized(image: np.ndarray, factor: float) -> np.ndarray:
    height, width = image.shape
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    picture = Image.fromarray(image.astype(np.float32), mode="F")
    return np.asarray(picture.resize(size, Image.Resampling.BILINEAR), dtype=np.float64)


@cache
def _matched() -> tuple[np.ndarray, np.ndarray]:
    """The codes as the reader sees them after its high-pass: (sync spectrum conj, design)."""
    tiles = code_tiles()
    filtered = tiles - ndimage.gaussian_filter(tiles, (0, HIGH_PASS_SIGMA, HIGH_PASS_SIGMA),
                                               mode="wrap")
    sync = np.conj(np.fft.fft2(filtered[0]))
    design = filtered.reshape(1 + BITS, -1).T  # (TILE * TILE, 1 + BITS)
    return sync, design


def find_sync(residual: np.ndarray) -> tuple[float, float, tuple[int, int], np.ndarray] | None:
    """(z, scale, offset, folded tile) of the strongest sync peak over all scales."""
    sync, _ = _matched()
    best: tuple[float, float, tuple[int, int], np.ndarray] | None = None
    for scale in np.arange(MIN_SCALE, MAX_SCALE + 1e-9, SCALE_STEP):
        folded = _fold(_resized(residual, float(scale)))
        if folded is None:
            continue
        # Half-whitened correlation: strong frequencies of the picture are tamed without
        # lifting the noise of weak ones as much as full phase correlation would.
        spectrum = np.fft.fft2(folded)
        spectrum /= np.sqrt(np.abs(spectrum)) + 1e-9
        surface = np.real(np.fft.ifft2(spectrum * sync))
        z = float((surface.max() - surface.mean()) / (surface.std() + 1e-12))
        if best is None or z > best[0]:
            peak = np.unravel_index(int(np.argmax(surface)), surface.shape)
            best = (z, float(scale), (int(peak[0]), int(peak[1])), folded)
    return best


def read_soft_bits(frames: list[np.ndarray]) -> tuple[float, float, np.ndarray] | None:
    """(sync z, tile scale found, 60 soft bits) at the strongest sync peak; None when no
    whole tile fits. The bits are read whatever the peak's height (benches want them)."""
    if not frames:
        return None
    sync = find_sync(_residual(frames))
    if sync is None:
        return None
    z, scale, offset, folded = sync
    aligned = np.roll(folded, (-offset[0], -offset[1]), axis=(0, 1)).ravel()
    _, design = _matched()
    weights, *_ = np.linalg.lstsq(design, aligned, rcond=None)
    soft = weights[1:] / (np.std(weights[1:]) + 1e-12)
    return z, 1.0 / scale, soft


def decide(soft: np.ndarray, *, frames_read: int = 0, sync_z: float = 0.0,
           scale: float | None = None) -> WatermarkResult:
    """The blind payload test on the 60 clip-level soft bits (positive means 1)."""
    soft_a = np.concatenate([[0.0, 0.0], soft[: pl.FIELD_BITS]])
    soft_b = np.concatenate([[0.0, 0.0], soft[pl.FIELD_BITS:]])
    decoded = pl.decode_words(soft_a, soft_b)
    if decoded is None:
        return WatermarkResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                               frames_read=frames_read, sync_z=sync_z, scale=scale)
    payload, distance = decoded
    accuracy = float(np.mean((soft > 0) == (data_bits(payload) > 0.5)))
    chance = sum(comb(pl.FIELD_BITS, k) for k in range(distance + 1)) / 2**pl.FIELD_BITS
    return WatermarkResult(found=True, payload=payload,
                           confidence=1.0 - pl.MAX_ATTEMPTS * pl.TAG_CANDIDATES * chance,
                           bit_accuracy=accuracy, frames_read=frames_read,
                           check_distance=distance, sync_z=sync_z, scale=scale)


def detect_luma(frames: list[np.ndarray]) -> WatermarkResult:
    """Clip-level verdict over canonical-size luma frames."""
    reading = read_soft_bits(frames)
    if reading is None or reading[0] < MIN_SYNC_Z:
        return WatermarkResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                               frames_read=len(frames),
                               sync_z=reading[0] if reading else 0.0,
                               scale=reading[1] if reading else None)
    z, scale, soft = reading
    return decide(soft, frames_read=len(frames), sync_z=z, scale=scale)


def detect_video(path: Path) -> WatermarkResult:
    """Look for the invisible watermark in the video file at `path`."""
    return detect_luma(sample_luma(path))
