"""Sets: every catalog place builds a clear, deterministic, recognisably dressed set."""

from __future__ import annotations

import logging

import pytest

from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Setting
from cinestra.world.props import MATERIALS, physical_material
from cinestra.world.sets import Set, build_set, window_wall
from cinestra.world.sets.kit import intrudes, stage_box

PLACES = sorted(load_catalog().places)


def setting(place: str, **changes: object) -> Setting:
    values: dict[str, object] = {"place": place, "time_of_day": "noon", "indoor": False}
    values.update(changes)
    return Setting.model_validate(values)


def intruders(built: Set) -> list[str]:
    """Scenery above the floor inside the stage box (the floor itself may touch it)."""
    low, high = stage_box(half=built.support_half, z=built.support_z,
                          clear_height=built.clear_height)
    return [body.id for body in built.bodies if intrudes(body, low, high)]


@pytest.mark.parametrize("place", PLACES)
def test_every_catalog_place_builds_a_clear_static_set(
    place: str, caplog: pytest.LogCaptureFixture
) -> None:
    for radius in (3.0, 8.0):
        with caplog.at_level(logging.WARNING, logger="cinestra.world.sets"):
            built = build_set(setting(place), seed=11, stage_radius=radius)
        assert not caplog.records, "a builder placed dressing on the stage"
        assert built.bodies and all(b.static and b.subject is None for b in built.bodies)
        assert len(built.bodies) <= 260  # a software rasteriser draws each one
        assert len({b.id for b in built.bodies}) == len(built.bodies), "ids must be unique"
        assert intruders(built) == []
        assert built.bodies[0].material == built.ground_material


def test_at_least_fifteen_distinct_sets() -> None:
    names = {build_set(setting(place), seed=1).name for place in PLACES}
    assert len(names) >= 15
    assert {"street", "rooftop", "park", "beach", "forest", "snowfield", "desert", "savanna",
            "room", "kitchen", "jazz_club", "classroom", "gym", "moon", "ice_rink"} <= names


def test_stand_ins_say_so() -> None:
    assert build_set(setting("underwater"), seed=1).warnings
    assert build_set(setting("stage", indoor=True), seed=1).warnings
    assert build_set(setting("jazz_club", indoor=True), seed=1).warnings == []


def test_same_seed_same_set_other_seed_other_layout() -> None:
    first = build_set(setting("park"), seed=5)
    again = build_set(setting("park"), seed=5)
    other = build_set(setting("park"), seed=6)
    assert first.bodies == again.bodies and first.lights == again.lights
    assert [b.pose for b in first.bodies] != [b.pose for b in other.bodies]


@pytest.mark.parametrize("place", ["street", "park", "floor", "rooftop", "kitchen"])
def test_wet_settings_make_the_ground_wet(place: str) -> None:
    dry = build_set(setting(place), seed=2)
    assert not dry.bodies[0].wet
    assert build_set(setting(place, wet=True), seed=2).bodies[0].wet
    if place in ("street", "park", "rooftop"):  # rain wets the ground outdoors
        assert build_set(setting(place, weather="rain"), seed=2).bodies[0].wet


@pytest.mark.parametrize("place", ["street", "park", "room", "kitchen", "jazz_club", "cafe"])
def test_night_sets_have_lights(place: str) -> None:
    assert build_set(setting(place, time_of_day="night"), seed=3).lights


def test_lamps_glow_at_night_only() -> None:
    def glowing(time_of_day: str) -> int:
        built = build_set(setting("street", time_of_day=time_of_day), seed=3)
        return sum(1 for body in built.bodies if body.emissive > 0)

    assert glowing("night") > glowing("noon")


def test_rooftops_in_paris_tokyo_and_new_york_differ() -> None:
    def kinds(city: str | None) -> set[str]:
        return {b.kind for b in build_set(setting("rooftop", city=city), seed=4).bodies}

    paris, tokyo, new_york = kinds("paris"), kinds("tokyo"), kinds("new_york")
    assert "landmark" in paris and "chimney" in paris and "neon_sign" not in paris
    assert "neon_sign" in tokyo and "landmark" in tokyo
    assert "water_tower" in new_york and "landmark" not in new_york
    london = build_set(setting("rooftop", city="london"), seed=4)
    assert any("generic" in warning for warning in london.warnings)


def test_the_club_smokes_and_its_stage_is_raised() -> None:
    club = build_set(setting("jazz_club", indoor=True, time_of_day="night", weather="smoke"),
                     seed=1)
    assert club.haze == pytest.approx(0.5)
    assert club.support_z > 0.2
    assert {"piano", "drum", "candle", "bottle"} <= {b.kind for b in club.bodies}


def test_a_bigger_stage_keeps_a_bigger_clear_area() -> None:
    small = build_set(setting("street"), seed=1)
    big = build_set(setting("street"), seed=1, stage_radius=9.0)
    assert big.support_half == (9.0, 9.0) and small.support_half == (3.0, 3.0)
    with pytest.raises(ValueError, match="stage_radius"):
        build_set(setting("street"), seed=1, stage_radius=0.0)


def test_window_wall_leaves_an_opening_with_wind_coming_in() -> None:
    piece = window_wall(y=2.0, width=1.2, sill_z=0.8, height=1.5)
    centre = piece.opening_centre
    walls = [b for b in piece.bodies if b.kind in ("wall", "window_frame", "casement")]
    # nothing blocks the middle of the opening
    low = (centre[0] - 0.2, centre[1] - 0.05, centre[2] - 0.2)
    high = (centre[0] + 0.2, centre[1] + 0.3, centre[2] + 0.2)
    import numpy as np

    assert not any(intrudes(b, np.asarray(low), np.asarray(high)) for b in walls)
    assert piece.wind[1] < 0  # blowing into the room, towards the camera
    assert piece.rail.pos[2] > centre[2] + 0.75 and piece.rail.pos[1] < centre[1]


@pytest.mark.parametrize("place", ["street", "beach", "ice_rink", "park"])
def test_physics_knows_every_set_material(place: str) -> None:
    built = build_set(setting(place), seed=1)
    assert {physical_material(body.material) for body in built.bodies} <= set(MATERIALS)
