"""Fish and sea creatures: a body of segments that undulates, fins, a tail and eyes; the
octopus has eight tentacle chains, the jellyfish a bell with hanging tentacles.

Skeleton: body (root) -> seg_1 -> seg_2 -> seg_3 (the tail end); the octopus and the
jellyfish hang tentacle_<i>_1..3 chains under the body instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cinestra.world.assets import Clock, Look
from cinestra.world.assets import colors as c
from cinestra.world.assets.cycles import Channels, ballistic, phase, resolve, smooth, wave
from cinestra.world.assets.rig import Joint, Motion, Part, Rig
from cinestra.world.assets.shapes import ball, euler, finished, rod, spike
from cinestra.world.timeline import Vec3


@dataclass(frozen=True)
class FishSpec:
    length: float  # m
    tall: float  # body height / length
    color: Vec3
    belly: Vec3
    shape: str = "fish"  # fish, octopus, jellyfish, seahorse
    bands: Vec3 | None = None  # clownfish's white bands
    fin: str = "fan"  # fan, fork, fluke (horizontal, whales and dolphins)
    mass: float = 1.0


SPECS = {
    "fish": FishSpec(0.3, 0.35, c.srgb("#7a9ab0"), c.srgb("#e0e8e8")),
    "goldfish": FishSpec(0.12, 0.5, c.ORANGE, c.srgb("#f8c040"), mass=0.05),
    "clownfish": FishSpec(0.1, 0.45, c.srgb("#f06010"), c.srgb("#f08030"), bands=c.WHITE,
                          mass=0.03),
    "shark": FishSpec(2.5, 0.25, c.srgb("#6a7a88"), c.WHITE, fin="fork", mass=400.0),
    "whale": FishSpec(12.0, 0.22, c.srgb("#3a4a60"), c.srgb("#c0c8d0"), fin="fluke",
                      mass=40000.0),
    "dolphin": FishSpec(2.2, 0.2, c.srgb("#8090a0"), c.srgb("#e0e4e8"), fin="fluke",
                        mass=150.0),
    "salmon": FishSpec(0.7, 0.28, c.srgb("#8a9098"), c.srgb("#f0a090"), fin="fork", mass=4.0),
    "octopus": FishSpec(0.8, 0.5, c.srgb("#c04a3a"), c.srgb("#e08a7a"), shape="octopus",
                        mass=10.0),
    "jellyfish": FishSpec(0.4, 1.0, c.srgb("#e0a0e8"), c.srgb("#f0d0f8"), shape="jellyfish",
                          mass=1.0),
    "seahorse": FishSpec(0.15, 1.0, c.srgb("#f0b030"), c.srgb("#f8d070"), shape="seahorse",
                         mass=0.02),
}
KINDS = frozenset(SPECS)
CYCLES = frozenset({"idle", "swim", "eat", "jump", "sleep", "fall"})
ALIASES = {"float": "swim", "dive": "swim", "chase": "swim", "race": "swim", "walk": "swim",
           "run": "swim", "fly": "jump", "bounce": "jump", "dance": "swim", "spin": "swim",
           "peck": "eat", "drink": "eat", "rest": "sleep", "sit": "idle", "perch": "idle",
           "play": "swim", "cross": "swim", "topple": "fall", "roll": "fall"}
VERBS = frozenset(CYCLES | set(ALIASES)) - {"idle"}
SEGMENTS = 3
TENTACLES = {"octopus": 8, "jellyfish": 6}


def skeleton(spec: FishSpec) -> list[Joint]:
    size = spec.length
    if spec.shape in TENTACLES:
        joints = [Joint("body", None, (0.0, 0.0, 0.6 * size))]
        count = TENTACLES[spec.shape]
        for index in range(count):
            angle = 2 * math.pi * index / count
            out = 0.25 * size * spec.tall
            joints.append(Joint(f"tentacle_{index}_1", "body",
                                (out * math.cos(angle), out * math.sin(angle), -0.1 * size)))
            for link in (2, 3):
                step = 0.2 * size
                spread = 0.6 if spec.shape == "octopus" else 0.1
                joints.append(Joint(f"tentacle_{index}_{link}", f"tentacle_{index}_{link - 1}",
                                    (spread * step * math.cos(angle),
                                     spread * step * math.sin(angle), -step)))
        return joints
    if spec.shape == "seahorse":
        return [Joint("body", None, (0.0, 0.0, 0.6 * size)),
                Joint("seg_1", "body", (-0.05 * size, 0.0, -0.3 * size)),
                Joint("seg_2", "seg_1", (0.1 * size, 0.0, -0.2 * size)),
                Joint("seg_3", "seg_2", (0.1 * size, 0.0, -0.1 * size))]
    step = size / 4
    return [Joint("body", None, (0.0, 0.0, 0.5 * spec.tall * size)),
            Joint("seg_1", "body", (-0.6 * step, 0.0, 0.0)),
            Joint("seg_2", "seg_1", (-step, 0.0, 0.0)),
            Joint("seg_3", "seg_2", (-0.9 * step, 0.0, 0.0))]


def parts_of(spec: FishSpec, color: Vec3) -> list[Part]:
    size, tall = spec.length, spec.tall
    half = 0.5 * tall * size
    if spec.shape in TENTACLES:
        return _tentacled(spec, color)
    if spec.shape == "seahorse":
        return [ball("body", "body", (0.12 * size, 0.09 * size, 0.22 * size), color, "skin"),
                ball("head", "body", (0.12 * size, 0.08 * size, 0.08 * size), color, "skin",
                     at=(0.05 * size, 0.0, 0.25 * size)),
                spike("snout", "body", length=0.15 * size, radius=0.03 * size, color=color,
                      material="skin", start=(0.12 * size, 0.0, 0.24 * size),
                      direction=(1.0, 0.0, -0.1)),
                ball("mouth", "body", (0.01 * size, 0.02 * size, 0.015 * size), c.MOUTH,
                     "skin", at=(0.27 * size, 0.0, 0.235 * size)),
                *_eyes(0.1 * size, 0.06 * size, 0.27 * size, 0.025 * size, "body"),
                ball("tail_1", "seg_1", (0.07 * size, 0.06 * size, 0.14 * size), color, "skin"),
                ball("tail_2", "seg_2", (0.05 * size, 0.04 * size, 0.09 * size), color, "skin"),
                ball("tail_3", "seg_3", (0.05 * size, 0.03 * size, 0.05 * size), color, "skin",
                     at=(-0.03 * size, 0.0, 0.0)),
                ball("fin", "body", (0.06 * size, 0.01 * size, 0.08 * size), spec.belly,
                     "skin", at=(-0.12 * size, 0.0, 0.0))]
    parts = [ball("head", "body", (0.3 * size, 0.7 * half, half), color, "skin",
                  at=(0.12 * size, 0.0, 0.0)),
             ball("belly", "body", (0.28 * size, 0.6 * half, 0.6 * half), spec.belly, "skin",
                  at=(0.12 * size, 0.0, -0.4 * half)),
             ball("mouth", "body", (0.03 * size, 0.25 * half, 0.12 * half), c.MOUTH, "skin",
                  at=(0.41 * size, 0.0, -0.2 * half)),
             *_eyes(0.3 * size, 0.4 * half, 0.25 * half, 0.12 * half, "body"),
             ball("seg_1", "seg_1", (0.18 * size, 0.55 * half, 0.85 * half), color, "skin"),
             ball("seg_2", "seg_2", (0.16 * size, 0.4 * half, 0.6 * half), color, "skin"),
             ball("seg_3", "seg_3", (0.1 * size, 0.25 * half, 0.35 * half), color, "skin")]
    if spec.fin == "fluke":  # whales and dolphins: a horizontal tail
        parts.append(ball("tail_fin", "seg_3", (0.08 * size, 0.9 * half, 0.08 * half), color,
                          "skin", at=(-0.12 * size, 0.0, 0.0)))
    else:
        tail = 1.4 if spec.fin == "fork" else 1.0
        for sign in (1.0, -1.0):
            parts.append(ball("tail_fin", "seg_3", (0.12 * size, 0.06 * half, 0.5 * half * tail),
                              color, "skin", at=(-0.15 * size, 0.0, sign * 0.4 * half * tail),
                              rotation=euler(y=sign * 35)))
    dorsal = 1.6 if spec.length > 2 and spec.fin == "fork" else 0.8
    parts.append(spike("dorsal_fin", "body", length=dorsal * half, radius=0.12 * size,
                       color=color, material="skin", start=(-0.05 * size, 0.0, 0.8 * half),
                       direction=(-0.5, 0.0, 1.0), radius_y=0.04 * half))
    for sign in (1.0, -1.0):
        parts.append(ball("pectoral_fin", "body", (0.1 * size, 0.35 * half, 0.05 * half),
                          color, "skin", at=(0.15 * size, sign * 0.75 * half, -0.4 * half),
                          rotation=euler(x=sign * 30, y=20)))
    if spec.bands is not None:
        for joint, radius in (("body", 1.02), ("seg_1", 0.87)):
            parts.append(rod("band", joint, length=0.05 * size, radius=radius * half,
                             radius_y=0.72 * half * radius, color=spec.bands, material="skin",
                             start=(-0.02 * size, 0.0, 0.0), direction=(1.0, 0.0, 0.0)))
    if spec.length > 5:  # a whale's blowhole ridge and throat grooves read at a distance
        parts.append(ball("blowhole", "body", (0.03 * size, 0.05 * half, 0.03 * half), c.BLACK,
                          "skin", at=(0.15 * size, 0.0, 0.98 * half)))
    return parts


def _eyes(x: float, y: float, z: float, radius: float, joint: str) -> list[Part]:
    parts = []
    for sign in (1.0, -1.0):
        parts += [ball("eye", joint, (radius, 0.6 * radius, radius), c.WHITE, "glass",
                       at=(x, sign * y, z)),
                  ball("pupil", joint, (0.6 * radius, 0.4 * radius, 0.6 * radius), c.PUPIL,
                       "glass", at=(x + 0.2 * radius, sign * (y + 0.4 * radius), z))]
    return parts


def _tentacled(spec: FishSpec, color: Vec3) -> list[Part]:
    size = spec.length
    jelly = spec.shape == "jellyfish"
    parts = [ball("body", "body", (0.25 * size, 0.25 * size, 0.3 * size), color,
                  "skin", at=(0.0, 0.0, 0.2 * size if not jelly else 0.05 * size)),
             ball("mouth", "body", (0.03 * size, 0.05 * size, 0.03 * size), c.MOUTH, "skin",
                  at=(0.2 * size, 0.0, -0.05 * size))]
    if jelly:
        parts.append(ball("bell_rim", "body", (0.28 * size, 0.28 * size, 0.06 * size),
                          spec.belly, "skin", at=(0.0, 0.0, -0.05 * size)))
    else:
        parts += _eyes(0.19 * size, 0.1 * size, 0.05 * size, 0.04 * size, "body")
    offsets = {joint.name: joint.offset for joint in skeleton(spec)}
    for index in range(TENTACLES[spec.shape]):
        for link in (1, 2, 3):
            radius = (0.05 if not jelly else 0.012) * size * (1.2 - 0.3 * link)
            # each link reaches to the next joint (the last one as far again)
            towards = offsets[f"tentacle_{index}_{min(link + 1, 3)}"]
            parts.append(rod(f"tentacle_{index}", f"tentacle_{index}_{link}",
                             length=math.dist(towards, (0.0, 0.0, 0.0)), radius=radius,
                             color=color if not jelly else spec.belly, material="skin",
                             direction=towards))
    return parts


def build(kind: str, look: Look) -> Rig:
    """The rig of a sea creature `kind` (unknown kinds: a generic fish)."""
    spec = SPECS.get(kind, SPECS["fish"])
    parts = parts_of(spec, look.color or spec.color)
    head = 0.5 * spec.tall * spec.length
    sockets = {"head_top": ("body", (0.1 * spec.length, 0.0, head)),
               "back": ("body", (0.0, 0.0, head)),
               "mouth": ("body", (0.42 * spec.length, 0.0, -0.2 * head))}
    return finished(kind=kind, family="fish", joints=skeleton(spec), parts=parts,
                    sockets=sockets, mass=spec.mass, scale=look.scale)


def gait_speed(rig: Rig, verb: str | None) -> float:
    return 0.8 * rig.length if resolve(verb, CYCLES, ALIASES) == "swim" else 0.0


def footfalls(rig: Rig, verb: str | None, clock: Clock) -> list[tuple[float, str]]:
    return []  # no feet


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    cycle = resolve(verb, CYCLES, ALIASES)
    ch = Channels(clock.frame_count)
    beat = {"swim": 0.8, "idle": 2.0, "eat": 1.5, "jump": 0.8, "sleep": 4.0, "fall": 3.0}
    period = beat[cycle] * math.sqrt(max(rig.length, 0.05) / 0.3) ** 0.5
    ph = phase(clock, period)
    tentacled = any(joint.name.startswith("tentacle") for joint in rig.joints)
    strength = 0.15 if cycle == "sleep" else 1.0
    if tentacled:
        for joint in rig.joints:
            if joint.name.startswith("tentacle"):
                index, link = (int(part) for part in joint.name.split("_")[1:])
                ch.add(joint.name, "x", 0.25 * strength * wave(ph, 1, 0.1 * link + 0.3 * index))
                ch.add(joint.name, "y", 0.2 * strength * wave(ph, 1, 0.15 * link))
        if cycle == "swim":  # pulsing upwards; at rest it sits on the bottom
            ch.move("lift", 0.08 * rig.height * (1 + wave(ph)))
    else:
        horizontal = rig.joint("seg_1").offset[0] < 0
        axis = "z" if horizontal else "y"
        for link in (1, 2, 3):
            ch.add(f"seg_{link}", axis, 0.22 * strength * link * wave(ph, 1, -0.18 * link))
        ch.move("yaw", 0.08 * strength * wave(ph, 1, 0.1))
    if cycle == "eat":
        ch.move("pitch", 0.25 * (0.5 + 0.5 * wave(ph)))
    if cycle == "jump":
        period = 1.6
        t = phase(clock, period) * period
        flight = 1.0
        ch.move("lift", ballistic(t - 0.2, flight))
        ch.move("pitch", -0.8 + 1.6 * smooth((t - 0.2) / flight))
    if cycle == "fall":
        ch.move("roll", 1.5 * smooth(clock.times / 1.0) ** 2)
    return ch.motion(rig)

