"""Lip sync: a mouth's size per frame from its speaker's visemes (`Timeline.visemes`)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from cinestra.world.timeline import Timeline, Vec3

# Factors on the mouth's full size (width, depth, height): its local z is the opening.
MOUTH_SHAPES: dict[str, Vec3] = {
    "rest": (0.9, 1.0, 0.25),
    "closed": (1.0, 1.0, 0.15),
    "open": (1.0, 1.0, 1.0),
    "wide": (1.3, 1.0, 0.5),
    "round": (0.7, 1.0, 0.8),
    "teeth": (1.15, 1.0, 0.4),
    "tongue": (1.0, 1.0, 0.7),
}


def mouth_scales(timeline: Timeline, *, speaker: str) -> NDArray[np.float64]:
    """(frames, 3) size factors of `speaker`'s mouth: the viseme shown at each frame's time,
    "rest" where none is."""
    factors = np.tile(np.asarray(MOUTH_SHAPES["rest"]), (timeline.frame_count, 1))
    for viseme in timeline.visemes:
        if viseme.speaker != speaker:
            continue
        # Frames i with start <= i / fps < end show this viseme.
        first = -((-viseme.start * timeline.fps) // 1)  # ceil of an exact Fraction
        last = -((-viseme.end * timeline.fps) // 1)
        first, last = max(int(first), 0), min(int(last), timeline.frame_count)
        if first < last:
            factors[first:last] = MOUTH_SHAPES[viseme.shape]
    return factors
