"""Vehicle builders for boats, aircraft, spacecraft and the tractor (see vehicle.py for the
conventions: +x front, origin on the ground under the middle, sockets seat and roof)."""

from __future__ import annotations

from cinestra.world.assets.solids import (
    ALONG_X,
    ALONG_Y,
    BLACK,
    CHROME,
    DARK,
    GLASS_TINT,
    GREEN,
    GREY,
    LAMP,
    RED,
    WHITE,
    WOOD,
    RigBuilder,
    quat,
)
from cinestra.world.timeline import Vec3

FLAME: Vec3 = (1.0, 0.55, 0.1)
HULL_RED: Vec3 = (0.45, 0.04, 0.03)


def _hull(b: RigBuilder, *, length: float, beam: float, depth: float,
          bottom: Vec3 = HULL_RED) -> None:
    """A hull: a box amidships and a pointed bow (a cone along +x), a dark band below."""
    stern = length * 0.7
    centre_x = -length / 2 + stern / 2
    b.box("hull", (centre_x, 0, depth * 0.55), (stern / 2, beam / 2, depth * 0.45))
    b.box("hull_bottom", (centre_x, 0, depth * 0.18), (stern / 2 * 0.98, beam / 2 * 0.9,
                                                       depth * 0.18), color=bottom)
    bow = length - stern
    b.add("bow", "cone", (depth * 0.45, beam / 2, bow / 2),
          (-length / 2 + stern + bow / 2, 0, depth * 0.55), rotation=ALONG_X)


def boat(b: RigBuilder) -> None:
    _hull(b, length=6.0, beam=2.2, depth=1.0, bottom=WHITE)
    b.box("deck_cabin", (-0.6, 0, 1.35), (1.0, 0.8, 0.35), color=WHITE, material="plastic")
    b.box("windscreen", (0.45, 0, 1.45), (0.04, 0.75, 0.25), color=GLASS_TINT,
          material="glass", rotation=quat("y", -25))
    b.box("outboard", (-3.1, 0, 0.9), (0.15, 0.15, 0.4), color=DARK, material="metal")
    propeller = b.joint("propeller", (-3.15, 0, 0.45))
    b.box("blade", (0, 0, 0), (0.02, 0.02, 0.15), color=CHROME, material="metal",
          joint=propeller)
    b.socket("seat", (-0.3, 0.3, 1.0))
    b.socket("roof", (-0.6, 0, 1.7))


def sailboat(b: RigBuilder) -> None:
    _hull(b, length=8.0, beam=2.6, depth=1.1, bottom=(0.05, 0.1, 0.3))
    b.rod("mast", (0.3, 0, 5.6), 0.07, 4.5, color=CHROME, material="metal")
    b.rod("boom", (-1.2, 0, 2.0), 0.05, 1.5, color=CHROME, material="metal", rotation=ALONG_X)
    # sails: flattened cones read as triangles from the side
    b.add("sail", "cone", (1.5, 0.02, 3.8), (-1.1, 0, 5.9), color=WHITE, material="fabric")
    b.add("sail", "cone", (1.0, 0.02, 3.2), (1.3, 0, 5.0), color=WHITE, material="fabric")
    b.box("keel", (0, 0, -0.0), (0.8, 0.08, 0.2), color=DARK, material="metal")
    b.socket("seat", (-2.5, 0.5, 1.1))
    b.socket("roof", (-1.5, 0, 1.1))


def ship(b: RigBuilder) -> None:
    _hull(b, length=120.0, beam=18.0, depth=12.0, bottom=HULL_RED)
    b.box("superstructure", (-30, 0, 17), (14, 8, 5), color=WHITE, material="metal")
    b.box("bridge", (-22, 0, 24), (5, 8.5, 2), color=WHITE, material="metal")
    b.box("bridge_windows", (-16.9, 0, 24.2), (0.1, 8.2, 0.8), color=GLASS_TINT,
          material="glass")
    for x in (-34.0, -42.0):
        b.rod("funnel", (x, 0, 27), 2.5, 6, color=RED, material="metal")
        b.rod("funnel_top", (x, 0, 33.2), 2.6, 0.4, color=BLACK, material="metal")
    for index in range(4):
        b.box("container", (15 - index * 9, 0, 14), (4, 7, 2.2),
              color=((0.1, 0.3, 0.6), (0.7, 0.2, 0.05), (0.1, 0.45, 0.2), GREY)[index],
              material="metal")
    b.socket("seat", (-22, 0, 23))
    b.socket("roof", (20, 0, 12))


def canoe(b: RigBuilder) -> None:
    b.ball("hull", (0, 0, 0.2), (2.4, 0.42, 0.28))
    b.ball("inside", (0, 0, 0.4), (2.1, 0.34, 0.1), color=(0.6, 0.4, 0.2), material="wood")
    for x in (0.9, -0.9):
        b.box("thwart", (x, 0, 0.42), (0.05, 0.36, 0.02), color=WOOD, material="wood")
    b.box("paddle", (0.2, 0.55, 0.5), (0.6, 0.02, 0.015), color=WOOD, material="wood",
          rotation=quat("y", 20))
    b.socket("seat", (-0.6, 0, 0.25))
    b.socket("roof", (0.6, 0, 0.3))


def submarine(b: RigBuilder) -> None:
    b.ball("hull", (0, 0, 2.5), (18.0, 2.5, 2.5))
    b.box("sail_tower", (4, 0, 5.6), (2.8, 0.9, 1.6))
    b.box("dive_plane", (4.5, 0, 6.0), (0.6, 2.6, 0.08))
    b.box("rudder", (-17.0, 0, 2.5), (0.8, 0.1, 2.4))
    b.box("stern_plane", (-17.0, 0, 2.5), (0.8, 2.4, 0.1))
    b.rod("periscope", (5, 0, 8.2), 0.15, 1.2, color=GREY, material="metal")
    propeller = b.joint("propeller", (-18.3, 0, 2.5))
    for angle in (0.0, 120.0, 240.0):
        b.box("blade", (0, 0, 0), (0.08, 0.3, 1.1), color=(0.7, 0.5, 0.2), material="metal",
              joint=propeller, rotation=quat("x", angle))
    b.socket("seat", (4, 0, 6.5))
    b.socket("roof", (4, 0, 7.2))


def plane(b: RigBuilder) -> None:
    length, radius = 36.0, 2.0
    z = 3.8  # fuselage axis height, standing on its gear
    b.rod("fuselage", (0, 0, z), radius, length * 0.38, rotation=ALONG_X)
    b.add("nose", "sphere", (4.0, radius, radius), (length * 0.38, 0, z))
    b.add("tail_cone", "cone", (radius, radius, 3.6), (-length * 0.38 - 3.5, 0, z + 0.6),
          rotation=quat("y", -90))
    b.box("cockpit_windows", (length * 0.38 + 1.8, 0, z + 1.1), (0.9, 1.2, 0.3),
          color=GLASS_TINT, material="glass")
    b.box("window_band", (0, 0, z + 0.6), (length * 0.34, radius + 0.01, 0.2),
          color=GLASS_TINT, material="glass")
    for side in (1, -1):
        b.box("wing", (0.5, side * 8.5, z - 0.8), (2.6, 7.5, 0.18),
              rotation=quat("zx", -side * 18, -side * 5))
        b.box("tailplane", (-length * 0.48, side * 3.2, z + 0.9), (1.4, 3.0, 0.12),
              rotation=quat("z", -side * 20))
        engine = b.joint(f"fan_{'l' if side > 0 else 'r'}", (2.3, side * 6.0, z - 1.9))
        b.rod("engine", (-0.6, 0, 0), 0.95, 1.6, color=GREY, material="metal",
              rotation=ALONG_X, joint=engine)
        b.box("fan_blade", (1.05, 0, 0), (0.03, 0.85, 0.1), color=DARK, material="metal",
              joint=engine)
        b.rod("gear", (-1.0, side * 2.5, 0.8), 0.5, 0.2, color=BLACK, material="rubber",
              rotation=ALONG_Y)
    b.box("fin", (-length * 0.47, 0, z + 4.2), (2.2, 0.15, 3.2), rotation=quat("y", -25))
    b.rod("gear", (length * 0.3, 0, 0.5), 0.5, 0.2, color=BLACK, material="rubber",
          rotation=ALONG_Y)
    b.rod("gear_leg", (length * 0.3, 0, 1.5), 0.12, 1.0, color=GREY, material="metal")
    b.socket("seat", (length * 0.38, 0, z))
    b.socket("roof", (0, 0, z + radius))


def helicopter(b: RigBuilder) -> None:
    b.ball("cabin", (0.6, 0, 1.5), (2.0, 1.1, 1.05))
    b.ball("canopy", (1.7, 0, 1.7), (1.0, 0.9, 0.75), color=GLASS_TINT, material="glass")
    b.rod("tail_boom", (-3.2, 0, 1.9), 0.25, 2.6, rotation=quat("y", 86))
    b.box("fin", (-5.8, 0, 2.4), (0.4, 0.06, 0.7))
    for side in (1, -1):
        b.rod("skid", (0.5, side * 0.9, 0.06), 0.06, 1.9, color=DARK, material="metal",
              rotation=ALONG_X)
        b.box("strut", (0.5, side * 0.8, 0.35), (0.05, 0.05, 0.3), color=DARK,
              material="metal")
    b.rod("mast", (0.4, 0, 2.75), 0.1, 0.25, color=DARK, material="metal")
    rotor = b.joint("rotor", (0.4, 0, 3.0))
    for angle in (0.0, 90.0):
        b.box("rotor_blade", (0, 0, 0), (5.2, 0.16, 0.03), color=DARK, material="metal",
              joint=rotor, rotation=quat("z", angle))
    tail = b.joint("rotor_tail", (-5.8, 0.12, 2.6))
    b.box("rotor_blade", (0, 0, 0), (0.6, 0.02, 0.08), color=DARK, material="metal",
          joint=tail)
    b.socket("seat", (1.2, 0.4, 1.0))
    b.socket("roof", (-1.0, 0, 2.6))


def hot_air_balloon(b: RigBuilder) -> None:
    b.box("basket", (0, 0, 0.55), (0.65, 0.65, 0.55), color=(0.55, 0.38, 0.18),
          material="wood")
    b.box("basket_rim", (0, 0, 1.1), (0.7, 0.7, 0.05), color=(0.3, 0.18, 0.08),
          material="leather")
    for x in (0.55, -0.55):
        for y in (0.55, -0.55):
            b.box("rope", (x, y, 2.9), (0.02, 0.02, 1.8), color=(0.3, 0.25, 0.2),
                  material="fabric", rotation=quat("xy", y * 8, -x * 8))
    b.rod("burner", (0, 0, 1.9), 0.2, 0.15, color=LAMP, material="metal", emissive=1.5)
    b.add("envelope_skirt", "cone", (3.6, 3.6, 3.0), (0, 0, 6.6), rotation=quat("x", 180))
    b.ball("envelope", (0, 0, 13.5), (8.0, 8.0, 9.0))
    for angle in (0.0, 60.0, 120.0):  # stripes of the gores
        b.ball("gore", (0, 0, 13.5), (8.05, 2.2, 9.05), color=(0.95, 0.8, 0.1),
               material="fabric", rotation=quat("z", angle))
    b.socket("seat", (0, 0, 0.1))
    b.socket("roof", (0, 0, 22.5))


def rocket(b: RigBuilder) -> None:
    b.rod("body", (0, 0, 20), 2.5, 16, color=WHITE, material="metal")
    b.cone("nose_cone", (0, 0, 40), 2.5, 4.0, color=None)
    b.rod("band", (0, 0, 30), 2.52, 1.0, color=DARK, material="metal")
    b.rod("band", (0, 0, 12), 2.52, 0.6, color=DARK, material="metal")
    for angle in (45.0, 135.0):
        b.box("fin", (0, 0, 5.0), (0.15, 4.6, 3.0), rotation=quat("z", angle))
    b.cone("nozzle", (0, 0, 3.6), 1.3, 0.8, color=GREY, material="metal")
    # The flame hangs from a joint inside the hull: at rest it points up, hidden in the
    # body; flying turns the joint over, so it comes out under the nozzle, wide end first.
    exhaust = b.joint("exhaust", (0, 0, 8.0))
    b.cone("flame", (0, 0, 8.2), 1.0, 3.0, color=FLAME, material="plastic", emissive=3.0,
           joint=exhaust)
    b.socket("seat", (0, 0, 34))
    b.socket("roof", (0, 0, 42))


def spaceship(b: RigBuilder) -> None:
    b.ball("fuselage", (0, 0, 2.4), (9.0, 2.2, 1.4))
    b.ball("cockpit", (5.5, 0, 3.4), (2.4, 1.2, 0.8), color=GLASS_TINT, material="glass")
    for side in (1, -1):
        b.box("wing", (-2.5, side * 5.0, 2.0), (4.0, 4.0, 0.15),
              rotation=quat("z", side * 25))
        b.rod("engine", (-7.5, side * 2.2, 2.4), 0.9, 1.6, color=GREY, material="metal",
              rotation=ALONG_X)
        b.rod("engine_glow", (-9.15, side * 2.2, 2.4), 0.75, 0.05, color=(0.3, 0.7, 1.0),
              material="glass", rotation=ALONG_X, emissive=3.0)
        b.box("leg", (0, side * 1.6, 0.6), (0.15, 0.15, 0.6), color=DARK, material="metal")
    b.box("fin", (-6.5, 0, 4.2), (2.0, 0.12, 1.6), rotation=quat("y", -20))
    exhaust = b.joint("exhaust", (-4.6, 0, 2.4))  # hidden in the hull at rest, as a rocket's
    b.cone("flame", (7.1, 0, 0), 0.9, 2.5, color=(0.4, 0.75, 1.0), material="plastic",
           emissive=3.0, joint=exhaust, rotation=quat("y", 90))
    b.socket("seat", (5.0, 0, 3.0))
    b.socket("roof", (0, 0, 3.8))


def tractor(b: RigBuilder) -> None:
    b.box("hood", (0.75, 0, 1.25), (0.85, 0.45, 0.35))
    b.box("body", (-0.5, 0, 1.05), (0.6, 0.55, 0.3))
    b.box("cab_roof", (-0.6, 0, 2.75), (0.7, 0.7, 0.05), color=WHITE, material="metal")
    for x in (0.05, -1.25):
        for y in (0.65, -0.65):
            b.box("cab_post", (x, y, 2.05), (0.04, 0.04, 0.7), color=DARK, material="metal")
    b.box("seat_pad", (-0.6, 0, 1.45), (0.22, 0.22, 0.06), color=BLACK, material="leather")
    b.rod("exhaust_pipe", (1.1, 0.25, 2.0), 0.05, 0.45, color=DARK, material="metal")
    b.box("grille", (1.61, 0, 1.25), (0.01, 0.4, 0.3), color=GREY, material="metal")
    for side in (1, -1):
        b.box("headlight", (1.62, side * 0.3, 1.45), (0.02, 0.06, 0.05), color=LAMP,
              material="glass", emissive=2.0)
    for name, x, radius, half in (("wheel_front", 1.1, 0.45, 0.15),
                                  ("wheel_rear", -0.6, 0.85, 0.24)):
        for side, tag in ((1, "_l"), (-1, "_r")):
            joint = b.joint(name + tag, (x, side * 0.85, radius))
            b.rod("wheel", (0, 0, 0), radius, half, color=BLACK, material="rubber",
                  joint=joint, rotation=ALONG_Y)
            b.rod("hub", (0, 0, 0), radius * 0.55, half * 1.1, color=YELLOW_HUB,
                  material="metal", joint=joint, rotation=ALONG_Y)
            b.box("spoke", (0, 0, 0), (radius * 0.5, half * 1.2, radius * 0.1), color=GREY,
                  material="metal", joint=joint)
    b.socket("seat", (-0.6, 0, 1.5))
    b.socket("roof", (-0.6, 0, 2.8))


YELLOW_HUB: Vec3 = (0.9, 0.7, 0.05)
TRACTOR_GREEN: Vec3 = GREEN
