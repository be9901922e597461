"""Set dressing built from primitives: trees, lamps, benches, rocks, furniture.

Each function adds one recognisable thing to a `Kit` at a ground point (x, y, z = the floor
under it). Sizes are real-world metres so props and subjects read at the right scale.
"""

from __future__ import annotations

import math

from cinestra.world.sets.kit import WARM_LAMP, Kit, shade, tilt_x, yaw
from cinestra.world.timeline import Vec3

BARK: Vec3 = (0.24, 0.15, 0.08)
LEAF: Vec3 = (0.10, 0.30, 0.07)
PINE_NEEDLES: Vec3 = (0.05, 0.20, 0.09)
SNOW_WHITE: Vec3 = (0.92, 0.94, 0.98)
LAMP_BLACK: Vec3 = (0.07, 0.07, 0.08)


def broadleaf_tree(kit: Kit, x: float, y: float, *, scale: float = 1.0, z: float = 0.0) -> None:
    """A trunk with a cluster of three leafy balls: a park or forest tree."""
    trunk = kit.uniform(1.6, 2.4) * scale
    crown = kit.uniform(1.2, 1.8) * scale
    green = shade(LEAF, kit.uniform(0.8, 1.3))
    kit.post("tree", (x, y, z), radius=0.16 * scale, height=trunk + crown, material="wood",
             color=BARK)
    top = z + trunk + crown * 0.8
    kit.ball("tree", (x, y, top), (crown, crown, crown * 0.9), material="leaves", color=green)
    side = crown * 0.55
    kit.ball("tree", (x + side, y - side * 0.3, top - crown * 0.35), (crown * 0.7,) * 3,
             material="leaves", color=shade(green, 0.9))
    kit.ball("tree", (x - side, y + side * 0.2, top - crown * 0.3), (crown * 0.7,) * 3,
             material="leaves", color=shade(green, 1.1))


def pine_tree(kit: Kit, x: float, y: float, *, scale: float = 1.0, snowy: bool = False,
              z: float = 0.0) -> None:
    """A trunk and three stacked cones (with white caps when snowy)."""
    height = kit.uniform(4.0, 7.0) * scale
    kit.post("tree", (x, y, z), radius=0.12 * scale, height=height * 0.35, material="wood",
             color=BARK)
    radius = height * 0.28
    for tier in range(3):
        base = z + height * (0.2 + 0.25 * tier)
        tier_radius = radius * (1.0 - 0.25 * tier)
        tier_height = height * (0.45 - 0.05 * tier)
        kit.cone("tree", (x, y, base), radius=tier_radius, height=tier_height, material="leaves",
                 color=PINE_NEEDLES)
        if snowy:
            kit.cone("snow", (x, y, base + tier_height * 0.45), radius=tier_radius * 0.56,
                     height=tier_height * 0.56, material="snow", color=SNOW_WHITE)


def palm_tree(kit: Kit, x: float, y: float, *, scale: float = 1.0) -> None:
    """A leaning trunk with a fan of long flat fronds."""
    height = kit.uniform(5.0, 7.0) * scale
    lean = kit.uniform(0.08, 0.22)
    kit.add("tree", "cylinder", (0.16 * scale, 0.16 * scale, height / 2),
            (x, y - math.sin(lean) * height / 2, height / 2), material="wood",
            color=(0.45, 0.34, 0.22), quat=tilt_x(lean))
    top = (x, y - math.sin(lean) * height, height * math.cos(lean))
    for index in range(7):
        angle = index * 2 * math.pi / 7 + kit.uniform(-0.2, 0.2)
        dx, dy = math.cos(angle) * 1.4 * scale, math.sin(angle) * 1.4 * scale
        frond = (top[0] + dx, top[1] + dy, top[2] - 0.35 * scale)
        kit.add("frond", "sphere", (1.6 * scale, 0.35 * scale, 0.06 * scale), frond,
                material="leaves", color=(0.16, 0.42, 0.10), quat=_yaw_then_droop(angle))
    kit.ball("coconut", top, (0.35 * scale,) * 3, material="wood", color=(0.30, 0.22, 0.10))


def _yaw_then_droop(angle: float) -> tuple[float, float, float, float]:
    """A frond pointing along `angle` and drooping 20 degrees at its tip."""
    droop = math.radians(20)
    cy, sy = math.cos(angle / 2), math.sin(angle / 2)
    cd, sd = math.cos(droop / 2), math.sin(droop / 2)
    # yaw(angle) * pitch about local y (tip down)
    return (cy * cd, -sy * sd, cy * sd, sy * cd)


def acacia_tree(kit: Kit, x: float, y: float, *, scale: float = 1.0) -> None:
    """A thin trunk forking into a wide, flat umbrella crown: the savanna's tree."""
    height = kit.uniform(3.5, 5.0) * scale
    kit.post("tree", (x, y, 0.0), radius=0.14 * scale, height=height, material="wood",
             color=(0.30, 0.22, 0.15))
    for side in (-1.0, 1.0):
        kit.add("tree", "cylinder", (0.08 * scale, 0.08 * scale, 0.9 * scale),
                (x + side * 0.45 * scale, y, height + 0.3 * scale), material="wood",
                color=(0.30, 0.22, 0.15),
                quat=(math.cos(0.3), 0.0, side * math.sin(0.3), 0.0))
    width = kit.uniform(3.0, 4.2) * scale
    kit.ball("tree", (x, y, height + 1.0 * scale), (width, width * 0.8, 0.45 * scale),
             material="leaves", color=(0.22, 0.32, 0.08))


def cactus(kit: Kit, x: float, y: float, *, scale: float = 1.0) -> None:
    """A saguaro: a column with two raised arms."""
    green = (0.20, 0.38, 0.16)
    height = kit.uniform(2.2, 3.6) * scale
    kit.post("cactus", (x, y, 0.0), radius=0.22 * scale, height=height, material="plant",
             color=green)
    kit.ball("cactus", (x, y, height), (0.22 * scale,) * 3, material="plant", color=green)
    for side, arm_z in ((-1.0, 0.45), (1.0, 0.6)):
        arm_x = x + side * 0.5 * scale
        kit.add("cactus", "cylinder", (0.14 * scale, 0.14 * scale, 0.3 * scale),
                (x + side * 0.3 * scale, y, height * arm_z), material="plant", color=green,
                quat=(math.cos(math.pi / 4), 0.0, math.sin(math.pi / 4), 0.0))
        kit.post("cactus", (arm_x, y, height * arm_z), radius=0.14 * scale,
                 height=height * 0.35, material="plant", color=green)


def rock(kit: Kit, x: float, y: float, *, size: float, color: Vec3 = (0.45, 0.40, 0.36)) -> None:
    radii = (size * kit.uniform(0.8, 1.3), size * kit.uniform(0.7, 1.1), size * 0.6)
    kit.add("rock", "sphere", radii, (x, y, radii[2] * 0.4), material="stone",
            color=shade(color, kit.uniform(0.8, 1.15)), quat=yaw(kit.uniform(0, math.pi)))


def bench(kit: Kit, x: float, y: float, *, angle: float = 0.0) -> None:
    """A park bench: seat, backrest and two iron sides, facing -y turned by `angle`."""
    turn = yaw(angle)
    ca, sa = math.cos(angle), math.sin(angle)

    def at(dx: float, dy: float, z: float) -> Vec3:
        return (x + dx * ca - dy * sa, y + dx * sa + dy * ca, z)

    wood = (0.42, 0.25, 0.12)
    kit.box("bench", at(0, 0, 0.45), (0.8, 0.22, 0.03), material="wood", color=wood, quat=turn)
    kit.box("bench", at(0, 0.2, 0.72), (0.8, 0.03, 0.18), material="wood", color=wood,
            quat=turn)
    for side in (-0.7, 0.7):
        kit.box("bench", at(side, 0.05, 0.36), (0.04, 0.22, 0.36), material="metal",
                color=LAMP_BLACK, quat=turn)


def lamp_post(kit: Kit, x: float, y: float, *, height: float = 4.2, z: float = 0.0) -> None:
    """A black post with a lantern; lit (glowing, with a Light) at dusk and night."""
    kit.post("lamp_post", (x, y, z), radius=0.07, height=height, material="metal",
             color=LAMP_BLACK)
    glow = 4.0 if kit.night else 0.3
    lantern = (x, y, z + height + 0.2)
    kit.box("lamp", lantern, (0.16, 0.16, 0.22), material="glass", color=(1.0, 0.88, 0.62),
            emissive=glow)
    if kit.night:
        kit.light((x, y, lantern[2] - 0.1), color=WARM_LAMP, intensity=6.0, reach=10.0)


def table_and_chairs(kit: Kit, x: float, y: float, *, top_color: Vec3 = (0.35, 0.2, 0.1),
                     candle: bool = False, chairs: int = 2) -> None:
    """A round café table with chairs around it (and a candle that lights it)."""
    kit.post("table", (x, y, 0.0), radius=0.05, height=0.72, material="metal",
             color=(0.12, 0.12, 0.12))
    kit.add("table", "cylinder", (0.38, 0.38, 0.02), (x, y, 0.74), material="wood",
            color=top_color)
    for index in range(chairs):
        angle = index * 2 * math.pi / chairs + 0.4
        cx, cy = x + 0.62 * math.cos(angle), y + 0.62 * math.sin(angle)
        chair(kit, cx, cy, facing=angle + math.pi)
    if candle:
        kit.post("candle", (x, y, 0.76), radius=0.03, height=0.08, material="wax",
                 color=(1.0, 0.85, 0.55), emissive=3.0)
        kit.light((x, y, 0.95), color=(1.0, 0.62, 0.30), intensity=0.8, reach=3.0)


def chair(kit: Kit, x: float, y: float, *, facing: float,
          color: Vec3 = (0.30, 0.17, 0.08)) -> None:
    """A wooden chair whose sitter faces `facing` (radians from +x)."""
    kit.box("chair", (x, y, 0.45), (0.21, 0.21, 0.025), material="wood", color=color,
            quat=yaw(facing))
    back = (x - 0.2 * math.cos(facing), y - 0.2 * math.sin(facing), 0.7)
    kit.box("chair", back, (0.025, 0.21, 0.25), material="wood", color=color,
            quat=yaw(facing))
    kit.post("chair", (x, y, 0.0), radius=0.03, height=0.43, material="metal",
             color=(0.1, 0.1, 0.1))


def desk(kit: Kit, x: float, y: float, *, color: Vec3 = (0.55, 0.40, 0.24)) -> None:
    """A school desk with its chair on the -y side (the pupil faces +y)."""
    kit.box("desk", (x, y, 0.72), (0.45, 0.28, 0.02), material="wood", color=color)
    for dx in (-0.4, 0.4):
        kit.box("desk", (x + dx, y, 0.36), (0.02, 0.24, 0.35), material="metal",
                color=(0.2, 0.2, 0.22))
    chair(kit, x, y - 0.5, facing=math.pi / 2, color=(0.15, 0.30, 0.55))


def shelf(kit: Kit, x: float, y: float, *, width: float, height: float, color: Vec3,
          rows: int = 4, rng_books: bool = True) -> None:
    """A shelf against a back wall, with a band of books on each board."""
    kit.box("shelf", (x, y, height / 2), (width / 2, 0.18, height / 2), material="wood",
            color=color)
    for row in range(rows):
        z = 0.35 + row * (height - 0.4) / rows
        kit.box("shelf", (x, y - 0.19, z), (width / 2, 0.02, 0.015), material="wood",
                color=shade(color, 1.2))
        if rng_books:
            hue = kit.uniform(0.0, 1.0)
            book = (0.5 + 0.4 * math.sin(6.28 * hue), 0.3 + 0.2 * math.cos(6.28 * hue), 0.25)
            kit.box("book", (x, y - 0.1, z + 0.13), (width / 2 - 0.05, 0.1, 0.11),
                    material="cardboard", color=book)
