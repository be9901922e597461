"""Plants: trees, flowers, cacti, bamboo, mushrooms, a leaf, at their real size.

The origin is at the foot of the trunk or stem. Trunks and stems are chains of joints
("sway_0", "sway_1"... from the ground up) that bend a little more at each link, so
`animate` sways the whole plant in the wind, whatever the verb (harder in wind verbs);
crowns, fronds and flower heads ride on the last link. Sockets: `top` (a bird perching
on the crown), `roof` (the same, for the lead's generic placing).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from cinestra.world.assets import Clock, Look
from cinestra.world.assets.rig import Motion, Rig
from cinestra.world.assets.solids import (
    RigBuilder,
    joints_named,
    motion_with,
    quat,
    swing,
    turn,
)
from cinestra.world.timeline import Vec3

Builder = Callable[[RigBuilder], None]
BARK: Vec3 = (0.3, 0.18, 0.08)
FOLIAGE: Vec3 = (0.12, 0.38, 0.08)
DARK_FOLIAGE: Vec3 = (0.04, 0.22, 0.06)
BLOSSOM: Vec3 = (0.98, 0.62, 0.75)
STEM: Vec3 = (0.15, 0.45, 0.1)
WIND_VERBS = frozenset({"rustle", "flutter", "swing"})
VERBS = WIND_VERBS


def _stem(b: RigBuilder, *, height: float, links: int, radius: float, top_radius: float,
          color: Vec3 | None, material: str | None = None, lean: float = 0.0) -> str:
    """A trunk or stem as a chain of `links` joints, each holding one tapering segment;
    returns the last joint (where crowns and heads go). `lean` bends it towards +x."""
    parent = "root"
    step = height / links
    for index in range(links):
        offset = (lean * step, 0.0, step) if index else (0.0, 0.0, 0.0)
        joint = b.joint(f"sway_{index}", offset, parent)
        share = index / max(links - 1, 1)
        b.segment("trunk", (0, 0, 0), (lean * step, 0, step),
                  radius + (top_radius - radius) * share, color=color, material=material,
                  joint=joint)
        parent = joint
    crown = b.joint("crown", (lean * step, 0.0, step), parent)
    return crown


def tree(b: RigBuilder) -> None:
    crown = _stem(b, height=4.0, links=3, radius=0.22, top_radius=0.14, color=BARK,
                  material="wood")
    b.ball("crown", (0, 0, 1.8), (2.4, 2.4, 2.1), joint=crown)
    for x, y, z, r in ((1.3, 0.8, 1.2, 1.5), (-1.2, 1.0, 1.5, 1.4), (0.2, -1.4, 1.0, 1.5),
                       (-0.6, -0.5, 2.9, 1.3)):
        b.ball("foliage", (x, y, z), r, joint=crown, color=(0.15, 0.42, 0.1))
    b.socket("top", (0, 0, 3.9), crown)
    b.socket("roof", (0, 0, 3.9), crown)


def cherry_tree(b: RigBuilder) -> None:
    crown = _stem(b, height=3.0, links=3, radius=0.16, top_radius=0.1, color=(0.25, 0.13, 0.08),
                  material="wood", lean=0.08)
    for x, y, z, r in ((0.0, 0.0, 1.2, 1.9), (1.4, 0.6, 0.9, 1.3), (-1.3, 0.8, 1.0, 1.3),
                       (0.3, -1.4, 0.8, 1.3), (-0.4, -0.2, 2.2, 1.2)):
        b.ball("blossom", (x, y, z), (r, r, r * 0.75), joint=crown)
    for x, y, z in ((1.8, -0.3, 0.4), (-1.6, -0.6, 0.6), (0.6, 1.5, 1.4)):
        b.ball("blossom_dark", (x, y, z), 0.6, joint=crown, color=(0.9, 0.4, 0.55))
    for angle in (30.0, 150.0, 270.0):
        rad = math.radians(angle)
        b.segment("branch", (0, 0, -0.5), (1.3 * math.cos(rad), 1.3 * math.sin(rad), 0.7),
                  0.07, joint=crown, color=(0.25, 0.13, 0.08), material="wood")
    b.socket("top", (0, 0, 3.1), crown)
    b.socket("roof", (0, 0, 3.1), crown)


def palm_tree(b: RigBuilder) -> None:
    crown = _stem(b, height=8.0, links=5, radius=0.2, top_radius=0.15,
                  color=(0.45, 0.35, 0.22), material="wood", lean=0.12)
    for index in range(8):  # fronds droop out all round
        rad = index * 2 * math.pi / 8
        tip = (2.6 * math.cos(rad), 2.6 * math.sin(rad), -0.9)
        mid = (1.3 * math.cos(rad), 1.3 * math.sin(rad), 0.35)
        b.segment("frond", (0, 0, 0.1), mid, 0.28, shape="sphere", joint=crown)
        b.segment("frond", mid, tip, 0.22, shape="sphere", joint=crown)
    for index in range(3):
        rad = index * 2 * math.pi / 3 + 0.5
        b.ball("coconut", (0.25 * math.cos(rad), 0.25 * math.sin(rad), -0.15), 0.14,
               joint=crown, color=(0.35, 0.22, 0.08))
    b.socket("top", (0, 0, 0.3), crown)
    b.socket("roof", (0, 0, 0.3), crown)


def pine_tree(b: RigBuilder) -> None:
    crown = _stem(b, height=1.5, links=2, radius=0.2, top_radius=0.16, color=BARK,
                  material="wood")
    tiers = 4
    for index in range(tiers):  # stacked cones, narrower upward
        radius = 2.2 - index * 0.45
        b.cone("needles", (0, 0, 0.9 + index * 1.4), radius, 1.3, joint=crown)
    b.socket("top", (0, 0, 0.9 + (tiers - 1) * 1.4 + 1.3), crown)
    b.socket("roof", (0, 0, 0.9 + (tiers - 1) * 1.4 + 1.3), crown)


def flower(b: RigBuilder) -> None:
    head = _stem(b, height=0.4, links=2, radius=0.004, top_radius=0.003, color=STEM,
                 material="leaves")
    b.ball("leaf", (0.04, 0, -0.22), (0.04, 0.012, 0.003), joint=head, color=STEM,
           material="leaves", rotation=quat("y", -30))
    for index in range(6):
        rad = index * math.pi / 3
        b.ball("petal", (0.025 * math.cos(rad), 0.025 * math.sin(rad), 0.0),
               (0.022, 0.011, 0.004), joint=head, rotation=quat("z", math.degrees(rad)))
    b.ball("flower_centre", (0, 0, 0.004), 0.012, joint=head, color=(0.95, 0.8, 0.1),
           material="leaves")
    b.socket("top", (0, 0, 0.01), head)


def sunflower(b: RigBuilder) -> None:
    """A tall stem with the head turned to face +x."""
    head = _stem(b, height=1.7, links=3, radius=0.016, top_radius=0.012, color=STEM,
                 material="leaves")
    for z, side in ((-1.1, 1), (-0.7, -1), (-0.35, 1)):
        b.ball("leaf", (0.0, side * 0.12, z), (0.06, 0.12, 0.006), joint=head, color=STEM,
               material="leaves", rotation=quat("x", side * 20))
    tilt = math.radians(70.0)  # the head's face turned from straight up to nearly +x
    centre = np.array([0.04, 0.0, 0.1])
    across, down = np.array([0.0, 1.0, 0.0]), np.array([math.cos(tilt), 0.0, -math.sin(tilt)])
    b.add("flower_centre", "cylinder", (0.1, 0.1, 0.02), (0.04, 0, 0.1), joint=head,
          color=(0.25, 0.13, 0.04), material="leaves", rotation=quat("y", 70))
    for index in range(14):  # petals round the rim, in the plane of the face
        rad = index * 2 * math.pi / 14
        direction = math.cos(rad) * across + math.sin(rad) * down
        inner, outer = centre + 0.09 * direction, centre + 0.2 * direction
        b.segment("petal", (float(inner[0]), float(inner[1]), float(inner[2])),
                  (float(outer[0]), float(outer[1]), float(outer[2])), 0.025, shape="sphere",
                  joint=head)
    b.socket("top", (0, 0, 0.25), head)


def tulip(b: RigBuilder) -> None:
    head = _stem(b, height=0.35, links=2, radius=0.004, top_radius=0.0035, color=STEM,
                 material="leaves")
    for side in (1, -1):
        b.ball("leaf", (0, side * 0.02, -0.22), (0.012, 0.02, 0.12), joint=head, color=STEM,
               material="leaves", rotation=quat("x", side * 15))
    b.ball("tulip", (0, 0, 0.03), (0.022, 0.022, 0.035), joint=head)
    for angle in (0.0, 120.0, 240.0):
        rad = math.radians(angle)
        b.ball("petal", (0.012 * math.cos(rad), 0.012 * math.sin(rad), 0.04),
               (0.012, 0.008, 0.03), joint=head, rotation=quat("z", angle))
    b.socket("top", (0, 0, 0.07), head)


def cactus(b: RigBuilder) -> None:
    """A saguaro: a column with two arms bent upward."""
    top = _stem(b, height=3.0, links=2, radius=0.25, top_radius=0.24, color=None)
    b.ball("cactus_top", (0, 0, 0), 0.24, joint=top)
    for side, z, reach, up in ((1, 1.2, 0.7, 0.9), (-1, 1.7, 0.55, 0.7)):
        b.segment("arm", (0, side * 0.2, z), (0, side * reach, z), 0.15, color=None)
        b.segment("arm", (0, side * reach, z - 0.05), (0, side * reach, z + up), 0.15)
        b.ball("arm_top", (0, side * reach, z + up), 0.15)
    b.socket("top", (0, 0, 0.24), top)
    b.socket("roof", (0, 0, 0.24), top)


def bush(b: RigBuilder) -> None:
    crown = _stem(b, height=0.2, links=1, radius=0.06, top_radius=0.05, color=BARK,
                  material="wood")
    for x, y, z, r in ((0.0, 0.0, 0.35, 0.5), (0.35, 0.2, 0.2, 0.38), (-0.35, 0.15, 0.2, 0.36),
                       (0.1, -0.35, 0.2, 0.36), (-0.15, 0.3, 0.45, 0.3)):
        b.ball("bush", (x, y, z), r, joint=crown)
    b.socket("top", (0, 0, 0.85), crown)


def bamboo(b: RigBuilder) -> None:
    """A clump of culms with rings at the nodes and leaves at the top; each culm sways."""
    for index, (x, y, height) in enumerate(((0.0, 0.0, 5.0), (0.25, 0.15, 4.2),
                                            (-0.2, 0.2, 4.6), (0.1, -0.25, 3.8))):
        parent = b.joint(f"culm_{index}", (x, y, 0.0))
        step = height / 3
        for link in range(3):
            parent = b.joint(f"sway_{index}_{link}", (0, 0, step if link else 0.0), parent)
            b.rod("culm", (0, 0, step / 2), 0.045, step / 2, joint=parent)
            b.rod("node", (0, 0, step), 0.053, 0.02, joint=parent, color=(0.45, 0.55, 0.2))
        for leaf in range(4):
            rad = leaf * 2 * math.pi / 4 + index
            b.ball("bamboo_leaf", (0.25 * math.cos(rad), 0.25 * math.sin(rad), step - 0.1),
                   (0.28, 0.045, 0.005), joint=parent, color=(0.25, 0.55, 0.12),
                   material="leaves", rotation=quat("zy", math.degrees(rad), 25))
    b.socket("top", (0, 0, 5.0))


def mushroom(b: RigBuilder) -> None:
    """A fly agaric: white stem, red cap with white spots."""
    cap = _stem(b, height=0.1, links=1, radius=0.015, top_radius=0.014, color=(0.92, 0.9, 0.85),
                material="leaves")
    b.ball("mushroom", (0, 0, 0.0), (0.055, 0.055, 0.032), joint=cap)
    for x, y, z in ((0.0, 0.0, 0.032), (0.03, 0.01, 0.022), (-0.02, 0.028, 0.022),
                    (-0.015, -0.03, 0.022), (0.02, -0.025, 0.024)):
        b.ball("spot", (x, y, z), (0.007, 0.007, 0.004), joint=cap, color=(0.95, 0.95, 0.92))
    b.socket("top", (0, 0, 0.035), cap)


def leaf(b: RigBuilder) -> None:
    """A fallen leaf lying flat; it rocks in the wind."""
    blade = b.joint("sway_0", (0, 0, 0.003))
    b.ball("leaf", (0, 0, 0), (0.06, 0.035, 0.002), joint=blade)
    b.segment("midrib", (-0.07, 0, 0.001), (0.06, 0, 0.001), 0.0015, joint=blade,
              color=(0.5, 0.35, 0.1))
    b.socket("top", (0, 0, 0.003), blade)


BUILDERS: dict[str, Builder] = {
    "tree": tree, "palm_tree": palm_tree, "pine_tree": pine_tree, "cherry_tree": cherry_tree,
    "flower": flower, "sunflower": sunflower, "tulip": tulip, "cactus": cactus, "bush": bush,
    "bamboo": bamboo, "mushroom": mushroom, "leaf": leaf,
}
KINDS = frozenset(BUILDERS)
GENERIC = "bush"
PAINT: dict[str, tuple[Vec3, str]] = {
    "tree": (FOLIAGE, "leaves"), "palm_tree": ((0.18, 0.5, 0.12), "leaves"),
    "pine_tree": (DARK_FOLIAGE, "leaves"), "cherry_tree": (BLOSSOM, "leaves"),
    "flower": ((0.85, 0.1, 0.2), "leaves"), "sunflower": ((0.98, 0.78, 0.05), "leaves"),
    "tulip": ((0.9, 0.1, 0.15), "leaves"), "cactus": ((0.2, 0.45, 0.18), "leaves"),
    "bush": ((0.14, 0.4, 0.1), "leaves"), "bamboo": ((0.45, 0.65, 0.2), "wood"),
    "mushroom": ((0.8, 0.06, 0.04), "leaves"), "leaf": ((0.8, 0.45, 0.08), "leaves"),
}


def build(kind: str, look: Look) -> Rig:
    """The plant for `kind` (an unknown kind: a bush)."""
    model = kind if kind in BUILDERS else GENERIC
    color, material = PAINT[model]
    builder = RigBuilder(kind=kind, family="plant", look=look, default_color=color,
                         default_material=material)
    BUILDERS[model](builder)
    return builder.finish(mass=0.0)


def gait_speed(rig: Rig, verb: str | None) -> float:
    """Plants stay rooted."""
    return 0.0


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """Sway in the wind: every link of a trunk or stem bends a little, in phase up the
    chain, slower and less for tall plants; wind verbs blow twice as hard."""
    height = max(rig.height, 0.02)
    gust = 2.0 if verb in WIND_VERBS else 1.0
    frequency = min(1.6, 0.45 / math.sqrt(height) + 0.15)
    amplitude = gust * min(0.06, 0.025 / math.sqrt(height) + 0.01)
    joints: dict[str, np.ndarray] = {}
    for index, name in enumerate(joints_named(rig, "sway_")):
        phase = 0.4 * index  # the bend travels up the chain
        lean = turn("y", np.full(clock.frame_count, amplitude * 0.6))  # bent downwind
        joints[name] = lean @ swing(clock, amplitude, frequency, axis="y", phase=phase) @ swing(
            clock, amplitude * 0.4, frequency * 1.3, axis="x", phase=phase)
    return motion_with(clock, joints)
