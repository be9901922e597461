"""Set pieces a cast brings with it: an open window for a curtain, a coat stand for a
jacket, the stove a pot stands on, steam over what simmers, the roof a building becomes."""

from __future__ import annotations

import zlib
from dataclasses import replace

import numpy as np

from cinestra.plan.storyboard import Shot
from cinestra.world.assets import Clock
from cinestra.world.cloth import simulate_cloth
from cinestra.world.props import COLORS
from cinestra.world.sets import Set, WindowWall, window_wall
from cinestra.world.staging import CLOTH_KINDS, Role, stand_on_building
from cinestra.world.timeline import Body, Cloth, Particles, Pose, Vec3
from cinestra.world.weather import source_particles

ROOF_KINDS = ("roof", "parapet")
WINDOW_KINDS = ("window_frame", "casement", "sill")
STOVE_KINDS = ("pot", "frying_pan", "teapot")


def window_piece(the_set: Set, roles: list[Role], *, night: bool, seed: int
                  ) -> tuple[Set, WindowWall | None]:
    """A curtain in a room hangs at an open window: the back wall gets one, and a window the
    prompt names is that window (its frame, sill and casements count as the subject)."""
    kinds = {role.subject.kind for role in roles}
    if "curtain" not in kinds or not the_set.indoor:
        return the_set, None
    back = [body for body in the_set.bodies if body.kind == "wall" and body.pose.pos[1] > 0
            and body.size[0] > body.size[1]]
    if not back:
        return the_set, None
    wall = max(back, key=lambda body: body.size[0])
    window = window_wall(y=wall.pose.pos[1] - wall.size[1] - 0.1, wall_half=wall.size[0],
                         wall_height=2 * wall.size[2], night=night, seed=seed)
    named = next((role.id for role in roles if role.subject.kind == "window"), None)
    pieces = [body.model_copy(update={"subject": named})
              if named is not None and body.kind in WINDOW_KINDS else body
              for body in window.bodies]
    bodies = [body for body in the_set.bodies if body is not wall] + pieces
    return replace(the_set, bodies=bodies), window


def coat_stands(cloths: list[Cloth]) -> list[Body]:
    """A coat stand under each jacket: a pole from the floor to its hook, and a foot."""
    stands: list[Body] = []
    for cloth in cloths:
        if cloth.kind != "jacket":
            continue
        top = np.asarray(cloth.frames[0][: cloth.columns]).mean(axis=0)
        x, y, z = float(top[0]), float(top[1]) + 0.04, float(top[2]) + 0.03
        stands.append(Body(id=f"{cloth.id}:stand", kind="coat_stand", shape="cylinder",
                           size=(0.018, 0.018, z / 2), color=(0.12, 0.08, 0.05),
                           material="wood", mass=0.0, static=True, pose=Pose(pos=(x, y, z / 2))))
        stands.append(Body(id=f"{cloth.id}:stand_foot", kind="coat_stand", shape="cylinder",
                           size=(0.2, 0.2, 0.015), color=(0.12, 0.08, 0.05), material="wood",
                           mass=0.0, static=True, pose=Pose(pos=(x, y, 0.015))))
    return stands


def set_places(roles: list[Role], the_set: Set) -> dict[str, Vec3]:
    """Where the set itself puts someone: a pot on the kitchen's stove."""
    stove = the_set.anchors.get("stove")
    for role in roles:
        if stove is not None and role.subject.kind in STOVE_KINDS and role.anchor is None:
            return {role.id: stove}
    return {}


def hang_cloths(roles: list[Role], the_set: Set, *, clock: Clock, wind: Vec3, seed: int,
            window: WindowWall | None) -> list[Cloth]:
    """Curtains, flags and jackets named in the prompt, simulated in the shot's wind; a
    curtain hangs from the window's rail, in the wind blowing through it."""
    cloths: list[Cloth] = []
    for index, role in enumerate(roles):
        spec = CLOTH_KINDS[role.subject.kind]
        color = COLORS[role.subject.color] if role.subject.color else spec.color
        anchor = Pose(pos=(index * (spec.width + 0.4), spec.anchor_y,
                           the_set.support_z + spec.anchor_z))
        width, height, blowing = spec.width, spec.height, wind
        panels = [(anchor, width)]
        if window is not None and role.subject.kind == "curtain":
            # Two panels drawn to the sides: the open window shows between them.
            rail, width, height = window.rail, window.curtain_width, window.curtain_height
            blowing = window.wind
            panels = [(rail.model_copy(update={"pos": (rail.pos[0] + side * width * 0.28,
                                                       rail.pos[1], rail.pos[2])}), width * 0.5)
                      for side in (-1.0, 1.0)]
        for number, (pinned, panel_width) in enumerate(panels):
            cloth = simulate_cloth(
                role.subject.kind, anchor=pinned, width=panel_width, height=height,
                wind=blowing, frames=clock.frame_count, fps=clock.fps,
                time_scale=clock.time_scale,
                seed=zlib.crc32(f"{seed}:{role.id}:{number}".encode()), color=color,
                subject=role.id, floor_z=0.0 if the_set.name == "table" else the_set.support_z)
            cloths.append(cloth.model_copy(update={"id": f"{cloth.id}-{number + 1}"})
                          if len(panels) > 1 else cloth)
    return cloths


def steam_sources(roles: list[Role], staged_bodies: list[Body], shot: Shot, *, seed: int
             ) -> list[Particles]:
    """Steam over what simmers or cooks, smoke over candles."""
    sources: list[Particles] = []
    verbs = {action.subject: action.verb for action in shot.actions}
    steaming = shot.setting.weather == "steam"
    for role in roles:
        verb = verbs.get(role.subject.id)
        if verb in ("simmer", "cook", "boil") or (steaming and role.subject.kind in (
                "pot", "dish", "soup", "teapot", "cup", "frying_pan")):
            parts = [body for body in staged_bodies if body.subject == role.id]
            if not parts:
                continue
            top = max(body.pose.pos[2] + body.size[2] for body in parts)
            x = float(np.mean([body.pose.pos[0] for body in parts]))
            y = float(np.mean([body.pose.pos[1] for body in parts]))
            sources.append(source_particles("steam", (x, y, top),
                                            seed=zlib.crc32(f"{seed}:{role.id}".encode())))
    return sources


def roof_of_building(set_bodies: list[Body], shot: Shot) -> list[Body]:
    """The roof under the stage belongs to the building the prompt puts someone on, so
    the building counts as seen where the roof is."""
    building = stand_on_building(shot)
    if building is None:
        return set_bodies
    return [body.model_copy(update={"subject": building.id}) if body.kind in ROOF_KINDS
            else body for body in set_bodies]
