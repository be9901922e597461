"""Cloth: curtains, flags and jackets as position-based mass-spring grids in numpy.

A sheet is a grid of vertices joined by stretch, shear and bend links. Each step moves the
vertices by Verlet integration under gravity and a gusting wind (pushing on the cloth's
normal, dragging along it), then pulls the links back to their rest lengths a few times
(position-based dynamics) and keeps the vertices above the floor and in front of the wall
behind a curtain. Pinned vertices (a curtain's rail, a flag's pole, a jacket's shoulders)
never move. The sheet settles for a pre-roll second before frame 0 so the first frame is
already hanging, not flat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cinestra.world.timeline import Cloth, Pose, Vec3

KINDS = ("curtain", "flag", "jacket")
SPACING = 0.1  # target distance between neighbouring vertices, m
MAX_ROWS, MAX_COLUMNS = 32, 24
SUBSTEPS_PER_SECOND = 48  # simulated steps per second of simulated time
ITERATIONS = 4  # constraint passes per step
RELAXATION = 2.0  # over-relaxation of the averaged (Jacobi) link corrections
DAMPING = 0.985  # share of velocity kept per step (air and fabric losses)
# 1/s: how hard wind across the sheet pushes it, and along it drags it. A flag's flutter
# (not modelled) pulls it out along the wind, hence its larger drag along the sheet.
DRAG = {"curtain": (2.6, 0.4), "flag": (3.0, 2.5), "jacket": (2.0, 0.4)}
THICKNESS = 0.01  # m kept between the cloth and the floor or wall
WALL_GAP = 0.13  # a curtain's wall stands this far behind its rail (anchor local +y), m
PRE_ROLL = 0.75  # s of simulated time before frame 0
GRAVITY = 9.81


def _grid(kind: str, width: float, height: float) -> tuple[int, int]:
    """(rows, columns) for a sheet: rows run down (or along a flag's fly), columns across."""
    rows = int(np.clip(round(height / SPACING) + 1, 6, MAX_ROWS))
    columns = int(np.clip(round(width / SPACING) + 1, 6, MAX_COLUMNS))
    return rows, columns


def _rotation(quat: tuple[float, float, float, float]) -> NDArray[np.float64]:
    w, x, y, z = quat
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ])


def _rest_layout(kind: str, rows: int, columns: int, width: float,
                 height: float) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Local vertex positions (row by row) and which are pinned.

    Curtain and jacket: row 0 along local x at z = 0, hanging down -z. Flag: column 0 up the
    pole (local z), the fly along local +x.
    """
    row, column = np.meshgrid(np.arange(rows), np.arange(columns), indexing="ij")
    u = column / (columns - 1)
    v = row / (rows - 1)
    local = np.zeros((rows, columns, 3))
    pinned = np.zeros((rows, columns), dtype=bool)
    if kind == "flag":
        local[..., 0] = u * width
        local[..., 2] = -v * height
        pinned[:, 0] = True
    else:
        local[..., 0] = (u - 0.5) * width
        local[..., 2] = -v * height
        if kind == "curtain":
            local[..., 1] = -0.03 * (1 - np.cos(u * (columns - 1) * math.pi))  # gathered pleats
            pinned[0, :] = True
        else:  # jacket: held at the two shoulders; the neck between them sags
            shoulder = (u < 0.3) | (u > 0.7)
            pinned[0, :] = shoulder[0]
    return local.reshape(-1, 3), pinned.reshape(-1)


# (row offset, column offset) of the stretch, shear and bend links of the grid
LINK_OFFSETS = ((0, 1), (1, 0), (1, 1), (1, -1), (0, 2), (2, 0))


def _links(rows: int, columns: int) -> NDArray[np.int64]:
    """(n, 2) vertex index pairs of every link of a row-by-row grid."""
    index = np.arange(rows * columns).reshape(rows, columns)
    families = []
    for dr, dc in LINK_OFFSETS:
        a = index[: rows - dr, max(0, -dc): columns - max(0, dc)]
        b = index[dr:, max(0, dc): columns - max(0, -dc)]
        families.append(np.stack([a.ravel(), b.ravel()], axis=1))
    return np.concatenate(families)


@dataclass(frozen=True)
class _Links:
    a: NDArray[np.int64]
    b: NDArray[np.int64]
    rest: NDArray[np.float64]
    share_a: NDArray[np.float64]  # share of a link's error its first vertex takes (0 if pinned)
    share_b: NDArray[np.float64]
    per_vertex: NDArray[np.float64]  # how many links pull on each vertex (Jacobi averaging)


def _prepare_links(points: NDArray[np.float64], pinned: NDArray[np.bool_], rows: int,
                   columns: int) -> _Links:
    pairs = _links(rows, columns)
    a, b = pairs[:, 0], pairs[:, 1]
    weight = (~pinned).astype(float)
    total = np.maximum(weight[a] + weight[b], 1e-9)
    per_vertex = np.bincount(pairs.ravel(), minlength=rows * columns).astype(float)
    return _Links(a=a, b=b, rest=np.linalg.norm(points[b] - points[a], axis=1),
                  share_a=weight[a] / total, share_b=weight[b] / total,
                  per_vertex=np.maximum(per_vertex, 1.0)[:, None] / RELAXATION)


def _project(points: NDArray[np.float64], links: _Links) -> NDArray[np.float64]:
    """One Jacobi pass pulling every link back towards its rest length."""
    delta = points[links.b] - points[links.a]
    length = np.sqrt(np.einsum("ij,ij->i", delta, delta))
    error = (length - links.rest) / np.maximum(length, 1e-9)
    count = len(points)
    shift = np.empty_like(points)
    for axis in range(3):
        pull = delta[:, axis] * error
        shift[:, axis] = (np.bincount(links.a, pull * links.share_a, count)
                          - np.bincount(links.b, pull * links.share_b, count))
    return points + shift / links.per_vertex


def _normals(points: NDArray[np.float64], rows: int, columns: int) -> NDArray[np.float64]:
    grid = points.reshape(rows, columns, 3)
    along = np.gradient(grid, axis=1)
    down = np.gradient(grid, axis=0)
    normal = np.cross(along, down)
    length = np.linalg.norm(normal, axis=-1, keepdims=True)
    unit: NDArray[np.float64] = (normal / np.maximum(length, 1e-9)).reshape(-1, 3)
    return unit


def _tethers(points: NDArray[np.float64],
             pinned: NDArray[np.bool_]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """For every vertex, its nearest pinned vertex and their rest distance: a vertex may
    swing about it but never drift further away (keeps a long sheet from stretching)."""
    anchors = np.flatnonzero(pinned)
    distance = np.linalg.norm(points[:, None, :] - points[None, anchors, :], axis=-1)
    nearest = np.argmin(distance, axis=1)
    return anchors[nearest], distance[np.arange(len(points)), nearest] * 1.02


def _tether(points: NDArray[np.float64], root: NDArray[np.int64],
            length: NDArray[np.float64]) -> None:
    delta = points - points[root]
    distance = np.linalg.norm(delta, axis=1)
    over = distance > length
    points[over] = points[root[over]] + delta[over] * (length[over] / distance[over])[:, None]


def _gusts(seed: int) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Frequencies, phases and weights of the seeded gust signal."""
    rng = np.random.default_rng(seed)
    frequencies = rng.uniform(0.15, 0.9, 4)
    phases = rng.uniform(0.0, 2 * math.pi, 4)
    weights = rng.uniform(0.5, 1.0, 4)
    return frequencies, phases, weights / weights.sum()


def _wind(mean: NDArray[np.float64], time: float,
          gusts: tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]],
          ) -> NDArray[np.float64]:
    """The wind at `time`: the mean wind scaled by the gusts, swaying a little sideways
    (a quarter of its strength) so flags flutter and curtains sway."""
    frequencies, phases, _ = gusts
    side = np.cross(mean, [0.0, 0.0, 1.0])
    sway = 0.25 * math.sin(2 * math.pi * frequencies[0] * 2.7 * time + phases[1])
    lift = np.array([0.0, 0.0, 0.15 * np.linalg.norm(mean)]) * math.sin(
        2 * math.pi * frequencies[1] * 3.1 * time + phases[2])
    return np.asarray(mean * gust_factor(time, gusts) + side * sway + lift)


def gust_factor(time: float, gusts: tuple[NDArray[np.float64], NDArray[np.float64],
                                          NDArray[np.float64]]) -> float:
    """Wind strength as a share of the nominal wind at `time`: between about 0.1 and 1.4."""
    frequencies, phases, weights = gusts
    wave = float(np.sum(weights * np.sin(2 * math.pi * frequencies * time + phases)))
    return 0.75 + 0.65 * wave


def simulate_cloth(kind: str, *, anchor: Pose, width: float, height: float, wind: Vec3,
                   frames: int, fps: int, time_scale: float, seed: int, color: Vec3,
                   subject: str | None, floor_z: float = 0.0) -> Cloth:
    """Simulate a curtain on its rail, a flag on its pole or a jacket held by the shoulders.

    `anchor` places the hung edge: a curtain's rail middle (its wall behind, at local +y), a
    flag's pole top, a jacket's collar. `wind` is the mean wind in m/s; it gusts over time.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if width <= 0 or height <= 0 or frames < 1 or fps < 1 or time_scale <= 0:
        raise ValueError(f"bad cloth size or timing: width={width!r}, height={height!r}, "
                         f"frames={frames!r}, fps={fps!r}, time_scale={time_scale!r}")
    rows, columns = _grid(kind, width, height)
    local, pinned = _rest_layout(kind, rows, columns, width, height)
    rotation = _rotation(anchor.quat)
    origin = np.asarray(anchor.pos, dtype=float)
    points = local @ rotation.T + origin
    links = _prepare_links(points, pinned, rows, columns)
    tether_root, tether_length = _tethers(points, pinned)
    free = (~pinned).astype(float)[:, None]
    wall_normal = rotation[:, 1]  # local +y in the world: towards the wall behind a curtain
    wall_limit = float(origin @ wall_normal) + WALL_GAP - THICKNESS
    wind_vector = np.asarray(wind, dtype=float)
    gusts = _gusts(seed)
    normal_drag, tangent_drag = DRAG[kind]

    steps_per_frame = max(1, math.ceil(time_scale / fps * SUBSTEPS_PER_SECOND))
    dt = time_scale / fps / steps_per_frame
    previous = points.copy()
    gravity = np.array([0.0, 0.0, -GRAVITY])
    out: list[list[Vec3]] = []
    pre_steps = math.ceil(PRE_ROLL / dt)
    for step in range(pre_steps + frames * steps_per_frame):
        time = (step - pre_steps) * dt
        velocity = (points - previous) / dt
        air = _wind(wind_vector, time, gusts) - velocity
        normal = _normals(points, rows, columns)
        across = np.sum(air * normal, axis=1, keepdims=True) * normal
        force = gravity + normal_drag * across + tangent_drag * (air - across)
        moved = points + ((points - previous) * DAMPING + force * dt * dt) * free
        previous, points = points, moved
        for _ in range(ITERATIONS):
            points = _project(points, links)
        _tether(points, tether_root, tether_length)
        points[:, 2] = np.maximum(points[:, 2], floor_z + THICKNESS)
        if kind == "curtain":
            depth = points @ wall_normal
            points -= np.maximum(depth - wall_limit, 0.0)[:, None] * wall_normal
        if step >= pre_steps and (step - pre_steps + 1) % steps_per_frame == 0:
            out.append([(x, y, z) for x, y, z in points.round(5).tolist()])
    return Cloth(
        id=f"{kind}_{subject}" if subject else kind, kind=kind, subject=subject, rows=rows,
        columns=columns, color=color, material="fabric", frames=out,
    )
