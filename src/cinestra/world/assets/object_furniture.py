"""Builders of the furniture family (conventions in objects.py): each faces +x (where one
sits or opens it), with sockets `seat` (where a sitter's hips go) and `top` (where things
are put)."""

from __future__ import annotations

import math

from cinestra.world.assets.solids import (
    BLACK,
    CHROME,
    DARK,
    DARK_WOOD,
    GLASS_TINT,
    WHITE,
    WOOD,
    RigBuilder,
    quat,
)
from cinestra.world.timeline import Vec3

BOOK_COLORS: tuple[Vec3, ...] = ((0.5, 0.06, 0.04), (0.05, 0.15, 0.4), (0.1, 0.35, 0.12),
                                 (0.7, 0.55, 0.15), (0.3, 0.1, 0.3), (0.8, 0.78, 0.7))
GLOW: Vec3 = (1.0, 0.18, 0.04)


def _legs(b: RigBuilder, *, half_x: float, half_y: float, height: float, radius: float,
          color: Vec3 | None = None, material: str | None = None) -> None:
    for x in (half_x, -half_x):
        for y in (half_y, -half_y):
            b.box("leg", (x, y, height / 2), (radius, radius, height / 2), color=color,
                  material=material)


def chair(b: RigBuilder) -> None:
    b.box("seat", (0, 0, 0.45), (0.22, 0.22, 0.025))
    _legs(b, half_x=0.19, half_y=0.19, height=0.43, radius=0.02)
    for y in (0.19, -0.19):
        b.box("back_post", (-0.2, y, 0.7), (0.02, 0.02, 0.23))
    for z in (0.7, 0.86):
        b.box("back_rail", (-0.2, 0, z), (0.018, 0.2, 0.05))
    b.socket("seat", (0.0, 0, 0.475))
    b.socket("top", (0.0, 0, 0.475))


def armchair(b: RigBuilder) -> None:
    b.box("armchair", (0, 0, 0.25), (0.4, 0.42, 0.15))
    b.box("cushion", (0.04, 0, 0.44), (0.34, 0.3, 0.06))
    b.box("back", (-0.32, 0, 0.62), (0.1, 0.42, 0.3), rotation=quat("y", -8))
    for y in (0.36, -0.36):
        b.box("arm", (0.0, y, 0.5), (0.4, 0.08, 0.1))
    _legs(b, half_x=0.34, half_y=0.36, height=0.1, radius=0.025, color=DARK_WOOD,
          material="wood")
    b.socket("seat", (0.04, 0, 0.5))
    b.socket("top", (0.0, 0.36, 0.6))


def sofa(b: RigBuilder) -> None:
    b.box("sofa", (0, 0, 0.25), (0.45, 1.0, 0.15))
    for y in (-0.6, 0.0, 0.6):
        b.box("cushion", (0.05, y, 0.45), (0.38, 0.29, 0.06))
        b.box("back_cushion", (-0.3, y, 0.66), (0.1, 0.29, 0.2), rotation=quat("y", -10))
    b.box("back", (-0.4, 0, 0.6), (0.06, 1.0, 0.3))
    for y in (0.95, -0.95):
        b.box("arm", (0.0, y, 0.5), (0.45, 0.08, 0.12))
    _legs(b, half_x=0.38, half_y=0.9, height=0.1, radius=0.03, color=DARK_WOOD,
          material="wood")
    b.socket("seat", (0.05, 0, 0.51))
    b.socket("top", (0.0, 0.95, 0.62))


def bed(b: RigBuilder) -> None:
    """A double bed, its head at -x."""
    b.box("bed_frame", (0, 0, 0.2), (1.0, 0.8, 0.1), color=WOOD, material="wood")
    b.box("mattress", (0, 0, 0.4), (0.98, 0.78, 0.1), color=WHITE, material="fabric")
    b.box("duvet", (0.2, 0, 0.51), (0.8, 0.8, 0.03), material="fabric")
    for y in (0.38, -0.38):
        b.ball("pillow", (-0.8, y, 0.54), (0.15, 0.3, 0.07), color=WHITE, material="fabric")
    b.box("headboard", (-1.03, 0, 0.6), (0.04, 0.82, 0.5), color=WOOD, material="wood")
    _legs(b, half_x=0.95, half_y=0.75, height=0.1, radius=0.04, color=WOOD, material="wood")
    b.socket("seat", (0.5, 0.0, 0.5))
    b.socket("top", (0.0, 0.0, 0.54))


def bench(b: RigBuilder) -> None:
    """A park bench: wooden slats on iron legs."""
    for x in (0.15, 0.05, -0.05, -0.15):
        b.box("slat", (x, 0, 0.45), (0.04, 0.8, 0.015))
    for z in (0.62, 0.74):
        b.box("back_slat", (-0.22, 0, z), (0.015, 0.8, 0.045), rotation=quat("y", -12))
    for y in (0.7, -0.7):
        b.box("bench_leg", (0.15, y, 0.22), (0.025, 0.025, 0.22), color=BLACK, material="metal")
        b.box("bench_leg", (-0.2, y, 0.4), (0.025, 0.025, 0.4), color=BLACK, material="metal",
              rotation=quat("y", -10))
        b.box("armrest", (0.0, y + (0.05 if y > 0 else -0.05), 0.62), (0.2, 0.02, 0.02),
              color=BLACK, material="metal")
    b.socket("seat", (0.0, 0, 0.465))
    b.socket("top", (0.0, 0.4, 0.465))


def stool(b: RigBuilder) -> None:
    b.rod("stool", (0, 0, 0.72), 0.18, 0.03)
    for angle in (45.0, 135.0, 225.0, 315.0):  # legs splayed out from under the seat
        rad = math.radians(angle)
        b.segment("leg", (0.12 * math.cos(rad), 0.12 * math.sin(rad), 0.7),
                  (0.17 * math.cos(rad), 0.17 * math.sin(rad), 0.0), 0.018, shape="box")
    b.rod("footrest", (0, 0, 0.28), 0.16, 0.01, color=CHROME, material="metal")
    b.socket("seat", (0, 0, 0.75))
    b.socket("top", (0, 0, 0.75))


def bookshelf(b: RigBuilder) -> None:
    width, depth, height = 0.9, 0.15, 1.8
    for y in (width / 2, -width / 2):
        b.box("side", (0, y, height / 2), (depth, 0.015, height / 2))
    b.box("back", (-depth + 0.01, 0, height / 2), (0.01, width / 2, height / 2))
    shelves = 5
    for index in range(shelves):
        z = 0.02 + index * (height - 0.04) / (shelves - 1)
        b.box("shelf", (0, 0, z), (depth, width / 2, 0.015))
        if index == shelves - 1:
            continue
        for slot in range(5):  # books of varied height and colour stand on each shelf
            tall = 0.13 + 0.05 * ((slot * 7 + index * 3) % 4) / 3
            y = -0.33 + slot * 0.16
            b.box("book", (0.0, y, z + 0.015 + tall), (depth - 0.02, 0.06, tall),
                  color=BOOK_COLORS[(slot + index * 2) % len(BOOK_COLORS)], material="paper")
    b.socket("top", (0, 0, height + 0.015))


def wardrobe(b: RigBuilder) -> None:
    b.box("wardrobe", (0, 0, 1.0), (0.3, 0.55, 0.95))
    b.box("door_gap", (0.301, 0, 1.0), (0.002, 0.006, 0.9), color=DARK)
    for y in (0.05, -0.05):
        b.box("handle", (0.31, y, 1.05), (0.01, 0.008, 0.1), color=CHROME, material="metal")
    b.box("cornice", (0, 0, 1.97), (0.32, 0.57, 0.03))
    _legs(b, half_x=0.25, half_y=0.5, height=0.05, radius=0.03)
    b.socket("top", (0, 0, 2.0))


def fridge(b: RigBuilder) -> None:
    b.box("fridge", (0, 0, 0.9), (0.33, 0.3, 0.9))
    b.box("door_gap", (0.331, 0, 1.25), (0.002, 0.3, 0.006), color=DARK)
    for z, half in ((1.5, 0.15), (0.7, 0.25)):
        b.box("handle", (0.35, -0.24, z), (0.015, 0.012, half), color=CHROME, material="metal")
    b.socket("top", (0, 0, 1.8))


def stove(b: RigBuilder) -> None:
    """A cooker: oven door and four burners; the burners' glowing rings hang under the hob
    at rest and their joints ("burner_*") turn them up on the hob in `cook`/`simmer`."""
    top = 0.9
    b.box("stove", (0, 0, top / 2), (0.3, 0.3, top / 2))
    b.box("oven_window", (0.301, 0, 0.4), (0.002, 0.2, 0.13), color=GLASS_TINT,
          material="glass")
    b.box("oven_handle", (0.33, 0, 0.62), (0.015, 0.22, 0.012), color=CHROME, material="metal")
    b.box("hob", (0, 0, top + 0.005), (0.3, 0.3, 0.005), color=BLACK, material="glass")
    for index, (x, y) in enumerate(((0.13, 0.14), (0.13, -0.14), (-0.13, 0.14),
                                    (-0.13, -0.14))):
        b.rod("burner", (x, y, top + 0.011), 0.08, 0.002, color=DARK, material="metal")
        joint = b.joint(f"burner_{index}", (x, y, top + 0.01))
        b.rod("burner_glow", (0, 0, -0.006), 0.085, 0.003, color=GLOW, material="metal",
              joint=joint, emissive=3.0)
        b.rod("knob", (0.31, -0.21 + index * 0.14, 0.8), 0.02, 0.01, color=DARK,
              material="plastic", rotation=quat("y", 90))
    b.socket("top", (0.13, 0.14, top + 0.013))
    b.socket("burner_back", (-0.13, 0.14, top + 0.013))


def bathtub(b: RigBuilder) -> None:
    b.ball("bathtub", (0, 0, 0.45), (0.85, 0.38, 0.32))
    b.add("rim", "cylinder", (0.86, 0.39, 0.03), (0, 0, 0.62))
    b.add("water", "cylinder", (0.78, 0.32, 0.004), (0, 0, 0.652), color=(0.45, 0.7, 0.85),
          material="glass")
    for x in (0.5, -0.5):
        for y in (0.17, -0.17):
            b.ball("foot", (x, y, 0.07), 0.07, color=(0.75, 0.6, 0.2), material="metal")
    b.segment("faucet", (-0.8, 0, 0.6), (-0.72, 0, 0.78), 0.02, color=CHROME, material="metal")
    b.socket("seat", (0.1, 0, 0.3))
    b.socket("top", (-0.8, 0.25, 0.65))


