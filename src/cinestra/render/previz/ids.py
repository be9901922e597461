"""Reading the ID render pass (`PrevizEngine.render_ids`): how much of a frame each subject
covers, for the visibility tests and the camera's framing checks."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def coverage(ids: NDArray[np.int32], legend: list[str]) -> dict[str, float]:
    """Share of the frame (0..1) each subject of `legend` covers in an ID map (0 is none,
    i is ``legend[i - 1]``); subjects out of view map to 0."""
    counts = np.bincount(ids.ravel(), minlength=len(legend) + 1)
    total = float(ids.size)
    return {name: float(counts[index + 1]) / total for index, name in enumerate(legend)}
