"""Unit meshes for the five Body shapes, built with numpy.

Every mesh is an interleaved float32 array of ``(x, y, z, nx, ny, nz)`` rows plus a uint32
triangle index array, counter-clockwise when seen from outside. The model matrix scales
the unit mesh by `Body.size`:

- sphere: radius 1 (scaled by ``(r, r, r)``)
- box: half extents 1, i.e. the cube ``[-1, 1]^3`` (scaled by the half extents)
- cylinder: radius 1, half height 1, axis along local z (scaled by ``(r, r, half height)``)
- plane: the square ``[-1, 1]^2`` at z = 0 facing +z (scaled by ``(half x, half y, 1)``)
- cone: radius 1 at z = -1 narrowing to its apex at z = +1 (scaled by ``(r, r, half height)``)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Mesh:
    vertices: NDArray[np.float32]  # (n, 6): position, normal
    indices: NDArray[np.uint32]  # (m * 3,)

    @property
    def triangle_count(self) -> int:
        return int(self.indices.size // 3)


def _mesh(
    *, positions: NDArray[np.float64], normals: NDArray[np.float64], indices: NDArray[np.int64]
) -> Mesh:
    vertices = np.hstack([positions, normals]).astype(np.float32)
    return Mesh(vertices=np.ascontiguousarray(vertices), indices=indices.astype(np.uint32).ravel())


def _grid_indices(rows: int, columns: int, *, offset: int = 0) -> NDArray[np.int64]:
    """Two triangles per cell of a (rows + 1) x (columns + 1) vertex grid laid out row by row."""
    row, column = np.meshgrid(np.arange(rows), np.arange(columns), indexing="ij")
    a = offset + row * (columns + 1) + column
    b = a + 1
    c = a + (columns + 1)
    d = c + 1
    return np.stack([a, c, b, b, c, d], axis=-1).reshape(-1, 3)


def sphere(*, segments: int = 48, rings: int = 24) -> Mesh:
    """UV sphere of radius 1: 48 * 24 * 2 = 2304 triangles by default (96 are pole slivers)."""
    theta = np.linspace(0.0, np.pi, rings + 1)  # from +z (north pole) down to -z
    phi = np.linspace(0.0, 2.0 * np.pi, segments + 1)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    normals = np.stack([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)], axis=-1)
    normals = normals.reshape(-1, 3)
    # Rows go from north to south and columns eastwards, so (a, c, b) faces outwards.
    indices = _grid_indices(rings, segments)
    return _mesh(positions=normals, normals=normals, indices=indices)


def box() -> Mesh:
    """The cube [-1, 1]^3 with flat face normals (24 vertices, 12 triangles)."""
    positions: list[NDArray[np.float64]] = []
    normals: list[NDArray[np.float64]] = []
    indices: list[NDArray[np.int64]] = []
    for axis in range(3):
        for sign in (1.0, -1.0):
            normal = np.zeros(3)
            normal[axis] = sign
            u_axis = np.zeros(3)
            v_axis = np.zeros(3)
            u_axis[(axis + 1) % 3] = 1.0
            v_axis[(axis + 2) % 3] = sign  # u x v points along the normal
            square = ((-1, -1), (1, -1), (1, 1), (-1, 1))
            corners = [normal + su * u_axis + sv * v_axis for su, sv in square]
            base = 4 * len(positions)
            positions.append(np.array(corners))
            normals.append(np.tile(normal, (4, 1)))
            indices.append(np.array([[base, base + 1, base + 2], [base, base + 2, base + 3]]))
    return _mesh(
        positions=np.vstack(positions), normals=np.vstack(normals), indices=np.vstack(indices)
    )


def cylinder(*, segments: int = 48) -> Mesh:
    """Capped cylinder of radius 1 from z = -1 to z = 1, smooth sides and flat caps."""
    phi = np.linspace(0.0, 2.0 * np.pi, segments + 1)
    ring = np.stack([np.cos(phi), np.sin(phi), np.zeros_like(phi)], axis=-1)
    # Side: row 0 is the top ring, row 1 the bottom ring (north to south, as for the sphere).
    up = np.array([0.0, 0.0, 1.0])
    side_positions = np.vstack([ring + up, ring - up])
    side_normals = np.vstack([ring, ring])
    side_indices = _grid_indices(1, segments)
    positions = [side_positions]
    normals = [side_normals]
    indices = [side_indices]
    offset = len(side_positions)
    for z in (1.0, -1.0):
        centre = np.array([[0.0, 0.0, z]])
        cap_positions = np.vstack([centre, ring[:-1] + z * up])
        cap_normals = np.tile([0.0, 0.0, z], (segments + 1, 1))
        first = offset + 1 + np.arange(segments)
        second = offset + 1 + (np.arange(segments) + 1) % segments
        centres = np.full(segments, offset)
        if z > 0:
            cap = np.stack([centres, first, second], axis=-1)
        else:
            cap = np.stack([centres, second, first], axis=-1)
        positions.append(cap_positions)
        normals.append(cap_normals)
        indices.append(cap)
        offset += segments + 1
    return _mesh(
        positions=np.vstack(positions), normals=np.vstack(normals), indices=np.vstack(indices)
    )


def plane() -> Mesh:
    """The square [-1, 1]^2 at z = 0 facing +z, split into a 8 x 8 grid for smooth fog and light."""
    cells = 8
    u = np.linspace(-1.0, 1.0, cells + 1)
    y, x = np.meshgrid(u[::-1], u, indexing="ij")  # rows from +y to -y, columns from -x to +x
    positions = np.stack([x, y, np.zeros_like(x)], axis=-1).reshape(-1, 3)
    normals = np.tile([0.0, 0.0, 1.0], (len(positions), 1))
    return _mesh(positions=positions, normals=normals, indices=_grid_indices(cells, cells))


def cone(*, segments: int = 32) -> Mesh:
    """Capped cone of radius 1 at z = -1, apex at z = +1: smooth sides, a flat base."""
    phi = np.linspace(0.0, 2.0 * np.pi, segments + 1)
    ring = np.stack([np.cos(phi), np.sin(phi), np.full_like(phi, -1.0)], axis=-1)
    # The side x^2 + y^2 = ((1 - z) / 2)^2 has the outward normal (cos, sin, 1/2), normalised.
    side_normals = np.stack([np.cos(phi), np.sin(phi), np.full_like(phi, 0.5)], axis=-1)
    side_normals /= np.linalg.norm(side_normals, axis=1, keepdims=True)
    # One apex vertex per segment, with the normal halfway round it, so the tip shades smoothly.
    middle = (phi[:-1] + phi[1:]) / 2.0
    apex_normals = np.stack([np.cos(middle), np.sin(middle), np.full_like(middle, 0.5)], axis=-1)
    apex_normals /= np.linalg.norm(apex_normals, axis=1, keepdims=True)
    apex = np.tile([0.0, 0.0, 1.0], (segments, 1))
    ring_first = segments  # apex vertices come first
    side = np.stack([np.arange(segments), ring_first + np.arange(segments),
                     ring_first + np.arange(segments) + 1], axis=-1)
    base_first = segments + segments + 1
    base_positions = np.vstack([[[0.0, 0.0, -1.0]], ring[:-1]])
    base_normals = np.tile([0.0, 0.0, -1.0], (segments + 1, 1))
    first = base_first + 1 + np.arange(segments)
    second = base_first + 1 + (np.arange(segments) + 1) % segments
    base = np.stack([np.full(segments, base_first), second, first], axis=-1)
    return _mesh(
        positions=np.vstack([apex, ring, base_positions]),
        normals=np.vstack([apex_normals, side_normals, base_normals]),
        indices=np.vstack([side, base]),
    )


def sphere_low() -> Mesh:
    """A coarse sphere (400 triangles) for shadows, reflections and spheres small on screen."""
    return sphere(segments=20, rings=10)


def sphere_mid() -> Mesh:
    """A sphere of 1024 triangles for spheres of middling size on screen."""
    return sphere(segments=32, rings=16)


def cylinder_low() -> Mesh:
    """A coarse cylinder (12 sides) for shadows and cylinders small on screen (limbs)."""
    return cylinder(segments=12)


def cylinder_mid() -> Mesh:
    """A cylinder of 24 sides for cylinders of middling size on screen."""
    return cylinder(segments=24)


# Coarse stand-ins drawn where the full mesh would be wasted (small on screen, shadows).
LOW_MESHES = {"sphere": "sphere_low", "cylinder": "cylinder_low"}
# Levels of detail of the round shapes, coarse to fine, with their sides around.
MESH_LEVELS = {
    "sphere": (("sphere_low", 20), ("sphere_mid", 32), ("sphere", 48)),
    "cylinder": (("cylinder_low", 12), ("cylinder_mid", 24), ("cylinder", 48)),
}

MESH_BUILDERS = {
    "sphere": sphere, "sphere_low": sphere_low, "sphere_mid": sphere_mid, "box": box,
    "cylinder": cylinder, "plane": plane, "cone": cone,
    "cylinder_low": cylinder_low, "cylinder_mid": cylinder_mid,
}


def level_radius_px(sides: int, *, tolerance_px: float) -> float:
    """The largest on-screen radius at which a regular polygon of `sides` sides strays at most
    `tolerance_px` from its circle (its sagitta, r * (1 - cos(pi / sides)))."""
    return tolerance_px / (1.0 - math.cos(math.pi / sides))


def detail_levels(
    rows: NDArray[np.float32], distance: NDArray[np.float64], *, mesh: str, focal_px: float,
    tolerance_px: float,
) -> list[tuple[str, NDArray[np.float32]]]:
    """(level mesh, rows) pairs: each instance row of a round `mesh` (see `batches`) with the
    coarsest level of MESH_LEVELS whose silhouette stays within `tolerance_px`. `distance`
    is each body centre's distance to the eye, `focal_px` the focal length in pixels."""
    levels = MESH_LEVELS[mesh]
    # Radius of the round section (a cylinder's length does not count), seen from the
    # body's nearest point (its centre's distance less its longest half axis).
    axes = np.linalg.norm(rows[:, :12].reshape(-1, 3, 4)[:, :, :3], axis=2)
    round_axes = axes if mesh == "sphere" else axes[:, :2]
    nearest = np.maximum(distance - axes.max(axis=1), 1e-6)
    radius_px = round_axes.max(axis=1) * focal_px / nearest
    drawn = np.zeros(len(rows), dtype=bool)
    picked: list[tuple[str, NDArray[np.float32]]] = []
    for level, (level_mesh, sides) in enumerate(levels):
        pick = ~drawn
        if level < len(levels) - 1:
            pick &= radius_px <= level_radius_px(sides, tolerance_px=tolerance_px)
        picked.append((level_mesh, rows[pick]))
        drawn |= pick
    return picked
