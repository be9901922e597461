"""Builders of the prop family (conventions in objects.py). Each takes a RigBuilder and
adds its parts in metres at normal size; `b.paint` / `b.material` are the main surface."""

from __future__ import annotations

import math

from cinestra.world.assets.solids import (
    ALONG_X,
    ALONG_Y,
    BLACK,
    BRASS,
    CHROME,
    DARK,
    DARK_WOOD,
    GREY,
    LAMP,
    RED,
    WHITE,
    RigBuilder,
    quat,
)
from cinestra.world.timeline import Vec3

PANE: Vec3 = (0.62, 0.78, 0.85)  # window glass, light enough to read as glass
PAPER: Vec3 = (0.86, 0.85, 0.80)
FLAME: Vec3 = (1.0, 0.62, 0.15)


def ball(b: RigBuilder) -> None:
    b.ball("ball", (0, 0, 0.11), 0.11)
    b.ball("stripe", (0, 0, 0.11), (0.111, 0.111, 0.025), color=WHITE, rotation=quat("x", 90))


def box(b: RigBuilder) -> None:
    b.box("box", (0, 0, 0.15), (0.2, 0.15, 0.15))
    b.box("tape", (0, 0, 0.3), (0.205, 0.03, 0.003), color=(0.75, 0.62, 0.4),
          material="plastic")


def cube(b: RigBuilder) -> None:
    b.box("cube", (0, 0, 0.06), (0.06, 0.06, 0.06))


def crate(b: RigBuilder) -> None:
    b.box("crate", (0, 0, 0.3), (0.3, 0.3, 0.3))
    for y in (0.3, -0.3):  # a frame of planks round each side, and a brace across it
        for z in (0.04, 0.56):
            b.box("slat", (0, y, z), (0.31, 0.012, 0.04), color=DARK_WOOD)
        for x in (0.27, -0.27):
            b.box("slat", (x, y, 0.3), (0.04, 0.012, 0.22), color=DARK_WOOD)
        b.box("slat", (0, y, 0.3), (0.035, 0.014, 0.3), color=DARK_WOOD, rotation=quat("y", 45))


def bottle(b: RigBuilder) -> None:
    b.rod("bottle", (0, 0, 0.1), 0.04, 0.1)
    b.cone("shoulder", (0, 0, 0.235), 0.04, 0.035)
    b.rod("neck", (0, 0, 0.28), 0.014, 0.04)
    b.rod("cap", (0, 0, 0.323), 0.016, 0.008, color=(0.8, 0.7, 0.2), material="metal")
    b.rod("label", (0, 0, 0.11), 0.0405, 0.045, color=PAPER, material="paper")


def can(b: RigBuilder) -> None:
    b.rod("can", (0, 0, 0.06), 0.033, 0.056)
    for z in (0.003, 0.119):
        b.rod("rim", (0, 0, z), 0.031, 0.004, color=CHROME, material="metal")


def glass(b: RigBuilder) -> None:
    """A wine glass: bowl, stem, foot."""
    b.rod("foot", (0, 0, 0.003), 0.035, 0.003)
    b.rod("stem", (0, 0, 0.05), 0.004, 0.045)
    b.cone("glass", (0, 0, 0.13), 0.042, 0.04, rotation=quat("x", 180))
    b.rod("rim", (0, 0, 0.185), 0.042, 0.015)
    b.rod("wine", (0, 0, 0.15), 0.034, 0.012, color=(0.35, 0.02, 0.05), material="glass")


def cup(b: RigBuilder) -> None:
    b.rod("cup", (0, 0, 0.05), 0.045, 0.05)
    b.rod("coffee", (0, 0, 0.098), 0.04, 0.003, color=(0.12, 0.05, 0.02), material="ceramic")
    b.box("handle", (0.06, 0, 0.078), (0.018, 0.007, 0.007))
    b.box("handle", (0.06, 0, 0.025), (0.018, 0.007, 0.007))
    b.box("handle", (0.075, 0, 0.052), (0.007, 0.007, 0.03))


def vase(b: RigBuilder) -> None:
    b.ball("vase", (0, 0, 0.12), (0.09, 0.09, 0.12))
    b.rod("neck", (0, 0, 0.27), 0.04, 0.05)
    b.rod("lip", (0, 0, 0.32), 0.055, 0.01)
    b.rod("band", (0, 0, 0.14), 0.091, 0.012, color=(0.1, 0.2, 0.6))


def marble(b: RigBuilder) -> None:
    b.ball("marble", (0, 0, 0.012), 0.012)
    b.ball("swirl", (0, 0, 0.012), (0.0125, 0.004, 0.0125), color=(0.9, 0.4, 0.05),
           material="glass", rotation=quat("z", 30))


def brick(b: RigBuilder) -> None:
    b.box("brick", (0, 0, 0.0325), (0.1075, 0.05125, 0.0325))


def die(b: RigBuilder) -> None:
    half = 0.008
    b.box("die", (0, 0, half), (half, half, half))
    pips = [(0, 0, 2 * half), (half, 0.004, half + 0.004), (half, -0.004, half - 0.004),
            (0.004, -half, half + 0.004), (0, -half, half), (-0.004, -half, half - 0.004)]
    for x, y, z in pips:
        b.ball("pip", (x, y, z), 0.0016, color=BLACK, material="plastic")


def book(b: RigBuilder) -> None:
    b.box("cover", (0, 0, 0.016), (0.105, 0.075, 0.016))
    b.box("pages", (0.004, 0, 0.016), (0.103, 0.072, 0.013), color=PAPER, material="paper")


def curtain(b: RigBuilder) -> None:
    """Rigid fallback: the real cloth is simulated by the cloth engineer's module; this
    hangs from a rod in folds that sway from the rod's joint."""
    b.rod("curtain_rod", (0, 0, 2.45), 0.015, 0.8, color=BRASS, material="metal",
          rotation=ALONG_Y)
    drape = b.joint("drape", (0, 0, 2.42))
    for index in range(8):  # folds alternately forward and back read as a drape
        y = -0.7 + index * 0.2
        b.add("fold", "cylinder", (0.04, 0.11, 1.2), (0.03 * (index % 2), y, -1.2),
              joint=drape)
    b.socket("top", (0, 0, 2.45))


def flag(b: RigBuilder) -> None:
    """Rigid fallback (cloth is simulated elsewhere): a flag on a pole, swinging in wind."""
    b.rod("pole", (0, 0, 1.5), 0.02, 1.5, color=GREY, material="metal")
    b.ball("finial", (0, 0, 3.02), 0.03, color=BRASS, material="metal")
    cloth = b.joint("flag", (0, 0, 2.6))
    b.box("flag", (0.45, 0, 0.0), (0.45, 0.004, 0.3), joint=cloth)
    b.box("flag_band", (0.45, 0, 0.0), (0.45, 0.005, 0.1), color=WHITE, joint=cloth)
    b.socket("top", (0, 0, 3.05))


def jacket(b: RigBuilder) -> None:
    """Rigid fallback (cloth is simulated elsewhere): a jacket standing as if worn."""
    b.box("jacket", (0, 0, 0.36), (0.12, 0.24, 0.36))
    b.box("lapel", (0.121, 0.05, 0.55), (0.004, 0.045, 0.16), color=DARK,
          rotation=quat("x", 12))
    b.box("lapel", (0.121, -0.05, 0.55), (0.004, 0.045, 0.16), color=DARK,
          rotation=quat("x", -12))
    for side in (1, -1):
        b.rod("sleeve", (0, side * 0.3, 0.4), 0.06, 0.3, rotation=quat("x", side * 10))
    b.box("collar", (-0.02, 0, 0.73), (0.1, 0.12, 0.03))
    for z in (0.2, 0.32):
        b.ball("button", (0.123, 0, z), 0.01, color=BLACK, material="plastic")
    b.socket("top", (0, 0, 0.76))


def window(b: RigBuilder) -> None:
    """Frame and sill; the sash hinges on its left edge (joint "sash": opened by `open`)."""
    width, height = 1.0, 1.3
    for y in (width / 2, -width / 2):
        b.box("frame", (0, y, height / 2), (0.05, 0.04, height / 2))
    for z in (0.02, height - 0.02):
        b.box("frame", (0, 0, z), (0.05, width / 2 + 0.04, 0.04))
    b.box("sill", (0.06, 0, 0.0), (0.1, width / 2 + 0.1, 0.02))
    sash = b.joint("sash", (0.02, width / 2 - 0.04, 0.0))
    inner = width - 0.08
    for z in (0.08, height / 2, height - 0.08):
        b.box("sash_frame", (0, -inner / 2, z), (0.02, inner / 2, 0.02), joint=sash)
    for y in (-0.02, -inner + 0.02, -inner / 2):
        b.box("sash_frame", (0, y, height / 2), (0.02, 0.02, height / 2 - 0.08), joint=sash)
    for z in (height * 0.29, height * 0.71):
        b.box("pane", (0, -inner / 2, z), (0.006, inner / 2 - 0.02, height * 0.2),
              color=PANE, material="glass", joint=sash)
    b.socket("top", (0.06, 0, 0.02))


def door(b: RigBuilder) -> None:
    """A door in its frame; the leaf hinges on its left edge (joint "door")."""
    width, height = 0.9, 2.05
    for y in (width / 2 + 0.05, -width / 2 - 0.05):
        b.box("frame", (0, y, height / 2 + 0.03), (0.06, 0.05, height / 2 + 0.03), color=WHITE)
    b.box("frame", (0, 0, height + 0.08), (0.06, width / 2 + 0.1, 0.05), color=WHITE)
    leaf = b.joint("door", (0, width / 2, 0.0))
    b.box("door", (0, -width / 2, height / 2), (0.02, width / 2, height / 2), joint=leaf)
    for z in (0.55, 1.45):
        b.box("panel", (0.022, -width / 2, z), (0.004, width / 2 - 0.1, 0.35), color=DARK_WOOD,
              joint=leaf)
    b.ball("knob", (0.06, -width + 0.08, 1.0), 0.03, color=BRASS, material="metal", joint=leaf)


def umbrella(b: RigBuilder) -> None:
    b.segment("shaft", (0, 0, 0.08), (0, 0, 0.95), 0.008, color=DARK, material="metal")
    b.segment("handle", (0, 0, 0.08), (0.05, 0, 0.0), 0.012, color=DARK_WOOD, material="wood")
    b.cone("canopy", (0, 0, 0.85), 0.55, 0.12, material="fabric")
    b.ball("tip", (0, 0, 0.98), 0.01, color=DARK, material="metal")
    b.socket("grip", (0, 0, 0.2))
    b.socket("top", (0, 0, 0.97))


def balloon(b: RigBuilder) -> None:
    """A toy balloon floating on its string; the origin is the string's end."""
    string = b.joint("string", (0, 0, 0))
    b.segment("string", (0, 0, 0), (0, 0, 1.0), 0.0015, color=WHITE, material="fabric",
              joint=string)
    b.cone("knot", (0, 0, 1.015), 0.012, 0.015, material="rubber", joint=string,
           rotation=quat("x", 180))
    b.ball("balloon", (0, 0, 1.18), (0.13, 0.13, 0.16), material="rubber", joint=string)
    b.socket("grip", (0, 0, 0))


def kite(b: RigBuilder) -> None:
    """A diamond kite upright on its tail end; the origin is where its tail touches down."""
    body = b.joint("kite", (0, 0, 0.7))
    b.box("kite", (0, 0, 0.35), (0.005, 0.3, 0.3), joint=body, rotation=quat("x", 45),
          material="fabric")
    b.box("spar", (0.01, 0, 0.35), (0.004, 0.004, 0.43), color=DARK_WOOD, joint=body)
    b.box("spar", (0.01, 0, 0.45), (0.004, 0.32, 0.004), color=DARK_WOOD, joint=body)
    for index in range(4):
        b.box("tail_bow", (0, 0, -0.15 - index * 0.16), (0.004, 0.04, 0.015), color=RED,
              material="fabric", joint=body)
    b.segment("tail", (0, 0, -0.7), (0, 0, -0.07), 0.002, color=WHITE, material="fabric",
              joint=body)
    b.socket("grip", (0, 0, 0.7))


def lamp(b: RigBuilder) -> None:
    b.rod("lamp_base", (0, 0, 0.015), 0.09, 0.015, color=BRASS, material="metal")
    b.rod("lamp_stem", (0, 0, 0.2), 0.012, 0.18, color=BRASS, material="metal")
    b.ball("bulb", (0, 0, 0.33), 0.035, color=LAMP, material="glass", emissive=4.0)
    b.rod("shade", (0, 0, 0.45), 0.16, 0.11, material="fabric", emissive=0.6)  # lit through
    b.socket("top", (0, 0, 0.55))


def candle(b: RigBuilder) -> None:
    b.rod("candle", (0, 0, 0.09), 0.025, 0.09)
    b.rod("wick", (0, 0, 0.19), 0.0015, 0.01, color=BLACK, material="fabric")
    flame = b.joint("flame", (0, 0, 0.195))
    b.ball("flame", (0, 0, 0.022), (0.009, 0.009, 0.024), color=FLAME, material="plastic",
           joint=flame, emissive=5.0)
    b.socket("top", (0, 0, 0.2))


def phone(b: RigBuilder) -> None:
    b.box("phone", (0, 0, 0.004), (0.0375, 0.0775, 0.004))
    b.box("screen", (0, 0, 0.0081), (0.034, 0.072, 0.0002), color=(0.2, 0.4, 0.8),
          material="glass", emissive=1.0)
    b.socket("grip", (0, 0, 0.004))


def clock(b: RigBuilder) -> None:
    """A mantel clock facing +x; hands on joints "hand_hour", "hand_minute", "hand_second"
    that turn clockwise about the face's normal."""
    face_z = 0.2
    b.box("clock_base", (0, 0, 0.03), (0.07, 0.14, 0.03))
    b.rod("clock", (0, 0, face_z), 0.16, 0.035, rotation=ALONG_X)
    b.rod("face", (0.036, 0, face_z), 0.14, 0.002, color=WHITE, material="ceramic",
          rotation=ALONG_X)
    for hour in range(12):
        angle = hour * math.pi / 6
        b.box("tick", (0.039, 0.12 * math.sin(angle), face_z + 0.12 * math.cos(angle)),
              (0.001, 0.006, 0.012), color=BLACK, material="plastic",
              rotation=quat("x", -math.degrees(angle)))
    for name, length, width, depth in (("hand_hour", 0.07, 0.008, 0.041),
                                       ("hand_minute", 0.11, 0.005, 0.043),
                                       ("hand_second", 0.12, 0.002, 0.045)):
        joint = b.joint(name, (depth, 0, face_z))
        b.box(name, (0, 0, length / 2), (0.001, width, length / 2),
              color=RED if name == "hand_second" else BLACK, material="metal", joint=joint)
    b.socket("top", (0, 0, face_z + 0.16))


def pot(b: RigBuilder) -> None:
    """A cooking pot; the lid sits on joint "lid" (it rattles in `simmer`)."""
    b.rod("pot", (0, 0, 0.075), 0.13, 0.075)
    for side in (1, -1):
        b.box("handle", (0, side * 0.15, 0.12), (0.03, 0.025, 0.008), color=DARK)
    lid = b.joint("lid", (0, 0, 0.152))
    b.rod("lid", (0, 0, 0.005), 0.132, 0.005, joint=lid)
    b.ball("lid_knob", (0, 0, 0.02), (0.02, 0.02, 0.012), color=DARK, joint=lid)
    b.socket("top", (0, 0, 0.15))
    b.socket("inside", (0, 0, 0.112))  # what simmers in it: its surface, halfway up


def frying_pan(b: RigBuilder) -> None:
    b.rod("frying_pan", (0, 0, 0.02), 0.14, 0.02)
    b.rod("pan_inside", (0, 0, 0.037), 0.125, 0.004, color=DARK)
    b.box("handle", (-0.26, 0, 0.035), (0.12, 0.015, 0.01), color=BLACK, material="plastic")
    b.socket("grip", (-0.3, 0, 0.035))
    b.socket("top", (0, 0, 0.04))


def plate(b: RigBuilder) -> None:
    b.rod("plate", (0, 0, 0.006), 0.13, 0.006)
    b.rod("rim", (0, 0, 0.013), 0.13, 0.002, color=(0.8, 0.75, 0.55))
    b.rod("plate_well", (0, 0, 0.0145), 0.09, 0.001)
    b.socket("top", (0, 0, 0.013))


def bowl(b: RigBuilder) -> None:
    b.ball("bowl", (0, 0, 0.06), (0.085, 0.085, 0.06))
    b.rod("bowl_inside", (0, 0, 0.1), 0.07, 0.003, color=(0.7, 0.68, 0.62))
    b.socket("top", (0, 0, 0.1))


def spoon(b: RigBuilder) -> None:
    b.box("spoon", (-0.06, 0, 0.006), (0.07, 0.006, 0.002), rotation=quat("y", -4))
    b.ball("spoon_bowl", (0.03, 0, 0.008), (0.025, 0.016, 0.006))
    b.socket("grip", (-0.1, 0, 0.01))
