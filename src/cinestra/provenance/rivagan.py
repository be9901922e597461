"""RivaGAN (32-bit video watermark) run with onnxruntime, at low resolution.

The ONNX encoder and decoder ship inside the `invisible-watermark` wheel; they are located
with `importlib.util.find_spec` and never imported (that package imports torch). Frames are
brought to a working size of about 456x256 pixels; the encoder's residual is returned at that
size and the caller upscales it onto the full frame.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import TracebackType

import numpy as np
import onnxruntime as ort  # type: ignore[import-untyped]
from PIL import Image

from cinestra.errors import EngineUnavailable

WORK_AREA = 232 * 128
THREADS = 2


def model_dir() -> Path:
    spec = importlib.util.find_spec("imwatermark")
    if spec is None or spec.origin is None:
        raise EngineUnavailable("the RivaGAN models need `invisible-watermark` "
                                "(pip install --no-deps invisible-watermark)")
    return Path(spec.origin).parent


def work_size(width: int, height: int, *, area: int = WORK_AREA) -> tuple[int, int]:
    """(width, height) of about `area` pixels, same aspect, multiples of 8."""
    scale = math.sqrt(area / (width * height))
    return (max(32, round(width * scale / 8) * 8), max(32, round(height * scale / 8) * 8))


def shrink(frame: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """RGB uint8 frame resized to `size` (width, height) with an area-like filter."""
    if (frame.shape[1], frame.shape[0]) == size:
        return frame
    return np.asarray(Image.fromarray(frame).resize(size, Image.Resampling.BOX
                      if frame.shape[1] >= size[0] else Image.Resampling.BILINEAR))


def enlarge(residual: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(h, w, 3) float32 residual resized bilinearly to `size` (width, height)."""
    channels = [np.asarray(Image.fromarray(residual[..., c], mode="F").resize(
        size, Image.Resampling.BILINEAR)) for c in range(3)]
    return np.stack(channels, axis=-1)


class RivaGan:
    """The two ONNX sessions; use as a context manager (sessions are freed on exit)."""

    def __init__(self, *, threads: int = THREADS) -> None:
        self._threads = threads
        self._encoder: ort.InferenceSession | None = None
        self._decoder: ort.InferenceSession | None = None

    def __enter__(self) -> RivaGan:
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        folder = model_dir()
        providers = ["CPUExecutionProvider"]
        self._encoder = ort.InferenceSession(str(folder / "rivagan_encoder.onnx"), options,
                                             providers=providers)
        self._decoder = ort.InferenceSession(str(folder / "rivagan_decoder.onnx"), options,
                                             providers=providers)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._encoder = None
        self._decoder = None

    def residual(self, frames: np.ndarray, words: np.ndarray) -> np.ndarray:
        """Watermark residuals (n, h, w, 3) float32 in pixel units for uint8 `frames`
        (n, h, w, 3) at working size and 0/1 `words` (n, 32)."""
        if self._encoder is None:
            raise EngineUnavailable("RivaGan is used outside its `with` block")
        batch = _to_model(frames)
        out = self._encoder.run(None, {"frame": batch, "data": words.astype(np.float32)})[0]
        marked = np.clip(out, -1.0, 1.0)
        return np.ascontiguousarray(((marked - batch)[:, :, 0] * 127.5).transpose(0, 2, 3, 1))

    def logits(self, frames: np.ndarray) -> np.ndarray:
        """Decoder logits (n, 32) for uint8 `frames` (n, h, w, 3); positive means bit 1."""
        if self._decoder is None:
            raise EngineUnavailable("RivaGan is used outside its `with` block")
        out = self._decoder.run(None, {"frame": _to_model(frames)})[0]
        return np.asarray(out, dtype=np.float32)


def _to_model(frames: np.ndarray) -> np.ndarray:
    """uint8 (n, h, w, 3) -> float32 (n, 3, 1, h, w) in [-1, 1]."""
    scaled = frames.astype(np.float32) / 127.5 - 1.0
    return np.ascontiguousarray(scaled.transpose(0, 3, 1, 2)[:, :, None])
