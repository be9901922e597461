"""Venues: the jazz club (and theatre stage), the ice rink, the swimming pool and a cave."""

from __future__ import annotations

import math

from cinestra.world.sets.dressing import rock, table_and_chairs
from cinestra.world.sets.interior import Room, room_size, shell
from cinestra.world.sets.kit import Kit, shade, square_ring, tilt_x
from cinestra.world.timeline import Vec3

CLUB_RISER = 0.4  # height of the club's stage: the subjects perform on it
CLUB_HEIGHT = 4.0  # the room; the spotlights hang 0.4 m under its ceiling
BOTTLES: tuple[Vec3, ...] = ((0.15, 0.35, 0.12), (0.45, 0.25, 0.08), (0.6, 0.6, 0.55),
                             (0.35, 0.08, 0.06))


def jazz_club(kit: Kit, *, radius: float, ground: str) -> float:
    """Dark red walls, a raised stage (returned: its height) with a piano and drums at the
    back under spotlights, candle-lit round tables at the sides, a bar with bottles."""
    room = room_size(radius, margin=3.8)
    room = Room(room.half_x, room.half_y, height=CLUB_HEIGHT)
    shell(kit, room, floor=ground, floor_color=(0.18, 0.10, 0.06), wall=(0.32, 0.07, 0.06),
          side_wall=(0.26, 0.08, 0.06))
    riser_half = radius + 0.5
    kit.slab("stage", (0.0, riser_half - radius - 0.5 + 0.8, CLUB_RISER / 2),
             (riser_half, riser_half + 0.8, CLUB_RISER / 2), material="wood",
             color=(0.25, 0.13, 0.06), wet=False)
    top = CLUB_RISER
    back = room.half_y
    kit.box("curtain", (0.0, back - 0.15, room.height / 2), (riser_half, 0.08, room.height / 2),
            material="fabric", color=(0.45, 0.03, 0.05))
    _piano(kit, -radius + 0.6, radius + 1.3, top)
    _drums(kit, radius - 0.5, radius + 1.0, top)
    # Spotlights over the stage's front, each on a short rod from the ceiling (a bar across
    # the room would cut a performer's head in two for a camera at its height)
    for x in (-radius * 0.6, 0.0, radius * 0.6):
        kit.add("spotlight", "cylinder", (0.12, 0.12, 0.18), (x, -radius, room.height - 0.4),
                material="metal", color=(0.1, 0.1, 0.1), quat=tilt_x(-0.6))
        kit.post("spotlight", (x, -radius, room.height - 0.25), radius=0.02, height=0.25,
                 material="metal", color=(0.1, 0.1, 0.1))
        kit.light((x, -radius + 0.3, room.height - 0.6), color=(1.0, 0.85, 0.6), intensity=8.0,
                  reach=8.0)
    for side in (-1.0, 1.0):
        for index in range(2):
            table_and_chairs(kit, side * (riser_half + 1.1), -radius + 0.8 + index * 2.4,
                             top_color=(0.12, 0.06, 0.03), candle=True)
    _bar(kit, room)
    _neon_sign(kit, back - 0.3, z=room.height - 1.2)
    return top


def _neon_sign(kit: Kit, y: float, *, z: float) -> None:
    """Over the stage, in front of the curtain: a magenta neon frame around two cyan eighth
    notes, what tells a music club even in a close shot of its performer."""
    magenta, cyan = (1.0, 0.12, 0.55), (0.2, 0.85, 1.0)
    half_w, half_h, tube = 1.3, 0.45, 0.035
    kit.box("sign", (0.0, y + 0.05, z), (half_w, 0.02, half_h), material="metal",
            color=(0.02, 0.02, 0.03))
    for dz in (-half_h, half_h):
        kit.box("neon", (0.0, y, z + dz), (half_w, tube, tube), material="glass",
                color=magenta, emissive=3.0)
    for dx in (-half_w, half_w):
        kit.box("neon", (dx, y, z), (tube, tube, half_h), material="glass", color=magenta,
                emissive=3.0)
    for x in (-0.35, 0.35):  # two eighth notes joined by a beam
        kit.ball("neon", (x - 0.1, y - 0.02, z - 0.22), (0.12, 0.03, 0.09), material="glass",
                 color=cyan, emissive=3.0)
        kit.box("neon", (x, y - 0.02, z + 0.02), (0.02, 0.02, 0.25), material="glass",
                color=cyan, emissive=3.0)
    kit.box("neon", (0.0, y - 0.02, z + 0.25), (0.37, 0.02, 0.04), material="glass",
            color=cyan, emissive=3.0)


def _piano(kit: Kit, x: float, y: float, floor_z: float) -> None:
    """A black grand piano: body, raised lid, keyboard, legs."""
    black = (0.02, 0.02, 0.025)
    kit.box("piano", (x, y, floor_z + 0.85), (0.75, 0.9, 0.15), material="wood", color=black)
    kit.box("piano", (x + 0.2, y + 0.1, floor_z + 1.3), (0.6, 0.75, 0.02), material="wood",
            color=black, quat=(math.cos(0.25), 0.0, -math.sin(0.25), 0.0))
    kit.box("piano", (x, y - 0.95, floor_z + 0.9), (0.7, 0.08, 0.03), material="plastic",
            color=(0.95, 0.95, 0.92))
    for dx, dy in ((-0.6, -0.75), (0.6, -0.75), (0.0, 0.75)):
        kit.post("piano", (x + dx, y + dy, floor_z), radius=0.05, height=0.7, material="wood",
                 color=black)


def _drums(kit: Kit, x: float, y: float, floor_z: float) -> None:
    shell_color = (0.55, 0.05, 0.06)
    kit.add("drum", "cylinder", (0.28, 0.28, 0.2), (x, y, floor_z + 0.3), material="wood",
            color=shell_color, quat=tilt_x(math.pi / 2))
    for dx, dz in ((-0.45, 0.65), (0.4, 0.6)):
        kit.post("drum", (x + dx, y - 0.2, floor_z + dz - 0.12), radius=0.17, height=0.22,
                 material="wood", color=shell_color)
    for dx in (-0.75, 0.8):
        kit.post("cymbal", (x + dx, y, floor_z), radius=0.012, height=1.0, material="metal",
                 color=(0.3, 0.3, 0.3))
        kit.add("cymbal", "cylinder", (0.22, 0.22, 0.006), (x + dx, y, floor_z + 1.0),
                material="metal", color=(0.85, 0.65, 0.25))


def _bar(kit: Kit, room: Room) -> None:
    """A counter along the left wall with shelves of bottles behind it."""
    x = -room.half_x + 1.0
    kit.box("bar", (x, 0.0, 0.55), (0.3, 2.0, 0.55), material="wood", color=(0.22, 0.11, 0.05))
    kit.box("bar", (x, 0.0, 1.12), (0.35, 2.05, 0.03), material="wood", color=(0.35, 0.2, 0.1))
    for shelf_z in (1.3, 1.7):
        kit.box("bar_shelf", (-room.half_x + 0.2, 0.0, shelf_z), (0.12, 1.8, 0.015),
                material="wood", color=(0.3, 0.18, 0.08))
        for index in range(6):
            kit.post("bottle", (-room.half_x + 0.2, -1.5 + index * 0.6, shelf_z + 0.015),
                     radius=0.04, height=0.3, material="glass",
                     color=BOTTLES[index % len(BOTTLES)], emissive=0.4)
    kit.light((x + 0.5, 0.0, 2.2), color=(1.0, 0.6, 0.3), intensity=2.0, reach=4.0)


def ice_rink(kit: Kit, *, radius: float) -> None:
    """Glossy white-blue ice with red and blue lines, boards with a yellow kick strip, stands
    behind them, floodlights overhead."""
    half_x, half_y = radius + 9.0, radius + 5.0
    kit.ground("ice", (half_x, half_y), material="ice", color=(0.82, 0.90, 0.96), name="floor",
               wet=True)
    kit.ground("concourse", (half_x + 20, half_y + 20), material="concrete", z=-0.02,
               color=(0.3, 0.3, 0.32), wet=False)
    for x, color in ((0.0, (0.75, 0.08, 0.08)), (-radius - 2.0, (0.1, 0.2, 0.7)),
                     (radius + 2.0, (0.1, 0.2, 0.7))):
        kit.slab("rink_line", (x, 0.0, 0.003), (0.15, half_y, 0.003), material="paint",
                 color=color)
    kit.add("rink_line", "cylinder", (2.2, 2.2, 0.002), (0.0, 0.0, 0.004), material="paint",
            color=(0.1, 0.2, 0.7))
    kit.add("rink_line", "cylinder", (2.1, 2.1, 0.002), (0.0, 0.0, 0.005), material="ice",
            color=(0.82, 0.90, 0.96))
    for body in kit.bodies:
        if body.kind == "rink_line":
            kit.ground_ids.add(body.id)
    board = (0.95, 0.95, 0.95)
    kick = (0.95, 0.8, 0.1)
    for centre, half in (((0.0, half_y, 0.55), (half_x, 0.08, 0.55)),
                         ((-half_x, 0.0, 0.55), (0.08, half_y, 0.55)),
                         ((half_x, 0.0, 0.55), (0.08, half_y, 0.55))):
        kit.box("boards", centre, half, material="plastic", color=board)
        kit.box("boards", (centre[0], centre[1], 0.12), (half[0] + 0.01, half[1] + 0.01, 0.1),
                material="plastic", color=kick)
        kit.box("glass", (centre[0], centre[1], 1.6), (half[0], half[1] * 0.3, 0.5),
                material="glass", color=(0.6, 0.7, 0.75))
    seats = ((0.1, 0.2, 0.6), (0.7, 0.1, 0.1))
    for step in range(4):  # stands climbing behind the back boards
        kit.box("stands", (0.0, half_y + 1.2 + step * 1.0, 0.4 + step * 0.6),
                (half_x, 0.5, 0.4 + step * 0.6), material="plastic", color=seats[step % 2])
    for x in (-radius - 3.0, 0.0, radius + 3.0):
        kit.box("floodlight", (x, 0.0, 9.0), (0.6, 0.3, 0.1), material="metal",
                color=(1.0, 1.0, 0.95), emissive=3.0)
        kit.light((x, 0.0, 8.5), color=(0.95, 0.97, 1.0), intensity=30.0, reach=20.0)


def pool(kit: Kit, *, radius: float) -> None:
    """A tiled deck around the stage with the pool behind it: blue water, lane ropes, a ladder,
    a diving board."""
    deck = (0.86, 0.86, 0.84)
    kit.ground("deck", (40.0, 40.0), material="tile", color=deck, name="ground")
    near, far = radius + 1.0, radius + 14.0
    centre_y = (near + far) / 2
    kit.add("pool", "plane", (8.0, (far - near) / 2, 0.0), (0.0, centre_y, 0.01),
            material="water", color=(0.10, 0.55, 0.75), wet=True)
    for x in (-8.15, 8.15):
        kit.box("pool_edge", (x, centre_y, 0.02), (0.15, (far - near) / 2, 0.02), material="tile",
                color=(0.3, 0.55, 0.75))
    for lane in range(-3, 4):
        kit.box("lane_rope", (lane * 2.0, centre_y, 0.04), (0.05, (far - near) / 2, 0.04),
                material="plastic", color=(0.9, 0.15, 0.1) if lane % 2 else (0.95, 0.95, 0.95))
    for dx in (-0.25, 0.25):
        kit.add("ladder", "cylinder", (0.025, 0.025, 0.5), (5.0 + dx, near + 0.1, 0.5),
                material="metal", color=(0.85, 0.85, 0.87))
    kit.box("diving_board", (-5.0, far + 0.6, 0.6), (0.3, 1.6, 0.04), material="plastic",
            color=(0.95, 0.95, 0.95))
    kit.box("diving_board", (-5.0, far + 1.6, 0.3), (0.3, 0.3, 0.3), material="concrete",
            color=(0.6, 0.6, 0.6))
    kit.box("wall", (0.0, far + 4.0, 3.0), (20.0, 0.2, 3.0), material="tile",
            color=(0.75, 0.82, 0.88))
    for x in (-10.0, 10.0):
        kit.box("deck_chair", (x, 0.0, 0.25), (0.35, 0.9, 0.04), material="plastic",
                color=(0.95, 0.95, 0.95), quat=tilt_x(0.12))


def cave(kit: Kit, *, radius: float) -> None:
    """A rock floor ringed by boulders and stalagmites, lit by a few warm torches."""
    stone = (0.33, 0.30, 0.28)
    kit.ground("cave_floor", (40.0, 40.0), material="stone", color=stone, name="ground")
    for index in range(22):
        angle = -0.2 + index * (math.pi + 0.4) / 21
        size = kit.uniform(1.6, 3.2)
        distance = radius + 2.5 + size * 1.4 + kit.uniform(0.0, 2.0)
        x, y = square_ring(angle, distance)
        rock(kit, x, y, size=size, color=stone)
        x, y = square_ring(angle, distance * 1.3)
        kit.ball("cave_wall", (x, y, size * 2.0), (size * 1.6, size * 1.6, size * 2.4),
                 material="stone", color=shade(stone, 0.7))
    for _ in range(10):
        angle = kit.uniform(0.0, math.pi)
        x, y = square_ring(angle, radius + kit.uniform(1.0, 3.0))
        kit.cone("stalagmite", (x, y, 0.0),
                 radius=kit.uniform(0.15, 0.35), height=kit.uniform(0.6, 1.8), material="stone",
                 color=shade(stone, 1.2))
    for x in (-radius - 1.5, radius + 1.5):
        kit.light((x, radius, 1.8), color=(1.0, 0.6, 0.3), intensity=4.0, reach=8.0)
        kit.ball("torch", (x, radius, 1.8), (0.12, 0.12, 0.2), material="fire",
                 color=(1.0, 0.6, 0.2), emissive=4.0)
