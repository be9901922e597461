"""Shared helpers for the object families (vehicle, instrument, prop, food, furniture,
building, landmark, plant): a small builder that collects joints and parts, applies the
Look (paint colour, material, scale), measures the rig at rest and sets it on the ground;
plus the few motion curves these families share (spin, sway, flicker).

Shapes follow the Timeline: sphere (three radii), box (half extents), cylinder and cone
((radius x, radius y, half height), axis along local z; the cone's apex at +z).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray
from scipy.spatial.transform import Rotation

from cinestra.world.assets import Clock, Look
from cinestra.world.assets.rig import (
    IDENTITY,
    Joint,
    Motion,
    Part,
    Rig,
    joint_frames,
    part_frames,
)
from cinestra.world.props import MATERIALS
from cinestra.world.timeline import Quat, Shape, Vec3

ROOT = "root"

# Materials a Look may name beyond props.MATERIALS, with the colour they give when no
# colour is named (linear RGB).
EXTRA_MATERIAL_COLORS: dict[str, Vec3] = {
    "fabric": (0.45, 0.40, 0.36), "leather": (0.25, 0.12, 0.05), "paper": (0.88, 0.86, 0.80),
    "ice": (0.70, 0.85, 0.95), "clay": (0.62, 0.36, 0.22),
}

# Colours used across the families (linear RGB).
BLACK: Vec3 = (0.02, 0.02, 0.02)
DARK: Vec3 = (0.06, 0.06, 0.07)
WHITE: Vec3 = (0.88, 0.88, 0.86)
GREY: Vec3 = (0.35, 0.35, 0.36)
CHROME: Vec3 = (0.70, 0.71, 0.74)
GLASS_TINT: Vec3 = (0.18, 0.26, 0.32)
BRASS: Vec3 = (0.78, 0.55, 0.14)
WOOD: Vec3 = (0.42, 0.22, 0.09)
DARK_WOOD: Vec3 = (0.16, 0.07, 0.03)
RED: Vec3 = (0.75, 0.04, 0.03)
YELLOW: Vec3 = (0.92, 0.70, 0.02)
GREEN: Vec3 = (0.08, 0.40, 0.06)
LAMP: Vec3 = (1.0, 0.92, 0.65)


def quat(axes: str, *degrees: float) -> Quat:
    """(w, x, y, z) of intrinsic-free euler rotations about local axes, in degrees:
    quat("y", 90), quat("zx", 30, 10)."""
    x, y, z, w = Rotation.from_euler(axes, list(degrees), degrees=True).as_quat()
    return (float(w), float(x), float(y), float(z))


def vec(values: NDArray[np.float64]) -> Vec3:
    """A numpy 3-vector as a Vec3 tuple."""
    return (float(values[0]), float(values[1]), float(values[2]))


def pointing(direction: NDArray[np.float64]) -> Quat:
    """The rotation that turns local +z onto `direction`."""
    unit = direction / np.linalg.norm(direction)
    axis = np.cross((0.0, 0.0, 1.0), unit)
    sine, cosine = float(np.linalg.norm(axis)), float(unit[2])
    if sine < 1e-9:
        return IDENTITY if cosine > 0 else (0.0, 1.0, 0.0, 0.0)
    x, y, z, w = Rotation.from_rotvec(axis / sine * math.atan2(sine, cosine)).as_quat()
    return (float(w), float(x), float(y), float(z))


ALONG_X = quat("y", 90.0)  # turns a cylinder's axis (local z) onto x: wheels seen from the side
ALONG_Y = quat("x", 90.0)  # axis onto y: axles, wheels of a car


def material_color(material: str) -> Vec3:
    if material in MATERIALS:
        return MATERIALS[material].color
    return EXTRA_MATERIAL_COLORS.get(material, GREY)


@dataclass
class RigBuilder:
    """Collects joints, parts and sockets of one rig in metres at normal size.

    `paint` and `material` are the main surface after the Look: builders use them for the
    parts the prompt's colour or material should change (a car's body, not its tyres).
    """

    kind: str
    family: str
    look: Look
    default_color: Vec3
    default_material: str
    joints: list[Joint] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    sockets: dict[str, tuple[str, Vec3]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.joints.append(Joint(ROOT, None, (0.0, 0.0, 0.0)))

    @property
    def paint(self) -> Vec3:
        if self.look.color is not None:
            return self.look.color
        if self.look.material is not None:
            return material_color(self.look.material)
        return self.default_color

    @property
    def material(self) -> str:
        return self.look.material or self.default_material

    def joint(self, name: str, offset: Vec3, parent: str = ROOT) -> str:
        self.joints.append(Joint(name, parent, offset))
        return name

    def add(self, name: str, shape: Shape, size: Vec3, at: Vec3, *, color: Vec3 | None = None,
            material: str | None = None, joint: str = ROOT, rotation: Quat = IDENTITY,
            emissive: float = 0.0) -> None:
        """A part; `color`/`material` None take the painted main surface."""
        self.parts.append(Part(
            name=name, joint=joint, shape=shape, size=size,
            color=self.paint if color is None else color,
            material=self.material if material is None else material,
            offset=at, rotation=rotation, emissive=emissive))

    def box(self, name: str, at: Vec3, half: Vec3, *, color: Vec3 | None = None,
            material: str | None = None, joint: str = ROOT, rotation: Quat = IDENTITY,
            emissive: float = 0.0) -> None:
        self.add(name, "box", half, at, color=color, material=material, joint=joint,
                 rotation=rotation, emissive=emissive)

    def ball(self, name: str, at: Vec3, radii: Vec3 | float, *, color: Vec3 | None = None,
             material: str | None = None, joint: str = ROOT, rotation: Quat = IDENTITY,
             emissive: float = 0.0) -> None:
        """A sphere, or an ellipsoid with three radii."""
        size = radii if isinstance(radii, tuple) else (radii, radii, radii)
        self.add(name, "sphere", size, at, color=color, material=material, joint=joint,
                 rotation=rotation, emissive=emissive)

    def rod(self, name: str, at: Vec3, radius: float, half: float, *,
            color: Vec3 | None = None, material: str | None = None, joint: str = ROOT,
            rotation: Quat = IDENTITY, emissive: float = 0.0) -> None:
        """A cylinder (axis local z unless `rotation` turns it)."""
        self.add(name, "cylinder", (radius, radius, half), at, color=color, material=material,
                 joint=joint, rotation=rotation, emissive=emissive)

    def cone(self, name: str, at: Vec3, radius: float, half: float, *,
             color: Vec3 | None = None, material: str | None = None, joint: str = ROOT,
             rotation: Quat = IDENTITY, emissive: float = 0.0) -> None:
        """A cone, its apex at local +z unless `rotation` turns it."""
        self.add(name, "cone", (radius, radius, half), at, color=color, material=material,
                 joint=joint, rotation=rotation, emissive=emissive)

    def segment(self, name: str, start: Vec3, end: Vec3, radius: float, *,
                shape: Shape = "cylinder", color: Vec3 | None = None,
                material: str | None = None, joint: str = ROOT, emissive: float = 0.0) -> None:
        """A cylinder (or box of half width `radius`, or cone with its apex at `end`, or
        ellipsoid) from `start` to `end`."""
        a, z = np.asarray(start, dtype=np.float64), np.asarray(end, dtype=np.float64)
        size = (radius, radius, float(np.linalg.norm(z - a)) / 2)
        centre = (a + z) / 2
        self.add(name, shape, size, (float(centre[0]), float(centre[1]), float(centre[2])),
                 color=color, material=material, joint=joint, rotation=pointing(z - a),
                 emissive=emissive)

    def socket(self, name: str, offset: Vec3, joint: str = ROOT) -> None:
        self.sockets[name] = (joint, offset)

    def finish(self, *, mass: float, ground: bool = True) -> Rig:
        """The rig at the Look's scale; with `ground`, its lowest point set on z = 0."""
        rig = Rig(kind=self.kind, family=self.family, joints=tuple(self.joints),
                  parts=tuple(self.parts), height=0.0, length=0.0, width=0.0,
                  sockets=dict(self.sockets), mass=mass)
        rig = scaled(rig, self.look.scale)
        low, high = rest_bounds(rig)
        if ground:
            root = rig.joints[0]
            lifted = (root.offset[0], root.offset[1], root.offset[2] - float(low[2]))
            rig = replace(rig, joints=(replace(root, offset=lifted), *rig.joints[1:]))
            high = high - np.array([0.0, 0.0, low[2]])
        top = high[2] if ground else high[2] - low[2]  # held rigs: their whole height
        if "top" not in rig.sockets:  # where a thing put on it goes: over the middle
            origin = rig.joints[0].offset
            centre = (low + high) / 2
            rig.sockets["top"] = (ROOT, (float(centre[0]) - origin[0],
                                         float(centre[1]) - origin[1],
                                         float(high[2]) - origin[2]))
        return replace(rig, height=round(float(top), 4),
                       length=round(float(high[0] - low[0]), 4),
                       width=round(float(high[1] - low[1]), 4))


def _times(vector: Vec3, factor: float) -> Vec3:
    return (vector[0] * factor, vector[1] * factor, vector[2] * factor)


def scaled(rig: Rig, factor: float) -> Rig:
    """The same rig `factor` times larger (mass by the cube)."""
    if factor == 1.0:
        return rig
    return replace(
        rig,
        joints=tuple(replace(j, offset=_times(j.offset, factor)) for j in rig.joints),
        parts=tuple(replace(p, offset=_times(p.offset, factor), size=_times(p.size, factor))
                    for p in rig.parts),
        sockets={name: (joint, _times(offset, factor))
                 for name, (joint, offset) in rig.sockets.items()},
        height=rig.height * factor, length=rig.length * factor, width=rig.width * factor,
        mass=rig.mass * factor ** 3)


def support(shape: Shape, size: Vec3, rotation: NDArray[np.float64],
            direction: NDArray[np.float64]) -> float:
    """How far a shape centred at the origin reaches along a unit world `direction`."""
    u = rotation.T @ direction
    sx, sy, sz = size
    ux, uy, uz = float(u[0]), float(u[1]), float(u[2])
    if shape == "sphere":
        return math.sqrt((sx * ux) ** 2 + (sy * uy) ** 2 + (sz * uz) ** 2)
    if shape in ("box", "plane"):
        return abs(ux) * sx + abs(uy) * sy + abs(uz) * sz
    disc = math.hypot(sx * ux, sy * uy)
    if shape == "cylinder":
        return disc + sz * abs(uz)
    return max(sz * uz, disc - sz * uz)  # cone: apex at +z, base disc at -z


def posed_bounds(rig: Rig, motion: Motion, frame: int = 0
                 ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(low, high) corners of the rig's axis-aligned bounds at one frame, in the rig frame."""
    place = np.eye(4)[None].repeat(motion.frame_count, axis=0)
    low = np.full(3, np.inf)
    high = np.full(3, -np.inf)
    for part, frames in part_frames(rig, joint_frames(rig, motion, place)):
        matrix = frames[frame]
        for axis in range(3):
            direction = np.zeros(3)
            direction[axis] = 1.0
            centre = matrix[axis, 3]
            high[axis] = max(high[axis], centre + support(part.shape, part.size,
                                                          matrix[:3, :3], direction))
            low[axis] = min(low[axis], centre - support(part.shape, part.size,
                                                        matrix[:3, :3], -direction))
    return low, high


def rest_bounds(rig: Rig) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    return posed_bounds(rig, Motion.rest(1))


# --- motion curves -------------------------------------------------------------------------


def turn(axis: str, angles: NDArray[np.float64] | float, *, frames: int | None = None
         ) -> NDArray[np.float64]:
    """(n, 3, 3) rotations about a local axis by `angles` radians (a scalar with `frames`:
    the same rotation n times). Like rig.rotations, but one angle per row, which SciPy
    1.17 needs for a stack of single-axis angles."""
    values = np.atleast_1d(np.asarray(angles, dtype=np.float64))
    if frames is not None and values.size == 1:
        values = np.full(frames, float(values[0]))
    matrices = Rotation.from_euler(axis, values.reshape(-1, 1)).as_matrix()
    return np.asarray(matrices, dtype=np.float64).reshape(-1, 3, 3)


def spin(clock: Clock, rate: float, axis: str = "y", phase: float = 0.0) -> NDArray[np.float64]:
    """Rotations turning at `rate` rad/s about a local axis."""
    return turn(axis, phase + rate * clock.times)


def swing(clock: Clock, amplitude: float, frequency: float, axis: str = "x",
          phase: float = 0.0) -> NDArray[np.float64]:
    """Back-and-forth rotation: `amplitude` radians at `frequency` Hz."""
    return turn(axis, amplitude * np.sin(2 * math.pi * frequency * clock.times + phase))


def flicker(clock: Clock, amplitude: float, seed: int = 0) -> NDArray[np.float64]:
    """Irregular small tilts (a flame): a sum of three incommensurate sines per axis."""
    t = clock.times
    rng = np.random.default_rng(seed)
    phases = rng.uniform(0.0, 2 * math.pi, 6)
    tilt_x = amplitude * (np.sin(11.0 * t + phases[0]) + 0.6 * np.sin(23.7 * t + phases[1])
                          + 0.3 * np.sin(41.3 * t + phases[2])) / 1.9
    tilt_y = amplitude * (np.sin(13.1 * t + phases[3]) + 0.6 * np.sin(19.3 * t + phases[4])
                          + 0.3 * np.sin(37.9 * t + phases[5])) / 1.9
    return turn("x", tilt_x) @ turn("y", tilt_y)


def motion_with(clock: Clock, joints: dict[str, NDArray[np.float64]],
                root_offset: NDArray[np.float64] | None = None,
                root_rotation: NDArray[np.float64] | None = None) -> Motion:
    """A Motion over `clock`'s frames from joint rotations and an optional root motion."""
    rest = Motion.rest(clock.frame_count)
    return Motion(
        root_offset=rest.root_offset if root_offset is None else root_offset,
        root_rotation=rest.root_rotation if root_rotation is None else root_rotation,
        joints=joints)


def has_joint(rig: Rig, name: str) -> bool:
    return any(joint.name == name for joint in rig.joints)


def joints_named(rig: Rig, prefix: str) -> list[str]:
    return [joint.name for joint in rig.joints if joint.name.startswith(prefix)]


def nominal_scale(rig: Rig, nominal_length: float) -> float:
    """How many times larger than normal size the rig was built (from its length)."""
    return rig.length / nominal_length if nominal_length > 0 else 1.0
