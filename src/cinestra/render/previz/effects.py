"""Particles (rain, snow, steam, smoke, splashes, dust) and cloth sheets: what changes shape
every frame, drawn from the Timeline's `Particles.state(t)` rule and `Cloth.frames`."""

from __future__ import annotations

from dataclasses import dataclass

import moderngl
import numpy as np
from numpy.typing import NDArray

from cinestra.render.previz.batches import INSTANCE_FLOATS, instance_rows
from cinestra.render.previz.lighting import Lighting
from cinestra.render.previz.meshes import _grid_indices
from cinestra.render.previz.programs import used_attributes
from cinestra.world.timeline import Cloth, Particles

QUAD = np.array([-1, -1, 1, -1, -1, 1, -1, 1, 1, -1, 1, 1], dtype=np.float32)
STREAK_SECONDS = 1.0 / 60.0  # half a rain streak: the drop's travel in this time (a shutter)
SOFTNESS = {"rain": 0.0, "snow": 1.5, "steam": 1.2, "smoke": 1.2, "splash": 2.0, "dust": 1.5}
FADES = {"steam", "smoke", "splash", "dust"}  # thin out as they age
CLOTH_MATERIAL = (0.06, 8.0, 0.0, 0.0)  # fabric: dull sheen


@dataclass(frozen=True)
class ParticleStyle:
    """The per-field uniforms of the particle program."""

    streak: tuple[float, float, float]
    shape: tuple[float, float, float, float]
    color: tuple[float, float, float]
    softness: float
    opacity: float


def particle_style(field: Particles, lighting: Lighting) -> ParticleStyle:
    """How a field looks: lit by the sky and a little sun; rain drops catch light as streaks."""
    light = np.asarray(lighting.ambient_sky) * 1.6 + np.asarray(lighting.sun_color) * 0.45
    color = np.asarray(field.color) * light
    if field.kind == "rain":  # drops refract the whole sky: brighter than their albedo says
        color = color * 1.6 + np.asarray(lighting.sky_horizon) * 0.25
    streak = (0.0, 0.0, 0.0)
    if field.kind == "rain":
        velocity = np.asarray(field.velocity) * STREAK_SECONDS
        streak = (float(velocity[0]), float(velocity[1]), float(velocity[2]))
    return ParticleStyle(
        streak=streak,
        shape=(field.size, field.growth, field.lifetime, 1.0 if field.kind in FADES else 0.0),
        color=(float(color[0]), float(color[1]), float(color[2])),
        softness=SOFTNESS[field.kind],
        opacity=field.opacity,
    )


def particle_rows(field: Particles, time: float) -> NDArray[np.float32]:
    """(count, 4) position and age of each particle at `time`, for the instance buffer."""
    positions, ages = field.state(time)
    return np.ascontiguousarray(np.hstack([positions, ages[:, None]]), dtype=np.float32)


def cloth_vertices(cloth: Cloth, frame: int) -> NDArray[np.float32]:
    """(rows * columns, 6) positions and grid normals of a cloth at `frame`."""
    grid = np.asarray(cloth.frames[frame], dtype=np.float64).reshape(cloth.rows, cloth.columns, 3)
    down = np.gradient(grid, axis=0) if cloth.rows > 1 else np.zeros_like(grid)
    across = np.gradient(grid, axis=1) if cloth.columns > 1 else np.zeros_like(grid)
    normals = np.cross(across, down)
    length = np.linalg.norm(normals, axis=2, keepdims=True)
    normals = np.where(length > 1e-12, normals / np.maximum(length, 1e-12), [0.0, 0.0, 1.0])
    vertices = np.concatenate([grid, normals], axis=2).reshape(-1, 6)
    return np.ascontiguousarray(vertices, dtype=np.float32)


def cloth_indices(cloth: Cloth) -> NDArray[np.uint32]:
    return _grid_indices(cloth.rows - 1, cloth.columns - 1).astype(np.uint32).ravel()


def cloth_instance(cloth: Cloth, *, subject: int) -> NDArray[np.float32]:
    """The one instance row of a cloth: identity matrices, its colour and fabric."""
    looks = np.array([[*cloth.color, *CLOTH_MATERIAL, 0.0, 0.0, float(subject), 0.0]])
    rows: NDArray[np.float32] = instance_rows(np.eye(4)[None, None], looks)[0]
    assert rows.shape == (1, INSTANCE_FLOATS), "one instance row per cloth"
    return rows


class ClothMesh:
    """GL buffers of one cloth: vertices rewritten each frame, one instance row, and a vertex
    array per program that draws it (scene, mirror, shadow, ids)."""

    def __init__(self, ctx: moderngl.Context, cloth: Cloth, *, subject: int,
                 programs: dict[str, tuple[moderngl.Program, str, tuple[str, ...]]]) -> None:
        if cloth.rows < 2 or cloth.columns < 2:
            raise ValueError(f"cloth {cloth.id!r} needs at least 2 x 2 vertices")
        for index, frame in enumerate(cloth.frames):
            if len(frame) != cloth.rows * cloth.columns:
                raise ValueError(
                    f"cloth {cloth.id!r} frame {index} has {len(frame)} vertices, expected "
                    f"rows * columns = {cloth.rows * cloth.columns}"
                )
        self.cloth = cloth
        self.vertices = ctx.buffer(reserve=cloth.rows * cloth.columns * 24)
        self.instance = ctx.buffer(cloth_instance(cloth, subject=subject).tobytes())
        self.indices = ctx.buffer(cloth_indices(cloth).tobytes())
        self.vaos: dict[str, moderngl.VertexArray] = {}
        for name, (program, instance_format, attributes) in programs.items():
            vertex = ("3f 3f", "in_pos", "in_normal") if name in ("scene", "mirror") else (
                "3f 12x", "in_pos")
            self.vaos[name] = ctx.vertex_array(program, [
                (self.vertices, *used_attributes(program, *vertex)),
                (self.instance, *used_attributes(program, instance_format, *attributes)),
            ], self.indices)
        self._frame = -1

    def update(self, frame: int) -> None:
        """Upload the sheet at `frame` (clamped to the frames it has), once per frame."""
        frame = min(frame, len(self.cloth.frames) - 1)
        if frame != self._frame:
            self.vertices.write(cloth_vertices(self.cloth, frame).tobytes())
            self._frame = frame

    def release(self) -> None:
        for vao in self.vaos.values():
            vao.release()
        for buffer in (self.vertices, self.instance, self.indices):
            buffer.release()
