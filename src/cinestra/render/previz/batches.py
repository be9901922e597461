"""Instanced drawing: every body of one mesh shape is one row of an instance buffer.

A row holds what the scene shader needs per body (float32, column-major like GLSL):
model matrix (16), normal matrix (9), colour (3), material (4: specular, shininess,
wetness, planar reflection) and extra (4: planks, emissive, subject index + 1, unused).
Static bodies' rows are built once per timeline, moving bodies' rows once per frame, and
each frame the rows in view are sorted nearest first and drawn with one call per mesh.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

INSTANCE_FLOATS = 36
INSTANCE_FORMAT = "16f 9f 3f 4f 4f/i"
INSTANCE_ATTRIBUTES = ("in_model", "in_normal_matrix", "in_color", "in_material", "in_extra")
SHADOW_FORMAT = f"16f {(INSTANCE_FLOATS - 16) * 4}x/i"  # the model matrix alone
MODEL = slice(0, 16)
COLOR = slice(25, 28)
EXTRA = slice(32, 36)
WETNESS_COLUMN = 30
REFLECT_COLUMN = 31
BOARDS_COLUMN = 32
SUBJECT_COLUMN = 34
ROOT3 = math.sqrt(3.0)  # a unit cube's corner is this far from its centre


@dataclass(frozen=True)
class MeshBatch:
    mesh: str  # a Body shape
    static: NDArray[np.float32]  # (s, INSTANCE_FLOATS)
    static_casts: NDArray[np.bool_]  # (s,) casts a sun shadow
    moving: NDArray[np.float32]  # (frames, m, INSTANCE_FLOATS)
    moving_casts: NDArray[np.bool_]  # (m,)
    static_bounds: NDArray[np.float64] = field(init=False)  # (s, 4): centre, radius

    def __post_init__(self) -> None:
        object.__setattr__(self, "static_bounds", bounds(self.static))

    def rows(self, frame: int) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
        """Every row at `frame` and its bounding spheres."""
        if self.moving.shape[1] == 0:
            return self.static, self.static_bounds
        moving = self.moving[frame]
        return np.vstack([self.static, moving]), np.vstack([self.static_bounds, bounds(moving)])

    def casters(self, frame: int | None) -> NDArray[np.float32]:
        """Shadow casters: the static ones (`frame` None) or the moving ones at `frame`."""
        rows: NDArray[np.float32] = (
            self.static[self.static_casts] if frame is None
            else self.moving[frame][self.moving_casts]
        )
        return rows


def instance_rows(models: NDArray[np.float64], looks: NDArray[np.float64]) -> NDArray[np.float32]:
    """Rows for (frames, n, 4, 4) model matrices and (n, 11) colour, material and extra."""
    frames, count = models.shape[:2]
    linear = models[..., :3, :3]
    # Normal matrix: the inverse transpose of the linear part (scales are never zero).
    normals = np.linalg.inv(linear).transpose(0, 1, 3, 2)
    rows = np.empty((frames, count, INSTANCE_FLOATS), dtype=np.float32)
    rows[..., MODEL] = models.transpose(0, 1, 3, 2).reshape(frames, count, 16)
    rows[..., 16:25] = normals.transpose(0, 1, 3, 2).reshape(frames, count, 9)
    rows[..., 25:] = looks[None, :, :]
    return rows


def bounds(rows: NDArray[np.float32]) -> NDArray[np.float64]:
    """(n, 4) bounding spheres (centre, radius) of the unit meshes under the rows' models."""
    columns = rows[:, :12].astype(np.float64).reshape(-1, 3, 4)[:, :, :3]
    radius = np.linalg.norm(columns, axis=2).max(axis=1) * ROOT3
    return np.hstack([rows[:, 12:15].astype(np.float64), radius[:, None]])


def frustum_planes(view_proj: NDArray[np.float64]) -> NDArray[np.float64]:
    """(6, 4) inward planes of a clip-space frustum, normalised (Gribb and Hartmann)."""
    m = view_proj
    planes = np.array([m[3] + m[0], m[3] - m[0], m[3] + m[1], m[3] - m[1], m[3] + m[2],
                       m[3] - m[2]])
    normalised: NDArray[np.float64] = planes / np.linalg.norm(planes[:, :3], axis=1,
                                                               keepdims=True)
    return normalised


def in_view(
    rows: NDArray[np.float32], spheres: NDArray[np.float64], *, planes: NDArray[np.float64],
    eye: NDArray[np.float64],
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """The rows whose bounding sphere meets the frustum, nearest first, and the distances of
    their centres."""
    if len(rows) == 0:
        return rows, np.zeros(0)
    centres, radius = spheres[:, :3], spheres[:, 3]
    signed = centres @ planes[:, :3].T + planes[:, 3]
    keep = np.all(signed >= -radius[:, None], axis=1)
    distance = np.linalg.norm(centres[keep] - eye, axis=1)
    order = np.argsort(distance, kind="stable")  # ties keep the timeline's order
    return np.ascontiguousarray(rows[keep][order]), distance[order]
