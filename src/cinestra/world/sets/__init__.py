"""Sets: the static world each shot happens in, built from the Storyboard's Setting.

`build_set(setting, seed=, stage_radius=)` maps each catalog place onto one of the sets
below, dresses it from primitives (no downloads), and keeps a stage around the origin clear
for the subjects. Conventions: z-up metres, the camera looks from -y towards +y, so the back
(+y) and the sides are dressed and the -y side stays open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from cinestra.plan.storyboard import Setting
from cinestra.world.sets import city, interior, outdoor, venue
from cinestra.world.sets.kit import NIGHT_TIMES, Kit, intrudes, stage_box
from cinestra.world.sets.window import WindowWall, window_wall
from cinestra.world.timeline import Body, Light, Vec3
from cinestra.world.weather import WEATHER_HAZE

__all__ = ["PLACE_SETS", "SET_NAMES", "Set", "WindowWall", "build_set", "window_wall"]

logger = logging.getLogger(__name__)

# catalog place -> (set built, what a user is told when it only stands in)
PLACE_SETS: dict[str, tuple[str, str | None]] = {
    "floor": ("floor", None), "table": ("table", None), "street": ("street", None),
    "park": ("park", None), "room": ("room", None), "garden": ("park", "shown as a park"),
    "hill": ("park", "shown as a park"), "highway": ("street", "shown as a city street"),
    "sky": ("rooftop", "shown from a rooftop above the city"),
    "bridge": ("street", "shown as a city street"), "rooftop": ("rooftop", None),
    "city": ("street", None), "beach": ("beach", None),
    "ocean": ("beach", "shown as a beach by the sea"),
    "underwater": ("beach", "no underwater set yet: shown as a beach"),
    "lake": ("beach", "shown as a shore"), "river": ("beach", "shown as a shore"),
    "forest": ("forest", None), "jungle": ("jungle", None), "mountain": ("mountain", None),
    "snowfield": ("snowfield", None), "desert": ("desert", None), "savanna": ("savanna", None),
    "field": ("park", "shown as a park lawn"), "cave": ("cave", None),
    "space": ("moon", "shown as the surface of the Moon"), "moon": ("moon", None),
    "kitchen": ("kitchen", None), "jazz_club": ("jazz_club", None),
    "restaurant": ("cafe", "shown as a café"), "cafe": ("cafe", None),
    "classroom": ("classroom", None), "gym": ("gym", None),
    "office": ("library", "shown as a room with shelves"), "library": ("library", None),
    "museum": ("room", "shown as a room"), "stage": ("jazz_club", "shown as a club's stage"),
    "ice_rink": ("ice_rink", None), "swimming_pool": ("pool", None),
    "stadium": ("gym", "shown as a sports hall"), "playground": ("park", "shown as a park"),
    "train_station": ("street", "shown as a city street"),
    "airport": ("street", "shown as a city street"), "harbor": ("beach", "shown as a shore"),
    "alley": ("street", None), "market": ("street", "shown as a city street"),
    "bathroom": ("room", "shown as a room"), "hospital": ("room", "shown as a room"),
    "studio": ("room", "shown as a room"),
}
SET_NAMES = frozenset(name for name, _ in PLACE_SETS.values())
INDOOR_SETS = frozenset({"floor", "table", "room", "kitchen", "jazz_club", "cafe", "classroom",
                         "gym", "library", "ice_rink", "cave"})
GROUNDS = {  # the ground's material where the prompt names none
    "floor": "wood", "room": "wood", "kitchen": "tile", "jazz_club": "wood", "cafe": "wood",
    "classroom": "wood", "gym": "wood", "library": "wood", "street": "asphalt",
    "rooftop": "concrete", "park": "grass", "beach": "sand", "forest": "soil",
    "jungle": "soil", "mountain": "grass", "snowfield": "snow", "desert": "sand",
    "savanna": "grass", "moon": "regolith", "ice_rink": "ice", "pool": "tile", "cave": "stone",
    "table": "wood",
}
SET_HAZE = {"jazz_club": 0.25, "cave": 0.2, "kitchen": 0.05}
WET_WEATHER = frozenset({"rain", "storm"})
CLEAR_HEIGHT = {"gym": 4.5, "jazz_club": 2.6, "ice_rink": 6.0}  # others: 2.4 in, 3.5 out


@dataclass(frozen=True)
class Set:
    """A built set: its static bodies and lights, and where the subjects may stand."""

    name: str  # the set built: "jazz_club", "rooftop", "park"...
    bodies: list[Body]  # static scenery (subject None); the first is the ground
    lights: list[Light]
    support_z: float  # height of the surface the subjects stand on
    support_half: tuple[float, float]  # clear stage around the origin, half extents
    clear_height: float  # the stage is free of scenery up to support_z + clear_height
    ground_material: str  # for footsteps
    indoor: bool
    haze: float  # 0..1 extra fog: smoke in a club, fog outside, steam in a kitchen
    warnings: list[str] = field(default_factory=list)  # what was approximated, for the user
    # Named places in the set the lead may use: "stove" (where a pot stands)...
    anchors: dict[str, Vec3] = field(default_factory=dict)


def _set_name(setting: Setting) -> tuple[str, str | None]:
    name, note = PLACE_SETS[setting.place]
    if setting.place in ("mountain", "hill") and setting.weather in ("snow", "storm"):
        return "snowfield", f"{setting.place} in the snow: shown as a snowy slope"
    if setting.place == "floor" and setting.city is not None:
        return "street", None  # only a city named: its streets
    return name, note


def _dress(name: str, kit: Kit, setting: Setting, *, radius: float, ground: str,
           ) -> tuple[float, dict[str, Vec3]]:
    """Build set `name` into `kit`; (support height, anchors)."""
    look = city.city_look(setting.city)
    if name == "floor":
        interior.floor_room(kit, radius=radius, ground=ground)
    elif name == "table":
        interior.table_room(kit, top=setting.ground or "wood", wet=setting.wet)
        return interior.TABLE_TOP_Z, {}
    elif name == "room":
        interior.living_room(kit, radius=radius, ground=ground)
    elif name == "cafe":
        interior.cafe(kit, radius=radius, ground=ground)
    elif name == "library":
        interior.library(kit, radius=radius, ground=ground)
    elif name == "kitchen":
        return 0.0, {"stove": interior.kitchen(kit, radius=radius, ground=ground)}
    elif name == "classroom":
        interior.classroom(kit, radius=radius, ground=ground)
    elif name == "gym":
        interior.gym(kit, radius=radius, ground=ground)
    elif name == "jazz_club":
        return venue.jazz_club(kit, radius=radius, ground=ground), {}
    elif name == "ice_rink":
        venue.ice_rink(kit, radius=radius)
    elif name == "pool":
        venue.pool(kit, radius=radius)
    elif name == "cave":
        venue.cave(kit, radius=radius)
    elif name == "street":
        city.street(kit, look=look, radius=radius, ground=ground)
    elif name == "rooftop":
        city.rooftop(kit, look=look, radius=radius)
    elif name == "park":
        outdoor.park(kit, radius=radius, ground=ground)
    elif name == "beach":
        outdoor.beach(kit, radius=radius, ground=ground)
    elif name in ("forest", "jungle"):
        outdoor.forest(kit, radius=radius, ground=ground, jungle=name == "jungle")
    elif name == "snowfield":
        outdoor.snowfield(kit, radius=radius, ground=ground, mountain=setting.place == "mountain")
    elif name == "mountain":
        outdoor.snowfield(kit, radius=radius, ground=ground, mountain=True, snowy=False)
    elif name == "desert":
        outdoor.desert(kit, radius=radius, ground=ground)
    elif name == "savanna":
        outdoor.savanna(kit, radius=radius, ground=ground)
    elif name == "moon":
        outdoor.moon(kit, radius=radius)
    else:
        raise ValueError(f"no set builder for {name!r}")
    return 0.0, {}


def _warnings(setting: Setting, name: str, note: str | None, indoor: bool) -> list[str]:
    place = setting.place.replace("_", " ")
    warnings = [f"{place}: {note}"] if note else []
    if setting.city is not None:
        city_name = setting.city.replace("_", " ")
        if name not in ("street", "rooftop"):
            warnings.append(f"{city_name}: the city's look is shown only on streets and roofs")
        elif city.city_look(setting.city) == "generic":
            warnings.append(f"{city_name}: shown as a generic city skyline")
    if indoor and setting.weather in ("rain", "storm", "snow", "wind", "fog"):
        warnings.append(f"{setting.weather}: indoors, the weather outside is not shown")
    return warnings


def build_set(setting: Setting, *, seed: int, stage_radius: float = 3.0) -> Set:
    """The static set for `setting`; the same seed always gives the same set.

    `stage_radius` (metres) is the half side of the square stage kept clear around the
    origin: ask for more when the subjects are big or travel (a race of giant ducklings).
    """
    if stage_radius <= 0:
        raise ValueError(f"stage_radius must be positive, got {stage_radius!r}")
    name, note = _set_name(setting)
    indoor = name in INDOOR_SETS
    wet = setting.wet or (not indoor and setting.weather in WET_WEATHER)
    kit = Kit(rng=np.random.default_rng(seed), wet=wet,
              night=setting.time_of_day in NIGHT_TIMES or name == "moon")
    ground = setting.ground or GROUNDS[name]
    support_z, anchors = _dress(name, kit, setting, radius=stage_radius, ground=ground)
    half = (0.6, 0.38) if name == "table" else (stage_radius, stage_radius)
    clear = CLEAR_HEIGHT.get(name, 2.4 if indoor else 3.5)
    bodies = _clear_stage(kit, half=half, z=support_z, clear_height=clear)
    haze = max(SET_HAZE.get(name, 0.0), WEATHER_HAZE.get(setting.weather or "", 0.0))
    return Set(
        name=name, bodies=bodies, lights=kit.lights, support_z=support_z, support_half=half,
        clear_height=clear, ground_material=bodies[0].material, indoor=indoor, haze=haze,
        warnings=_warnings(setting, name, note, indoor), anchors=anchors,
    )


def _clear_stage(kit: Kit, *, half: tuple[float, float], z: float,
                 clear_height: float) -> list[Body]:
    """The kit's bodies less any dressing that reaches into the stage (a layout slip: logged)."""
    low, high = stage_box(half=half, z=z, clear_height=clear_height)
    kept = []
    for body in kit.bodies:
        if body.id not in kit.ground_ids and intrudes(body, low, high):
            logger.warning("set dressing %r reaches into the stage: left out", body.id)
            continue
        kept.append(body)
    return kept
