"""Landmarks at their real size (conventions in building.py): each is a handful of
primitives shaped so that its silhouette reads from far away."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

import numpy as np

from cinestra.world.assets.solids import (
    BLACK,
    DARK,
    GLASS_TINT,
    GREY,
    LAMP,
    WHITE,
    RigBuilder,
    quat,
)
from cinestra.world.timeline import Vec3

IRON: Vec3 = (0.32, 0.24, 0.16)  # the Eiffel Tower's bronze-brown
LIMESTONE: Vec3 = (0.82, 0.78, 0.68)
COPPER_GREEN: Vec3 = (0.36, 0.62, 0.52)
TOKYO_RED: Vec3 = (0.9, 0.22, 0.05)
MARBLE: Vec3 = (0.93, 0.91, 0.87)
INTERNATIONAL_ORANGE: Vec3 = (0.78, 0.18, 0.05)
SANDSTONE: Vec3 = (0.82, 0.68, 0.45)
GOLD: Vec3 = (0.95, 0.7, 0.2)


def _legs(b: RigBuilder, *, low: float, high: float, z0: float, z1: float, thick: float,
          color: Vec3 | None = None) -> None:
    """Four lattice legs from the corners of a square of half side `low` at z0 to `high`
    at z1 (a tapering tower's section)."""
    for x in (1, -1):
        for y in (1, -1):
            b.segment("leg", (x * low, y * low, z0), (x * high, y * high, z1), thick,
                      shape="box", color=color)


def _braces(b: RigBuilder, *, half: float, z0: float, z1: float, thick: float,
            color: Vec3 | None = None) -> None:
    """An X of bracing on each face of a square section (the lattice's look)."""
    for axis in range(4):
        angle = axis * math.pi / 2
        normal = np.array([math.cos(angle), math.sin(angle)])
        along = np.array([-normal[1], normal[0]])
        for sign in (1, -1):
            a = normal * half + along * half * sign
            c = normal * half - along * half * sign
            b.segment("brace", (float(a[0]), float(a[1]), z0), (float(c[0]), float(c[1]), z1),
                      thick, shape="box", color=color)


def eiffel_tower(b: RigBuilder) -> None:
    """330 m: four splayed legs to the first platform, converging to the second, then a
    slender shaft to the top and the antenna."""
    _legs(b, low=62.0, high=30.0, z0=0.0, z1=57.0, thick=6.0)
    b.box("platform", (0, 0, 58.0), (36.0, 36.0, 3.0))
    _legs(b, low=26.0, high=14.0, z0=58.0, z1=116.0, thick=4.0)
    b.box("platform", (0, 0, 116.0), (18.0, 18.0, 2.5))
    _legs(b, low=12.0, high=3.5, z0=116.0, z1=276.0, thick=3.0)
    _braces(b, half=9.0, z0=120.0, z1=170.0, thick=0.8)
    _braces(b, half=6.0, z0=175.0, z1=230.0, thick=0.6)
    b.box("platform", (0, 0, 277.0), (6.0, 6.0, 3.0))
    b.segment("spire", (0, 0, 280.0), (0, 0, 330.0), 1.2)
    b.socket("roof", (0, 0, 118.5))
    b.socket("top", (0, 0, 330.0))


def arc_de_triomphe(b: RigBuilder) -> None:
    """50 m high, 45 m wide: two great piers under an attic, the arch open along x."""
    for y in (14.75, -14.75):
        b.box("pier", (0, y, 14.5), (11.0, 7.75, 14.5))
        b.box("side_arch", (0, y, 9.0), (11.05, 3.0, 9.0), color=DARK)  # the small arches
    b.box("spandrel", (0, 0, 33.0), (11.0, 22.5, 4.0))
    b.box("cornice", (0, 0, 37.5), (12.0, 23.5, 0.8))
    b.box("attic", (0, 0, 44.0), (11.0, 22.5, 6.0))
    for y in (14.75, -14.75):
        b.box("relief", (11.1, y, 18.0), (0.1, 5.0, 6.0), color=(0.7, 0.66, 0.56))
    b.socket("roof", (0, 0, 50.0))
    b.socket("top", (0, 0, 50.0))


def notre_dame(b: RigBuilder) -> None:
    """The west front (at +x) with its two square towers, the nave behind, the spire."""
    front = 0.0
    b.box("facade", (front, 0, 22.0), (6.0, 20.0, 22.0))
    for y in (13.0, -13.0):
        b.box("tower", (front, y, 34.5), (6.0, 7.0, 34.5))
        for z in (50.0,):
            b.box("louvre", (front + 6.05, y, z), (0.1, 1.2, 8.0), color=DARK)
            b.box("louvre", (front + 6.05, y + 3.0, z), (0.1, 1.2, 8.0), color=DARK)
            b.box("louvre", (front + 6.05, y - 3.0, z), (0.1, 1.2, 8.0), color=DARK)
    b.rod("rose_window", (front + 6.05, 0, 30.0), 5.0, 0.1, color=(0.25, 0.2, 0.5),
          material="glass", rotation=quat("y", 90))
    for y in (0.0, 9.0, -9.0):
        b.box("portal", (front + 6.05, y, 6.0), (0.1, 3.0, 6.0), color=DARK)
    b.box("gallery", (front + 6.1, 0, 40.0), (0.2, 20.0, 1.0), color=(0.7, 0.66, 0.58))
    b.box("nave", (-66.0, 0, 17.0), (60.0, 12.0, 17.0))
    for side in (1, -1):
        b.box("nave_roof", (-66.0, side * 6.5, 38.0), (60.0, 8.0, 0.6),
              color=(0.3, 0.34, 0.36), material="metal", rotation=quat("x", -side * 50))
    b.box("transept", (-50.0, 0, 17.0), (8.0, 24.0, 17.0))
    b.cone("spire", (-50.0, 0, 70.0), 4.0, 26.0, color=(0.3, 0.34, 0.36), material="metal")
    b.socket("roof", (front, 13.0, 69.0))
    b.socket("top", (-50.0, 0, 96.0))


def statue_of_liberty(b: RigBuilder) -> None:
    """Pedestal on a star-shaped base, the green robed figure, torch raised in the right
    hand (at -y), tablet in the left, crown of rays; she faces +x. 93 m."""
    b.box("fort", (0, 0, 4.0), (30.0, 30.0, 4.0), color=(0.55, 0.52, 0.45))
    b.box("fort", (0, 0, 4.0), (30.0, 30.0, 4.0), color=(0.55, 0.52, 0.45),
          rotation=quat("z", 45))
    b.box("pedestal", (0, 0, 20.0), (13.0, 13.0, 12.0), color=(0.7, 0.66, 0.58))
    b.box("pedestal_top", (0, 0, 39.0), (9.0, 9.0, 7.0), color=(0.7, 0.66, 0.58))
    green = COPPER_GREEN
    b.cone("robe", (0, 0, 60.0), 7.5, 15.0, color=green)
    b.ball("shoulders", (0, 0, 72.0), (4.5, 5.5, 4.0), color=green)
    b.ball("head", (0.5, 0, 79.0), (2.6, 2.4, 3.0), color=green)
    for index in range(7):  # the crown's rays fan out above the brow
        angle = -90.0 + index * 30.0
        rad = math.radians(angle)
        tip = (0.5 + 5.0 * math.cos(rad) * 0.5 + 1.5, 5.0 * math.sin(rad), 81.5 + 1.5)
        b.segment("crown_ray", (0.5, 0, 81.0), tip, 0.5, shape="cone", color=green)
    b.segment("arm_raised", (0, -4.0, 73.0), (0.5, -5.5, 90.0), 1.4, color=green)
    b.rod("torch", (0.5, -5.6, 91.5), 1.2, 1.5, color=GOLD, material="metal")
    b.ball("torch_flame", (0.5, -5.6, 94.0), (1.2, 1.2, 1.8), color=GOLD, material="metal",
           emissive=3.0)
    b.box("tablet", (1.5, 5.0, 68.0), (1.0, 1.6, 3.5), color=green, rotation=quat("y", -12))
    b.socket("roof", (0, 0, 46.0))
    b.socket("top", (0.5, -5.6, 95.8))


def empire_state_building(b: RigBuilder) -> None:
    """Art-deco setbacks up to the roof at 381 m and the mast above (443 m)."""
    sections = ((40.0, 60.0, 0.0, 25.0), (30.0, 45.0, 25.0, 265.0), (24.0, 34.0, 265.0, 310.0),
                (16.0, 24.0, 310.0, 320.0), (12.0, 16.0, 320.0, 360.0), (8.0, 8.0, 360.0, 381.0))
    for half_x, half_y, z0, z1 in sections:
        b.box("empire_state_building", (0, 0, (z0 + z1) / 2), (half_x, half_y, (z1 - z0) / 2))
    for y in (-30.0, -15.0, 0.0, 15.0, 30.0):  # vertical window stripes of the shaft
        b.box("window_stripe", (30.1, y, 145.0), (0.2, 2.5, 115.0), color=GLASS_TINT,
              material="glass")
    b.rod("mooring_mast", (0, 0, 396.0), 5.0, 15.0, color=(0.7, 0.7, 0.72))
    b.segment("antenna", (0, 0, 411.0), (0, 0, 443.0), 1.0, color=GREY, material="metal")
    b.box("crown_lights", (8.1, 0, 372.0), (0.2, 7.0, 8.0), color=LAMP, emissive=1.5)
    b.socket("roof", (0, 0, 320.0))
    b.socket("top", (0, 0, 443.0))


def big_ben(b: RigBuilder) -> None:
    """The clock tower: a square shaft, the clock stage with four faces, the belfry and a
    pointed spire. 96 m."""
    b.box("big_ben", (0, 0, 27.5), (6.0, 6.0, 27.5))
    b.box("clock_stage", (0, 0, 62.0), (6.8, 6.8, 7.0))
    for angle in (0.0, 90.0, 180.0, 270.0):
        rad = math.radians(angle)
        x, y = 6.85 * math.cos(rad), 6.85 * math.sin(rad)
        b.rod("clock_face", (x, y, 62.0), 3.5, 0.1, color=(0.95, 0.92, 0.8), material="glass",
              rotation=quat("zy", angle, 90), emissive=0.6)
        b.box("clock_hand", (x * 1.005, y * 1.005, 63.2), (0.15, 0.15, 1.3), color=BLACK,
              material="metal")
    b.box("belfry", (0, 0, 73.0), (6.0, 6.0, 4.0), color=(0.6, 0.52, 0.36))
    b.cone("spire", (0, 0, 86.0), 6.5, 10.0, color=(0.25, 0.27, 0.3), material="metal")
    for x in (5.5, -5.5):
        for y in (5.5, -5.5):
            b.cone("pinnacle", (x, y, 80.0), 0.8, 3.0)
    b.socket("roof", (0, 0, 77.0))
    b.socket("top", (0, 0, 96.0))


def colosseum(b: RigBuilder) -> None:
    """An oval of arcades, 189 by 156 m and 48 m high; the south side is ruined lower."""
    a_axis, b_axis, piers = 94.0, 78.0, 40
    for index in range(piers):
        angle = index * 2 * math.pi / piers
        x, y = a_axis * math.cos(angle), b_axis * math.sin(angle)
        tangent = math.degrees(math.atan2(b_axis * math.cos(angle), -a_axis * math.sin(angle)))
        height = 48.0 if y > -30.0 else 32.0
        b.box("pier", (x, y, height / 2), (4.0, 2.5, height / 2), rotation=quat("z", tangent))
    for z in (12.0, 24.0, 36.0):  # the floors behind the arcades
        b.add("tier", "cylinder", (a_axis - 3.0, b_axis - 3.0, 1.2), (0, 0, z))
    b.add("arena", "cylinder", (52.0, 34.0, 0.5), (0, 0, 0.5), color=(0.75, 0.62, 0.42),
          material="grass")
    b.socket("roof", (a_axis - 3.0, 0, 48.0))
    b.socket("top", (0, b_axis, 48.0))


def tokyo_tower(b: RigBuilder) -> None:
    """333 m red-and-white lattice: splayed legs to the main deck, a tapering tower with
    white bands, the top deck and the antenna."""
    _legs(b, low=40.0, high=16.0, z0=0.0, z1=125.0, thick=4.0)
    _braces(b, half=24.0, z0=40.0, z1=100.0, thick=1.0)
    b.box("main_deck", (0, 0, 130.0), (18.0, 18.0, 7.0), color=WHITE)
    _legs(b, low=14.0, high=6.0, z0=137.0, z1=223.0, thick=2.5)
    for z in (165.0, 195.0):
        b.box("band", (0, 0, z), (12.0 - (z - 137.0) * 0.09, 12.0 - (z - 137.0) * 0.09, 5.0),
              color=WHITE)
    b.box("top_deck", (0, 0, 228.0), (7.0, 7.0, 5.0), color=WHITE)
    _legs(b, low=5.0, high=2.0, z0=233.0, z1=260.0, thick=1.2)
    b.segment("antenna", (0, 0, 260.0), (0, 0, 300.0), 1.6, color=WHITE)
    b.segment("antenna", (0, 0, 300.0), (0, 0, 333.0), 0.9)
    b.socket("roof", (0, 0, 137.0))
    b.socket("top", (0, 0, 333.0))


def mount_fuji(b: RigBuilder) -> None:
    """A volcano cone 3776 m high with a snow cap; its flat crater top can be stood on."""
    b.cone("mount_fuji", (0, 0, 1888.0), 9000.0, 1888.0)
    b.cone("snow_cap", (0, 0, 3200.0), 3100.0, 650.0, color=(0.95, 0.96, 0.98), material="ice")
    b.add("crater_rim", "cylinder", (700.0, 700.0, 40.0), (0, 0, 3740.0),
          color=(0.95, 0.96, 0.98), material="ice")
    b.socket("roof", (0, 0, 3780.0))
    b.socket("top", (0, 0, 3780.0))


def taj_mahal(b: RigBuilder) -> None:
    b.box("plinth", (0, 0, 3.5), (48.0, 48.0, 3.5))
    b.box("taj_mahal", (0, 0, 22.0), (28.0, 28.0, 15.0))
    b.box("iwan", (28.1, 0, 18.0), (0.2, 8.0, 11.0), color=(0.75, 0.72, 0.66))
    b.rod("drum", (0, 0, 42.0), 12.0, 5.0)
    b.ball("dome", (0, 0, 55.0), (17.0, 17.0, 18.0))
    b.cone("finial", (0, 0, 76.0), 1.2, 4.5, color=GOLD, material="metal")
    for x in (17.0, -17.0):
        for y in (17.0, -17.0):
            b.rod("chhatri", (x, y, 39.5), 4.0, 2.5)
            b.ball("chhatri_dome", (x, y, 43.5), 4.2)
            b.rod("minaret", (x * 2.6, y * 2.6, 27.0), 2.5, 20.0)
            b.ball("minaret_dome", (x * 2.6, y * 2.6, 48.5), 3.0)
    b.socket("roof", (0, 0, 37.0))
    b.socket("top", (0, 0, 80.5))


def golden_gate_bridge(b: RigBuilder) -> None:
    """Two towers 227 m high, a deck 67 m above the water, the main cables sagging between
    them (the main span shortened to 1280 m, the side spans to 340 m)."""
    span, side, deck, tower = 1280.0, 340.0, 67.0, 227.0
    b.box("deck", (0, 0, deck), (span / 2 + side, 14.0, 3.0))
    for x in (span / 2, -span / 2):
        for y in (12.0, -12.0):
            b.box("tower_leg", (x, y, tower / 2), (5.0, 3.5, tower / 2))
        for z in (110.0, 160.0, 205.0, 225.0):
            b.box("tower_strut", (x, 0, z), (3.5, 12.0, 4.0))
        b.box("pier", (x, 0, 10.0), (15.0, 22.0, 10.0), color=(0.55, 0.55, 0.52),
              material="concrete")
    for y in (13.0, -13.0):  # each main cable as straight pieces along its parabola
        points = [(-span / 2 - side, deck + 8.0)]
        for index in range(9):
            x = -span / 2 + index * span / 8
            sag = (1 - (2 * x / span) ** 2) * (tower - deck - 12.0)
            points.append((x, tower - 2.0 - sag))
        points.append((span / 2 + side, deck + 8.0))
        for (x0, z0), (x1, z1) in pairwise(points):
            b.segment("cable", (x0, y, z0), (x1, y, z1), 1.0)
    b.socket("roof", (0, 0, deck + 3.0))
    b.socket("top", (span / 2, 0, tower))


def great_pyramid(b: RigBuilder) -> None:
    """146 m high on a 230 m base, in sixteen courses (steps too small to see from far)."""
    steps, base, height = 16, 115.0, 146.0
    for index in range(steps):
        half = base * (1 - index / steps)
        b.box("great_pyramid", (0, 0, (index + 0.5) * height / steps),
              (half, half, height / steps / 2))
    b.socket("roof", (0, 0, height))
    b.socket("top", (0, 0, height))


def _tilted(point: Vec3, degrees: float) -> Vec3:
    """A point of the leaning tower, tilted about y around the foot of its axis."""
    rad = math.radians(degrees)
    x, y, z = point
    return (x * math.cos(rad) + z * math.sin(rad), y, -x * math.sin(rad) + z * math.cos(rad))


def leaning_tower_of_pisa(b: RigBuilder) -> None:
    """56 m, eight stacked arcades on a 15.5 m drum, leaning 4 degrees towards +x."""
    lean, radius = 4.0, 7.8
    storeys = (11.0, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.0)
    z = 0.0
    for level, tall in enumerate(storeys):
        core = radius - (1.2 if 0 < level < 7 else 0.0) - (2.6 if level == 7 else 0.0)
        b.rod("pisa_core", _tilted((0, 0, z + tall / 2), lean), core, tall / 2,
              rotation=quat("y", lean))
        b.rod("cornice", _tilted((0, 0, z + tall - 0.3), lean),
              (radius if level < 7 else core) + 0.3, 0.3, rotation=quat("y", lean))
        if 0 < level < 7:
            for index in range(10):  # the arcade's columns round the core
                angle = index * 2 * math.pi / 10 + level * 0.3
                at = (radius * 0.93 * math.cos(angle), radius * 0.93 * math.sin(angle),
                      z + tall / 2)
                b.rod("column", _tilted(at, lean), 0.35, tall / 2 - 0.3,
                      rotation=quat("y", lean))
        z += tall
    b.socket("roof", _tilted((0, 0, z), lean))
    b.socket("top", _tilted((0, 0, z), lean))


def sydney_opera_house(b: RigBuilder) -> None:
    """White shells like sails on a granite podium by the water, the largest facing +x."""
    b.box("podium", (0, 0, 6.0), (90.0, 60.0, 6.0), color=(0.62, 0.5, 0.42), material="stone")
    shells = (  # x, y, half width, half height, lean (degrees): two rows of nested shells
        (45.0, 18.0, 22.0, 30.0, 22.0), (22.0, 18.0, 19.0, 26.0, 22.0),
        (2.0, 18.0, 15.0, 21.0, 22.0), (-15.0, 18.0, 11.0, 15.0, 22.0),
        (40.0, -25.0, 17.0, 22.0, 22.0), (22.0, -25.0, 14.0, 19.0, 22.0),
        (5.0, -25.0, 11.0, 15.0, 22.0), (-50.0, -5.0, 9.0, 11.0, -20.0),
    )
    for x, y, width, tall, lean in shells:
        b.add("shell", "cone", (width, width * 0.55, tall), (x, y, 12.0 + tall * 0.95),
              rotation=quat("y", lean))
    b.socket("roof", (-20.0, 40.0, 12.0))
    b.socket("top", (45.0, 18.0, 12.0 + 2 * 30.0))


def great_wall(b: RigBuilder) -> None:
    """A stretch of wall zig-zagging over 300 m, with watchtowers at its bends."""
    corners = [(-150.0, -20.0), (-90.0, 15.0), (-30.0, -10.0), (30.0, 20.0), (90.0, -15.0),
               (150.0, 10.0)]
    for (x0, y0), (x1, y1) in pairwise(corners):
        b.segment("great_wall", (x0, y0, 4.0), (x1, y1, 4.0), 3.5, shape="box")
    for x, y in corners:
        b.box("watchtower", (x, y, 6.5), (6.0, 6.0, 6.5))
        b.box("watchtower_roof", (x, y, 14.0), (6.8, 6.8, 1.0), color=(0.35, 0.32, 0.3))
    b.socket("roof", (0.0, 2.5, 8.0))
    b.socket("top", (150.0, 10.0, 15.0))


BUILDERS: dict[str, Callable[[RigBuilder], None]] = {
    "eiffel_tower": eiffel_tower, "arc_de_triomphe": arc_de_triomphe, "notre_dame": notre_dame,
    "statue_of_liberty": statue_of_liberty, "empire_state_building": empire_state_building,
    "big_ben": big_ben, "colosseum": colosseum, "tokyo_tower": tokyo_tower,
    "mount_fuji": mount_fuji, "taj_mahal": taj_mahal, "golden_gate_bridge": golden_gate_bridge,
    "great_pyramid": great_pyramid, "leaning_tower_of_pisa": leaning_tower_of_pisa,
    "sydney_opera_house": sydney_opera_house, "great_wall": great_wall,
}
PAINT: dict[str, tuple[Vec3, str]] = {
    "eiffel_tower": (IRON, "metal"), "arc_de_triomphe": (LIMESTONE, "stone"),
    "notre_dame": ((0.75, 0.7, 0.6), "stone"), "statue_of_liberty": (COPPER_GREEN, "metal"),
    "empire_state_building": ((0.72, 0.7, 0.64), "stone"), "big_ben": ((0.72, 0.62, 0.42), "stone"),
    "colosseum": ((0.78, 0.68, 0.52), "stone"), "tokyo_tower": (TOKYO_RED, "metal"),
    "mount_fuji": ((0.3, 0.33, 0.42), "stone"), "taj_mahal": (MARBLE, "stone"),
    "golden_gate_bridge": (INTERNATIONAL_ORANGE, "metal"),
    "great_pyramid": (SANDSTONE, "stone"), "leaning_tower_of_pisa": (MARBLE, "stone"),
    "sydney_opera_house": ((0.95, 0.95, 0.92), "ceramic"),
    "great_wall": ((0.58, 0.54, 0.48), "stone"),
}
