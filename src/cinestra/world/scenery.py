"""Compatibility wrapper: the static set now comes from `cinestra.world.sets.build_set`.

`simulate.py` still asks for a `Scenery`; it gets the same set `build_set` makes, with the
stage radius that keeps the floor place's 6 m room and materials physics can simulate.
Remove once simulate calls build_set.
"""

from __future__ import annotations

from dataclasses import dataclass

from cinestra.plan.storyboard import Setting
from cinestra.world.sets import build_set
from cinestra.world.sets.interior import LEGACY_ROOM_HALF, TABLE_TOP_Z
from cinestra.world.sets.kit import physical_material
from cinestra.world.timeline import Body

__all__ = ["TABLE_TOP_Z", "Scenery", "build_scenery"]

LEGACY_STAGE_RADIUS = LEGACY_ROOM_HALF - 0.4  # the floor room's usable half width


@dataclass(frozen=True)
class Scenery:
    bodies: list[Body]
    support_z: float  # height of the surface the props stand on
    support_half: tuple[float, float]  # usable half extents of that surface around the origin


def build_scenery(setting: Setting, *, seed: int) -> Scenery:
    """The static set for `setting` (see `build_set`), as the older Scenery record."""
    built = build_set(setting, seed=seed, stage_radius=LEGACY_STAGE_RADIUS)
    # physics only knows props.MATERIALS: sand, snow, paint... go by their stand-ins
    bodies = [body.model_copy(update={"material": physical_material(body.material)})
              for body in built.bodies]
    return Scenery(bodies=bodies, support_z=built.support_z, support_half=built.support_half)
