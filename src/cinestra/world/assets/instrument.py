"""Musical instruments built from primitives, with what moves while they are played.

Where the origin is (so the lead can attach a rig to a hand socket):
- standing instruments (piano, drums, harp, cello, double_bass, xylophone): on the ground,
  as every rig. The pianist sits on the piano's bench (`seat`, at +x) facing -x; the
  drummer sits on the kit's stool (`seat`, at -x) facing +x; a cellist or bassist stands
  or sits behind the instrument (at -x) with a hand on `grip`;
- hand-held ones (saxophone, violin, guitar, electric_guitar, ukulele, trumpet, trombone,
  clarinet, flute, accordion): the origin IS the grip, where the player's right hand (the
  left on a violin's neck) holds it; `Rig.height` is then the whole height, not a top
  above ground. They are built as played: a saxophone upright in front of the chest, a
  trumpet pointing forward (+x), a guitar's neck to the player's left (+y), a flute to the
  right (-y), a violin's scroll forward-left.

Sockets: `grip` (the hand), `mouthpiece` on wind instruments (the lips), `bow_grip` on
bowed strings (the bow hand), `seat` on the piano bench and the drummer's stool, `top`.
Joints that move in `play`: piano keys ("key_*", pressed in chords), saxophone and trumpet
keys/valves, bows ("bow", sawing), harp strings, drum kit cymbals, accordion bellows
("pleat_*", opening and closing like a fan), xylophone mallets.
"""

from __future__ import annotations

import math

import numpy as np

from cinestra.world.assets import Clock, Look
from cinestra.world.assets.instrument_kit import accordion, drums, harp, piano, xylophone
from cinestra.world.assets.rig import IDENTITY, Motion, Rig
from cinestra.world.assets.solids import (
    ALONG_X,
    ALONG_Y,
    BLACK,
    BRASS,
    CHROME,
    DARK_WOOD,
    WHITE,
    RigBuilder,
    has_joint,
    joints_named,
    motion_with,
    quat,
    swing,
    turn,
    vec,
)
from cinestra.world.timeline import Vec3

VERBS = frozenset({"play"})
HAND_HELD = frozenset({"saxophone", "violin", "guitar", "electric_guitar", "ukulele", "trumpet",
                       "trombone", "clarinet", "flute", "accordion"})
GENERIC = "guitar"
BEAT_S = 0.25  # one piano chord, one bow stroke half, per beat


def saxophone(b: RigBuilder) -> None:
    b.cone("body", (0, 0, 0.04), 0.048, 0.3)  # narrows upward to the neck
    b.segment("neck", (0, 0, 0.3), (-0.1, 0, 0.4), 0.012)
    b.segment("mouthpiece", (-0.1, 0, 0.4), (-0.15, 0, 0.42), 0.011, color=BLACK,
              material="plastic")
    b.ball("bend", (0.04, 0, -0.26), (0.075, 0.055, 0.06))
    b.segment("bow_tube", (0.06, 0, -0.26), (0.12, 0, -0.08), 0.05)
    b.segment("bell", (0.15, 0, 0.04), (0.12, 0, -0.08), 0.09, shape="cone")
    b.segment("bell_rim", (0.151, 0, 0.045), (0.149, 0, 0.035), 0.093)
    for index, z in enumerate((-0.16, -0.07, 0.02, 0.11, 0.2)):
        joint = b.joint(f"key_{index}", (0.04 - 0.06 * (z + 0.26) / 0.56 + 0.012, 0, z))
        b.rod("key", (0, 0, 0), 0.013, 0.004, color=WHITE, material="plastic", joint=joint,
              rotation=ALONG_X)
    b.socket("grip", (0, 0, 0))
    b.socket("mouthpiece", (-0.15, 0, 0.42))


def trumpet(b: RigBuilder) -> None:
    b.segment("bell", (0.36, 0, 0.02), (0.1, 0, 0.02), 0.062, shape="cone")
    b.segment("bell_rim", (0.362, 0, 0.02), (0.352, 0, 0.02), 0.065)
    b.segment("leadpipe", (-0.22, 0, 0.02), (0.1, 0, 0.02), 0.0075)
    b.segment("tube", (-0.12, 0, -0.045), (0.12, 0, -0.045), 0.009)
    b.ball("crook", (0.13, 0, -0.012), (0.02, 0.01, 0.04))
    b.ball("crook", (-0.13, 0, -0.012), (0.02, 0.01, 0.04))
    for index, x in enumerate((-0.03, 0.0, 0.03)):
        joint = b.joint(f"valve_{index}", (x, 0, 0.0))
        b.rod("valve", (0, 0, 0), 0.01, 0.05, joint=joint)
        b.rod("valve_cap", (0, 0, 0.06), 0.012, 0.008, color=WHITE, material="plastic",
              joint=joint)
    b.cone("mouthpiece", (-0.24, 0, 0.02), 0.013, 0.02, color=CHROME, material="metal",
           rotation=quat("y", 90))
    b.socket("grip", (0, 0, 0))
    b.socket("mouthpiece", (-0.26, 0, 0.02))


def trombone(b: RigBuilder) -> None:
    b.segment("bell", (0.45, 0, 0.14), (0.05, 0, 0.14), 0.1, shape="cone")
    b.segment("bell_rim", (0.452, 0, 0.14), (0.442, 0, 0.14), 0.103)
    b.segment("tube", (-0.35, 0, 0.14), (0.05, 0, 0.14), 0.009)
    b.ball("crook", (-0.36, 0, 0.09), (0.025, 0.012, 0.06))
    slide = b.joint("slide", (-0.3, 0, 0.0))  # sways as the slide arm works
    for z in (0.0, 0.05):
        b.segment("slide_tube", (-0.05, 0, z), (1.05, 0, z), 0.008, joint=slide)
    b.ball("slide_crook", (1.06, 0, 0.025), (0.02, 0.012, 0.04), joint=slide)
    b.segment("brace", (0.75, 0, 0.0), (0.75, 0, 0.05), 0.006, joint=slide)
    b.cone("mouthpiece", (-0.34, 0, 0.05), 0.014, 0.025, color=CHROME, material="metal",
           rotation=quat("y", 90))
    b.socket("grip", (0, 0, 0))
    b.socket("mouthpiece", (-0.37, 0, 0.05))


def clarinet(b: RigBuilder) -> None:
    top, bottom = np.array([-0.12, 0.0, 0.3]), np.array([0.16, 0.0, -0.32])
    b.segment("body", vec(top), vec(bottom), 0.015)
    bell_end = bottom + (bottom - top) * 0.12
    b.segment("bell", vec(bell_end), vec(bottom - (bottom - top) * 0.1), 0.04, shape="cone")
    b.segment("mouthpiece", vec(top), vec(top + (top - bottom) * 0.08), 0.012,
              color=(0.15, 0.15, 0.15), material="plastic")
    for fraction in (0.2, 0.35, 0.5, 0.65, 0.8):
        point = top + (bottom - top) * fraction
        b.ball("key", (float(point[0]) + 0.014, 0.0, float(point[2])), 0.007, color=CHROME,
               material="metal")
    mouth = top + (top - bottom) * 0.09
    b.socket("grip", (0, 0, 0))
    b.socket("mouthpiece", (float(mouth[0]), 0.0, float(mouth[2])))


def flute(b: RigBuilder) -> None:
    b.rod("body", (0, 0.05, 0), 0.011, 0.33, rotation=ALONG_Y)
    b.rod("lip_plate", (0.012, 0.32, 0.0), 0.012, 0.003, rotation=ALONG_X)
    for y in (0.15, 0.1, 0.05, -0.05, -0.1, -0.15):
        b.rod("key", (0.012, y, 0), 0.008, 0.003, color=WHITE, material="metal",
              rotation=ALONG_X)
    b.socket("grip", (0, 0, 0))
    b.socket("mouthpiece", (0.015, 0.32, 0.0))


def _figure_eight(b: RigBuilder, *, along: Vec3, centre: Vec3, lower: float, upper: float,
                  waist: float, thick: float, color: Vec3 | None, joint: str = "root") -> None:
    """The body of a string instrument: lower and upper bouts as flat discs facing +x,
    laid out along the unit vector `along` (towards the neck)."""
    ax, ay, az = along
    cx, cy, cz = centre
    for name, distance, radius in (("lower_bout", 0.0, lower), ("upper_bout", waist, upper)):
        b.rod(name, (cx + ax * distance, cy + ay * distance, cz + az * distance), radius, thick,
              color=color, joint=joint, rotation=ALONG_X)


def _guitar(b: RigBuilder, *, size: float, electric: bool) -> None:
    """Neck along +y (the player's left); the soundboard faces +x; origin at the fret hand."""
    body_y = -0.46 * size
    _figure_eight(b, along=(0, 1, 0), centre=(0, body_y, 0), lower=0.19 * size,
                  upper=0.145 * size, waist=0.24 * size, thick=(0.025 if electric else 0.05)
                  * size, color=None)
    if electric:
        for dy in (-0.05, 0.05):
            b.box("pickup", (0.03 * size, body_y + dy * size, 0), (0.005, 0.012 * size,
                  0.04 * size), color=WHITE, material="plastic")
        b.box("pickguard", (0.027 * size, body_y - 0.02 * size, -0.07 * size),
              (0.002, 0.08 * size, 0.05 * size), color=BLACK, material="plastic")
    else:
        b.rod("sound_hole", (0.051 * size, body_y + 0.16 * size, 0), 0.045 * size, 0.002,
              color=BLACK, material="wood", rotation=ALONG_X)
    b.box("bridge", (0.03 * size if electric else 0.053 * size, body_y - 0.08 * size, 0),
          (0.006, 0.01 * size, 0.05 * size), color=BLACK, material="wood")
    b.box("neck", (0.01 * size, 0.02 * size, 0), (0.015 * size, 0.26 * size, 0.024 * size),
          color=DARK_WOOD, material="wood")
    b.box("head", (0.0, 0.33 * size, 0), (0.012 * size, 0.08 * size, 0.035 * size),
          color=DARK_WOOD, material="wood")
    b.socket("grip", (0, 0, 0))
    b.socket("strum", (0.06 * size, body_y + 0.1 * size, 0))


def guitar(b: RigBuilder) -> None:
    _guitar(b, size=1.0, electric=False)


def electric_guitar(b: RigBuilder) -> None:
    _guitar(b, size=0.95, electric=True)


def ukulele(b: RigBuilder) -> None:
    _guitar(b, size=0.55, electric=False)


def _bowed(b: RigBuilder, *, size: float, held: bool) -> None:
    """Violin family. Held (violin): the body lies with its top up, scroll forward along
    +x, origin at the neck hand. Standing (cello, bass): upright on its endpin."""
    if held:
        along, centre, up = (1.0, 0.0, 0.0), (-0.45 * size, 0.0, 0.0), (0.0, 0.0, 1.0)
    else:
        along, centre, up = (0.0, 0.0, 1.0), (0.0, 0.0, 0.25 * size), (1.0, 0.0, 0.0)
    ax, _, az = along
    cx, _, cz = centre
    for name, distance, radii in (("lower_bout", 0.0, (0.1, 0.105)),
                                  ("upper_bout", 0.19, (0.085, 0.09))):
        at = (cx + ax * distance * size, 0.0, cz + az * distance * size)
        shape_size = (radii[0] * size, radii[1] * size, 0.03 * size)
        b.add(name, "cylinder", shape_size, at, rotation=IDENTITY if held else ALONG_X)
    neck_start = (cx + ax * 0.3 * size, 0.0, cz + az * 0.3 * size)
    neck_end = (cx + ax * 0.55 * size, 0.0, cz + az * 0.55 * size)
    lift = (up[0] * 0.035 * size, 0.0, up[2] * 0.035 * size)
    b.segment("fingerboard", (neck_start[0] - ax * 0.12 * size + lift[0], 0.0,
                              neck_start[2] - az * 0.12 * size + lift[2]),
              (neck_end[0] + lift[0], 0.0, neck_end[2] + lift[2]), 0.014 * size,
              shape="box", color=BLACK, material="wood")
    b.segment("neck", neck_start, neck_end, 0.015 * size, shape="box", color=DARK_WOOD,
              material="wood")
    b.ball("scroll", (neck_end[0] + ax * 0.03 * size, 0.0, neck_end[2] + az * 0.03 * size),
           0.022 * size, color=DARK_WOOD, material="wood")
    if not held:
        b.segment("endpin", (0, 0, 0), (0, 0, 0.16 * size), 0.008 * size, color=CHROME,
                  material="metal")
    # the bow crosses the strings between the bouts; it saws about its contact point
    contact = (cx + ax * 0.08 * size + up[0] * 0.06 * size, 0.0,
               cz + az * 0.08 * size + up[2] * 0.06 * size)
    bow = b.joint("bow", contact)
    b.rod("bow_stick", (0, 0, 0), 0.005 * size, 0.32 * size, color=DARK_WOOD,
          material="wood", joint=bow, rotation=ALONG_Y)
    b.rod("bow_hair", (-0.012 * size if not held else 0, 0, -0.012 * size if held else 0),
          0.003 * size, 0.31 * size, color=WHITE, material="fabric", joint=bow,
          rotation=ALONG_Y)
    grip = (0.0, 0.0, 0.0) if held else (0.0, 0.0, neck_end[2] - 0.1 * size)  # neck hand
    b.socket("grip", grip)
    b.socket("bow_grip", (0.0, -0.3 * size, 0.0), bow)


def violin(b: RigBuilder) -> None:
    _bowed(b, size=1.0, held=True)


def cello(b: RigBuilder) -> None:
    _bowed(b, size=1.9, held=False)


def double_bass(b: RigBuilder) -> None:
    _bowed(b, size=2.5, held=False)


BUILDERS = {
    "saxophone": saxophone, "piano": piano, "violin": violin, "cello": cello,
    "double_bass": double_bass, "guitar": guitar, "electric_guitar": electric_guitar,
    "drums": drums, "trumpet": trumpet, "trombone": trombone, "clarinet": clarinet,
    "flute": flute, "harp": harp, "accordion": accordion, "ukulele": ukulele,
    "xylophone": xylophone,
}
KINDS = frozenset(BUILDERS)
PAINT: dict[str, tuple[Vec3, str]] = {  # main colour and material
    "saxophone": (BRASS, "metal"), "piano": ((0.015, 0.015, 0.017), "wood"),
    "violin": ((0.45, 0.16, 0.04), "wood"), "cello": ((0.42, 0.15, 0.04), "wood"),
    "double_bass": ((0.35, 0.13, 0.04), "wood"), "guitar": ((0.72, 0.45, 0.18), "wood"),
    "electric_guitar": ((0.75, 0.05, 0.05), "wood"), "drums": ((0.55, 0.03, 0.05), "wood"),
    "trumpet": (BRASS, "metal"), "trombone": (BRASS, "metal"),
    "clarinet": ((0.03, 0.03, 0.03), "wood"), "flute": ((0.78, 0.79, 0.82), "metal"),
    "harp": ((0.6, 0.38, 0.15), "wood"), "accordion": ((0.65, 0.04, 0.06), "plastic"),
    "ukulele": ((0.8, 0.55, 0.25), "wood"), "xylophone": (DARK_WOOD, "wood"),
}
MASS = {"piano": 400.0, "drums": 40.0, "harp": 35.0, "double_bass": 10.0, "cello": 3.0,
        "accordion": 9.0, "xylophone": 30.0}


def _model(kind: str) -> str:
    return kind if kind in BUILDERS else GENERIC


def build(kind: str, look: Look) -> Rig:
    """The instrument for `kind` (an unknown kind: a guitar) under `look`."""
    model = _model(kind)
    color, material = PAINT[model]
    builder = RigBuilder(kind=kind, family="instrument", look=look, default_color=color,
                         default_material=material)
    BUILDERS[model](builder)
    return builder.finish(mass=MASS.get(model, 1.5), ground=model not in HAND_HELD)


def is_hand_held(rig: Rig) -> bool:
    """True when the rig's origin is the grip (held in the hands), not the floor."""
    return _model(rig.kind) in HAND_HELD


def gait_speed(rig: Rig, verb: str | None) -> float:
    """Instruments are played in place."""
    return 0.0


def _pressed(clock: Clock, names: list[str], *, per_beat: int, angle: float,
             axis: str = "y") -> dict[str, np.ndarray]:
    """Keys pressed in chords: each beat `per_beat` of `names` go down for most of it."""
    rng = np.random.default_rng(clock.seed)
    beats = np.floor(clock.times / BEAT_S).astype(int)
    held = (clock.times / BEAT_S - beats) < 0.7
    chords = [rng.choice(len(names), size=min(per_beat, len(names)), replace=False)
              for _ in range(int(beats.max(initial=0)) + 1)]
    result = {}
    for index, name in enumerate(names):
        down = np.array([held[f] and index in chords[beats[f]] for f in range(len(beats))])
        result[name] = turn(axis, np.where(down, angle, 0.0))
    return result


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """`play`: keys and valves press in chords, bows saw, strings shiver, cymbals ring,
    bellows breathe, mallets strike. Any other verb: the instrument at rest."""
    if verb != "play":
        return Motion.rest(clock.frame_count)
    joints: dict[str, np.ndarray] = {}
    keys = joints_named(rig, "key_")
    if keys:
        joints |= _pressed(clock, keys, per_beat=3 if len(keys) > 10 else 2, angle=0.07)
    valves = joints_named(rig, "valve_")
    if valves:
        joints |= _pressed(clock, valves, per_beat=2, angle=0.12, axis="x")
    if has_joint(rig, "bow"):
        joints["bow"] = swing(clock, 0.2, 0.5 / BEAT_S / 2, axis="x")
    for index, name in enumerate(joints_named(rig, "string_")):
        joints[name] = swing(clock, 0.02, 9.0 + index, axis="x", phase=index)
    for index, name in enumerate(joints_named(rig, "cymbal") + joints_named(rig, "hihat")):
        hit = np.mod(clock.times + index * BEAT_S, 2 * BEAT_S)  # time since its last hit
        wobble = 0.12 * np.exp(-hit * 6.0) * np.sin(2 * math.pi * 3.0 * hit)
        joints[name] = turn("x", wobble) @ turn("y", wobble * 0.6)
    pleats = joints_named(rig, "pleat_")
    if pleats:  # the bellows fan: each pleat opens a share of the whole angle
        opening = 0.03 + 0.04 * (1 - np.cos(2 * math.pi * 0.5 * clock.times))
        for name in pleats:
            joints[name] = turn("z", opening)
    for index, name in enumerate(joints_named(rig, "mallet_")):
        strike = np.abs(np.sin(math.pi * clock.times / BEAT_S + index * math.pi / 2))
        joints[name] = turn("y", -0.35 * strike)
    if has_joint(rig, "slide"):
        joints["slide"] = swing(clock, 0.04, 1.0 / (4 * BEAT_S), axis="z")
    return motion_with(clock, joints)
