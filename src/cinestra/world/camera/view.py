"""Per-frame camera geometry on arrays: where boxes land in the frame, yaw and pitch.

The conventions are the renderer's (`render.previz.camera.view_matrix`): the world is z-up,
the camera looks from `position` at `target`, `roll_deg` turns it clockwise about its
viewing axis. Everything here works on whole shots at once: positions and targets are
``(frames, 3)``, fields of view and rolls ``(frames,)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

MARGIN = 0.03  # share of the frame kept clear at each edge


@dataclass(frozen=True)
class Path:
    """A camera move before it becomes CameraKeys."""

    positions: Array  # (frames, 3)
    targets: Array  # (frames, 3)
    fovs: Array  # (frames,) vertical field of view, degrees
    rolls: Array  # (frames,) degrees


def basis(positions: Array, targets: Array, rolls: Array) -> tuple[Array, Array, Array]:
    """Per frame (right, up, forward) unit vectors of the camera."""
    forward = targets - positions
    forward = forward / np.maximum(np.linalg.norm(forward, axis=1, keepdims=True), 1e-9)
    world_up = np.tile([0.0, 0.0, 1.0], (len(forward), 1))
    straight = np.abs(forward[:, 2]) > 0.9999  # looking straight down: screen-up is +y
    world_up[straight] = [0.0, 1.0, 0.0]
    right = np.cross(forward, world_up)
    right /= np.linalg.norm(right, axis=1, keepdims=True)
    up = np.cross(right, forward)
    roll = np.radians(rolls)[:, None]
    return (np.cos(roll) * right - np.sin(roll) * up,
            np.sin(roll) * right + np.cos(roll) * up, forward)


def screen(path: Path, points: Array, *, aspect: float) -> tuple[Array, Array, Array]:
    """Normalised screen coordinates of ``(frames, n, 3)`` points: x and y in [-1, 1] at the
    frame's edges (y up), and the depth in front of the camera."""
    right, up, forward = basis(path.positions, path.targets, path.rolls)
    relative = points - path.positions[:, None, :]
    depth = np.einsum("fnk,fk->fn", relative, forward)
    tan_half = np.tan(np.radians(path.fovs) / 2)[:, None]
    safe = np.maximum(depth, 1e-9)
    x = np.einsum("fnk,fk->fn", relative, right) / (safe * tan_half * aspect)
    y = np.einsum("fnk,fk->fn", relative, up) / (safe * tan_half)
    return x, y, depth


def corners(boxes: Array) -> Array:
    """``(frames, 8, 3)`` corners of ``(frames, 2, 3)`` boxes."""
    index = np.array([[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)])
    return np.stack([boxes[:, index[:, axis], axis] for axis in range(3)], axis=-1)


def inside(path: Path, boxes: Array, *, aspect: float, margin: float = MARGIN) -> NDArray[np.bool_]:
    """Per frame: every corner of the box is in front of the camera and inside the frame."""
    x, y, depth = screen(path, corners(boxes), aspect=aspect)
    limit = 1.0 - 2.0 * margin
    ok = (depth > 0.05) & (np.abs(x) <= limit) & (np.abs(y) <= limit)
    return np.asarray(ok.all(axis=1))


def yaw_pitch(positions: Array, targets: Array) -> tuple[Array, Array]:
    """Heading (counter-clockwise from +x, seen from above) and pitch (up positive), radians."""
    view = targets - positions
    yaw = np.unwrap(np.arctan2(view[:, 1], view[:, 0]))
    pitch = np.arctan2(view[:, 2], np.hypot(view[:, 0], view[:, 1]))
    return yaw, pitch


def direction(yaw: Array, pitch: Array) -> Array:
    """Unit viewing directions from yaw and pitch (radians)."""
    return np.stack([np.cos(yaw) * np.cos(pitch), np.sin(yaw) * np.cos(pitch), np.sin(pitch)],
                    axis=-1)


def needed_distance(boxes: Array, targets: Array, away: Array, *, fov_deg: float,
                    aspect: float, fill_v: float, fill_h: float) -> float:
    """Distance from the target along the unit vector `away` (target to camera) at which every
    box corner fits in the share `fill_v` of the frame's height and `fill_h` of its width."""
    right, up, forward = basis(targets + away, targets, np.zeros(len(targets)))
    relative = corners(boxes) - targets[:, None, :]
    along = -np.einsum("fnk,fk->fn", relative, forward)  # towards the camera
    tan_v = np.tan(np.radians(fov_deg) / 2)
    x = np.abs(np.einsum("fnk,fk->fn", relative, right)) / (tan_v * aspect * fill_h)
    y = np.abs(np.einsum("fnk,fk->fn", relative, up)) / (tan_v * fill_v)
    return float(np.max(along + np.maximum(x, y)))


def screen_share(path: Path, boxes: Array, *, aspect: float) -> Array:
    """Per frame, the share of the frame (0..1) the box's projected outline covers, clipped
    to the frame; 0 when the box is behind the camera."""
    x, y, depth = screen(path, corners(boxes), aspect=aspect)
    in_front = (depth > 0.05).all(axis=1)
    width = np.clip(x.max(axis=1), -1, 1) - np.clip(x.min(axis=1), -1, 1)
    height = np.clip(y.max(axis=1), -1, 1) - np.clip(y.min(axis=1), -1, 1)
    return np.where(in_front, width * height / 4.0, 0.0)


def keys_path(positions: Array, targets: Array, fovs: Array, rolls: Array) -> Path:
    return Path(positions=positions, targets=targets, fovs=fovs, rolls=rolls)
