"""Part constructors on the Timeline's primitive shapes, in a joint's frame.

`ball` is an ellipsoid, `block` a box, `rod` a cylinder and `spike` a cone laid along any
direction from a start point (limbs, horns, beaks), so builders say where a part goes
rather than how its mesh is oriented.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.spatial.transform import Rotation

from cinestra.world.assets.rig import IDENTITY, Joint, Part, Rig
from cinestra.world.timeline import Quat, Vec3


def aligned(direction: Vec3) -> Quat:
    """(w, x, y, z) rotation taking local +z onto `direction`."""
    target = np.asarray(direction, dtype=np.float64)
    target = target / np.linalg.norm(target)
    axis = np.cross([0.0, 0.0, 1.0], target)
    sine, cosine = float(np.linalg.norm(axis)), float(target[2])
    if sine < 1e-9:  # parallel or opposite to +z
        return IDENTITY if cosine > 0 else (0.0, 1.0, 0.0, 0.0)
    x, y, z, w = Rotation.from_rotvec(axis / sine * np.arctan2(sine, cosine)).as_quat()
    return (float(w), float(x), float(y), float(z))


def euler(*, x: float = 0.0, y: float = 0.0, z: float = 0.0) -> Quat:
    """(w, x, y, z) rotation of angles in degrees about z, then y, then x (intrinsic)."""
    qx, qy, qz, qw = Rotation.from_euler("ZYX", [z, y, x], degrees=True).as_quat()
    return (float(qw), float(qx), float(qy), float(qz))


def ball(name: str, joint: str, radii: Vec3, color: Vec3, material: str, *,
         at: Vec3 = (0.0, 0.0, 0.0), rotation: Quat = IDENTITY, emissive: float = 0.0) -> Part:
    return Part(name=name, joint=joint, shape="sphere", size=radii, color=color,
                material=material, offset=at, rotation=rotation, emissive=emissive)


def block(name: str, joint: str, half: Vec3, color: Vec3, material: str, *,
          at: Vec3 = (0.0, 0.0, 0.0), rotation: Quat = IDENTITY, emissive: float = 0.0) -> Part:
    return Part(name=name, joint=joint, shape="box", size=half, color=color,
                material=material, offset=at, rotation=rotation, emissive=emissive)


def _along(start: Vec3, direction: Vec3, length: float) -> tuple[Vec3, Quat]:
    unit = np.asarray(direction, dtype=np.float64)
    unit = unit / np.linalg.norm(unit)
    centre = np.asarray(start) + unit * length / 2
    return (float(centre[0]), float(centre[1]), float(centre[2])), aligned(direction)


def rod(name: str, joint: str, *, length: float, radius: float, color: Vec3, material: str,
        start: Vec3 = (0.0, 0.0, 0.0), direction: Vec3 = (0.0, 0.0, -1.0),
        radius_y: float | None = None) -> Part:
    """A cylinder from `start` along `direction` (a limb hangs down -z by default)."""
    centre, rotation = _along(start, direction, length)
    return Part(name=name, joint=joint, shape="cylinder",
                size=(radius, radius if radius_y is None else radius_y, length / 2),
                color=color, material=material, offset=centre, rotation=rotation)


def spike(name: str, joint: str, *, length: float, radius: float, color: Vec3, material: str,
          start: Vec3 = (0.0, 0.0, 0.0), direction: Vec3 = (0.0, 0.0, 1.0),
          radius_y: float | None = None) -> Part:
    """A cone with its base centred on `start` and its apex `length` along `direction`."""
    centre, rotation = _along(start, direction, length)
    return Part(name=name, joint=joint, shape="cone",
                size=(radius, radius if radius_y is None else radius_y, length / 2),
                color=color, material=material, offset=centre, rotation=rotation)


def mirrored(part: Part, side: str) -> Part:
    """The part for side "l" (+y) or "r" (-y): joint and name suffix swapped, y flipped."""
    if side == "l":
        return part
    x, y, z = part.offset
    w, qx, qy, qz = part.rotation  # reflecting y: the rotation's x and z components flip
    joint = part.joint[:-2] + "_r" if part.joint.endswith("_l") else part.joint
    name = part.name[:-2] + "_r" if part.name.endswith("_l") else part.name
    return Part(name=name, joint=joint, shape=part.shape, size=part.size, color=part.color,
                material=part.material, offset=(x, -y, z), rotation=(w, -qx, qy, -qz),
                emissive=part.emissive)


def scaled(part: Part, factor: float) -> Part:
    """The part `factor` times as big about its joint."""
    return Part(name=part.name, joint=part.joint, shape=part.shape,
                size=_times(part.size, factor), color=part.color, material=part.material,
                offset=_times(part.offset, factor), rotation=part.rotation,
                emissive=part.emissive)


def _times(vector: Vec3, factor: float) -> Vec3:
    return (vector[0] * factor, vector[1] * factor, vector[2] * factor)


def rest_bounds(joints: tuple[Joint, ...], parts: tuple[Part, ...]
                ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(lowest corner, highest corner) of all parts at rest, origin at the root's parent."""
    frames: dict[str, NDArray[np.float64]] = {}
    for joint in joints:
        local = np.eye(4)
        local[:3, 3] = joint.offset
        frames[joint.name] = local if joint.parent is None else frames[joint.parent] @ local
    low, high = np.full(3, np.inf), np.full(3, -np.inf)
    for part in parts:
        matrix = frames[part.joint].copy()
        rotation = Rotation.from_quat(_xyzw(part.rotation)).as_matrix()
        centre = matrix[:3, :3] @ np.asarray(part.offset) + matrix[:3, 3]
        axes = matrix[:3, :3] @ rotation * np.asarray(part.size)  # columns: scaled axes
        if part.shape == "box":
            reach = np.abs(axes).sum(axis=1)
        elif part.shape == "sphere":
            reach = np.sqrt((axes ** 2).sum(axis=1))
        else:
            reach = np.abs(axes[:, 2]) + np.sqrt(axes[:, 0] ** 2 + axes[:, 1] ** 2)
        low, high = np.minimum(low, centre - reach), np.maximum(high, centre + reach)
    return low, high


def finished(*, kind: str, family: str, joints: list[Joint], parts: list[Part],
             sockets: dict[str, tuple[str, Vec3]], mass: float, scale: float = 1.0) -> Rig:
    """The rig `scale` times its built size, its root raised or lowered so that its lowest
    point at rest is on the ground (z = 0)."""
    grown = [Joint(joint.name, joint.parent, _times(joint.offset, scale)) for joint in joints]
    sized = tuple(scaled(part, scale) for part in parts)
    sockets = {name: (joint, _times(offset, scale)) for name, (joint, offset) in sockets.items()}
    low, high = rest_bounds(tuple(grown), sized)
    root = grown[0]
    x, y, z = root.offset
    grown[0] = Joint(root.name, None, (x, y, z - float(low[2])))
    return Rig(kind=kind, family=family, joints=tuple(grown), parts=sized,
               height=float(high[2] - low[2]), length=float(high[0] - low[0]),
               width=float(high[1] - low[1]), sockets=sockets, mass=mass * scale ** 3)


def _xyzw(quat: Quat) -> tuple[float, float, float, float]:
    w, x, y, z = quat
    return (x, y, z, w)
