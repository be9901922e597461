"""Props, food and furniture: the small and household things of the catalog.

Every rig rests on the ground at its real size (origin under its middle, +x its front).
Sockets: `top` (where something is put: a cup on a table, a cat on a crate), `seat` on
furniture, `grip` on things held (umbrella, phone, frying pan, suitcase), `inside` on the
pot (where a dish or soup goes), `mouth` on the microphone.

Curtain, flag and jacket are rigid fallbacks: the cloth simulation (`Timeline.cloths`) is
another module's; here a curtain's folds hang from joint "drape" and a flag from joint
"flag", both swaying in the wind. Moving parts: a window's sash (joint "sash") and a
door's leaf ("door") swing open in `open` (and shut in `close`); a candle's flame
flickers and a clock's hands turn whatever the verb; a pot's lid rattles in `simmer` and
`cook`; a stove's burners glow in `cook` and `simmer`; balloons, kites, feathers and
bubbles drift; a ball bounces or rolls.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from cinestra.world.assets import Clock, Look
from cinestra.world.assets import object_food as food
from cinestra.world.assets import object_furniture as furniture
from cinestra.world.assets import object_props as props
from cinestra.world.assets import object_props_extra as extra
from cinestra.world.assets.rig import Motion, Rig
from cinestra.world.assets.solids import (
    BLACK,
    BRASS,
    RED,
    WHITE,
    RigBuilder,
    flicker,
    has_joint,
    motion_with,
    swing,
    turn,
)
from cinestra.world.timeline import Vec3

Builder = Callable[[RigBuilder], None]

PROP_BUILDERS: dict[str, Builder] = {
    "ball": props.ball, "box": props.box, "cube": props.cube, "crate": props.crate,
    "bottle": props.bottle, "can": props.can, "glass": props.glass, "cup": props.cup,
    "vase": props.vase, "marble": props.marble, "brick": props.brick, "die": props.die,
    "book": props.book, "curtain": props.curtain, "flag": props.flag, "jacket": props.jacket,
    "window": props.window, "door": props.door, "umbrella": props.umbrella,
    "balloon": props.balloon, "kite": props.kite, "lamp": props.lamp, "candle": props.candle,
    "phone": props.phone, "clock": props.clock, "pot": props.pot,
    "frying_pan": props.frying_pan, "plate": props.plate, "bowl": props.bowl,
    "spoon": props.spoon, "teapot": extra.teapot, "suitcase": extra.suitcase,
    "bag": extra.bag, "mirror": extra.mirror, "newspaper": extra.newspaper,
    "teddy_bear": extra.teddy_bear, "snowman": extra.snowman, "domino": extra.domino,
    "bowling_pin": extra.bowling_pin, "feather": extra.feather, "bubble": extra.bubble,
    "coin": extra.coin, "microphone": extra.microphone, "rock": extra.rock,
}
FOOD_BUILDERS: dict[str, Builder] = {
    name: getattr(food, name) for name in (
        "dish", "soup", "apple", "banana", "strawberry", "watermelon", "bread", "croissant",
        "cake", "pizza", "burger", "cheese", "egg", "ice_cream", "cookie", "sushi", "pasta",
        "carrot", "tomato")
}
FURNITURE_BUILDERS: dict[str, Builder] = {
    name: getattr(furniture, name) for name in (
        "chair", "armchair", "sofa", "bed", "bench", "stool", "bookshelf", "wardrobe",
        "fridge", "stove", "bathtub")
}
FAMILY_BUILDERS = {"prop": PROP_BUILDERS, "food": FOOD_BUILDERS,
                   "furniture": FURNITURE_BUILDERS}
FAMILY_KINDS = {family: frozenset(builders) for family, builders in FAMILY_BUILDERS.items()}
KINDS = frozenset().union(*FAMILY_KINDS.values())
GENERIC = "box"

# Main colour and material of each kind (what a prompt's colour or material replaces).
PAINT: dict[str, tuple[Vec3, str]] = {
    "ball": ((0.85, 0.12, 0.05), "rubber"), "box": ((0.62, 0.46, 0.28), "cardboard"),
    "cube": ((0.45, 0.26, 0.12), "wood"), "crate": ((0.62, 0.45, 0.25), "wood"),
    "bottle": ((0.1, 0.4, 0.15), "glass"), "can": (RED, "metal"),
    "glass": ((0.72, 0.84, 0.88), "glass"), "cup": (WHITE, "ceramic"),
    "vase": ((0.85, 0.84, 0.8), "ceramic"), "marble": ((0.2, 0.45, 0.85), "glass"),
    "brick": ((0.55, 0.2, 0.12), "stone"), "die": (WHITE, "plastic"),
    "book": ((0.15, 0.25, 0.45), "cardboard"), "curtain": ((0.55, 0.08, 0.1), "fabric"),
    "flag": ((0.05, 0.2, 0.65), "fabric"), "jacket": ((0.12, 0.14, 0.2), "fabric"),
    "window": (WHITE, "wood"), "door": ((0.45, 0.25, 0.1), "wood"),
    "umbrella": ((0.05, 0.05, 0.3), "fabric"), "balloon": (RED, "rubber"),
    "kite": ((0.95, 0.75, 0.05), "fabric"), "lamp": ((0.9, 0.85, 0.7), "fabric"),
    "candle": ((0.92, 0.9, 0.8), "plastic"), "phone": (BLACK, "plastic"),
    "clock": ((0.4, 0.22, 0.08), "wood"), "pot": ((0.7, 0.71, 0.73), "metal"),
    "frying_pan": ((0.15, 0.15, 0.16), "metal"), "plate": (WHITE, "ceramic"),
    "bowl": ((0.85, 0.84, 0.8), "ceramic"), "spoon": ((0.72, 0.73, 0.76), "metal"),
    "teapot": ((0.85, 0.84, 0.8), "ceramic"), "suitcase": ((0.35, 0.12, 0.05), "leather"),
    "bag": ((0.45, 0.2, 0.08), "leather"), "mirror": ((0.4, 0.22, 0.08), "wood"),
    "newspaper": ((0.86, 0.85, 0.8), "paper"), "teddy_bear": ((0.5, 0.3, 0.12), "fabric"),
    "snowman": (BLACK, "fabric"), "domino": (BLACK, "plastic"),
    "bowling_pin": (WHITE, "plastic"), "feather": (WHITE, "fabric"),
    "bubble": ((0.75, 0.85, 0.95), "glass"), "coin": (BRASS, "metal"),
    "microphone": (BLACK, "metal"), "rock": ((0.5, 0.48, 0.45), "stone"),
    # food
    "dish": ((0.55, 0.3, 0.12), "ceramic"), "soup": ((0.85, 0.45, 0.08), "ceramic"),
    "apple": ((0.75, 0.06, 0.04), "plastic"), "banana": ((0.95, 0.8, 0.15), "plastic"),
    "strawberry": ((0.85, 0.05, 0.07), "plastic"), "watermelon": ((0.15, 0.45, 0.1), "plastic"),
    "bread": ((0.7, 0.42, 0.15), "plastic"), "croissant": ((0.85, 0.55, 0.2), "plastic"),
    "cake": ((0.95, 0.55, 0.65), "plastic"), "pizza": ((0.75, 0.45, 0.15), "plastic"),
    "burger": ((0.8, 0.5, 0.18), "plastic"), "cheese": ((0.98, 0.8, 0.25), "plastic"),
    "egg": ((0.95, 0.9, 0.8), "ceramic"), "ice_cream": ((0.95, 0.6, 0.7), "plastic"),
    "cookie": ((0.75, 0.5, 0.22), "plastic"), "sushi": ((0.95, 0.45, 0.3), "plastic"),
    "pasta": ((0.95, 0.82, 0.45), "plastic"), "carrot": ((0.95, 0.38, 0.03), "plastic"),
    "tomato": ((0.85, 0.08, 0.04), "plastic"),
    # furniture
    "chair": ((0.45, 0.26, 0.12), "wood"), "armchair": ((0.45, 0.12, 0.1), "fabric"),
    "sofa": ((0.2, 0.3, 0.45), "fabric"), "bed": ((0.3, 0.45, 0.65), "fabric"),
    "bench": ((0.5, 0.3, 0.12), "wood"), "stool": ((0.15, 0.15, 0.16), "leather"),
    "bookshelf": ((0.42, 0.24, 0.1), "wood"), "wardrobe": ((0.4, 0.22, 0.09), "wood"),
    "fridge": ((0.88, 0.88, 0.86), "metal"), "stove": ((0.85, 0.85, 0.83), "metal"),
    "bathtub": ((0.92, 0.92, 0.9), "ceramic"),
}
MASS: dict[str, float] = {
    "crate": 8.0, "window": 25.0, "door": 30.0, "suitcase": 6.0, "mirror": 15.0,
    "snowman": 150.0, "microphone": 3.0, "rock": 40.0, "jacket": 1.2, "curtain": 3.0,
    "flag": 4.0, "chair": 6.0, "armchair": 30.0, "sofa": 60.0, "bed": 80.0, "bench": 35.0,
    "stool": 5.0, "bookshelf": 40.0, "wardrobe": 90.0, "fridge": 70.0, "stove": 60.0,
    "bathtub": 120.0, "watermelon": 5.0, "pot": 2.0, "teddy_bear": 0.5,
}

OPENERS = frozenset({"open", "close"})
COOKING = frozenset({"simmer", "cook"})
WIND = frozenset({"rustle", "flutter", "float", "fly", "swing"})
VERBS = OPENERS | COOKING | WIND | frozenset({"bounce", "roll", "spin"})
ROLLERS = frozenset({"ball", "marble"})
ROLL_SPEED = 1.5  # m/s at normal size
OPEN_ANGLE = math.radians(75.0)
OPEN_SECONDS = 1.5
BOUNCE_PERIOD = 0.8  # s between floor touches; the apex ~ g T^2 / 8 above the rest height


def family_of(kind: str) -> str:
    for family, builders in FAMILY_BUILDERS.items():
        if kind in builders:
            return family
    return "prop"


def build(kind: str, look: Look) -> Rig:
    """The prop, food or furniture for `kind` (an unknown kind: a cardboard box)."""
    model = kind if kind in KINDS else GENERIC
    color, material = PAINT[model]
    builder = RigBuilder(kind=kind, family=family_of(model), look=look, default_color=color,
                         default_material=material)
    FAMILY_BUILDERS[family_of(model)][model](builder)
    return builder.finish(mass=MASS.get(model, 0.5))


def _model(rig: Rig) -> str:
    return rig.kind if rig.kind in KINDS else GENERIC


def gait_speed(rig: Rig, verb: str | None) -> float:
    """A ball or marble rolling covers ground (faster when bigger); everything else stays."""
    if verb == "roll" and _model(rig) in ROLLERS:
        return ROLL_SPEED * math.sqrt(max(rig.height, 1e-3) / _nominal_height(_model(rig)))
    return 0.0


def _nominal_height(model: str) -> float:
    return {"ball": 0.22, "marble": 0.024}[model]


def _opening(clock: Clock, verb: str | None) -> np.ndarray:
    """Hinge angle of a sash or door leaf: swinging open (or shut) over OPEN_SECONDS."""
    share = np.clip(clock.times / OPEN_SECONDS, 0.0, 1.0)
    eased = share * share * (3 - 2 * share)
    return OPEN_ANGLE * (eased if verb == "open" else 1.0 - eased)


def _clock_hands(clock: Clock) -> dict[str, np.ndarray]:
    """Hands turning clockwise (seen from the front, +x) at their real rates, from 10:10
    plus a few minutes drawn from the clock's seed."""
    start = (10 * 3600 + 10 * 60 + (clock.seed * 137) % 1800) + clock.times
    return {"hand_hour": turn("x", -2 * math.pi * start / 43200.0),
            "hand_minute": turn("x", -2 * math.pi * start / 3600.0),
            "hand_second": turn("x", -2 * math.pi * start / 60.0)}


def _root_motion(rig: Rig, verb: str | None, clock: Clock
                 ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Bouncing, rolling, spinning and bobbing move the whole rig."""
    t, n = clock.times, clock.frame_count
    offset = np.zeros((n, 3))
    model = _model(rig)
    if verb == "bounce":
        apex = 9.81 * BOUNCE_PERIOD ** 2 / 8
        phase = np.mod(t / BOUNCE_PERIOD, 1.0)
        offset[:, 2] = 4 * apex * phase * (1 - phase)  # parabolic hops between touches
        return offset, None
    if verb == "roll" and model in ROLLERS:  # turn about the centre, which stays put
        radius = rig.height / 2
        rotation = turn("y", gait_speed(rig, verb) * t / radius)
        centre = np.array([0.0, 0.0, radius])
        offset = centre - rotation @ centre
        return offset, rotation
    if verb == "spin":
        return None, turn("z", 2 * math.pi * 1.5 * t)
    if verb in ("float", "fly") and model in ("bubble", "balloon", "feather", "kite"):
        offset[:, 2] = 0.05 * max(rig.height, 0.1) * np.sin(2 * math.pi * 0.5 * t)
        return offset, None
    return None, None


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """The prop's own motion for `verb` (see the module docstring); other verbs: at rest,
    but flames still flicker and clocks still tick."""
    joints: dict[str, np.ndarray] = {}
    if has_joint(rig, "flame"):
        joints["flame"] = flicker(clock, 0.18, clock.seed)
    if has_joint(rig, "hand_second"):
        joints |= _clock_hands(clock)
    for hinge in ("sash", "door"):
        if has_joint(rig, hinge) and verb in OPENERS | {"swing"}:
            angle = _opening(clock, "open" if verb == "swing" else verb)
            joints[hinge] = turn("z", angle)
    if has_joint(rig, "lid") and verb in COOKING:  # a lid rattling on the steam
        joints["lid"] = flicker(clock, 0.05, clock.seed + 1)
    if verb in COOKING:
        for index in range(4):
            if has_joint(rig, f"burner_{index}"):
                joints[f"burner_{index}"] = turn("x", math.pi, frames=clock.frame_count)
    gust = 2.0 if verb in WIND else 1.0  # a breeze always; named wind blows harder
    if has_joint(rig, "drape"):
        joints["drape"] = turn("y", -0.08 * gust * (1.2 + np.sin(2 * math.pi * 0.6 * clock.times)))
    if has_joint(rig, "flag"):
        joints["flag"] = swing(clock, 0.15 * gust, 0.9, axis="z") @ swing(
            clock, 0.05 * gust, 1.7, axis="x")
    for name, amplitude in (("string", 0.06), ("kite", 0.12), ("vane", 0.25)):
        if has_joint(rig, name) and (verb in WIND or name == "string"):
            joints[name] = swing(clock, amplitude, 0.4, axis="x") @ swing(
                clock, amplitude * 0.6, 0.27, axis="y")
    return motion_with(clock, joints, *_root_motion(rig, verb, clock))
