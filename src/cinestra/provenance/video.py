"""The invisible video watermark: a keyed, tiled luma pattern and its clip-level detector.

Pattern: a 16x16 grid of cells carries the sum of 199 orthogonal +-1 codes (rows of a
256-point Hadamard matrix, cells shuffled by a fixed key): one *sync* code and one code per
bit of the payload's 60 bits after a rate-1/3 convolutional code (`coding`), signed by
the bit. The grid is interpolated band-limited into a 96x96 *tile*, high-passed like the
reader does, and the tile repeats over the frame in *canonical units* (the short side of
the frame is `CANON` = 256 units, so a 720p frame has tiles of 270 px). The same luma
offset (equal in R, G and B, so it survives grayscale) is added to every frame: the
pattern is static, so the reader can average many frames, and fps changes do not matter.

Detection: decode up to `MAX_FRAMES` frames spread over the clip, as luma at canonical size;
average them and remove the picture's low frequencies. A crop magnifies the pattern
(a 25% crop makes tiles 1/0.75 as large in canonical units) and moves its origin, so the
reader tries scales from `MIN_SCALE` to `MAX_SCALE`, folds the image into one tile at each,
and finds the sync code's cyclic offset by FFT correlation. At the best (scale, offset)s a
least-squares fit reads the 198 soft code bits, a Viterbi decoder turns them into 60 bits,
and the payload is found only when its 30-bit check matches its tag exactly: with at most
`MAX_DECODES` (39) tries per clip an unmarked clip passes with probability 39 * 2**-30.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType

import av
import numpy as np
from PIL import Image
from scipy import linalg, ndimage

from cinestra.errors import InvalidRequest
from cinestra.media import open_media
from cinestra.provenance import coding
from cinestra.provenance import payload as pl
from cinestra.provenance.visible import stamp

CANON = 256  # canonical units on the frame's short side
TILE = 96  # canonical units per tile side
CELLS = 16  # cells per tile side (a cell is 6 canonical units)
BITS = 2 * pl.FIELD_BITS
CODED = coding.coded_length(BITS)  # 198 code bits on the picture
KEY = 0x0C1E_57A4
SYNC_SHARE = 0.3  # share of the pattern's power in the sync code: finding it comes first
STRENGTH = 2.8  # RMS of the luma offset in 8-bit levels (PSNR ~ 39 dB before clipping)
HIGH_PASS_SIGMA = 9.0  # canonical units: picture content above this scale is removed
MEDIAN_SIZE = 15  # canonical units: the reader's edge-removing median window
LOUDNESS_SIGMA = 12.0  # canonical units over which the residual's loudness is measured
LOUDNESS_FLOOR = 0.5  # levels: flat regions are not blown up beyond the pattern itself
MAX_FRAMES = 96
MIN_SCALE, MAX_SCALE, SCALE_STEP = 0.70, 1.03, 0.0025
SYNC_ATTEMPTS = 3  # sync peaks (at distinct scales) tried per clip, strongest first
REFINE_SCALES = 0.015  # around each, the payload is also read at scales this close
MAX_DECODES = SYNC_ATTEMPTS * (2 * round(REFINE_SCALES / SCALE_STEP) + 1)


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
    """(1 + CODED, CELLS, CELLS) +-1 codes: sync first, then one per code bit."""
    rng = np.random.default_rng(KEY)
    hadamard = linalg.hadamard(CELLS * CELLS).astype(np.float64)
    rows = rng.choice(np.arange(1, CELLS * CELLS), size=1 + CODED, replace=False)
    cells = rng.permutation(CELLS * CELLS)
    return np.asarray(hadamard[rows][:, cells].reshape(1 + CODED, CELLS, CELLS))


def _interpolate(grid: np.ndarray) -> np.ndarray:
    """Band-limited, cyclic interpolation of (..., CELLS, CELLS) grids to TILE x TILE."""
    spectrum = np.fft.fftshift(np.fft.fft2(grid), axes=(-2, -1))
    pad = (TILE - CELLS) // 2
    widths = [(0, 0)] * (grid.ndim - 2) + [(pad, pad), (pad, pad)]
    padded = np.pad(spectrum, widths)
    return np.real(np.fft.ifft2(np.fft.ifftshift(padded, axes=(-2, -1)))) * (TILE / CELLS) ** 2


def _high_pass(tiles: np.ndarray) -> np.ndarray:
    """The reader's high-pass, cyclic over each (..., TILE, TILE) tile."""
    sigma = (0,) * (tiles.ndim - 2) + (HIGH_PASS_SIGMA, HIGH_PASS_SIGMA)
    return np.asarray(tiles - ndimage.gaussian_filter(tiles, sigma, mode="wrap"))


@cache
def code_tiles() -> np.ndarray:
    """(1 + CODED, TILE, TILE) codes as embedded: interpolated, then stripped of the large
    blotches the reader's high-pass would discard anyway (they are the most visible part
    of the pattern on flat surfaces)."""
    return _high_pass(_interpolate(codes()))


def data_bits(payload: pl.Payload) -> np.ndarray:
    words = payload.words()
    return np.concatenate([words[0, 2:], words[2, 2:]])


def coded_bits(payload: pl.Payload) -> np.ndarray:
    """The CODED 0/1 bits the picture carries for `payload`."""
    return coding.encode(data_bits(payload))


def tile_for(payload: pl.Payload) -> np.ndarray:
    """The payload's TILE x TILE pattern, unit RMS."""
    signs = coded_bits(payload) * 2.0 - 1.0
    sync_gain = np.sqrt(SYNC_SHARE / (1.0 - SYNC_SHARE) * CODED)
    weights = np.concatenate([[sync_gain], signs])
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
        # The offset split into what it adds and what it removes, as uint8 RGB planes (the
        # same in R, G and B): `mark` then adds with saturation in uint8, about 8x faster
        # than widening each frame to int16 and broadcasting a one-channel offset.
        rgb = np.repeat(offset[..., None], 3, axis=2)
        self._raise = np.clip(rgb, 0, 255).astype(np.uint8)
        self._lower = np.clip(-rgb, 0, 255).astype(np.uint8)
        self._ceiling = 255 - self._raise

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
        # clip(frame + offset, 0, 255) exactly: where the offset raises, min(frame, 255 -
        # raise) + raise; where it lowers, max(frame, lower) - lower.
        out: np.ndarray = np.minimum(frame, self._ceiling)
        out += self._raise
        np.maximum(out, self._lower, out=out)
        out -= self._lower
        if self.visible:
            out = stamp(out, handle=self.handle, time=index / self.fps, in_place=True)
        return out


# -- detection ----------------------------------------------------------------------------


def sample_luma(path: Path, *, count: int = MAX_FRAMES) -> list[np.ndarray]:
    """Up to `count` frames spread over the video, as float32 luma at canonical size."""
    with open_media(path) as container:
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
    """The frames' mean luma with the picture taken out, weighted by how quiet each region
    is. A median filter first removes the picture's edges (letterbox bars, horizons,
    silhouettes) without the ringing a linear high-pass leaves around them, which drowned
    the pattern over a third of a letterboxed frame; the Gaussian high-pass the codes are
    matched to follows. Each region is then divided by its own residual power (inverse
    variance, the matched-filter weight): textured regions weigh less, flat ones more."""
    mean = np.mean(np.stack(frames), axis=0, dtype=np.float64)
    flattened = mean - ndimage.median_filter(mean, size=MEDIAN_SIZE, mode="nearest")
    residual = flattened - ndimage.gaussian_filter(flattened, HIGH_PASS_SIGMA, mode="nearest")
    power = ndimage.gaussian_filter(residual**2, LOUDNESS_SIGMA, mode="nearest")
    return np.asarray(residual / (power + LOUDNESS_FLOOR**2))


def _fold(image: np.ndarray) -> np.ndarray | None:
    """Sum the tiles of `image`, the partial ones at its edges too, into one TILE x TILE
    tile (None if the image is smaller than half a tile)."""
    if min(image.shape) < TILE // 2:
        return None
    rows, cols = -(-image.shape[0] // TILE) * TILE, -(-image.shape[1] // TILE) * TILE
    padded = np.zeros((rows, cols))
    padded[: image.shape[0], : image.shape[1]] = image
    blocks = padded.reshape(rows // TILE, TILE, cols // TILE, TILE)
    return np.asarray(blocks.sum(axis=(0, 2)))


def _resized(image: np.ndarray, factor: float) -> np.ndarray:
    height, width = image.shape
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    picture = Image.fromarray(image.astype(np.float32), mode="F")
    return np.asarray(picture.resize(size, Image.Resampling.BILINEAR), dtype=np.float64)


@cache
def _matched() -> tuple[np.ndarray, np.ndarray]:
    """The codes as the reader sees them after its high-pass: (sync spectrum conj, the
    least-squares solver). The solver is the design matrix's pseudo-inverse, computed once:
    a clip tries up to MAX_DECODES alignments, and a fresh least-squares fit cost ~75 ms
    each (3 s on an unmarked clip, which tries them all)."""
    filtered = _high_pass(code_tiles())
    sync = np.conj(np.fft.fft2(filtered[0]))
    design = filtered.reshape(1 + CODED, -1).T  # (TILE * TILE, 1 + CODED)
    return sync, np.linalg.pinv(design)


def _sync_peaks(residual: np.ndarray
                ) -> list[tuple[float, float, tuple[int, int], np.ndarray]]:
    """(z, scale, offset, folded tile) of the strongest sync peak at every scale tried."""
    sync, _ = _matched()
    peaks: list[tuple[float, float, tuple[int, int], np.ndarray]] = []
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
        row, col = np.unravel_index(int(np.argmax(surface)), surface.shape)
        peaks.append((z, float(scale), (int(row), int(col)), folded))
    return peaks


def _strongest(peaks: list[tuple[float, float, tuple[int, int], np.ndarray]]
               ) -> list[tuple[float, float, tuple[int, int], np.ndarray]]:
    """The peaks strongest first, keeping only those at least 2% of scale apart."""
    kept: list[tuple[float, float, tuple[int, int], np.ndarray]] = []
    for candidate in sorted(peaks, key=lambda item: -item[0]):
        if all(abs(candidate[1] - other[1]) > 0.02 for other in kept):
            kept.append(candidate)
    return kept


def sync_candidates(residual: np.ndarray
                    ) -> list[tuple[float, float, tuple[int, int], np.ndarray]]:
    """(z, scale, offset, folded tile) of the strongest sync peak at each scale tried,
    strongest first, keeping only peaks at least 2% of scale apart."""
    return _strongest(_sync_peaks(residual))


def _soft_bits(folded: np.ndarray, offset: tuple[int, int]) -> np.ndarray:
    aligned = np.roll(folded, (-offset[0], -offset[1]), axis=(0, 1)).ravel()
    _, solver = _matched()
    weights = solver @ aligned
    return np.asarray(weights[1:] / (np.std(weights[1:]) + 1e-12))


def read_soft_bits(frames: list[np.ndarray]) -> tuple[float, float, np.ndarray] | None:
    """(sync z, tile scale found, CODED soft bits) at the strongest sync peak; None when no
    whole tile fits. The bits are read whatever the peak's height (benches want them)."""
    candidates = sync_candidates(_residual(frames)) if frames else []
    if not candidates:
        return None
    z, scale, offset, folded = candidates[0]
    return z, 1.0 / scale, _soft_bits(folded, offset)


def decide(soft: np.ndarray, *, frames_read: int = 0, sync_z: float = 0.0,
           scale: float | None = None) -> WatermarkResult:
    """One payload attempt on CODED soft bits (positive means 1): Viterbi, then the check."""
    bits = coding.decode(soft)
    payload = pl.payload_from_bits(bits)
    if payload is None:
        return WatermarkResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                               frames_read=frames_read, sync_z=sync_z, scale=scale)
    accuracy = float(np.mean((soft > 0) == (coding.encode(bits) > 0.5)))
    return WatermarkResult(found=True, payload=payload,
                           confidence=1.0 - MAX_DECODES * 2.0**-pl.FIELD_BITS,
                           bit_accuracy=accuracy, frames_read=frames_read, check_distance=0,
                           sync_z=sync_z, scale=scale)


def detect_luma(frames: list[np.ndarray]) -> WatermarkResult:
    """Clip-level verdict over canonical-size luma frames. The sync peak's height is noisy
    across neighbouring scales (it may sit 1% off the true tile size, which smears the
    payload codes over a frame several tiles wide), so around each of the SYNC_ATTEMPTS
    strongest peaks the payload is read at every scale within REFINE_SCALES, strongest sync
    first, until one decodes to a valid payload."""
    peaks = _sync_peaks(_residual(frames)) if frames else []
    candidates = _strongest(peaks)
    result = WatermarkResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                             frames_read=len(frames),
                             sync_z=candidates[0][0] if candidates else 0.0,
                             scale=1.0 / candidates[0][1] if candidates else None)
    for _, centre, _, _ in candidates[:SYNC_ATTEMPTS]:
        near = [peak for peak in peaks if abs(peak[1] - centre) <= REFINE_SCALES + 1e-9]
        for z, scale, offset, folded in sorted(near, key=lambda item: -item[0]):
            attempt = decide(_soft_bits(folded, offset), frames_read=len(frames), sync_z=z,
                             scale=1.0 / scale)
            if attempt.found:
                return attempt
    return result


def detect_video(path: Path) -> WatermarkResult:
    """Look for the invisible watermark in the video file at `path`."""
    return detect_luma(sample_luma(path))
