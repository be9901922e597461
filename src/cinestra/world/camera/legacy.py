"""The one-box framing `simulate` used before the camera framed each subject."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cinestra.world.camera.framing import Boxes


@dataclass(frozen=True)
class Framing:
    """The region the camera must show: the centre and half extents of the action."""

    center: tuple[float, float, float]
    half: tuple[float, float, float]


def framing_boxes(framing: Framing, *, frame_count: int) -> Boxes:
    """The framing as a still subject box, per frame."""
    center, half = np.asarray(framing.center), np.asarray(framing.half)
    return np.tile(np.stack([center - half, center + half]), (frame_count, 1, 1))
