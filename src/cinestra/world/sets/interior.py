"""Rooms: the plain floor and table rooms, living room, café, library, kitchen, classroom, gym.

Walls stand at the back (+y) and both sides; the camera's side (-y) stays open. Rooms grow
with the stage radius so the stage is always clear; ceiling lamps hang above the clear height.
"""

from __future__ import annotations

from dataclasses import dataclass

from cinestra.world.sets.dressing import chair, desk, shelf, table_and_chairs
from cinestra.world.sets.kit import WARM_LAMP, Kit, shade
from cinestra.world.timeline import Vec3

WALL_HEIGHT = 2.8
LEGACY_ROOM_HALF = 3.0  # the floor room of earlier versions: 6 m square
TABLE_TOP_Z = 0.775
PLASTER: Vec3 = (0.78, 0.74, 0.68)
SIDE_PLASTER: Vec3 = (0.70, 0.66, 0.60)
DAYLIGHT: Vec3 = (0.75, 0.86, 1.0)
NIGHT_GLASS: Vec3 = (0.03, 0.04, 0.08)


@dataclass(frozen=True)
class Room:
    half_x: float  # the walls stand at x = ±half_x and y = +half_y
    half_y: float
    height: float = WALL_HEIGHT


def shell(kit: Kit, room: Room, *, floor: str, floor_color: Vec3 | None = None,
          wall: Vec3 = PLASTER, side_wall: Vec3 = SIDE_PLASTER, wall_material: str = "plaster",
          ) -> None:
    """Floor plane and three walls, with the ids the physics tests know: floor, wall_*."""
    h = room.height / 2
    kit.ground("floor", (room.half_x, room.half_y), material=floor, color=floor_color,
               name="floor")
    kit.add("wall", "box", (room.half_x, 0.05, h), (0.0, room.half_y, h),
            material=wall_material, color=wall, name="wall_back")
    kit.add("wall", "box", (0.05, room.half_y, h), (-room.half_x, 0.0, h),
            material=wall_material, color=side_wall, name="wall_left")
    kit.add("wall", "box", (0.05, room.half_y, h), (room.half_x, 0.0, h),
            material=wall_material, color=side_wall, name="wall_right")


def back_window(kit: Kit, room: Room, x: float, *, width: float = 1.4,
                height: float = 1.5) -> None:
    """A window in the back wall: bright sky by day, dark at night, in a white frame."""
    y = room.half_y - 0.06
    z = 0.9 + height / 2
    kit.box("window", (x, y, z), (width / 2, 0.02, height / 2), material="glass",
            color=NIGHT_GLASS if kit.night else DAYLIGHT, emissive=0.0 if kit.night else 1.0)
    white = (0.92, 0.92, 0.9)
    for dz in (-height / 2, 0.0, height / 2):
        kit.box("window_frame", (x, y - 0.03, z + dz), (width / 2 + 0.05, 0.03, 0.04),
                material="wood", color=white)
    for dx in (-width / 2, 0.0, width / 2):
        kit.box("window_frame", (x + dx, y - 0.03, z), (0.04, 0.03, height / 2),
                material="wood", color=white)


def ceiling_lamp(kit: Kit, x: float, y: float, *, height: float = WALL_HEIGHT,
                 intensity: float = 3.0) -> None:
    """A pendant lamp under the ceiling, lit indoors at any hour."""
    kit.box("lamp", (x, y, height - 0.12), (0.22, 0.22, 0.08), material="fabric",
            color=(1.0, 0.92, 0.75), emissive=2.0)
    kit.light((x, y, height - 0.3), color=WARM_LAMP, intensity=intensity, reach=9.0)


def room_size(radius: float, *, margin: float = 1.2) -> Room:
    half = radius + margin
    return Room(half_x=half, half_y=half)


def floor_room(kit: Kit, *, radius: float, ground: str) -> None:
    """The bare room of the floor place: a 6 m room grown to fit the stage."""
    half = max(LEGACY_ROOM_HALF, radius + 0.4)
    shell(kit, Room(half, half), floor=ground)


def table_room(kit: Kit, *, top: str, wet: bool) -> None:
    """A table in the middle of the bare room; the stage is its top."""
    shell(kit, Room(LEGACY_ROOM_HALF, LEGACY_ROOM_HALF), floor="wood")
    top_body = kit.add("table", "box", (0.75, 0.5, 0.025), (0.0, 0.0, TABLE_TOP_Z - 0.025),
                       material=top, wet=wet, name="table_top")
    kit.ground_ids.add(top_body.id)
    for index, (x, y) in enumerate([(-0.65, -0.40), (0.65, -0.40), (-0.65, 0.40), (0.65, 0.40)]):
        kit.add("table", "box", (0.03, 0.03, 0.37), (x, y, 0.37), material="wood",
                name=f"table_leg_{index}")
        kit.ground_ids.add(f"table_leg_{index}")


def living_room(kit: Kit, *, radius: float, ground: str) -> None:
    """Sofa, shelf, window, rug, a plant and a pendant lamp."""
    room = room_size(radius)
    shell(kit, room, floor=ground, wall=(0.80, 0.72, 0.60), side_wall=(0.72, 0.64, 0.54))
    back = room.half_y
    back_window(kit, room, 0.0)
    sofa = (0.55, 0.18, 0.16)
    sofa_x = -room.half_x + 1.4
    kit.box("sofa", (sofa_x, back - 0.55, 0.25), (1.0, 0.45, 0.25), material="fabric",
            color=sofa)
    kit.box("sofa", (sofa_x, back - 0.18, 0.6), (1.0, 0.12, 0.35), material="fabric",
            color=shade(sofa, 0.85))
    for side in (-1.0, 1.0):
        kit.box("sofa", (sofa_x + side * 0.95, back - 0.55, 0.42), (0.12, 0.45, 0.18),
                material="fabric", color=shade(sofa, 0.9))
    shelf(kit, room.half_x - 0.9, back - 0.2, width=1.4, height=2.0, color=(0.35, 0.22, 0.12))
    kit.slab("rug", (0.0, 0.0, 0.006), (min(radius, 2.0), min(radius, 1.4), 0.006),
             material="fabric", color=(0.45, 0.12, 0.10))
    kit.post("plant", (room.half_x - 0.5, -0.5, 0.0), radius=0.2, height=0.4, material="ceramic",
             color=(0.75, 0.4, 0.25))
    kit.ball("plant", (room.half_x - 0.5, -0.5, 0.85), (0.4, 0.4, 0.5), material="leaves")
    ceiling_lamp(kit, 0.0, 0.0)


def cafe(kit: Kit, *, radius: float, ground: str) -> None:
    """Round tables along the walls, a counter at the back, warm lamps."""
    room = room_size(radius, margin=1.8)
    shell(kit, room, floor=ground, wall=(0.62, 0.42, 0.28), side_wall=(0.55, 0.38, 0.25))
    back = room.half_y
    kit.box("counter", (0.0, back - 0.5, 0.5), (2.2, 0.35, 0.5), material="wood",
            color=(0.30, 0.17, 0.08))
    kit.box("counter", (0.0, back - 0.5, 1.02), (2.3, 0.4, 0.03), material="stone",
            color=(0.85, 0.84, 0.8))
    kit.box("coffee_machine", (1.2, back - 0.5, 1.25), (0.3, 0.22, 0.2), material="metal",
            color=(0.75, 0.75, 0.78))
    back_window(kit, room, -room.half_x + 1.6)
    for side in (-1.0, 1.0):
        for y in (-radius * 0.6, radius * 0.4):
            table_and_chairs(kit, side * (room.half_x - 0.9), y, candle=kit.night)
    for x in (-1.5, 1.5):
        ceiling_lamp(kit, x, back - 1.5, intensity=2.0)


def library(kit: Kit, *, radius: float, ground: str) -> None:
    """Tall shelves of books along the back and side walls, a reading table at the side."""
    room = room_size(radius, margin=2.0)
    shell(kit, room, floor=ground, wall=(0.55, 0.45, 0.35), side_wall=(0.5, 0.4, 0.3))
    wood = (0.30, 0.18, 0.09)
    for x in (-room.half_x + 1.0, -room.half_x + 2.6, room.half_x - 2.6, room.half_x - 1.0):
        shelf(kit, x, room.half_y - 0.2, width=1.5, height=2.4, color=wood, rows=5)
    shelf(kit, 0.0, room.half_y - 0.2, width=1.5, height=2.4, color=wood, rows=5)
    table_and_chairs(kit, room.half_x - 0.9, -0.5, chairs=2)
    ceiling_lamp(kit, 0.0, 0.0)


def kitchen(kit: Kit, *, radius: float, ground: str) -> Vec3:
    """Counters and cabinets along the back, a stove (returned: where a pot stands on it), a
    fridge, tiled splashback, a window and a pendant lamp."""
    room = room_size(radius, margin=0.9)
    shell(kit, room, floor=ground, floor_color=(0.45, 0.42, 0.40), wall=(0.90, 0.88, 0.82))
    back = room.half_y
    cabinet = (0.30, 0.42, 0.45)
    worktop = (0.85, 0.84, 0.80)
    counter_half = room.half_x - 1.0
    kit.box("cabinet", (-0.5, back - 0.35, 0.44), (counter_half - 0.5, 0.3, 0.44),
            material="wood", color=cabinet)
    kit.box("counter", (-0.5, back - 0.35, 0.9), (counter_half - 0.45, 0.33, 0.02),
            material="stone", color=worktop)
    kit.box("tiles", (-0.5, back - 0.07, 1.25), (counter_half - 0.45, 0.02, 0.33),
            material="tile", color=(0.93, 0.95, 0.96))
    for row in range(3):  # grout lines make the splashback read as tiles
        kit.box("tiles", (-0.5, back - 0.09, 1.0 + row * 0.2), (counter_half - 0.45, 0.005, 0.006),
                material="tile", color=(0.6, 0.62, 0.64))
    kit.box("cabinet", (-0.5, back - 0.22, 2.0), (counter_half - 0.5, 0.18, 0.35),
            material="wood", color=shade(cabinet, 1.15))
    for door in range(int(counter_half * 2)):
        x = -0.5 - counter_half + 0.9 + door * 1.0
        kit.box("handle", (x, back - 0.66, 0.75), (0.08, 0.01, 0.012), material="metal",
                color=(0.8, 0.8, 0.82))
    stove_x = 0.0
    kit.box("stove", (stove_x, back - 0.35, 0.915), (0.38, 0.3, 0.01), material="metal",
            color=(0.08, 0.08, 0.09))
    for dx in (-0.18, 0.18):
        for dy in (-0.12, 0.12):
            kit.add("burner", "cylinder", (0.09, 0.09, 0.006), (stove_x + dx, back - 0.35 + dy,
                    0.93), material="metal", color=(0.25, 0.25, 0.27))
    kit.box("oven", (stove_x, back - 0.66, 0.45), (0.36, 0.01, 0.3), material="glass",
            color=(0.05, 0.05, 0.06))
    fridge_x = room.half_x - 0.5
    kit.box("fridge", (fridge_x, back - 0.4, 0.95), (0.42, 0.35, 0.95), material="metal",
            color=(0.88, 0.88, 0.9))
    kit.box("handle", (fridge_x - 0.3, back - 0.77, 1.2), (0.015, 0.02, 0.3), material="metal",
            color=(0.5, 0.5, 0.52))
    back_window(kit, Room(room.half_x, room.half_y), -room.half_x + 1.0, width=1.0, height=1.0)
    ceiling_lamp(kit, 0.0, 0.0)
    return (stove_x - 0.18, back - 0.47, 0.936)


def classroom(kit: Kit, *, radius: float, ground: str) -> None:
    """A blackboard on the back wall, desks in rows on both sides, windows on the left."""
    room = room_size(radius, margin=2.6)
    shell(kit, room, floor=ground, wall=(0.85, 0.83, 0.70), side_wall=(0.80, 0.78, 0.66))
    back = room.half_y
    kit.box("blackboard", (0.0, back - 0.07, 1.55), (2.2, 0.02, 0.6), material="slate",
            color=(0.10, 0.22, 0.14))
    kit.box("blackboard", (0.0, back - 0.09, 0.93), (2.3, 0.06, 0.03), material="wood",
            color=(0.45, 0.3, 0.15))
    for row, width in enumerate((1.3, 0.9, 1.6)):  # chalk writing
        kit.box("chalk", (-1.0 + width / 2, back - 0.095, 1.9 - row * 0.25), (width / 2, 0.005,
                0.025), material="chalk", color=(0.9, 0.9, 0.88))
    kit.box("teacher_desk", (room.half_x - 1.6, back - 1.2, 0.38), (0.7, 0.35, 0.38),
            material="wood", color=(0.4, 0.26, 0.12))
    for side in (-1.0, 1.0):
        for row in range(3):
            for column in range(2):
                x = side * (radius + 0.6 + column * 1.1)
                desk(kit, x, back - 2.2 - row * 1.6)
    for index in range(3):
        y = back - 1.5 - index * 2.0
        kit.box("window", (-room.half_x + 0.06, y, 1.6), (0.02, 0.7, 0.75), material="glass",
                color=NIGHT_GLASS if kit.night else DAYLIGHT, emissive=0.0 if kit.night else 1.0)
    for y in (0.0, back - 2.0):
        ceiling_lamp(kit, 0.0, y, intensity=2.5)


def gym(kit: Kit, *, radius: float, ground: str) -> None:
    """Wooden court with painted lines and a centre circle, wall bars, mats and a hoop."""
    room = room_size(radius, margin=3.0)
    room = Room(room.half_x, room.half_y, height=6.0)
    shell(kit, room, floor=ground, floor_color=(0.72, 0.50, 0.28), wall=(0.80, 0.80, 0.76),
          side_wall=(0.72, 0.74, 0.76))
    line = (0.95, 0.95, 0.92)
    kit.slab("court_line", (0.0, 0.0, 0.004), (room.half_x - 0.8, 0.04, 0.004),
             material="paint", color=line)
    kit.add("court_line", "cylinder", (1.8, 1.8, 0.003), (0.0, 0.0, 0.004), material="paint",
            color=line)
    kit.add("court_line", "cylinder", (1.74, 1.74, 0.003), (0.0, 0.0, 0.006), material="wood",
            color=(0.72, 0.50, 0.28))
    for side in (-1.0, 1.0):
        kit.slab("court_line", (side * (room.half_x - 0.8), 0.0, 0.004),
                 (0.04, room.half_y - 0.8, 0.004), material="paint", color=line)
    kit.slab("court_line", (0.0, room.half_y - 0.8, 0.004), (room.half_x - 0.8, 0.04, 0.004),
             material="paint", color=line)
    for ground_id in [body.id for body in kit.bodies if body.kind == "court_line"]:
        kit.ground_ids.add(ground_id)
    wood = (0.62, 0.45, 0.25)
    bars_x = -room.half_x + 2.5
    for index in range(6):
        kit.box("wall_bars", (bars_x + index * 0.5, room.half_y - 0.12, 1.4), (0.03, 0.03, 1.4),
                material="wood", color=wood)
    for rung in range(9):
        kit.box("wall_bars", (bars_x + 1.25, room.half_y - 0.15, 0.3 + rung * 0.3),
                (1.3, 0.02, 0.02), material="wood", color=wood)
    for side in (-1.0, 1.0):
        kit.slab("mat", (side * (room.half_x - 1.2), -0.5, 0.05), (0.9, 1.5, 0.05),
                 material="foam", color=(0.10, 0.30, 0.70))
    hoop_x = room.half_x - 3.0
    kit.box("hoop", (hoop_x, room.half_y - 0.6, 3.3), (0.9, 0.03, 0.55), material="glass",
            color=(0.95, 0.95, 0.95))
    kit.add("hoop", "cylinder", (0.23, 0.23, 0.01), (hoop_x, room.half_y - 0.9, 3.05),
            material="metal", color=(0.95, 0.35, 0.05))
    for x in (-3.0, 3.0):
        ceiling_lamp(kit, x, 0.0, height=6.0, intensity=5.0)
    chair(kit, room.half_x - 0.6, room.half_y - 1.5, facing=3.14)
