"""Vehicles: road, rail, two-wheelers, boats, aircraft and spacecraft, built from primitives.

The origin is on the ground under the middle of the vehicle, +x its front. Wheels sit on
joints "wheel_*" (spun about their axle, local y, so that the rim rolls at `gait_speed`
without slipping), rotors and propellers on "rotor*" / "propeller*" / "fan*", a bicycle's
cranks on "crank". Sockets: "seat" (driver or rider), "roof" (what rides on top).
Headlights and taillights are emissive parts; a rocket's and spaceship's exhaust flames
show only while they fly (their joint turns them out of the hull).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from cinestra.world.assets import Clock, Look
from cinestra.world.assets import vehicle_craft as craft
from cinestra.world.assets.rig import Motion, Rig
from cinestra.world.assets.solids import (
    ALONG_Y,
    BLACK,
    CHROME,
    DARK,
    GLASS_TINT,
    GREY,
    LAMP,
    RED,
    WHITE,
    YELLOW,
    RigBuilder,
    flicker,
    has_joint,
    joints_named,
    motion_with,
    nominal_scale,
    quat,
    spin,
    turn,
)
from cinestra.world.timeline import Vec3

DRIVE_VERBS = frozenset({"drive", "ride", "race", "cross", "fly", "swim", "dive", "chase",
                         "run", "walk", "surf", "skate", "roll"})
VERBS = DRIVE_VERBS | frozenset({"float", "sink", "crash"})
RACE_FACTOR = 1.6  # racing is this much faster than the kind's cruising speed


@dataclass(frozen=True)
class Spec:
    speed: float  # cruising ground speed, m/s
    mass: float  # kg


SPECS: dict[str, Spec] = {
    "car": Spec(11.0, 1400), "taxi": Spec(10.0, 1500), "police_car": Spec(14.0, 1700),
    "bus": Spec(8.0, 12000), "truck": Spec(9.0, 9000), "fire_truck": Spec(12.0, 15000),
    "ambulance": Spec(12.0, 3500), "bicycle": Spec(5.0, 12), "motorcycle": Spec(14.0, 200),
    "scooter": Spec(7.0, 110), "skateboard": Spec(3.5, 4), "train": Spec(22.0, 80000),
    "tram": Spec(9.0, 35000), "boat": Spec(8.0, 1500), "sailboat": Spec(4.0, 3000),
    "ship": Spec(9.0, 2.0e6), "canoe": Spec(1.6, 30), "submarine": Spec(6.0, 1.5e6),
    "plane": Spec(70.0, 40000), "helicopter": Spec(25.0, 2500),
    "hot_air_balloon": Spec(3.0, 500), "rocket": Spec(40.0, 5.0e5),
    "spaceship": Spec(50.0, 8.0e4), "tractor": Spec(4.0, 4000),
}
KINDS = frozenset(SPECS)
GENERIC = "car"


def _wheel(b: RigBuilder, name: str, at: Vec3, radius: float, half_width: float,
           hub: Vec3 = CHROME) -> None:
    """A tyre with a hub and a spoke (so its turning shows) on its own joint."""
    joint = b.joint(name, at)
    b.rod("wheel", (0, 0, 0), radius, half_width, color=BLACK, material="rubber",
          joint=joint, rotation=ALONG_Y)
    b.rod("hub", (0, 0, 0), radius * 0.55, half_width * 1.1, color=hub, material="metal",
          joint=joint, rotation=ALONG_Y)
    b.box("spoke", (0, 0, 0), (radius * 0.5, half_width * 1.2, radius * 0.08), color=GREY,
          material="metal", joint=joint)


def _lights(b: RigBuilder, *, front: float, back: float, z: float, y: float) -> None:
    for side in (1, -1):
        b.box("headlight", (front, side * y, z), (0.02, 0.12, 0.06), color=LAMP,
              material="glass", emissive=2.0)
        b.box("taillight", (back, side * y, z), (0.02, 0.10, 0.05), color=RED,
              material="glass", emissive=1.5)


def _car(b: RigBuilder, *, length: float = 4.4, width: float = 1.8, roof: float = 1.45,
         wheel: float = 0.33) -> float:
    """A saloon: body, glass cabin, roof, four wheels, lights. Returns the roof top z."""
    half, body_top = length / 2, 0.95
    b.box("body", (0, 0, (wheel * 0.55 + body_top) / 2),
          (half, width / 2, (body_top - wheel * 0.55) / 2))
    b.box("cabin", (-0.15, 0, (body_top + roof) / 2 - 0.02),
          (half * 0.48, width / 2 - 0.08, (roof - body_top) / 2 - 0.02),
          color=GLASS_TINT, material="glass")
    b.box("roof", (-0.15, 0, roof - 0.02), (half * 0.46, width / 2 - 0.1, 0.03))
    b.box("bumper", (half, 0, 0.42), (0.06, width / 2, 0.08), color=DARK, material="plastic")
    b.box("bumper", (-half, 0, 0.42), (0.06, width / 2, 0.08), color=DARK, material="plastic")
    _lights(b, front=half + 0.01, back=-half - 0.01, z=0.72, y=width / 2 - 0.2)
    for name, x in (("wheel_front", half * 0.66), ("wheel_rear", -half * 0.64)):
        for side, tag in ((1, "_l"), (-1, "_r")):
            _wheel(b, name + tag, (x, side * (width / 2 - 0.12), wheel), wheel, 0.11)
    b.socket("seat", (0.1, 0.38, 0.55))
    b.socket("roof", (-0.15, 0, roof))
    return roof


def _light_bar(b: RigBuilder, z: float, colors: tuple[Vec3, Vec3]) -> None:
    b.box("light_bar", (-0.1, 0.22, z + 0.05), (0.12, 0.2, 0.05), color=colors[0],
          material="plastic", emissive=2.5)
    b.box("light_bar", (-0.1, -0.22, z + 0.05), (0.12, 0.2, 0.05), color=colors[1],
          material="plastic", emissive=2.5)


def _big_wheels(b: RigBuilder, axles: tuple[float, ...], width: float, radius: float) -> None:
    for index, x in enumerate(axles):
        for side, tag in ((1, "_l"), (-1, "_r")):
            _wheel(b, f"wheel_{index}{tag}", (x, side * (width / 2 - 0.15), radius), radius,
                   0.16)


def _bus(b: RigBuilder) -> None:
    length, width, height = 12.0, 2.55, 3.1
    b.box("body", (0, 0, 0.35 + (height - 0.35) / 2), (length / 2, width / 2, (height - 0.35) / 2))
    b.box("windows", (0.2, 0, 2.1), (length / 2 - 0.5, width / 2 + 0.01, 0.5), color=GLASS_TINT,
          material="glass")
    b.box("windscreen", (length / 2 + 0.01, 0, 1.8), (0.02, width / 2 - 0.1, 0.75),
          color=GLASS_TINT, material="glass")
    b.box("stripe", (0, 0, 1.3), (length / 2 + 0.005, width / 2 + 0.005, 0.08), color=WHITE,
          material="metal")
    _lights(b, front=length / 2 + 0.02, back=-length / 2 - 0.02, z=0.7, y=width / 2 - 0.3)
    _big_wheels(b, (length * 0.3, -length * 0.28), width, 0.5)
    b.socket("seat", (length / 2 - 1.0, 0.6, 1.0))
    b.socket("roof", (0, 0, height))


def _truck(b: RigBuilder, *, fire: bool) -> None:
    length, width = (9.0, 2.5) if fire else (8.0, 2.5)
    cab = length / 2 - 1.1
    b.box("cab", (cab, 0, 1.75), (1.1, width / 2, 1.05))
    b.box("windscreen", (cab + 1.11, 0, 2.2), (0.02, width / 2 - 0.12, 0.45), color=GLASS_TINT,
          material="glass")
    b.box("chassis", (-1.0, 0, 0.85), (length / 2 - 1.0, width / 2 - 0.1, 0.2), color=DARK,
          material="metal")
    if fire:
        b.box("body", (-1.2, 0, 1.8), (length / 2 - 1.4, width / 2, 0.8))
        b.box("stripe", (-1.2, 0, 1.45), (length / 2 - 1.39, width / 2 + 0.01, 0.07),
              color=WHITE, material="metal")
        for side in (1, -1):  # a long ladder resting on the body, tilted up at the back
            b.box("ladder_rail", (-1.0, side * 0.4, 2.85), (3.9, 0.05, 0.06), color=CHROME,
                  material="metal", rotation=quat("y", -4))
        for step in range(9):
            b.box("ladder_rung", (-4.6 + step * 0.85, 0, 2.85 + (0.6 - step * 0.07)),
                  (0.03, 0.4, 0.03), color=CHROME, material="metal")
        _light_bar(b, 2.8, (RED, RED))
    else:
        b.box("cargo", (-1.3, 0, 2.1), (length / 2 - 1.5, width / 2, 1.2), color=WHITE,
              material="metal")
    _lights(b, front=length / 2 + 0.01, back=-length / 2 + 0.2, z=0.9, y=width / 2 - 0.3)
    _big_wheels(b, (cab, -length / 2 + 1.6, -length / 2 + 2.8), width, 0.5)
    b.socket("seat", (cab, 0.5, 1.4))
    b.socket("roof", (cab, 0, 2.8))


def _ambulance(b: RigBuilder) -> None:
    roof = _car(b, length=5.6, width=2.0, roof=1.5, wheel=0.37)
    b.box("box_body", (-0.9, 0, 1.55), (1.9, 1.0, 0.95), color=WHITE, material="metal")
    b.box("stripe", (-0.2, 0, 1.0), (2.81, 1.01, 0.08), color=RED, material="metal")
    b.box("cross", (-0.9, 1.01, 1.75), (0.35, 0.01, 0.1), color=RED, material="plastic")
    b.box("cross", (-0.9, 1.01, 1.75), (0.1, 0.01, 0.35), color=RED, material="plastic")
    _light_bar(b, max(roof, 2.5), (RED, (0.05, 0.2, 1.0)))
    b.socket("roof", (-0.9, 0, 2.5))


def _bicycle(b: RigBuilder, *, motor: bool) -> None:
    radius, base = (0.34, 1.05) if not motor else (0.32, 1.45)
    half = base / 2
    for name, x in (("wheel_front", half), ("wheel_rear", -half)):
        joint = b.joint(name, (x, 0, radius))
        b.rod("wheel", (0, 0, 0), radius, 0.02 if not motor else 0.07, color=BLACK,
              material="rubber", joint=joint, rotation=ALONG_Y)
        b.rod("hub", (0, 0, 0), radius * 0.82, 0.022 if not motor else 0.075,
              color=CHROME if not motor else DARK, material="metal", joint=joint,
              rotation=ALONG_Y)
        b.box("spoke", (0, 0, 0), (radius * 0.8, 0.03 if not motor else 0.08, 0.012),
              color=GREY, material="metal", joint=joint)
    if motor:
        b.box("tank", (0.1, 0, 0.85), (0.3, 0.16, 0.13), material="metal")
        b.box("engine", (-0.05, 0, 0.5), (0.25, 0.17, 0.16), color=GREY, material="metal")
        b.box("seat_pad", (-0.35, 0, 0.88), (0.3, 0.15, 0.05), color=BLACK, material="leather")
        b.box("fork", (half - 0.1, 0, 0.65), (0.03, 0.06, 0.33), color=CHROME,
              material="metal", rotation=quat("y", -20))
        b.box("headlight", (half + 0.03, 0, 0.95), (0.04, 0.08, 0.08), color=LAMP,
              material="glass", emissive=2.0)
        b.box("taillight", (-half - 0.05, 0, 0.8), (0.02, 0.06, 0.04), color=RED,
              material="glass", emissive=1.5)
        seat_z = 0.93
    else:
        # diamond frame: top tube, down tube, seat tube, chain stays
        tubes = (((0.03, 0, 0.78), (0.30, 0.018, 0.018), 5.0),
                 ((0.14, 0, 0.55), (0.30, 0.018, 0.018), 45.0),
                 ((-0.16, 0, 0.6), (0.018, 0.018, 0.28), -18.0),
                 ((-0.33, 0, 0.34), (0.2, 0.015, 0.015), 0.0),
                 ((-0.3, 0, 0.52), (0.22, 0.015, 0.015), 40.0))
        for at, half_size, pitch in tubes:
            b.box("frame", at, half_size, material="metal", rotation=quat("y", pitch))
        b.box("fork", (half - 0.05, 0, 0.62), (0.018, 0.02, 0.3), color=CHROME,
              material="metal", rotation=quat("y", -18))
        b.box("seat_pad", (-0.27, 0, 0.92), (0.12, 0.06, 0.025), color=BLACK,
              material="leather")
        crank = b.joint("crank", (-0.02, 0, 0.33))
        b.rod("chainring", (0, 0, 0), 0.1, 0.01, color=CHROME, material="metal", joint=crank,
              rotation=ALONG_Y)
        for side in (1, -1):
            b.box("crank_arm", (0, side * 0.06, -0.08 * side), (0.015, 0.01, 0.09),
                  color=GREY, material="metal", joint=crank)
            b.box("pedal", (0, side * 0.11, -0.17 * side), (0.05, 0.05, 0.012), color=BLACK,
                  material="plastic", joint=crank)
        seat_z = 0.94
    b.box("handlebar", (half - 0.15, 0, 1.02), (0.025, 0.3, 0.02), color=CHROME,
          material="metal")
    b.socket("seat", (-0.3 if motor else -0.27, 0, seat_z))
    b.socket("roof", (-0.3, 0, seat_z))


def _scooter(b: RigBuilder) -> None:
    _wheel(b, "wheel_front", (0.6, 0, 0.22), 0.22, 0.06)
    _wheel(b, "wheel_rear", (-0.55, 0, 0.22), 0.22, 0.06)
    b.box("floorboard", (0.05, 0, 0.3), (0.4, 0.17, 0.05))
    b.ball("rear_body", (-0.45, 0, 0.52), (0.38, 0.2, 0.24))
    b.box("shield", (0.5, 0, 0.7), (0.06, 0.2, 0.38), rotation=quat("y", -12))
    b.box("seat_pad", (-0.4, 0, 0.8), (0.28, 0.14, 0.05), color=BLACK, material="leather")
    b.box("handlebar", (0.55, 0, 1.1), (0.05, 0.3, 0.03), color=CHROME, material="metal")
    b.box("headlight", (0.6, 0, 1.05), (0.03, 0.07, 0.05), color=LAMP, material="glass",
          emissive=2.0)
    b.socket("seat", (-0.4, 0, 0.85))
    b.socket("roof", (-0.4, 0, 0.85))


def _skateboard(b: RigBuilder) -> None:
    b.box("deck", (0, 0, 0.1), (0.4, 0.105, 0.01))
    for tip in (1, -1):
        b.box("deck", (tip * 0.43, 0, 0.115), (0.05, 0.1, 0.01), rotation=quat("y", -tip * 20))
    for name, x in (("wheel_front", 0.28), ("wheel_rear", -0.28)):
        b.box("truck_axle", (x, 0, 0.06), (0.02, 0.09, 0.015), color=CHROME, material="metal")
        for side, tag in ((1, "_l"), (-1, "_r")):
            joint = b.joint(name + tag, (x, side * 0.09, 0.028))
            b.rod("wheel", (0, 0, 0), 0.028, 0.02, color=WHITE, material="plastic",
                  joint=joint, rotation=ALONG_Y)
            b.box("spoke", (0, 0, 0), (0.02, 0.022, 0.004), color=GREY, material="plastic",
                  joint=joint)
    b.socket("seat", (0, 0, 0.11))
    b.socket("roof", (0, 0, 0.11))


def _train(b: RigBuilder, *, tram: bool) -> None:
    length, width, height = (22.0, 2.6, 3.4) if tram else (20.0, 3.0, 4.0)
    b.box("body", (0, 0, 0.6 + (height - 0.6) / 2), (length / 2, width / 2, (height - 0.6) / 2))
    b.box("windows", (0, 0, height * 0.62), (length / 2 - 1.0, width / 2 + 0.01, 0.45),
          color=GLASS_TINT, material="glass")
    b.box("windscreen", (length / 2 + 0.01, 0, height * 0.65), (0.02, width / 2 - 0.2, 0.5),
          color=GLASS_TINT, material="glass")
    b.box("stripe", (0, 0, 1.3), (length / 2 + 0.01, width / 2 + 0.01, 0.1), color=YELLOW,
          material="metal")
    if tram:
        b.box("pantograph", (0, 0, height + 0.35), (0.6, 0.5, 0.02), color=DARK,
              material="metal", rotation=quat("y", 15))
    else:
        b.box("nose", (length / 2 + 0.6, 0, 1.6), (0.6, width / 2 - 0.1, 1.0))
        b.rod("funnel", (length / 2 - 2.0, 0, height + 0.3), 0.3, 0.35, color=DARK,
              material="metal")
    _lights(b, front=length / 2 + 0.02, back=-length / 2 - 0.02, z=1.1, y=width / 2 - 0.4)
    radius = 0.45
    for index, x in enumerate((length * 0.38, length * 0.28, -length * 0.28, -length * 0.38)):
        for side, tag in ((1, "_l"), (-1, "_r")):
            _wheel(b, f"wheel_{index}{tag}", (x, side * (width / 2 - 0.3), radius), radius,
                   0.08, hub=DARK)
    b.socket("seat", (length / 2 - 1.2, 0, 1.2))
    b.socket("roof", (0, 0, height))


def _taxi(b: RigBuilder) -> None:
    roof = _car(b)
    b.box("taxi_sign", (-0.15, 0, roof + 0.1), (0.12, 0.3, 0.09), color=LAMP,
          material="plastic", emissive=1.5)
    b.box("checker", (0, 0, 0.8), (2.21, 0.91, 0.05), color=BLACK, material="plastic")


def _police_car(b: RigBuilder) -> None:
    roof = _car(b, length=4.8, width=1.85)
    b.box("livery", (0.1, 0, 0.68), (1.6, 0.93, 0.2), color=(0.02, 0.06, 0.3),
          material="metal")
    b.box("hood_livery", (1.9, 0, 0.96), (0.5, 0.9, 0.012), color=(0.02, 0.06, 0.3),
          material="metal")
    _light_bar(b, roof, (RED, (0.05, 0.2, 1.0)))


def _truck_plain(b: RigBuilder) -> None:
    _truck(b, fire=False)


def _fire_truck(b: RigBuilder) -> None:
    _truck(b, fire=True)


def _bicycle_plain(b: RigBuilder) -> None:
    _bicycle(b, motor=False)


def _motorcycle(b: RigBuilder) -> None:
    _bicycle(b, motor=True)


def _train_plain(b: RigBuilder) -> None:
    _train(b, tram=False)


def _tram(b: RigBuilder) -> None:
    _train(b, tram=True)


BUILDERS: dict[str, Callable[[RigBuilder], object]] = {
    "car": _car, "taxi": _taxi, "police_car": _police_car, "bus": _bus, "truck": _truck_plain,
    "fire_truck": _fire_truck, "ambulance": _ambulance, "bicycle": _bicycle_plain,
    "motorcycle": _motorcycle, "scooter": _scooter, "skateboard": _skateboard,
    "train": _train_plain, "tram": _tram, "boat": craft.boat, "sailboat": craft.sailboat,
    "ship": craft.ship, "canoe": craft.canoe, "submarine": craft.submarine,
    "plane": craft.plane, "helicopter": craft.helicopter,
    "hot_air_balloon": craft.hot_air_balloon, "rocket": craft.rocket,
    "spaceship": craft.spaceship, "tractor": craft.tractor,
}
PAINT: dict[str, tuple[Vec3, str]] = {  # default main colour and material
    "car": ((0.08, 0.18, 0.55), "metal"), "taxi": (YELLOW, "metal"),
    "police_car": (WHITE, "metal"), "bus": ((0.75, 0.05, 0.03), "metal"),
    "truck": ((0.1, 0.25, 0.6), "metal"), "fire_truck": (RED, "metal"),
    "ambulance": (WHITE, "metal"), "bicycle": ((0.05, 0.3, 0.75), "metal"),
    "motorcycle": ((0.6, 0.03, 0.03), "metal"), "scooter": ((0.45, 0.78, 0.68), "metal"),
    "skateboard": ((0.75, 0.45, 0.15), "wood"), "train": ((0.12, 0.22, 0.5), "metal"),
    "tram": ((0.1, 0.45, 0.25), "metal"), "boat": (WHITE, "plastic"),
    "sailboat": (WHITE, "plastic"), "ship": ((0.08, 0.1, 0.2), "metal"),
    "canoe": ((0.75, 0.25, 0.05), "wood"), "submarine": ((0.15, 0.16, 0.18), "metal"),
    "plane": (WHITE, "metal"), "helicopter": ((0.85, 0.55, 0.05), "metal"),
    "hot_air_balloon": ((0.8, 0.08, 0.05), "fabric"), "rocket": ((0.8, 0.06, 0.04), "metal"),
    "spaceship": ((0.7, 0.72, 0.76), "metal"), "tractor": ((0.1, 0.42, 0.08), "metal"),
}
WATERCRAFT = frozenset({"boat", "sailboat", "ship", "canoe", "submarine"})


def _model(kind: str) -> str:
    return kind if kind in BUILDERS else GENERIC


def build(kind: str, look: Look) -> Rig:
    """The vehicle for `kind` (an unknown kind: a car) under `look`."""
    model = _model(kind)
    color, material = PAINT[model]
    builder = RigBuilder(kind=kind, family="vehicle", look=look, default_color=color,
                         default_material=material)
    BUILDERS[model](builder)
    return builder.finish(mass=SPECS[model].mass)


@cache
def _nominal_length(model: str) -> float:
    return build(model, Look()).length


def gait_speed(rig: Rig, verb: str | None) -> float:
    """Ground speed (m/s) the motion is made for: the kind's cruising speed when it moves
    (faster racing; a giant vehicle covers more ground), 0 when it stays in place."""
    if verb not in DRIVE_VERBS:
        return 0.0
    model = _model(rig.kind)
    scale = nominal_scale(rig, _nominal_length(model))
    factor = RACE_FACTOR if verb == "race" else 1.0
    return SPECS[model].speed * factor * math.sqrt(scale)


def wheel_radius(rig: Rig, joint: str) -> float:
    """Radius of the tyre on a wheel joint (the distance from axle to road)."""
    for part in rig.parts:
        if part.joint == joint and part.name == "wheel":
            return part.size[0]
    raise KeyError(f"{rig.kind} rig has no wheel on joint {joint!r}")


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """Wheels roll at `gait_speed`, cranks pedal, rotors and fans turn, exhausts burn while
    flying; boats bob on the water (and `sink` goes down, bow first)."""
    speed = gait_speed(rig, verb)
    moving = speed > 0
    joints = {}
    for name in joints_named(rig, "wheel"):
        joints[name] = spin(clock, speed / wheel_radius(rig, name), "y")
    if has_joint(rig, "crank"):
        joints["crank"] = spin(clock, speed / wheel_radius(rig, "wheel_rear") / 2.5, "y")
    if has_joint(rig, "rotor"):  # idling rotors turn slowly, flying ones fast
        joints["rotor"] = spin(clock, 30.0 if moving else 8.0, "z")
        joints["rotor_tail"] = spin(clock, 60.0 if moving else 16.0, "y")
    for name in joints_named(rig, "fan") + joints_named(rig, "propeller"):
        joints[name] = spin(clock, 40.0 if moving else 0.0, "x")
    if has_joint(rig, "exhaust") and moving:
        axis = "z" if rig.kind == "spaceship" else "x"
        joints["exhaust"] = turn(axis, math.pi, frames=clock.frame_count) @ flicker(
            clock, 0.06, clock.seed)
    return motion_with(clock, joints, *_hull_motion(rig, verb, clock))


def _hull_motion(rig: Rig, verb: str | None, clock: Clock
                 ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Root offset and rotation: a floating hull's bob and roll, or a sinking one."""
    if _model(rig.kind) not in WATERCRAFT:
        return None, None
    t = clock.times
    size = max(rig.height, 0.5)
    offset = np.zeros((clock.frame_count, 3))
    offset[:, 2] = 0.02 * size * np.sin(2 * math.pi * 0.4 * t)
    roll = 0.035 * np.sin(2 * math.pi * 0.27 * t + 1.0)
    pitch = np.zeros_like(t)
    if verb == "sink":
        offset[:, 2] -= 0.25 * size * t
        pitch = np.minimum(0.35, 0.12 * t)
    return offset, turn("x", roll) @ turn("y", pitch)
