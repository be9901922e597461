"""The larger instruments that stand on the floor (piano, drums, harp, xylophone) and the
accordion; conventions in instrument.py."""

from __future__ import annotations

from cinestra.world.assets.solids import (
    ALONG_X,
    BLACK,
    BRASS,
    CHROME,
    DARK,
    DARK_WOOD,
    WHITE,
    RigBuilder,
    quat,
)
from cinestra.world.timeline import Vec3

WHITE_KEYS = 29  # four octaves and a top C: enough to read as a keyboard, ~50 parts
KEY_WIDTH = 0.042
BLACK_AFTER = frozenset({0, 1, 3, 4, 5})  # white keys (in an octave) followed by a black one
CYMBAL: Vec3 = (0.85, 0.65, 0.2)
IVORY: Vec3 = (0.92, 0.91, 0.86)


def piano(b: RigBuilder) -> None:
    """A grand piano: keyboard at +x, the curved tail at -x, the lid raised on the -y side.
    The pianist sits on the bench (`seat`) facing -x."""
    case_top, key_top = 0.98, 0.74
    b.box("case", (-0.2, 0, 0.81), (0.75, 0.74, 0.17))
    b.add("case_tail", "cylinder", (0.6, 0.58, 0.17), (-0.95, 0.16, 0.81))
    b.box("lid", (-0.4, 0.74 - 0.74 * 0.94, case_top + 0.74 * 0.34),
          (0.95, 0.74, 0.012), rotation=quat("x", -20))
    b.segment("lid_prop", (-0.4, -0.6, case_top), (-0.4, -0.55, case_top + 0.45), 0.01,
              color=BLACK, material="wood")
    for x, y in ((0.45, 0.62), (0.45, -0.62), (-1.35, 0.2)):
        b.rod("leg", (x, y, 0.33), 0.05, 0.33)
    b.box("key_bed", (0.64, 0, key_top - 0.04), (0.1, 0.66, 0.03))
    b.box("cheek", (0.64, 0.665, key_top + 0.01), (0.1, 0.02, 0.06))
    b.box("cheek", (0.64, -0.665, key_top + 0.01), (0.1, 0.02, 0.06))
    b.box("fallboard", (0.55, 0, key_top + 0.07), (0.015, 0.64, 0.05))
    left = -KEY_WIDTH * WHITE_KEYS / 2
    for index in range(WHITE_KEYS):  # each key hinges at its back end (its joint)
        y = -(left + KEY_WIDTH * (index + 0.5))  # low notes on the player's left (+y)
        joint = b.joint(f"key_w{index}", (0.57, y, key_top))
        b.box("key_white", (0.075, 0, -0.011), (0.074, KEY_WIDTH / 2 - 0.002, 0.011),
              color=IVORY, material="plastic", joint=joint)
        if index % 7 in BLACK_AFTER and index < WHITE_KEYS - 1:
            joint = b.joint(f"key_b{index}", (0.57, y - KEY_WIDTH / 2, key_top + 0.012))
            b.box("key_black", (0.05, 0, 0.0), (0.05, KEY_WIDTH * 0.28, 0.011), color=BLACK,
                  material="plastic", joint=joint)
    b.box("bench", (1.2, 0, 0.5), (0.2, 0.45, 0.04), color=BLACK, material="leather")
    for x in (1.05, 1.35):
        for y in (0.4, -0.4):
            b.box("bench_leg", (x, y, 0.24), (0.025, 0.025, 0.24), color=DARK_WOOD,
                  material="wood")
    b.socket("seat", (1.2, 0, 0.54))
    b.socket("grip", (0.68, 0, key_top))
    b.socket("top", (-0.2, 0.3, case_top))


def drums(b: RigBuilder) -> None:
    """A drum kit facing +x; the drummer sits on the stool (`seat`) behind it, facing +x."""
    b.rod("bass_drum", (0.3, 0, 0.29), 0.28, 0.18, rotation=ALONG_X)
    b.rod("drum_head", (0.485, 0, 0.29), 0.26, 0.005, color=WHITE, material="plastic",
          rotation=ALONG_X)
    b.rod("drum_hoop", (0.49, 0, 0.29), 0.285, 0.01, color=CHROME, material="metal",
          rotation=ALONG_X)
    for y in (0.15, -0.15):
        b.rod("tom", (0.22, y, 0.72), 0.13, 0.09, rotation=quat("y", -20))
        b.rod("drum_head", (0.19, y, 0.81), 0.125, 0.004, color=WHITE, material="plastic",
              rotation=quat("y", -20))
    b.rod("floor_tom", (-0.1, 0.45, 0.42), 0.2, 0.18)
    b.rod("drum_head", (-0.1, 0.45, 0.605), 0.195, 0.005, color=WHITE, material="plastic")
    b.rod("snare", (-0.1, -0.35, 0.62), 0.17, 0.07, color=CHROME, material="metal")
    b.rod("drum_head", (-0.1, -0.35, 0.695), 0.165, 0.005, color=WHITE, material="plastic")
    b.rod("stand", (-0.1, -0.35, 0.28), 0.015, 0.28, color=CHROME, material="metal")
    cymbals = (("hihat", (-0.05, -0.72), 0.95, 0.17), ("cymbal_crash", (0.45, -0.5), 1.25, 0.23),
               ("cymbal_ride", (0.35, 0.6), 1.1, 0.26))
    for name, (x, y), height, radius in cymbals:
        b.rod("stand", (x, y, height / 2), 0.012, height / 2, color=CHROME, material="metal")
        joint = b.joint(name, (x, y, height + 0.01))
        b.rod("cymbal", (0, 0, 0), radius, 0.004, color=CYMBAL, material="metal",
              joint=joint)
    b.rod("stool", (-0.55, 0, 0.5), 0.18, 0.04, color=BLACK, material="leather")
    b.rod("stool_leg", (-0.55, 0, 0.24), 0.02, 0.24, color=CHROME, material="metal")
    b.socket("seat", (-0.55, 0, 0.54))
    b.socket("grip", (-0.1, -0.35, 0.7))
    b.socket("top", (0.3, 0, 0.58))


def xylophone(b: RigBuilder) -> None:
    """Bars across a frame on legs; the player stands at -x, facing +x."""
    bars = 13
    for index in range(bars):
        y = 0.5 - index * 1.0 / (bars - 1)
        half = 0.2 - index * 0.009  # lower notes are longer
        b.box("bar", (0, y, 0.86), (half, 0.032, 0.012),
              color=(0.55, 0.22, 0.08) if index % 2 else (0.62, 0.3, 0.12), material="wood")
    for x in (0.2, -0.2):
        b.box("rail", (x * 0.9, 0, 0.83), (0.02, 0.58, 0.02), color=DARK, material="wood")
    for x in (0.16, -0.16):
        for y in (0.5, -0.5):
            b.rod("leg", (x, y, 0.41), 0.02, 0.41, color=DARK, material="metal")
    for name, y in (("mallet_l", 0.15), ("mallet_r", -0.15)):
        joint = b.joint(name, (-0.42, y, 0.95))
        b.segment("mallet_stick", (0, 0, 0), (0.3, 0, -0.05), 0.005, color=WHITE,
                  material="wood", joint=joint)
        b.ball("mallet_head", (0.3, 0, -0.05), 0.022, color=(0.85, 0.2, 0.1),
               material="rubber", joint=joint)
    b.socket("grip", (-0.42, 0, 0.95))
    b.socket("top", (0, 0, 0.88))


def harp(b: RigBuilder) -> None:
    """A concert harp seen side-on (its plane is x-z): pillar at +x, soundbox rising to the
    player's shoulder at -x, strings between."""
    b.box("base", (0, 0, 0.06), (0.35, 0.18, 0.06))
    b.segment("pillar", (0.33, 0, 0.1), (0.33, 0, 1.78), 0.045, color=BRASS, material="metal")
    b.segment("soundbox", (0.2, 0, 0.12), (-0.32, 0, 1.48), 0.11, shape="box")
    b.segment("neck", (0.36, 0, 1.76), (-0.34, 0, 1.5), 0.05, shape="box")
    b.ball("crown", (0.33, 0, 1.82), 0.07, color=BRASS, material="metal")
    strings = 11
    for index in range(strings):
        x = 0.15 - index * 0.4 / (strings - 1)
        bottom = 0.12 + 1.36 * (0.2 - x) / 0.52
        top = 1.5 + (x + 0.34) * 0.26 / 0.7 - 0.04
        joint = b.joint(f"string_{index}", (x, 0, bottom))
        b.segment("string", (0, 0, 0), (0, 0, top - bottom), 0.003,
                  color=(0.8, 0.15, 0.1) if index % 7 == 0 else WHITE, material="fabric",
                  joint=joint)
    b.socket("grip", (0.0, 0.0, 1.0))
    b.socket("top", (0.33, 0, 1.85))


def accordion(b: RigBuilder) -> None:
    """Held across the chest: keyboard end on the player's right (-y), bass end on the left,
    bellows between that fan open from their hinge at the back (-x). Origin: the right hand
    on the keyboard."""
    b.box("treble_end", (0.0, -0.04, 0.0), (0.11, 0.04, 0.2))
    b.box("keyboard", (0.115, -0.04, 0.0), (0.01, 0.035, 0.18), color=WHITE,
          material="plastic")
    for z in (-0.12, -0.06, 0.0, 0.06, 0.12):
        b.box("key_black", (0.128, -0.04, z + 0.015), (0.006, 0.02, 0.01), color=BLACK,
              material="plastic")
    parent, pleats = "root", 7
    for index in range(pleats):
        offset = (-0.11, 0.0, 0.0) if index == 0 else (0.0, 0.022, 0.0)
        parent = b.joint(f"pleat_{index}", offset, parent)
        b.box("bellows", (0.11, 0.011, 0.0), (0.108, 0.011, 0.195),
              color=BLACK if index % 2 else (0.12, 0.12, 0.14), material="fabric", joint=parent)
    bass = b.joint("bass_end", (0.0, 0.022, 0.0), parent)
    b.box("bass_end", (0.11, 0.04, 0.0), (0.11, 0.04, 0.2), joint=bass)
    for z in (-0.1, -0.05, 0.0, 0.05, 0.1):
        b.ball("bass_button", (0.06, 0.085, z), 0.008, color=WHITE, material="plastic",
               joint=bass)
    b.socket("grip", (0, 0, 0))
    b.socket("bass_grip", (0.11, 0.09, 0.0), bass)

