"""Keep the set out of the lens: a camera placed behind a building, a chimney or a wall is
moved in along its line of sight until nothing stands between it and what it looks at.

Framing works on the subjects alone; the set's bodies are only known to the world. This is
the last step: each frame's segment from the look-at point to the camera is tested against
every static body (as its oriented box); the camera is pulled in front of the first one
met, and the pull is smoothed over time so the camera glides rather than jumps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.spatial.transform import Rotation

from cinestra.world.timeline import Body, CameraKey

MARGIN = 0.35  # m left between the camera and the obstacle it was pulled in front of
MIN_SHARE = 0.15  # the camera never comes closer than this share of its distance
SMOOTH_S = 0.5  # seconds over which a pull eases in and out
GROUND_EXTENT = 15.0  # bodies this large in x and y are grounds and floors: never in the way


def _entry(body: Body, start: NDArray[np.float64], end: NDArray[np.float64]
           ) -> NDArray[np.float64]:
    """Per frame, where the segment start -> end enters `body`'s box (0..1), inf if not."""
    rotation = Rotation.from_quat([body.pose.quat[1], body.pose.quat[2], body.pose.quat[3],
                                   body.pose.quat[0]]).as_matrix()
    centre = np.asarray(body.pose.pos, dtype=np.float64)
    half = np.maximum(np.asarray(body.size, dtype=np.float64), 1e-3)
    a = (start - centre) @ rotation  # local coordinates (row vectors times R = R^T v)
    d = (end - start) @ rotation
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = (-half - a) / d
        t2 = (half - a) / d
    near = np.where(np.abs(d) < 1e-12, np.where(np.abs(a) <= half, -np.inf, np.inf),
                    np.minimum(t1, t2))
    far = np.where(np.abs(d) < 1e-12, np.where(np.abs(a) <= half, np.inf, -np.inf),
                   np.maximum(t1, t2))
    enter, leave = near.max(axis=1), far.min(axis=1)
    # Only a body the segment enters from outside blocks it: one around the look-at point
    # (a stage riser, the room's air) does not.
    hit = (enter < leave) & (enter > 0.0) & (enter < 1.0)
    return np.where(hit, enter, np.inf)


def clear_view(keys: Sequence[CameraKey], scenery: Sequence[Body], *, fps: int
               ) -> list[CameraKey]:
    """`keys` with each camera moved in front of any static body between it and its target."""
    if not keys:
        return list(keys)
    targets = np.array([key.target for key in keys], dtype=np.float64)
    eyes = np.array([key.position for key in keys], dtype=np.float64)
    share = np.ones(len(keys))
    for body in scenery:
        if not body.static or body.shape == "plane" or min(body.size[:2]) > GROUND_EXTENT:
            continue
        entry = _entry(body, targets, eyes)
        length = np.linalg.norm(eyes - targets, axis=1)
        pulled = entry - MARGIN / np.maximum(length, 1e-6)
        share = np.minimum(share, np.where(np.isfinite(entry), pulled, 1.0))
    if np.all(share >= 1.0):
        return list(keys)
    window = max(1, round(SMOOTH_S * fps))
    share = minimum_filter1d(np.clip(share, MIN_SHARE, 1.0), size=2 * window + 1, mode="nearest")
    share = uniform_filter1d(share, size=2 * window + 1, mode="nearest")
    moved = targets + (eyes - targets) * share[:, None]
    travelled = np.linalg.norm(eyes - moved, axis=1)  # what stood in focus is that much nearer
    return [key.model_copy(update={
        "position": (round(float(p[0]), 6), round(float(p[1]), 6), round(float(p[2]), 6)),
        "focus_m": None if key.focus_m is None else round(max(key.focus_m - float(gone), 0.05), 6),
    }) for key, p, gone in zip(keys, moved, travelled, strict=True)]
