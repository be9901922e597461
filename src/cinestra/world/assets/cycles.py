"""Gait maths shared by the creature families.

A cycle writes joint angles into `Channels` (radians per frame, one array per joint and
axis), then `Channels.motion` turns them into a rig `Motion` and grounds it: the root is
raised or lowered so that the lowest point of any part sits at the cycle's `lift` (0 on
the ground, a ballistic arc in a jump, altitude in flight), or, for legs placed by inverse
kinematics, only raised where a part would sink below the ground.

Leg conventions (every family): a leg hangs down -z from its hip; a positive `swing`
moves the foot forward (+x), a positive `bend` folds the lower segment back (a human
knee); joint rotations are intrinsic z, y, x Euler angles.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.spatial.transform import Rotation

from cinestra.world.assets import Clock
from cinestra.world.assets.rig import Motion, Rig, joint_frames, part_frames

G = 9.81  # m/s², simulated time
Array = NDArray[np.float64]


class Channels:
    """Per-frame joint angles and root movement a cycle accumulates."""

    def __init__(self, frames: int) -> None:
        self.frames = frames
        self.angles: dict[tuple[str, str], Array] = {}
        self.root: dict[str, Array] = {}  # x, y: shift; yaw, pitch, roll; lift

    def add(self, joint: str, axis: str, angle: Array | float) -> None:
        """Add `angle` (radians, scalar or per frame) about the joint's local `axis`."""
        key = (joint, axis)
        self.angles[key] = self.angles.get(key, 0.0) + np.broadcast_to(angle, (self.frames,))

    def move(self, channel: str, value: Array | float) -> None:
        """Add to a root channel: x, y (m), yaw, pitch, roll (rad), lift (m above ground)."""
        self.root[channel] = self.root.get(channel, 0.0) + np.broadcast_to(value, (self.frames,))

    def blend(self, other: Channels, weight: Array) -> Channels:
        """This cycle faded into `other` by `weight` (0: this one, 1: the other)."""
        result = Channels(self.frames)
        for source, share in ((self, 1.0 - weight), (other, weight)):
            for (joint, axis), angle in source.angles.items():
                result.add(joint, axis, angle * share)
            for channel, value in source.root.items():
                result.move(channel, value * share)
        return result

    def _root_value(self, channel: str) -> Array:
        return np.asarray(self.root.get(channel, np.zeros(self.frames)), dtype=np.float64)

    def motion(self, rig: Rig, *, keep_heights: bool = False) -> Motion:
        """The Motion, grounded. `keep_heights`: the legs already stand on z = 0 (inverse
        kinematics), so the root only rises where a part would go below the ground."""
        joints: dict[str, Array] = {}
        for joint in {name for name, _ in self.angles}:
            zyx = np.stack([self.angles.get((joint, axis), np.zeros(self.frames))
                            for axis in "zyx"], axis=-1)
            joints[joint] = np.asarray(Rotation.from_euler("ZYX", zyx).as_matrix())
        zyx = np.stack([self._root_value(name) for name in ("yaw", "pitch", "roll")], axis=-1)
        rotation = np.asarray(Rotation.from_euler("ZYX", zyx).as_matrix())
        offset = np.stack([self._root_value("x"), self._root_value("y"),
                           self._root_value("z")], axis=-1)
        motion = Motion(root_offset=offset, root_rotation=rotation, joints=joints)
        low = lowest(rig, motion)
        if keep_heights:
            offset[:, 2] += np.maximum(0.0, -low)
        else:
            offset[:, 2] += self._root_value("lift") - low
        return Motion(root_offset=offset, root_rotation=rotation, joints=joints)


def lowest(rig: Rig, motion: Motion) -> Array:
    """Height of the lowest point of any part, per frame, with the rig's origin at z = 0."""
    frames = motion.frame_count
    joints = joint_frames(rig, motion, np.tile(np.eye(4), (frames, 1, 1)))
    low = np.full(frames, np.inf)
    for part, matrix in part_frames(rig, joints):
        up = matrix[:, 2, :3]  # how each local axis projects on world z
        centre = matrix[:, 2, 3]
        sx, sy, sz = part.size
        if part.shape == "sphere":
            reach = np.sqrt((up[:, 0] * sx) ** 2 + (up[:, 1] * sy) ** 2 + (up[:, 2] * sz) ** 2)
            bottom = centre - reach
        elif part.shape == "box":
            bottom = centre - np.abs(up) @ np.array([sx, sy, sz])
        else:  # cylinder and cone: the rim of the bottom (or base) disc, or the cone's apex
            rim = np.sqrt((up[:, 0] * sx) ** 2 + (up[:, 1] * sy) ** 2)
            if part.shape == "cone":
                bottom = np.minimum(centre - up[:, 2] * sz - rim, centre + up[:, 2] * sz)
            else:
                bottom = centre - np.abs(up[:, 2]) * sz - rim
        low = np.minimum(low, bottom)
    return low


def phase(clock: Clock, period: float, *, offset: float = 0.0) -> Array:
    """Cycle phase in [0, 1) at each frame, shifted by `offset` cycles and by the seed."""
    return np.mod(clock.times / period + offset + seed_offset(clock.seed), 1.0)


def seed_offset(seed: int) -> float:
    """A phase in [0, 1) per seed, so a group of the same kind is not in lockstep."""
    return (seed * 0.6180339887) % 1.0


def wave(ph: Array, harmonic: float = 1.0, shift: float = 0.0) -> Array:
    """sin of a phase (in cycles): the basic smooth loop."""
    return np.sin(2 * np.pi * (harmonic * ph + shift))


def smooth(x: Array) -> Array:
    """Smoothstep of x clipped to [0, 1]."""
    clipped = np.clip(x, 0.0, 1.0)
    return clipped * clipped * (3 - 2 * clipped)


def foot_path(ph: Array, *, duty: float, step: float, lift: float) -> tuple[Array, Array]:
    """Foot (x forward, z up) relative to its rest point over a gait cycle.

    Stance (phase < duty): on the ground, sliding back from +step/2 to -step/2 at a constant
    speed, which is the body's speed over the ground. Swing: forward again in an arc.
    """
    stance = ph < duty
    swing = np.clip((ph - duty) / (1 - duty), 0.0, 1.0)
    x = np.where(stance, step * (0.5 - ph / duty), step * (smooth(swing) - 0.5))
    z = np.where(stance, 0.0, lift * np.sin(np.pi * swing))
    return x, z


def leg_ik(x: Array, z: Array, *, upper: float, lower: float, knee: float = 1.0
           ) -> tuple[Array, Array]:
    """(swing, bend) angles putting a two-segment leg's end at (x, z) from its hip (z < 0).

    `knee` +1 folds like a human knee (lower segment back), -1 like a horse's foreleg.
    """
    reach = np.clip(np.hypot(x, z), 0.05 * (upper + lower), 0.999 * (upper + lower))
    cos_knee = (upper ** 2 + lower ** 2 - reach ** 2) / (2 * upper * lower)
    bend = np.pi - np.arccos(np.clip(cos_knee, -1.0, 1.0))
    cos_hip = (upper ** 2 + reach ** 2 - lower ** 2) / (2 * upper * reach)
    towards = np.arctan2(x, -z)
    swing = towards + knee * np.arccos(np.clip(cos_hip, -1.0, 1.0))
    return swing, knee * bend


def strikes(clock: Clock, period: float, offset: float) -> list[float]:
    """Simulated times within the clock where a foot with phase `offset` touches down."""
    end = clock.frame_count / clock.fps * clock.time_scale
    start_phase = offset + seed_offset(clock.seed)
    first = (math.ceil(start_phase) - start_phase) * period  # phase reaches a whole number
    return [float(t) for t in np.arange(first, end, period)]


def ballistic(t: Array, flight: float) -> Array:
    """Height of a jump taking `flight` seconds in the air, at time t into it (g = 9.81)."""
    inside = (t >= 0) & (t <= flight)
    return np.where(inside, G * t * (flight - t) / 2, 0.0)


@dataclass(frozen=True)
class Leg:
    """A two-segment leg the gait places by inverse kinematics."""

    hip: str  # joint names
    knee: str
    foot: str
    upper: float  # segment lengths, m
    lower: float
    height: float  # hip joint above the ground at rest, m
    ankle: float  # foot joint above the ground at rest, m
    offset: float  # phase offset in cycles (0 and 0.5: left and right)
    knee_sign: float = 1.0  # +1 human knee, -1 folds forward


def leg_of(rig: Rig, hip: str, knee: str, foot: str, *, offset: float,
           knee_sign: float = 1.0) -> Leg:
    """The Leg of three joints of `rig`, measured from its rest pose."""
    upper = float(np.linalg.norm(rig.joint(knee).offset))
    lower = float(np.linalg.norm(rig.joint(foot).offset))
    height = rest_height(rig, hip)
    return Leg(hip=hip, knee=knee, foot=foot, upper=upper, lower=lower, height=height,
               ankle=height - upper - lower, offset=offset, knee_sign=knee_sign)


def rest_height(rig: Rig, joint: str) -> float:
    """Height of a joint above the ground at rest."""
    height, name = 0.0, joint
    while True:
        found = rig.joint(name)
        height += found.offset[2]
        if found.parent is None:
            return height
        name = found.parent


@dataclass(frozen=True)
class Gait:
    period: float  # s per cycle (both feet)
    duty: float  # share of the cycle a foot is on the ground
    step: float  # m a foot slides back during its stance
    lift: float  # m a swinging foot rises
    crouch: float = 0.0  # m the hips sit lower than at rest

    @property
    def speed(self) -> float:
        return self.step / (self.duty * self.period)


def locomote(ch: Channels, legs: list[Leg], gait: Gait, clock: Clock, *, hop: bool = False
             ) -> list[Array]:
    """Place each leg's foot along its gait path (planted feet do not slide over the ground
    when the root moves at `gait.speed`); lower the root where a stance leg cannot reach.
    `hop`: two-legged run, the body flies between strides. Returns each leg's phase."""
    phases = [phase(clock, gait.period, offset=leg.offset) for leg in legs]
    paths = [foot_path(ph, duty=gait.duty, step=gait.step, lift=gait.lift) for ph in phases]
    drop = np.full(clock.frame_count, gait.crouch)
    for leg, ph, (x, _) in zip(legs, phases, paths, strict=True):
        reach = 0.985 * (leg.upper + leg.lower)
        needed = leg.height - leg.ankle - np.sqrt(np.maximum(reach ** 2 - x ** 2, 0.0))
        drop = np.maximum(drop, np.where(ph < gait.duty, needed, 0.0))
    if hop:  # between two stances: a ballistic flight from the first leg's phase
        flight = (0.5 - gait.duty) * gait.period
        since = np.mod(phases[0] - gait.duty, 0.5) * gait.period
        drop = drop - ballistic(since, flight)
    drop = _smoothed(drop)
    ch.move("z", -drop)
    for leg, (x, z) in zip(legs, paths, strict=True):
        swing, bend = leg_ik(x, z - (leg.height - drop - leg.ankle), upper=leg.upper,
                             lower=leg.lower, knee=leg.knee_sign)
        ch.add(leg.hip, "y", -swing)
        ch.add(leg.knee, "y", bend)
        ch.add(leg.foot, "y", swing - bend)
    return phases


def _smoothed(values: Array) -> Array:
    """A 3-frame moving average: the root does not jolt where the stance leg changes."""
    if len(values) < 3:
        return values
    padded = np.concatenate([values[:1], values, values[-1:]])
    return np.asarray((padded[:-2] + padded[1:-1] + padded[2:]) / 3)


def resolve(verb: str | None, cycles: frozenset[str], aliases: dict[str, str]) -> str:
    """The cycle that plays `verb`: its own, an alias, the closest name, or idle."""
    if verb is None:
        return "idle"
    if verb in cycles:
        return verb
    if verb in aliases:
        return aliases[verb]
    close = difflib.get_close_matches(verb, sorted(cycles | set(aliases)), n=1, cutoff=0.75)
    if close:
        return close[0] if close[0] in cycles else aliases[close[0]]
    return "idle"
