"""Per-frame boxes of each named subject, its head and where it faces, from Timeline bodies.

This is what `camera_path` frames: the simulation hands over its posed bodies and tracks,
and every body with a `subject` counts towards that subject (its parts, or the prop itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from cinestra.world.camera.framing import Boxes
from cinestra.world.camera.view import Array
from cinestra.world.timeline import Body, Cloth, Track

FACE_PARTS = ("mouth", "nose", "snout", "beak", "muzzle", "eye_l", "eye_r", "eye")


@dataclass(frozen=True)
class SubjectBoxes:
    boxes: dict[str, Boxes]  # subject id -> (frames, 2, 3), in the order first seen
    heads: dict[str, Boxes]  # subjects with a part of kind "head"
    facings: dict[str, Array]  # (frames, 3) horizontal unit vectors, head to face parts
    # subject id -> each of its parts' boxes: how much of its outline a thin subject
    # (a saxophone, a lamp post) really fills
    parts: dict[str, list[Boxes]] = field(default_factory=dict)


def subject_boxes(bodies: Sequence[Body], tracks: Sequence[Track], *, frame_count: int,
                  cloths: Sequence[Cloth] = (), order: Sequence[str] = ()) -> SubjectBoxes:
    """Boxes of every subject's bodies (and cloths) per frame; `order` puts the Storyboard's
    subjects first, main subject first."""
    by_body = {track.body: track for track in tracks}
    parts: dict[str, list[Boxes]] = {name: [] for name in order}
    heads: dict[str, list[Boxes]] = {}
    faces: dict[str, list[Boxes]] = {}
    for body in bodies:
        if body.subject is None:
            continue
        box = _body_boxes(body, by_body.get(body.id), frame_count)
        parts.setdefault(body.subject, []).append(box)
        if body.kind == "head":
            heads.setdefault(body.subject, []).append(box)
        elif body.kind in FACE_PARTS:
            faces.setdefault(body.subject, []).append(box)
    for cloth in cloths:
        if cloth.subject is not None and cloth.frames:
            points = np.array([cloth.frames[min(i, len(cloth.frames) - 1)]
                               for i in range(frame_count)], dtype=np.float64)
            parts.setdefault(cloth.subject, []).append(
                np.stack([points.min(axis=1), points.max(axis=1)], axis=1))
    boxes = {name: _union(found) for name, found in parts.items() if found}
    head_boxes = {name: _union(found) for name, found in heads.items()}
    facings = {}
    for name, found in faces.items():
        if name in head_boxes:
            toward = _union(found).mean(axis=1) - head_boxes[name].mean(axis=1)
            toward[:, 2] = 0.0
            norm = np.linalg.norm(toward, axis=1, keepdims=True)
            if float(np.min(norm)) > 1e-6:
                facings[name] = toward / norm
    return SubjectBoxes(boxes=boxes, heads=head_boxes, facings=facings,
                        parts={name: found for name, found in parts.items() if found})


def _union(boxes: list[Boxes]) -> Boxes:
    stack = np.stack(boxes)
    return np.stack([stack[:, :, 0].min(axis=0), stack[:, :, 1].max(axis=0)], axis=1)


def _body_boxes(body: Body, track: Track | None, frame_count: int) -> Boxes:
    """World-aligned box around one body, per frame (its pose, rotation and scale)."""
    poses = track.poses if track is not None else [body.pose]
    index = np.minimum(np.arange(frame_count), len(poses) - 1)
    positions = np.array([poses[i].pos for i in index], dtype=np.float64)
    quats = np.array([poses[i].quat for i in index], dtype=np.float64)
    half = np.tile(np.asarray(body.size, dtype=np.float64), (frame_count, 1))
    if track is not None and track.scales is not None:
        scales = np.array([track.scales[min(i, len(track.scales) - 1)]
                           for i in range(frame_count)], dtype=np.float64)
        half = half * scales
    rotations = _matrices(quats)
    if body.shape == "sphere":  # an ellipsoid: exact extent along each world axis
        extent = np.sqrt(np.einsum("fij,fj->fi", rotations ** 2, half ** 2))
    else:  # box, cylinder, cone, plane: the box around the shape, rotated
        extent = np.einsum("fij,fj->fi", np.abs(rotations), half)
    return np.stack([positions - extent, positions + extent], axis=1)


def _matrices(quats: Array) -> Array:
    """(frames, 3, 3) rotations of (w, x, y, z) quaternions (normalised; zero: identity)."""
    norm = np.linalg.norm(quats, axis=1, keepdims=True)
    unit = np.where(norm > 1e-12, quats / np.maximum(norm, 1e-12), [1.0, 0.0, 0.0, 0.0])
    w, x, y, z = unit.T
    return np.stack([
        np.stack([1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)], axis=-1),
        np.stack([2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)], axis=-1),
        np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], axis=-1),
    ], axis=1)
