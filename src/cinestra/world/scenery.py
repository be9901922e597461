"""Static set for each place: ground, walls, table, buildings, trees.

The camera looks from -y towards +y; props stand around the origin on the support surface.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cinestra.plan.storyboard import Setting
from cinestra.world.props import MATERIALS
from cinestra.world.timeline import Body, Pose, Shape, Vec3

ROOM_HALF = 3.0  # half width of the room's floor, m
WALL_HEIGHT = 2.8
TABLE_TOP_Z = 0.775


@dataclass(frozen=True)
class Scenery:
    bodies: list[Body]
    support_z: float  # height of the surface the props stand on
    support_half: tuple[float, float]  # usable half extents of that surface around the origin


def _static(body_id: str, *, kind: str, shape: Shape, size: Vec3, pos: Vec3, material: str,
            color: Vec3 | None = None, wet: bool = False) -> Body:
    return Body(
        id=body_id, kind=kind, shape=shape, size=size,
        color=color if color is not None else MATERIALS[material].color,
        material=material, mass=0.0, static=True, pose=Pose(pos=pos), wet=wet,
    )


def _room(ground: str, wet: bool) -> list[Body]:
    h = WALL_HEIGHT / 2
    return [
        _static("floor", kind="floor", shape="plane", size=(ROOM_HALF, ROOM_HALF, 0.0),
                pos=(0.0, 0.0, 0.0), material=ground, wet=wet),
        _static("wall_back", kind="wall", shape="box", size=(ROOM_HALF, 0.05, h),
                pos=(0.0, ROOM_HALF, h), material="plaster"),
        _static("wall_left", kind="wall", shape="box", size=(0.05, ROOM_HALF, h),
                pos=(-ROOM_HALF, 0.0, h), material="plaster", color=(0.70, 0.66, 0.60)),
        _static("wall_right", kind="wall", shape="box", size=(0.05, ROOM_HALF, h),
                pos=(ROOM_HALF, 0.0, h), material="plaster", color=(0.70, 0.66, 0.60)),
    ]


def _table(top_material: str, wet: bool) -> list[Body]:
    legs = [
        _static(f"table_leg_{i}", kind="table", shape="box", size=(0.03, 0.03, 0.37),
                pos=(x, y, 0.37), material="wood")
        for i, (x, y) in enumerate([(-0.65, -0.40), (0.65, -0.40), (-0.65, 0.40), (0.65, 0.40)])
    ]
    top = _static("table_top", kind="table", shape="box", size=(0.75, 0.5, 0.025),
                  pos=(0.0, 0.0, TABLE_TOP_Z - 0.025), material=top_material, wet=wet)
    return [top, *legs]


def _street(ground: str, wet: bool, rng: np.random.Generator) -> list[Body]:
    bodies = [
        _static("road", kind="street", shape="plane", size=(40.0, 40.0, 0.0),
                pos=(0.0, 0.0, 0.0), material=ground, wet=wet),
        _static("sidewalk_far", kind="sidewalk", shape="box", size=(40.0, 1.5, 0.08),
                pos=(0.0, 5.5, 0.08), material="concrete", wet=wet),
        _static("sidewalk_near", kind="sidewalk", shape="box", size=(40.0, 1.5, 0.08),
                pos=(0.0, -5.5, 0.08), material="concrete", wet=wet),
    ]
    x = -30.0
    index = 0
    while x < 30.0:
        width = float(rng.uniform(3.0, 6.0))
        height = float(rng.uniform(6.0, 22.0))
        shade = float(rng.uniform(0.35, 0.75))
        warm, cool = float(rng.uniform(0.85, 1.0)), float(rng.uniform(0.75, 0.95))
        tint = (shade, shade * warm, shade * cool)
        bodies.append(_static(f"building_{index}", kind="building", shape="box",
                              size=(width / 2 - 0.1, 3.0, height / 2),
                              pos=(x + width / 2, 10.0, height / 2), material="concrete",
                              color=tint))
        x += width
        index += 1
    for i, lamp_x in enumerate(range(-24, 25, 8)):
        bodies.append(_static(f"lamp_post_{i}", kind="lamp_post", shape="cylinder",
                              size=(0.06, 0.06, 2.2), pos=(float(lamp_x), 4.6, 2.2),
                              material="metal", color=(0.08, 0.08, 0.09)))
    return bodies


def _park(ground: str, wet: bool, rng: np.random.Generator) -> list[Body]:
    bodies = [
        _static("lawn", kind="park", shape="plane", size=(40.0, 40.0, 0.0),
                pos=(0.0, 0.0, 0.0), material=ground, wet=wet),
    ]
    for i in range(14):
        angle = float(rng.uniform(0.15 * np.pi, 0.85 * np.pi))  # behind and beside the action
        radius = float(rng.uniform(5.0, 18.0))
        x, y = radius * np.cos(angle), radius * np.sin(angle)
        trunk = float(rng.uniform(1.2, 2.2))
        crown = float(rng.uniform(1.0, 1.8))
        bodies.append(_static(f"tree_trunk_{i}", kind="tree", shape="cylinder",
                              size=(0.15, 0.15, trunk), pos=(x, y, trunk), material="wood",
                              color=(0.25, 0.15, 0.07)))
        bodies.append(_static(f"tree_crown_{i}", kind="tree", shape="sphere",
                              size=(crown, crown, crown), pos=(x, y, 2 * trunk + crown * 0.7),
                              material="leaves"))
    return bodies


def build_scenery(setting: Setting, *, seed: int) -> Scenery:
    """The static set for `setting`; street and park layouts vary with `seed`."""
    rng = np.random.default_rng(seed)
    if setting.place == "street":
        ground = setting.ground or "asphalt"
        return Scenery(_street(ground, setting.wet, rng), support_z=0.0, support_half=(4.0, 3.5))
    if setting.place == "park":
        ground = setting.ground or "grass"
        return Scenery(_park(ground, setting.wet, rng), support_z=0.0, support_half=(4.0, 4.0))
    if setting.place == "table":
        # A wet table means a wet top; the room's floor stays as it is.
        room = _room("wood", wet=False)
        table = _table(setting.ground or "wood", setting.wet)
        return Scenery(room + table, support_z=TABLE_TOP_Z, support_half=(0.6, 0.38))
    ground = setting.ground or ("wood" if setting.place == "floor" else "tile")
    half = ROOM_HALF - 0.4
    return Scenery(_room(ground, setting.wet), support_z=0.0, support_half=(half, half))
