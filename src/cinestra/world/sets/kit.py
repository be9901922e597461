"""The set builder's toolbox: static primitives with readable ids, lights, and the stage box.

Every set is dressed from the Timeline's primitive shapes (box, cylinder, sphere, cone,
plane). A `Kit` collects them while a builder runs, so builders read as a list of things
("a bench here, a lamp there") instead of Body constructors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from cinestra.world.props import MATERIALS
from cinestra.world.timeline import Body, Light, Pose, Quat, Shape, Vec3

IDENTITY: Quat = (1.0, 0.0, 0.0, 0.0)
NIGHT_TIMES = frozenset({"dusk", "night"})
LOW_SUN_TIMES = frozenset({"dawn", "sunset", "golden_hour"})
WARM_LAMP: Vec3 = (1.0, 0.78, 0.50)
FALLBACK_COLOR: Vec3 = (0.6, 0.6, 0.6)
FLOOR_DRESSING = 0.02  # m: rugs, road paint and court lines lie within this of the floor


def yaw(angle: float) -> Quat:
    """A turn of `angle` radians about the vertical axis."""
    return (math.cos(angle / 2), 0.0, 0.0, math.sin(angle / 2))


def tilt_x(angle: float) -> Quat:
    """A turn of `angle` radians about the x axis (lean towards -y for positive angles)."""
    return (math.cos(angle / 2), math.sin(angle / 2), 0.0, 0.0)


def shade(color: Vec3, factor: float) -> Vec3:
    return (min(color[0] * factor, 1.0), min(color[1] * factor, 1.0), min(color[2] * factor, 1.0))


@dataclass
class Kit:
    """Collects the bodies and lights of one set while it is built."""

    rng: np.random.Generator
    wet: bool  # ground bodies are wet (rain, a wet floor)
    night: bool  # dusk and night: windows glow and lamps are lit
    bodies: list[Body] = field(default_factory=list)
    lights: list[Light] = field(default_factory=list)
    ground_ids: set[str] = field(default_factory=set)  # floor-level bodies the stage stands on
    _counts: dict[str, int] = field(default_factory=dict)

    def _id(self, kind: str) -> str:
        number = self._counts.get(kind, 0)
        self._counts[kind] = number + 1
        return f"{kind}_{number}"

    def add(self, kind: str, shape: Shape, size: Vec3, pos: Vec3, *, material: str,
            color: Vec3 | None = None, quat: Quat = IDENTITY, emissive: float = 0.0,
            wet: bool = False, name: str | None = None) -> Body:
        default = MATERIALS[material].color if material in MATERIALS else FALLBACK_COLOR
        body = Body(
            id=name or self._id(kind), kind=kind, shape=shape,
            size=(round(size[0], 4), round(size[1], 4), round(size[2], 4)),
            color=color if color is not None else default, material=material, mass=0.0,
            static=True, pose=Pose(pos=(round(pos[0], 4), round(pos[1], 4), round(pos[2], 4)),
                                   quat=quat),
            wet=wet, emissive=emissive,
        )
        self.bodies.append(body)
        return body

    def box(self, kind: str, centre: Vec3, half: Vec3, *, material: str,
            color: Vec3 | None = None, quat: Quat = IDENTITY, emissive: float = 0.0) -> Body:
        return self.add(kind, "box", half, centre, material=material, color=color, quat=quat,
                        emissive=emissive)

    def post(self, kind: str, base: Vec3, *, radius: float, height: float, material: str,
             color: Vec3 | None = None, emissive: float = 0.0) -> Body:
        """An upright cylinder standing on `base`."""
        centre = (base[0], base[1], base[2] + height / 2)
        return self.add(kind, "cylinder", (radius, radius, height / 2), centre,
                        material=material, color=color, emissive=emissive)

    def ball(self, kind: str, centre: Vec3, radii: Vec3, *, material: str,
             color: Vec3 | None = None, emissive: float = 0.0) -> Body:
        return self.add(kind, "sphere", radii, centre, material=material, color=color,
                        emissive=emissive)

    def cone(self, kind: str, base: Vec3, *, radius: float, height: float, material: str,
             color: Vec3 | None = None) -> Body:
        """An upright cone whose base disc lies on `base`."""
        centre = (base[0], base[1], base[2] + height / 2)
        return self.add(kind, "cone", (radius, radius, height / 2), centre, material=material,
                        color=color)

    def ground(self, kind: str, half: tuple[float, float], *, material: str,
               color: Vec3 | None = None, z: float = 0.0, name: str | None = None,
               wet: bool | None = None) -> Body:
        """A horizontal plane at height `z`; wet when the set is (unless told otherwise)."""
        body = self.add(kind, "plane", (half[0], half[1], 0.0), (0.0, 0.0, z), material=material,
                        color=color, wet=self.wet if wet is None else wet, name=name)
        self.ground_ids.add(body.id)
        return body

    def slab(self, kind: str, centre: Vec3, half: Vec3, *, material: str,
             color: Vec3 | None = None, wet: bool | None = None) -> Body:
        """A flat box lying on the ground (a sidewalk, a rug, a stage riser): part of the floor."""
        body = self.add(kind, "box", half, centre, material=material, color=color,
                        wet=self.wet if wet is None else wet)
        self.ground_ids.add(body.id)
        return body

    def light(self, position: Vec3, *, color: Vec3 = WARM_LAMP, intensity: float = 4.0,
              reach: float = 8.0) -> None:
        self.lights.append(Light(position=position, color=color, intensity=intensity,
                                 reach=reach))

    def uniform(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))


def square_ring(angle: float, distance: float) -> tuple[float, float]:
    """The point at `angle` (radians from +x) on the square of half side `distance`: placing
    dressing on squares keeps the square stage's corners clear too."""
    stretch = distance / max(abs(math.cos(angle)), abs(math.sin(angle)))
    return stretch * math.cos(angle), stretch * math.sin(angle)


def stage_box(*, half: tuple[float, float], z: float, clear_height: float,
              ) -> tuple[np.ndarray, np.ndarray]:
    """Low and high corners of the space above the stage that scenery must leave free."""
    low = np.array([-half[0], -half[1], z + FLOOR_DRESSING])
    high = np.array([half[0], half[1], z + clear_height])
    return low, high


def body_bounds(body: Body) -> tuple[np.ndarray, np.ndarray]:
    """Axis-aligned world bounds of a body (its extents turned by its pose)."""
    w, x, y, z = body.pose.quat
    rotation = np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ])
    extent = np.abs(rotation) @ np.asarray(body.size)
    centre = np.asarray(body.pose.pos)
    return centre - extent, centre + extent


def intrudes(body: Body, low: np.ndarray, high: np.ndarray) -> bool:
    """True when the body's bounds overlap the box low..high."""
    body_low, body_high = body_bounds(body)
    return bool(np.all(body_low < high) and np.all(body_high > low))


def segment(kit: Kit, kind: str, start: Vec3, end: Vec3, *, thickness: float, material: str,
            color: Vec3 | None = None) -> Body:
    """A square beam from `start` to `end` (a lattice leg, a strut)."""
    a, b = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    direction = b - a
    length = float(np.linalg.norm(direction))
    direction /= length
    axis = np.cross([0.0, 0.0, 1.0], direction)
    sine = float(np.linalg.norm(axis))
    angle = math.atan2(sine, float(direction[2]))
    if sine < 1e-9:
        quat: Quat = IDENTITY
    else:
        axis /= sine
        half = angle / 2
        quat = (math.cos(half), *(float(v) * math.sin(half) for v in axis))  # type: ignore[assignment]
    centre = (a + b) / 2
    return kit.box(kind, (float(centre[0]), float(centre[1]), float(centre[2])),
                   (thickness, thickness, length / 2), material=material, color=color, quat=quat)
