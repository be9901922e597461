"""Rigs: an asset as a tree of joints carrying rigid parts, and how a Motion poses it.

Conventions (every family builder follows them):
- the rig's own frame: +x is where it faces, +y its left, +z up; the origin is on the ground
  under its centre of mass (between the feet, under the belly, under the hull's middle);
- sizes in metres at normal size, already scaled by the builder for "giant", "tiny"...;
- a joint's `offset` is its origin in its parent joint's frame at rest; a part's `offset`
  and `rotation` place its mesh in its joint's frame; parts use the Timeline Body shapes
  (a sphere with three radii is an ellipsoid).

A `Motion` is what an animation cycle produces: per frame, each joint's local rotation and
the root's offset and rotation in the rig frame (bobbing, jumping, spinning on the spot).
`pose_parts` runs the forward kinematics under a per-frame world placement of the origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.spatial.transform import Rotation

from cinestra.world.timeline import Quat, Shape, Vec3

IDENTITY: Quat = (1.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Joint:
    name: str
    parent: str | None  # None for the root (exactly one joint)
    offset: Vec3  # origin in the parent's frame at rest (the root's: in the rig frame)


@dataclass(frozen=True)
class Part:
    name: str  # becomes Body.kind: "head", "mouth", "wheel", "key_white"...
    joint: str
    shape: Shape
    size: Vec3  # as Body.size
    color: Vec3  # linear RGB
    material: str  # props.MATERIALS name, or fabric/fur/skin/feathers for the sound stage
    offset: Vec3 = (0.0, 0.0, 0.0)
    rotation: Quat = IDENTITY  # (w, x, y, z)
    emissive: float = 0.0


@dataclass(frozen=True)
class Rig:
    kind: str  # the catalog subject kind it was built for
    family: str  # biped, quadruped, bird, fish, vehicle, instrument, prop, food, furniture...
    joints: tuple[Joint, ...]  # parents before children; joints[0] is the root
    parts: tuple[Part, ...]
    height: float  # top of the rig above the ground at rest, m
    length: float  # extent along +x at rest, m (for spacing and framing)
    width: float  # extent along y at rest, m
    # Named attachment points -> (joint, offset in that joint's frame): "head_top" (where a
    # cat perches), "hand_r"/"hand_l" (what is held), "back" (a rider), "mouth", "seat".
    sockets: dict[str, tuple[str, Vec3]] = field(default_factory=dict)
    mass: float = 0.0  # kg, for footsteps

    def joint(self, name: str) -> Joint:
        for joint in self.joints:
            if joint.name == name:
                return joint
        raise KeyError(f"{self.kind} rig has no joint {name!r}")


@dataclass(frozen=True)
class Motion:
    """Per-frame animation of a rig, in the rig's own frame (n = frame count)."""

    root_offset: NDArray[np.float64]  # (n, 3) metres added to the origin: bob, hop, lift
    root_rotation: NDArray[np.float64]  # (n, 3, 3): lean, spin on the spot
    joints: dict[str, NDArray[np.float64]]  # joint -> (n, 3, 3) local rotations; absent: rest

    @property
    def frame_count(self) -> int:
        return len(self.root_offset)

    @staticmethod
    def rest(frame_count: int) -> Motion:
        return Motion(root_offset=np.zeros((frame_count, 3)),
                      root_rotation=np.tile(np.eye(3), (frame_count, 1, 1)), joints={})


def rotations(axis: str, angles: NDArray[np.float64] | float, *, frames: int | None = None
              ) -> NDArray[np.float64]:
    """(n, 3, 3) rotations about the local axis "x", "y" or "z" by `angles` radians.

    A scalar angle with `frames` gives the same rotation n times.
    """
    values = np.atleast_1d(np.asarray(angles, dtype=np.float64))
    if frames is not None and values.size == 1:
        values = np.full(frames, float(values[0]))
    matrices = Rotation.from_euler(axis, values.reshape(-1, 1)).as_matrix()  # (n, 1): n angles
    return np.asarray(matrices, dtype=np.float64).reshape(-1, 3, 3)


def compose(*stack: NDArray[np.float64]) -> NDArray[np.float64]:
    """Product of (n, 3, 3) rotation stacks, left to right."""
    result = stack[0]
    for item in stack[1:]:
        result = result @ item
    return result


def _transform(rotation: NDArray[np.float64], translation: NDArray[np.float64]
               ) -> NDArray[np.float64]:
    n = len(rotation)
    matrix = np.tile(np.eye(4), (n, 1, 1))
    matrix[:, :3, :3] = rotation
    matrix[:, :3, 3] = translation
    return matrix


def joint_frames(rig: Rig, motion: Motion, placement: NDArray[np.float64]
                 ) -> dict[str, NDArray[np.float64]]:
    """World (n, 4, 4) frames of every joint.

    `placement` (n, 4, 4) puts the rig frame in the world per frame (position and heading
    from the choreography; the rig's size is already built in).
    """
    n = len(placement)
    if motion.frame_count != n:
        raise ValueError(f"motion has {motion.frame_count} frames, placement {n}")
    root = placement @ _transform(motion.root_rotation, motion.root_offset)
    frames: dict[str, NDArray[np.float64]] = {}
    identity = np.tile(np.eye(3), (n, 1, 1))
    for joint in rig.joints:
        local = _transform(motion.joints.get(joint.name, identity),
                           np.tile(np.asarray(joint.offset, dtype=np.float64), (n, 1)))
        parent = root if joint.parent is None else frames[joint.parent]
        frames[joint.name] = parent @ local
    return frames


def part_frames(rig: Rig, joints: dict[str, NDArray[np.float64]]
                ) -> list[tuple[Part, NDArray[np.float64]]]:
    """Each part with its world (n, 4, 4) frame (the mesh's centre and orientation)."""
    result = []
    for part in rig.parts:
        local = np.eye(4)
        local[:3, :3] = Rotation.from_quat(_xyzw(part.rotation)).as_matrix()
        local[:3, 3] = part.offset
        result.append((part, joints[part.joint] @ local))
    return result


def socket_frames(rig: Rig, joints: dict[str, NDArray[np.float64]], socket: str
                  ) -> NDArray[np.float64]:
    """World (n, 4, 4) frames of a named socket (same orientation as its joint)."""
    joint, offset = rig.sockets[socket]
    local = np.eye(4)
    local[:3, 3] = offset
    return joints[joint] @ local


def placement(positions: NDArray[np.float64], headings: NDArray[np.float64]
              ) -> NDArray[np.float64]:
    """(n, 4, 4) placements from ground positions (n, 3) and headings (n,) in radians
    (0 faces +x, counter-clockwise seen from above)."""
    return _transform(rotations("z", headings), positions)


def matrix_quats(frames: NDArray[np.float64]) -> NDArray[np.float64]:
    """(n, 4) (w, x, y, z) quaternions of (n, 4, 4) frames, signs kept continuous."""
    quats = np.asarray(Rotation.from_matrix(frames[:, :3, :3]).as_quat(), dtype=np.float64)
    quats = quats[:, [3, 0, 1, 2]]
    for index in range(1, len(quats)):  # no flips between frames (q and -q are equal)
        if np.dot(quats[index], quats[index - 1]) < 0:
            quats[index] = -quats[index]
    return quats


def _xyzw(quat: Quat) -> tuple[float, float, float, float]:
    w, x, y, z = quat
    return (x, y, z, w)
