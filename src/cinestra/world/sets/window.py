"""The set piece for "a curtain blown by the wind in front of an open window".

A wall with a window opening (frame, two casements swung open into the room), the daylight
outside, and what a curtain needs: the rail's pose and the wind blowing in through it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cinestra.world.sets.kit import Kit, shade, yaw
from cinestra.world.timeline import Body, Pose, Vec3

FRAME: Vec3 = (0.93, 0.93, 0.90)
WALL: Vec3 = (0.80, 0.76, 0.68)


@dataclass(frozen=True)
class WindowWall:
    bodies: list[Body]  # static: wall pieces around the opening, frame, casements, outside
    rail: Pose  # the curtain rail: its middle, curtain hanging along local x, wall at local +y
    curtain_width: float  # metres of curtain the rail carries
    curtain_height: float  # from the rail down to just above the floor
    wind: Vec3  # m/s, blowing in through the window (towards -y, into the room)
    opening_centre: Vec3
    opening_half: tuple[float, float]  # half width, half height of the hole


def window_wall(*, y: float = 2.0, x: float = 0.0, width: float = 1.2, height: float = 1.5,
                sill_z: float = 0.8, wall_half: float = 3.0, wall_height: float = 2.8,
                wind_speed: float = 4.0, night: bool = False, seed: int = 0) -> WindowWall:
    """A wall across the back at `y` with an open window centred on `x`."""
    kit = Kit(rng=np.random.default_rng(seed), wet=False, night=night)
    top_z = sill_z + height
    left, right = x - width / 2, x + width / 2
    thickness = 0.1
    wall_y = y + thickness
    # the wall around the hole: left, right, under the sill, over the lintel
    for low, high in ((-wall_half, left), (right, wall_half)):
        kit.box("wall", ((low + high) / 2, wall_y, wall_height / 2),
                ((high - low) / 2, thickness, wall_height / 2), material="plaster", color=WALL)
    kit.box("wall", (x, wall_y, sill_z / 2), (width / 2, thickness, sill_z / 2),
            material="plaster", color=WALL)
    kit.box("wall", (x, wall_y, (top_z + wall_height) / 2),
            (width / 2, thickness, (wall_height - top_z) / 2), material="plaster", color=WALL)
    # frame and sill
    for z in (sill_z, top_z):
        kit.box("window_frame", (x, y - 0.01, z), (width / 2 + 0.06, 0.05, 0.04), material="wood",
                color=FRAME)
    for frame_x in (left, right):
        kit.box("window_frame", (frame_x, y - 0.01, (sill_z + top_z) / 2),
                (0.04, 0.05, height / 2), material="wood", color=FRAME)
    kit.box("sill", (x, y - 0.12, sill_z - 0.03), (width / 2 + 0.1, 0.14, 0.03),
            material="stone", color=(0.85, 0.84, 0.8))
    # two casements hinged at the sides and swung ~70 degrees into the room
    swing = math.radians(70)
    sash = width / 4
    for side, hinge_x in ((-1.0, left), (1.0, right)):
        angle = side * swing
        centre_x = hinge_x - side * sash * math.cos(swing)
        centre_y = y - sash * math.sin(swing)
        turn = yaw(-angle)
        kit.box("casement", (centre_x, centre_y, (sill_z + top_z) / 2),
                (sash, 0.025, height / 2 - 0.04), material="wood", color=FRAME, quat=turn)
        kit.box("casement", (centre_x, centre_y - 0.01, (sill_z + top_z) / 2),
                (sash - 0.06, 0.012, height / 2 - 0.1), material="glass",
                color=(0.55, 0.7, 0.75), quat=turn)
    # outside: a balcony rail and a bright (or night) backdrop seen through the opening
    kit.box("railing", (x, y + 1.2, sill_z + 0.2), (width, 0.02, 0.02), material="metal",
            color=(0.08, 0.08, 0.09))
    sky = (0.05, 0.07, 0.14) if night else (0.70, 0.82, 0.95)
    kit.box("outside", (x, y + 8.0, wall_height / 2), (wall_half, 0.1, wall_height / 2),
            material="sky", color=sky, emissive=0.3 if night else 1.2)
    for index in range(3):
        kit.ball("outside_tree", (x - 2.0 + index * 2.0, y + 6.0, 1.2 + index * 0.3),
                 (1.0, 0.6, 1.3), material="leaves", color=shade((0.15, 0.4, 0.1), 1 + index * 0.1))
    rail_z = top_z + 0.15
    rail = Pose(pos=(x, y - 0.15, rail_z))
    kit.add("curtain_rail", "cylinder", (0.015, 0.015, width / 2 + 0.35), rail.pos,
            material="metal", color=(0.6, 0.55, 0.45),
            quat=(math.cos(math.pi / 4), 0.0, math.sin(math.pi / 4), 0.0))
    return WindowWall(
        bodies=kit.bodies, rail=rail, curtain_width=width + 0.5, curtain_height=rail_z - 0.05,
        wind=(0.0, -wind_speed, 0.0), opening_centre=(x, y, (sill_z + top_z) / 2),
        opening_half=(width / 2, height / 2),
    )
