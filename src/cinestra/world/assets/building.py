"""Buildings and landmarks at their real size, built from primitives.

The origin is on the ground under the middle of the footprint, +x the front (entrance,
main facade). Sockets: `roof` (a flat roof or top you can stand on: a skyscraper's roof,
a tower's top), `top` (the highest point: a spire's tip, for framing). Windows are parts
("window"); the lit ones are emissive and which ones are lit comes from `look.seed`.
Landmarks (built in building_landmarks.py) are hundreds of metres tall: the lead places
them in the far background (the previz camera's far plane must reach them).
Moving parts: a windmill's sails (joint "sails") and a lighthouse's lamp ("lamp") turn.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from cinestra.world.assets import Clock, Look
from cinestra.world.assets import building_landmarks as landmarks
from cinestra.world.assets.rig import Motion, Rig
from cinestra.world.assets.solids import (
    BLACK,
    CHROME,
    DARK,
    DARK_WOOD,
    GLASS_TINT,
    GREY,
    LAMP,
    RED,
    WHITE,
    RigBuilder,
    has_joint,
    motion_with,
    quat,
    spin,
)
from cinestra.world.timeline import Vec3

Builder = Callable[[RigBuilder], None]
LIT: Vec3 = (1.0, 0.82, 0.5)
SNOW: Vec3 = (0.93, 0.95, 0.98)
STONE: Vec3 = (0.6, 0.57, 0.52)
ROOF_TILE: Vec3 = (0.45, 0.12, 0.06)


def _lit(b: RigBuilder, count: int, share: float = 0.35) -> list[bool]:
    """Which of `count` windows are lit, drawn from the look's seed."""
    return list(np.random.default_rng(b.look.seed).random(count) < share)


def _window(b: RigBuilder, at: Vec3, half: Vec3, lit: bool) -> None:
    b.box("window", at, half, color=LIT if lit else GLASS_TINT, material="glass",
          emissive=1.5 if lit else 0.0)


def _gable_roof(b: RigBuilder, *, centre_z: float, length: float, width: float,
                pitch: float = 35.0, color: Vec3 = ROOF_TILE) -> float:
    """Two roof slopes meeting at a ridge along x; returns the ridge height."""
    rad = math.radians(pitch)
    slope = width / 2 / math.cos(rad) + 0.3
    for side in (1, -1):
        b.box("roof", (0, side * slope / 2 * math.cos(rad), centre_z + slope / 2 * math.sin(rad)),
              (length / 2 + 0.3, slope / 2, 0.12), color=color, material="tile",
              rotation=quat("x", -side * pitch))
    return centre_z + slope * math.sin(rad)


def skyscraper(b: RigBuilder) -> None:
    """A glass tower: curtain wall, a grid of mullions and floor bands, lit windows, and a
    flat roof with a parapet (socket `roof`)."""
    half, height = 16.0, 150.0
    b.box("skyscraper", (0, 0, height / 2), (half, half, height / 2))
    for index in range(7):  # vertical mullions on each face
        offset = -half + (index + 1) * 2 * half / 8
        for x, y, size in ((half, offset, (0.3, 0.25, height / 2)),
                           (-half, offset, (0.3, 0.25, height / 2)),
                           (offset, half, (0.25, 0.3, height / 2)),
                           (offset, -half, (0.25, 0.3, height / 2))):
            b.box("mullion", (x, y, height / 2), size, color=CHROME, material="metal")
    for z in np.arange(12.0, height, 12.0):  # a band every four floors
        b.box("floor_band", (0, 0, float(z)), (half + 0.35, half + 0.35, 0.5), color=GREY,
              material="concrete")
    lit = _lit(b, 40)
    for index in range(40):  # lit windows scattered over the two faces in front
        face, column, floor = index % 2, (index * 5) % 8, (index * 7) % 36
        offset = -half + (column + 0.5) * 2 * half / 8
        z = 6.0 + floor * 4.0
        at = (half + 0.1, offset, z) if face == 0 else (offset, -half - 0.1, z)
        size = (0.05, 1.6, 1.4) if face == 0 else (1.6, 0.05, 1.4)
        if lit[index]:
            _window(b, at, size, lit=True)
    b.box("parapet", (0, 0, height + 0.6), (half + 0.3, half + 0.3, 0.6), color=GREY,
          material="concrete")
    b.box("roof_deck", (0, 0, height + 0.1), (half - 0.2, half - 0.2, 0.1), color=DARK,
          material="concrete")
    b.box("roof_plant", (-6, 4, height + 2.2), (4, 5, 2), color=GREY, material="metal")
    b.box("entrance", (half + 0.2, 0, 4), (0.2, 4, 4), color=DARK, material="glass")
    b.socket("roof", (0, 0, height + 0.2))
    b.socket("top", (0, 0, height + 4.2))


def house(b: RigBuilder) -> None:
    width, depth, wall = 8.0, 10.0, 5.5
    b.box("house", (0, 0, wall / 2), (width / 2, depth / 2, wall / 2))
    ridge = _gable_roof(b, centre_z=wall, length=width, width=depth)
    b.box("door", (width / 2 + 0.05, 0, 1.05), (0.05, 0.5, 1.05), color=DARK_WOOD,
          material="wood")
    lit = _lit(b, 4)
    for index, (y, z) in enumerate(((-2.8, 1.5), (2.8, 1.5), (-2.8, 4.0), (2.8, 4.0))):
        _window(b, (width / 2 + 0.05, y, z), (0.05, 0.7, 0.65), lit[index])
    b.box("chimney", (1.5, 2.5, ridge - 0.5), (0.5, 0.5, 1.8), color=(0.5, 0.2, 0.12),
          material="stone")
    b.socket("roof", (0, 0, ridge))
    b.socket("top", (0, 0, ridge))


def cabin(b: RigBuilder) -> None:
    """A log cabin: walls of stacked logs, a porch door, a stone chimney."""
    width, depth, wall = 5.0, 6.5, 3.0
    b.box("cabin", (0, 0, wall / 2), (width / 2 - 0.2, depth / 2 - 0.2, wall / 2))
    for z in np.arange(0.2, wall, 0.4):  # logs along the front and the side seen first
        b.rod("log", (width / 2 - 0.15, 0, float(z)), 0.2, depth / 2 + 0.2,
              rotation=quat("x", 90))
        b.rod("log", (0, -depth / 2 + 0.15, float(z) + 0.2), 0.2, width / 2 + 0.2,
              rotation=quat("y", 90))
    ridge = _gable_roof(b, centre_z=wall, length=width + 0.6, width=depth, pitch=30.0,
                        color=DARK_WOOD)
    b.box("door", (width / 2 + 0.06, 0, 1.0), (0.05, 0.45, 1.0), color=DARK_WOOD,
          material="wood")
    _window(b, (width / 2 + 0.06, 1.8, 1.6), (0.05, 0.45, 0.45), _lit(b, 1, 0.6)[0])
    b.box("chimney", (-1.0, depth / 2 - 0.6, ridge - 0.6), (0.45, 0.45, 2.0), color=STONE,
          material="stone")
    b.socket("roof", (0, 0, ridge))
    b.socket("top", (0, 0, ridge))


def lighthouse(b: RigBuilder) -> None:
    bands = 6
    for index in range(bands):  # a tapering tower painted in red and white bands
        radius = 3.2 - index * 0.28
        b.rod("lighthouse", (0, 0, 2.0 + index * 4.0), radius, 2.0,
              color=RED if index % 2 else WHITE, material="concrete")
    top = bands * 4.0
    b.rod("gallery", (0, 0, top + 0.2), 2.4, 0.2, color=BLACK, material="metal")
    b.rod("lantern_room", (0, 0, top + 1.8), 1.4, 1.4, color=GLASS_TINT, material="glass")
    lamp = b.joint("lamp", (0, 0, top + 1.8))
    b.ball("lamp", (0, 0, 0), 0.9, color=LAMP, material="glass", joint=lamp, emissive=6.0)
    b.box("lamp_lens", (0.5, 0, 0), (0.5, 0.3, 0.6), color=LAMP, material="glass",
          joint=lamp, emissive=6.0)
    b.ball("lantern_roof", (0, 0, top + 3.3), (1.6, 1.6, 1.0), color=BLACK, material="metal")
    b.box("door", (3.2, 0, 1.2), (0.1, 0.6, 1.2), color=DARK, material="wood")
    b.socket("roof", (0, 0, top + 0.4))
    b.socket("top", (0, 0, top + 4.3))


def castle(b: RigBuilder) -> None:
    half, wall = 18.0, 12.0
    for x, y, size in ((half, 0, (1.5, half, wall / 2)), (-half, 0, (1.5, half, wall / 2)),
                       (0, half, (half, 1.5, wall / 2)), (0, -half, (half, 1.5, wall / 2))):
        b.box("curtain_wall", (x, y, wall / 2), size)
    for index in range(9):  # merlons along the front wall
        b.box("merlon", (half, -half + 2 + index * 4.0, wall + 0.8), (1.5, 0.9, 0.8))
    for x in (half, -half):
        for y in (half, -half):
            b.rod("tower", (x, y, 10.0), 4.0, 10.0)
            b.cone("tower_roof", (x, y, 23.0), 4.6, 3.0, color=(0.2, 0.25, 0.5),
                   material="tile")
    b.box("keep", (-4, 0, 13.0), (8.0, 8.0, 13.0))
    b.cone("keep_roof", (-4, 0, 29.0), 9.0, 3.0, color=(0.2, 0.25, 0.5), material="tile")
    b.box("gate", (half + 0.1, 0, 3.5), (1.5, 3.0, 3.5), color=DARK_WOOD, material="wood")
    b.socket("roof", (-4, 0, 26.0))
    b.socket("top", (-4, 0, 32.0))


def church(b: RigBuilder) -> None:
    b.box("nave", (-8, 0, 6.0), (14.0, 7.0, 6.0))
    _gable_roof(b, centre_z=12.0, length=28.0, width=14.0, pitch=40.0, color=(0.3, 0.3, 0.33))
    b.box("church", (8.0, 0, 12.0), (4.0, 4.0, 12.0))
    b.cone("spire", (8.0, 0, 32.0), 4.2, 8.0, color=(0.3, 0.3, 0.33), material="tile")
    b.box("cross", (8.0, 0, 41.5), (0.15, 0.15, 1.5), color=(0.8, 0.65, 0.2), material="metal")
    b.box("cross", (8.0, 0, 42.0), (0.15, 0.9, 0.15), color=(0.8, 0.65, 0.2), material="metal")
    b.rod("rose_window", (12.05, 0, 17.0), 1.8, 0.05, color=(0.3, 0.2, 0.6), material="glass",
          rotation=quat("y", 90))
    b.box("door", (12.05, 0, 2.0), (0.05, 1.3, 2.0), color=DARK_WOOD, material="wood")
    lit = _lit(b, 4, 0.5)
    for index, x in enumerate((-2.0, -8.0, -14.0, -20.0)):
        _window(b, (x, -7.05, 6.0), (0.9, 0.05, 2.5), lit[index])
    b.socket("roof", (8.0, 0, 24.0))
    b.socket("top", (8.0, 0, 43.0))


def barn(b: RigBuilder) -> None:
    width, depth, wall = 12.0, 16.0, 5.0
    b.box("barn", (0, 0, wall / 2), (width / 2, depth / 2, wall / 2))
    for side in (1, -1):  # a gambrel roof: steep lower slopes, shallow upper ones
        b.box("roof", (0, side * 4.6, wall + 1.5), (width / 2 + 0.3, 1.9, 0.15),
              color=DARK, material="tile", rotation=quat("x", -side * 60))
        b.box("roof", (0, side * 1.9, wall + 3.6), (width / 2 + 0.3, 2.2, 0.15), color=DARK,
              material="tile", rotation=quat("x", -side * 22))
    b.box("gable", (0, 0, wall + 1.6), (width / 2 - 0.05, 3.5, 1.6))
    b.box("barn_door", (width / 2 + 0.05, 0, 1.8), (0.05, 1.8, 1.8), color=WHITE)
    for angle in (45.0, -45.0):
        b.box("brace", (width / 2 + 0.1, 0, 1.8), (0.04, 2.5, 0.12), color=WHITE,
              rotation=quat("x", angle))
    b.box("hayloft", (width / 2 + 0.05, 0, wall + 1.2), (0.05, 0.9, 0.9), color=WHITE)
    b.socket("roof", (0, 0, wall + 4.4))
    b.socket("top", (0, 0, wall + 4.4))


def windmill(b: RigBuilder) -> None:
    b.rod("windmill", (0, 0, 4.0), 3.6, 4.0)
    b.rod("windmill_upper", (0, 0, 11.0), 2.8, 3.0)
    b.cone("cap", (0, 0, 15.2), 3.0, 1.2, color=DARK_WOOD, material="wood")
    b.box("door", (3.6, 0, 1.2), (0.1, 0.6, 1.2), color=DARK_WOOD, material="wood")
    sails = b.joint("sails", (3.2, 0, 14.0))
    b.rod("hub", (0, 0, 0), 0.4, 0.4, color=DARK, material="wood", joint=sails,
          rotation=quat("y", 90))
    for angle in (0.0, 90.0, 180.0, 270.0):
        rad = math.radians(angle)
        y, z = 5.0 * math.cos(rad), 5.0 * math.sin(rad)
        b.box("sail", (0.2, y, z), (0.05, 1.0 + 4.0 * abs(math.cos(rad)),
                                    1.0 + 4.0 * abs(math.sin(rad))),
              color=WHITE, material="fabric", joint=sails)
    b.socket("roof", (0, 0, 16.4))
    b.socket("top", (0, 0, 19.0))


def igloo(b: RigBuilder) -> None:
    """A dome of snow in stepped courses, with its entrance tunnel at +x."""
    radius = 2.2
    for index in range(6):
        z0 = index * 0.36
        ring = radius * math.sqrt(max(0.0, 1 - (z0 / (radius * 0.95)) ** 2))
        b.rod("igloo", (0, 0, z0 + 0.18), ring, 0.18, color=SNOW, material="ice")
    b.ball("igloo_top", (0, 0, 2.1), (0.9, 0.9, 0.25), color=SNOW, material="ice")
    b.box("tunnel", (radius + 0.4, 0, 0.55), (0.8, 0.6, 0.55), color=SNOW, material="ice")
    b.box("entrance", (radius + 1.21, 0, 0.45), (0.02, 0.38, 0.45), color=BLACK,
          material="ice")
    b.socket("roof", (0, 0, 2.3))
    b.socket("top", (0, 0, 2.35))


def apartment_building(b: RigBuilder) -> None:
    width, depth, floors = 18.0, 14.0, 7
    height = floors * 3.0
    b.box("apartment_building", (0, 0, height / 2), (depth / 2, width / 2, height / 2))
    lit = _lit(b, floors * 5 + floors * 3)
    index = 0
    for floor in range(floors):
        z = 1.6 + floor * 3.0
        for column in range(5):
            y = -width / 2 + (column + 0.5) * width / 5
            _window(b, (depth / 2 + 0.05, y, z), (0.05, 0.8, 0.8), lit[index])
            index += 1
        for column in range(3):
            x = -depth / 2 + (column + 0.5) * depth / 3
            _window(b, (x, -width / 2 - 0.05, z), (0.8, 0.05, 0.8), lit[index])
            index += 1
        if floor > 0:
            b.box("balcony", (depth / 2 + 0.6, 0, z - 1.1), (0.6, 2.0, 0.1), color=GREY,
                  material="concrete")
    b.box("roof_edge", (0, 0, height + 0.3), (depth / 2 + 0.2, width / 2 + 0.2, 0.3),
          color=GREY, material="concrete")
    b.socket("roof", (0, 0, height + 0.6))
    b.socket("top", (0, 0, height + 0.6))


def tent(b: RigBuilder) -> None:
    """A ridge tent, door at +x."""
    for side in (1, -1):
        b.box("tent", (0, side * 0.62, 0.62), (1.1, 0.88, 0.02), material="fabric",
              rotation=quat("x", -side * 45))
    b.add("door_flap", "cone", (0.02, 1.2, 0.62), (1.12, 0, 0.62), color=DARK,
          material="fabric")
    b.add("back_flap", "cone", (0.02, 1.2, 0.62), (-1.1, 0, 0.62), material="fabric")
    b.rod("ridge_pole", (0, 0, 1.26), 0.02, 1.2, color=GREY, material="metal",
          rotation=quat("y", 90))
    b.socket("roof", (0, 0, 1.28))
    b.socket("top", (0, 0, 1.28))


def bridge(b: RigBuilder) -> None:
    """A stone road bridge along x on three piers."""
    length, deck = 40.0, 6.0
    b.box("bridge", (0, 0, deck), (length / 2, 4.0, 0.6))
    for x in (-length / 2 + 2, -7.0, 7.0, length / 2 - 2):
        b.box("pier", (x, 0, deck / 2 - 0.3), (1.2, 3.6, deck / 2 - 0.3), color=STONE,
              material="stone")
    for y in (4.0, -4.0):
        b.box("parapet", (0, y, deck + 1.1), (length / 2, 0.25, 0.5), color=STONE,
              material="stone")
    b.box("road", (0, 0, deck + 0.62), (length / 2, 3.6, 0.02), color=(0.12, 0.12, 0.13),
          material="asphalt")
    b.socket("roof", (0, 0, deck + 0.64))
    b.socket("top", (0, 0, deck + 1.6))


def tower(b: RigBuilder) -> None:
    """A round stone tower with battlements."""
    b.rod("tower", (0, 0, 12.0), 4.0, 12.0)
    b.rod("tower_top", (0, 0, 24.6), 4.5, 0.6)
    for index in range(10):
        rad = index * 2 * math.pi / 10
        b.box("merlon", (4.2 * math.cos(rad), 4.2 * math.sin(rad), 25.9), (0.6, 0.6, 0.7),
              rotation=quat("z", math.degrees(rad)))
    lit = _lit(b, 3, 0.5)
    for index, z in enumerate((6.0, 12.0, 18.0)):
        _window(b, (4.02, 0, z), (0.05, 0.45, 0.9), lit[index])
    b.box("door", (4.0, 0, 1.3), (0.1, 0.7, 1.3), color=DARK_WOOD, material="wood")
    b.socket("roof", (0, 0, 25.2))
    b.socket("top", (0, 0, 26.6))


BUILDING_BUILDERS: dict[str, Builder] = {
    "skyscraper": skyscraper, "house": house, "cabin": cabin, "lighthouse": lighthouse,
    "castle": castle, "church": church, "barn": barn, "windmill": windmill, "igloo": igloo,
    "apartment_building": apartment_building, "tent": tent, "bridge": bridge, "tower": tower,
}
FAMILY_BUILDERS: dict[str, dict[str, Builder]] = {
    "building": BUILDING_BUILDERS, "landmark": landmarks.BUILDERS}
FAMILY_KINDS = {family: frozenset(builders) for family, builders in FAMILY_BUILDERS.items()}
KINDS = FAMILY_KINDS["building"] | FAMILY_KINDS["landmark"]
VERBS = frozenset({"spin"})
GENERIC = "house"
PAINT: dict[str, tuple[Vec3, str]] = {
    "skyscraper": ((0.08, 0.16, 0.26), "glass"), "house": ((0.85, 0.8, 0.68), "plaster"),
    "cabin": ((0.45, 0.26, 0.1), "wood"), "lighthouse": (WHITE, "concrete"),
    "castle": (STONE, "stone"), "church": ((0.72, 0.68, 0.6), "stone"),
    "barn": ((0.6, 0.08, 0.05), "wood"), "windmill": ((0.75, 0.7, 0.6), "plaster"),
    "igloo": (SNOW, "ice"), "apartment_building": ((0.72, 0.55, 0.42), "concrete"),
    "tent": ((0.9, 0.45, 0.05), "fabric"), "bridge": (STONE, "stone"),
    "tower": (STONE, "stone"),
} | landmarks.PAINT


def family_of(kind: str) -> str:
    return "landmark" if kind in FAMILY_KINDS["landmark"] else "building"


def build(kind: str, look: Look) -> Rig:
    """The building or landmark for `kind` (an unknown kind: a house)."""
    model = kind if kind in KINDS else GENERIC
    color, material = PAINT[model]
    builder = RigBuilder(kind=kind, family=family_of(model), look=look, default_color=color,
                         default_material=material)
    FAMILY_BUILDERS[family_of(model)][model](builder)
    return builder.finish(mass=0.0)


def gait_speed(rig: Rig, verb: str | None) -> float:
    """Buildings stay where they are built."""
    return 0.0


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """Windmill sails turn (faster when told to `spin`); a lighthouse's lamp sweeps round.
    Everything else stands still."""
    joints: dict[str, np.ndarray] = {}
    if has_joint(rig, "sails"):
        joints["sails"] = spin(clock, 1.6 if verb == "spin" else 0.8, "x")
    if has_joint(rig, "lamp"):
        joints["lamp"] = spin(clock, 2 * math.pi / 6.0, "z")
    return motion_with(clock, joints)

