"""More builders of the prop family (household things, toys, odds and ends); conventions
in objects.py."""

from __future__ import annotations

from cinestra.world.assets.solids import (
    BLACK,
    CHROME,
    DARK,
    GREY,
    RED,
    WHITE,
    RigBuilder,
    quat,
)
from cinestra.world.timeline import Quat, Vec3

CARROT: Vec3 = (0.95, 0.38, 0.03)
PAPER: Vec3 = (0.86, 0.85, 0.80)
# a disc (cylinder) standing up facing +x, its radius x across (y) and radius y up (z)
UPRIGHT_FACING_X: Quat = (0.5, 0.5, 0.5, 0.5)


def teapot(b: RigBuilder) -> None:
    b.ball("teapot", (0, 0, 0.085), (0.1, 0.1, 0.085))
    b.rod("lid", (0, 0, 0.17), 0.05, 0.008)
    b.ball("lid_knob", (0, 0, 0.185), 0.012)
    b.segment("spout", (0.07, 0, 0.07), (0.16, 0, 0.15), 0.016, shape="cone")
    b.box("handle", (-0.125, 0, 0.085), (0.008, 0.008, 0.05))
    for z in (0.13, 0.04):
        b.box("handle", (-0.105, 0, z), (0.02, 0.008, 0.008))
    b.socket("grip", (-0.125, 0, 0.085))
    b.socket("top", (0, 0, 0.19))


def suitcase(b: RigBuilder) -> None:
    b.box("suitcase", (0, 0, 0.37), (0.12, 0.23, 0.33))
    for y in (0.1, -0.1):
        b.box("rib", (0.121, y, 0.37), (0.004, 0.015, 0.33), color=DARK)
    b.box("handle", (0, 0, 0.73), (0.015, 0.07, 0.012), color=BLACK, material="plastic")
    for x in (0.08, -0.08):
        for y in (0.19, -0.19):
            b.ball("wheel", (x, y, 0.025), 0.025, color=BLACK, material="rubber")
    b.socket("grip", (0, 0, 0.73))
    b.socket("top", (0, 0, 0.7))


def bag(b: RigBuilder) -> None:
    b.box("bag", (0, 0, 0.12), (0.07, 0.16, 0.12), material=b.look.material or "leather")
    b.box("flap", (0.071, 0, 0.19), (0.004, 0.16, 0.05), color=DARK)
    b.ball("clasp", (0.077, 0, 0.15), 0.012, color=CHROME, material="metal")
    for y in (0.1, -0.1):
        b.segment("strap", (0, y, 0.24), (0, y * 0.4, 0.36), 0.008, color=DARK)
    b.segment("strap", (0, 0.04, 0.36), (0, -0.04, 0.36), 0.008, color=DARK)
    b.socket("grip", (0, 0, 0.36))


def mirror(b: RigBuilder) -> None:
    """A standing (cheval) mirror facing +x."""
    b.add("mirror_frame", "cylinder", (0.3, 0.8, 0.02), (0, 0, 0.95), rotation=UPRIGHT_FACING_X)
    b.add("mirror", "cylinder", (0.27, 0.76, 0.02), (0.008, 0, 0.95), color=(0.8, 0.83, 0.86),
          material="glass", rotation=UPRIGHT_FACING_X)
    for y in (0.33, -0.33):
        b.box("stand", (0, y, 0.8), (0.02, 0.02, 0.8), color=(0.4, 0.22, 0.08))
        b.box("foot", (0, y, 0.02), (0.22, 0.03, 0.02), color=(0.4, 0.22, 0.08))


def newspaper(b: RigBuilder) -> None:
    b.box("newspaper", (0, 0, 0.006), (0.15, 0.2, 0.006), color=PAPER, material="paper")
    b.box("headline", (0.11, 0, 0.0125), (0.018, 0.17, 0.0005), color=BLACK, material="paper")
    b.box("photo", (0.02, 0.08, 0.0125), (0.06, 0.08, 0.0005), color=GREY, material="paper")
    for y in (-0.03, -0.1, -0.17):
        b.box("column", (-0.02, y, 0.0125), (0.1, 0.025, 0.0005), color=(0.45, 0.45, 0.45),
              material="paper")
    b.socket("grip", (0, 0.2, 0.006))


def teddy_bear(b: RigBuilder) -> None:
    """Sitting, facing +x."""
    fur = b.look.material or "fabric"
    b.ball("body", (0, 0, 0.13), (0.09, 0.1, 0.12), material=fur)
    b.ball("belly", (0.05, 0, 0.12), (0.05, 0.07, 0.08), color=(0.78, 0.6, 0.4), material=fur)
    b.ball("head", (0.01, 0, 0.3), 0.075, material=fur)
    b.ball("muzzle", (0.07, 0, 0.285), (0.03, 0.035, 0.025), color=(0.78, 0.6, 0.4), material=fur)
    b.ball("nose", (0.1, 0, 0.295), 0.01, color=BLACK, material="plastic")
    for side in (1, -1):
        b.ball("eye", (0.065, side * 0.03, 0.32), 0.009, color=BLACK, material="plastic")
        b.ball("ear", (0.0, side * 0.06, 0.37), (0.02, 0.03, 0.03), material=fur)
        b.ball("arm", (0.04, side * 0.1, 0.15), (0.035, 0.03, 0.07), rotation=quat("y", 40),
               material=fur)
        b.ball("leg", (0.08, side * 0.06, 0.035), (0.07, 0.035, 0.035), material=fur)
    b.socket("top", (0.01, 0, 0.375))


def snowman(b: RigBuilder) -> None:
    snow, packed = (0.95, 0.96, 0.98), b.look.material or "ice"
    b.ball("snow_base", (0, 0, 0.35), 0.38, color=snow, material=packed)
    b.ball("snow_middle", (0, 0, 0.92), 0.27, color=snow, material=packed)
    b.ball("snow_head", (0, 0, 1.33), 0.18, color=snow, material=packed)
    b.segment("nose", (0.16, 0, 1.33), (0.3, 0, 1.32), 0.025, shape="cone", color=CARROT,
              material="plastic")
    for side in (1, -1):
        b.ball("eye", (0.15, side * 0.07, 1.4), 0.02, color=BLACK, material="stone")
        b.segment("stick_arm", (0, side * 0.24, 1.0), (0.05, side * 0.7, 1.25), 0.015,
                  color=(0.3, 0.17, 0.07), material="wood")
    for z in (0.85, 0.97, 1.08):
        b.ball("coal", (0.26, 0, z), 0.02, color=BLACK, material="stone")
    b.rod("hat_brim", (0, 0, 1.49), 0.17, 0.01)
    b.rod("hat", (0, 0, 1.6), 0.11, 0.11)
    b.rod("scarf", (0, 0, 1.17), 0.18, 0.04, color=RED, material="fabric")
    b.socket("top", (0, 0, 1.71))


def domino(b: RigBuilder) -> None:
    """Standing on its short edge, face towards +x."""
    b.box("domino", (0, 0, 0.024), (0.0045, 0.012, 0.024))
    b.box("line", (0.0046, 0, 0.024), (0.0003, 0.01, 0.0008), color=WHITE)
    for y, z in ((0.0, 0.036), (0.005, 0.008), (-0.005, 0.016), (0.0, 0.012)):
        b.ball("pip", (0.0046, y, z), 0.0018, color=WHITE, material="plastic")


def bowling_pin(b: RigBuilder) -> None:
    b.ball("bowling_pin", (0, 0, 0.13), (0.06, 0.06, 0.13))
    b.rod("neck", (0, 0, 0.27), 0.025, 0.05)
    b.ball("head", (0, 0, 0.33), (0.033, 0.033, 0.05))
    for z in (0.25, 0.27):
        b.rod("stripe", (0, 0, z), 0.0265, 0.006, color=RED)


def feather(b: RigBuilder) -> None:
    """A feather lying flat; `flutter` rocks it."""
    vane = b.joint("vane", (0, 0, 0.01))
    b.ball("feather", (0.02, 0, 0.0), (0.1, 0.022, 0.002), joint=vane,
           material=b.look.material or "fabric")
    b.segment("shaft", (-0.1, 0, 0), (0.12, 0, 0), 0.0015, color=WHITE, joint=vane)


def bubble(b: RigBuilder) -> None:
    b.ball("bubble", (0, 0, 0.05), 0.05)
    b.ball("glint", (0.03, -0.02, 0.075), 0.008, color=WHITE, material="glass", emissive=1.0)


def coin(b: RigBuilder) -> None:
    b.rod("coin", (0, 0, 0.0012), 0.0125, 0.0012)
    b.rod("relief", (0, 0, 0.0025), 0.009, 0.0002, color=(0.7, 0.5, 0.12))


def microphone(b: RigBuilder) -> None:
    """A vocal microphone on a stand; socket "mouth" is where a singer's lips go."""
    b.rod("stand_base", (0, 0, 0.015), 0.14, 0.015, color=BLACK, material="metal")
    b.rod("stand", (0, 0, 0.78), 0.012, 0.76, color=BLACK, material="metal")
    b.segment("mic_handle", (0, 0, 1.54), (0.1, 0, 1.6), 0.016, color=BLACK, material="metal")
    b.ball("microphone", (0.12, 0, 1.615), 0.03, color=(0.55, 0.56, 0.6), material="metal")
    b.socket("mouth", (0.17, 0, 1.63))
    b.socket("grip", (0.05, 0, 1.57))


def rock(b: RigBuilder) -> None:
    b.ball("rock", (0, 0, 0.14), (0.3, 0.22, 0.16), rotation=quat("z", 20))
    b.ball("rock_lump", (0.1, 0.08, 0.2), (0.16, 0.14, 0.12), rotation=quat("xz", 20, 40))
    b.ball("rock_lump", (-0.15, -0.06, 0.1), (0.15, 0.12, 0.1))


