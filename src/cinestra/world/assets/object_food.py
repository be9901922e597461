"""Builders of the food family (conventions in objects.py): dishes and single foods at
their real size, resting on the ground plane (or on a plate where one belongs)."""

from __future__ import annotations

import math

from cinestra.world.assets.solids import GREEN, RED, RigBuilder, quat
from cinestra.world.timeline import Vec3

CHINA: Vec3 = (0.9, 0.9, 0.87)
CRUST: Vec3 = (0.75, 0.45, 0.15)
BUN: Vec3 = (0.8, 0.5, 0.18)
LEAF: Vec3 = (0.12, 0.5, 0.08)
ORANGE: Vec3 = (0.95, 0.38, 0.03)


def _plate(b: RigBuilder, radius: float = 0.13) -> float:
    """A white plate under the food; returns its top."""
    b.rod("plate", (0, 0, 0.006), radius, 0.006, color=CHINA, material="ceramic")
    return 0.012


def dish(b: RigBuilder) -> None:
    """A plate with a domed mound and bright pieces (also stands for a stew in a pot)."""
    top = _plate(b)
    b.ball("dish", (0, 0, top), (0.09, 0.09, 0.045))
    pieces = ((0.03, 0.02, ORANGE), (-0.03, 0.035, GREEN), (0.0, -0.04, RED),
              (-0.04, -0.01, ORANGE), (0.045, -0.025, GREEN))
    for x, y, color in pieces:
        b.ball("piece", (x, y, top + 0.035), 0.014, color=color, material="plastic")
    b.socket("top", (0, 0, top + 0.045))


def soup(b: RigBuilder) -> None:
    b.ball("bowl", (0, 0, 0.05), (0.085, 0.085, 0.05), color=CHINA, material="ceramic")
    b.rod("soup", (0, 0, 0.086), 0.075, 0.004)
    for angle in range(0, 360, 72):
        rad = math.radians(angle)
        b.ball("crouton", (0.035 * math.cos(rad), 0.035 * math.sin(rad), 0.09), 0.007,
               color=CRUST, material="plastic")
    b.segment("spoon", (0.02, 0.02, 0.09), (0.1, 0.1, 0.13), 0.004, color=(0.7, 0.7, 0.72),
              material="metal")


def apple(b: RigBuilder) -> None:
    b.ball("apple", (0, 0, 0.04), (0.042, 0.042, 0.04))
    b.rod("stem", (0, 0, 0.085), 0.003, 0.01, color=(0.3, 0.18, 0.05), material="wood")
    b.ball("leaf", (0.012, 0, 0.09), (0.015, 0.006, 0.002), color=LEAF, material="leaves",
           rotation=quat("y", -25))


def banana(b: RigBuilder) -> None:
    """A curved fruit: three segments along an arc, brown tips."""
    for index, angle in enumerate((-30.0, 0.0, 30.0)):
        rad = math.radians(angle)
        b.ball("banana", (0.07 * math.sin(rad), 0.0, 0.02 + 0.05 * (1 - math.cos(rad))),
               (0.045, 0.018, 0.017), rotation=quat("y", -angle))
        del index
    for side in (1, -1):
        b.ball("tip", (side * 0.075, 0, 0.038), 0.008, color=(0.25, 0.15, 0.05))


def strawberry(b: RigBuilder) -> None:
    b.cone("strawberry", (0, 0, 0.02), 0.016, 0.02, rotation=quat("x", 180))
    b.ball("strawberry_top", (0, 0, 0.04), (0.016, 0.016, 0.008))
    b.ball("calyx", (0, 0, 0.047), (0.015, 0.015, 0.003), color=LEAF, material="leaves")


def watermelon(b: RigBuilder) -> None:
    b.ball("watermelon", (0, 0, 0.14), (0.2, 0.15, 0.14))
    for angle in (0.0, 45.0, 90.0, 135.0):
        b.ball("stripe", (0, 0, 0.14), (0.201, 0.03, 0.141), color=(0.05, 0.22, 0.04),
               material="plastic", rotation=quat("x", angle))
    b.rod("slice", (0.3, 0, 0.015), 0.14, 0.015, color=(0.9, 0.15, 0.15),
          rotation=quat("z", 0))
    b.rod("rind", (0.3, 0, 0.014), 0.15, 0.013, color=(0.15, 0.45, 0.1))


def bread(b: RigBuilder) -> None:
    b.ball("bread", (0, 0, 0.05), (0.14, 0.06, 0.055))
    for x in (-0.07, 0.0, 0.07):
        b.ball("score", (x, 0, 0.1), (0.012, 0.04, 0.006), color=(0.92, 0.8, 0.55),
               rotation=quat("z", 30))


def croissant(b: RigBuilder) -> None:
    radius = 0.05  # rolled segments along a crescent, fat in the middle, pointed at the tips
    for angle in (-80.0, -54.0, -27.0, 0.0, 27.0, 54.0, 80.0):
        rad = math.radians(angle)
        scale = 1.0 - abs(angle) / 130.0
        b.ball("croissant", (radius * math.sin(rad), radius * (1 - math.cos(rad)),
                             0.026 * scale), (0.016 * scale, 0.034 * scale, 0.026 * scale),
               rotation=quat("z", angle))


def cake(b: RigBuilder) -> None:
    b.rod("cake", (0, 0, 0.05), 0.12, 0.05)
    b.rod("icing", (0, 0, 0.103), 0.122, 0.006, color=(0.98, 0.94, 0.92))
    b.rod("cake_top", (0, 0, 0.14), 0.08, 0.035)
    b.rod("icing", (0, 0, 0.177), 0.082, 0.005, color=(0.98, 0.94, 0.92))
    for angle in (0.0, 120.0, 240.0):
        rad = math.radians(angle)
        x, y = 0.04 * math.cos(rad), 0.04 * math.sin(rad)
        b.rod("birthday_candle", (x, y, 0.2), 0.004, 0.02, color=(0.3, 0.5, 0.95),
              material="plastic")
        b.ball("candle_flame", (x, y, 0.228), (0.004, 0.004, 0.008), color=(1.0, 0.62, 0.15),
               material="plastic", emissive=5.0)
    b.socket("top", (0, 0, 0.18))


def pizza(b: RigBuilder) -> None:
    b.rod("pizza", (0, 0, 0.008), 0.16, 0.008, color=CRUST)
    b.rod("sauce", (0, 0, 0.017), 0.145, 0.002, color=(0.75, 0.12, 0.04))
    b.rod("cheese", (0, 0, 0.02), 0.135, 0.002, color=(0.98, 0.85, 0.45))
    for index in range(7):
        rad = index * 2 * math.pi / 7
        radius = 0.085 if index else 0.0
        b.rod("pepperoni", (radius * math.cos(rad), radius * math.sin(rad), 0.023), 0.02,
              0.002, color=(0.6, 0.08, 0.04))


def burger(b: RigBuilder) -> None:
    b.rod("bun_bottom", (0, 0, 0.012), 0.055, 0.012, color=BUN)
    b.rod("patty", (0, 0, 0.035), 0.058, 0.011, color=(0.25, 0.12, 0.05))
    b.box("cheese", (0, 0, 0.048), (0.045, 0.045, 0.002), color=(0.98, 0.7, 0.1),
          rotation=quat("z", 45))
    b.rod("lettuce", (0, 0, 0.053), 0.062, 0.003, color=(0.3, 0.7, 0.1))
    b.rod("tomato_slice", (0, 0, 0.059), 0.05, 0.004, color=(0.85, 0.1, 0.05))
    b.ball("bun_top", (0, 0, 0.063), (0.057, 0.057, 0.038), color=BUN)
    for x, y in ((0.02, 0.0), (-0.01, 0.02), (-0.015, -0.02), (0.0, 0.035)):
        b.ball("sesame", (x, y, 0.1), (0.004, 0.002, 0.002), color=(0.98, 0.92, 0.7))


def cheese(b: RigBuilder) -> None:
    b.box("cheese", (0, 0, 0.04), (0.08, 0.05, 0.04))
    for x, y, z in ((0.081, 0.01, 0.05), (0.081, -0.025, 0.02), (0.02, 0.051, 0.03),
                    (-0.04, 0.051, 0.055), (0.03, 0.0, 0.081)):
        b.ball("hole", (x, y, z), 0.009, color=(0.8, 0.6, 0.1))


def egg(b: RigBuilder) -> None:
    b.ball("egg", (0, 0, 0.03), (0.022, 0.022, 0.03))


def ice_cream(b: RigBuilder) -> None:
    b.cone("wafer_cone", (0, 0, 0.06), 0.03, 0.06, color=(0.82, 0.6, 0.3),
           rotation=quat("x", 180))
    b.ball("ice_cream", (0, 0, 0.13), 0.033)
    b.ball("scoop", (0, 0, 0.18), 0.028, color=(0.45, 0.25, 0.12))
    b.ball("cherry", (0, 0, 0.212), 0.008, color=RED)


def cookie(b: RigBuilder) -> None:
    b.rod("cookie", (0, 0, 0.005), 0.04, 0.005)
    for x, y in ((0.015, 0.01), (-0.02, 0.012), (0.0, -0.02), (-0.01, -0.005), (0.025, -0.015)):
        b.ball("chip", (x, y, 0.011), 0.004, color=(0.15, 0.06, 0.02))


def sushi(b: RigBuilder) -> None:
    for y in (0.03, -0.03):
        b.ball("rice", (0, y, 0.012), (0.03, 0.015, 0.012), color=(0.95, 0.95, 0.92))
        b.box("sushi", (0, y, 0.026), (0.033, 0.017, 0.004), rotation=quat("y", 3))
        b.box("nori", (0, y, 0.018), (0.006, 0.0165, 0.012), color=(0.03, 0.07, 0.03))


def pasta(b: RigBuilder) -> None:
    top = _plate(b)
    b.ball("pasta", (0, 0, top), (0.075, 0.075, 0.035))
    for angle in range(0, 180, 30):  # strands showing as ridges
        b.ball("strand", (0, 0, top + 0.004), (0.074, 0.004, 0.033), rotation=quat("z", angle))
    b.ball("sauce", (0, 0, top + 0.03), (0.04, 0.04, 0.012), color=(0.75, 0.12, 0.04))
    b.ball("basil", (0.01, 0.0, top + 0.043), (0.012, 0.006, 0.002), color=LEAF,
           material="leaves")


def carrot(b: RigBuilder) -> None:
    b.cone("carrot", (0.0, 0, 0.018), 0.018, 0.08, rotation=quat("y", 90))
    for angle in (-20.0, 0.0, 20.0):
        b.ball("carrot_top", (-0.11, 0, 0.02), (0.04, 0.005, 0.005), color=LEAF,
               material="leaves", rotation=quat("z", angle))


def tomato(b: RigBuilder) -> None:
    b.ball("tomato", (0, 0, 0.033), (0.04, 0.04, 0.033))
    for angle in (0.0, 72.0, 144.0, 216.0, 288.0):
        b.ball("sepal", (0, 0, 0.066), (0.014, 0.003, 0.002), color=LEAF, material="leaves",
               rotation=quat("z", angle))


