"""The renderer draws what the living world's Timeline holds: cones, resized parts, emissive
parts, point lights, particles, cloth, lip sync, the ID pass, every look, depth of field."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from tests.render.scenes import CAMERA, body, floor, rain, sheet, steam, timeline

from cinestra.render.previz import LOOKS, PrevizEngine, coverage, project
from cinestra.render.previz.grade import grade_for
from cinestra.world.timeline import CameraKey, Light, Pose, Timeline, Track, Viseme

WIDTH, HEIGHT = 128, 72
STYLES = Path(__file__).parents[2] / "src/cinestra/plan/data/styles.toml"


@pytest.fixture(scope="module")
def engine() -> Iterator[PrevizEngine]:
    with PrevizEngine(width=WIDTH, height=HEIGHT) as opened:
        yield opened


def first_frame(engine: PrevizEngine, scene: Timeline) -> NDArray[np.float64]:
    return next(iter(engine.render(scene))).astype(np.float64)


def id_maps(engine: PrevizEngine, scene: Timeline) -> list[tuple[NDArray[np.int32], list[str]]]:
    return list(engine.render_ids(scene))


def test_a_cone_draws_where_it_projects_pointing_up(engine: PrevizEngine) -> None:
    cone = body("cone", "cone", pos=(0.0, 0.0, 0.5), size=(0.3, 0.3, 0.5), subject="cone_1")
    ids, legend = id_maps(engine, timeline([floor(), cone]))[0]
    assert legend == ["cone_1"]
    rows, columns = np.nonzero(ids == 1)
    x, _y = project(CAMERA, (0.0, 0.0, 0.5), width=WIDTH, height=HEIGHT)
    assert abs(columns.mean() - x) < 2.0
    # Wide at the bottom, a point at the top: the lowest rows are the widest.
    top, bottom = rows.min(), rows.max()
    width_at = [np.count_nonzero(ids[row] == 1) for row in (top + 1, bottom - 1)]
    assert width_at[1] > 3 * width_at[0]


def test_track_scales_change_the_drawn_size(engine: PrevizEngine) -> None:
    ball = body("ball", "sphere", pos=(0.0, 0.0, 0.6), size=(0.2,) * 3, subject="ball_1",
                static=False)
    track = Track(body="ball", poses=[Pose(pos=(0.0, 0.0, 0.6))] * 2,
                  scales=[(1.0, 1.0, 1.0), (2.0, 2.0, 2.0)])
    maps = id_maps(engine, timeline([floor(), ball], frames=2, tracks=[track]))
    small, large = (coverage(ids, legend)["ball_1"] for ids, legend in maps)
    assert large == pytest.approx(4.0 * small, rel=0.25)


def test_an_emissive_body_is_bright_in_a_dark_scene(engine: PrevizEngine) -> None:
    def brightness(emissive: float) -> float:
        lamp = body("lamp", "sphere", pos=(0.0, 0.0, 0.6), size=(0.3,) * 3,
                    color=(1.0, 0.8, 0.5), emissive=emissive)
        frame = first_frame(engine, timeline([floor(), lamp], time_of_day="night"))
        x, y = project(CAMERA, (0.0, 0.0, 0.6), width=WIDTH, height=HEIGHT)
        return float(frame[int(y) - 1 : int(y) + 2, int(x) - 1 : int(x) + 2].mean())

    assert brightness(0.0) < 90
    assert brightness(4.0) > 200


def test_a_point_light_lights_the_wall_near_it_not_far_away(engine: PrevizEngine) -> None:
    wall = body("wall", "box", pos=(0.0, 1.0, 1.0), size=(3.0, 0.05, 1.0))
    light = Light(position=(-1.5, 0.7, 1.0), color=(1.0, 0.9, 0.7), intensity=1.5, reach=3.0)
    camera = CameraKey(position=(0.0, -4.0, 1.0), target=(0.0, 1.0, 1.0), fov_deg=50.0)

    def wall_at(frame: NDArray[np.float64], x_world: float) -> float:
        x, y = project(camera, (x_world, 0.95, 1.0), width=WIDTH, height=HEIGHT)
        return float(frame[int(y) - 1 : int(y) + 2, int(x) - 1 : int(x) + 2].mean())

    dark = first_frame(engine, timeline([floor(), wall], time_of_day="night", indoor=True,
                                        camera=camera))
    lit = first_frame(engine, timeline([floor(), wall], time_of_day="night", indoor=True,
                                       camera=camera, lights=[light]))
    assert wall_at(lit, -1.5) > wall_at(dark, -1.5) + 60
    # 3.3 m away, beyond its reach: no light from it (the room's own key is dimmed when the
    # set has lights of its own).
    assert wall_at(lit, 1.8) < wall_at(dark, 1.8) + 5
    assert wall_at(lit, -1.5) > wall_at(lit, 1.8) + 80


def test_rain_draws_thin_bright_vertical_streaks(engine: PrevizEngine) -> None:
    camera = CameraKey(position=(0.0, -6.0, 1.5), target=(0.0, 0.0, 1.5), fov_deg=50.0)
    dry = first_frame(engine, timeline([], time_of_day="dusk", camera=camera))
    wet = first_frame(engine, timeline([], time_of_day="dusk", camera=camera,
                                       particles=[rain()]))
    streaks = (wet - dry).mean(axis=2) > 12
    assert 0.01 < streaks.mean() < 0.5
    # A streak runs down the picture: brightened pixels have brightened pixels below them
    # more often than beside them.
    below = (streaks[:-1] & streaks[1:]).sum()
    beside = (streaks[:, :-1] & streaks[:, 1:]).sum()
    assert below > 2 * beside


def test_steam_sprites_fade_as_they_age(engine: PrevizEngine) -> None:
    camera = CameraKey(position=(0.0, -2.5, 1.0), target=(0.0, 0.0, 1.0), fov_deg=50.0)
    backdrop = [body("wall", "box", pos=(0.0, 1.0, 1.0), size=(3.0, 0.05, 2.0),
                     color=(0.05, 0.05, 0.06))]
    # No growth: only the fading thins the plume out as it rises.
    plume = steam(origin=(0.0, 0.0, 0.3), count=400).model_copy(update={"growth": 0.0})
    plain = first_frame(engine, timeline(backdrop, camera=camera))
    hazy = first_frame(engine, timeline(backdrop, camera=camera, particles=[plume]))
    gain = (hazy - plain).mean(axis=(1, 2))  # per picture row
    # Young steam (low, near its source) is denser than old steam (high up).
    _, y_young = project(camera, (0.0, 0.0, 0.45), width=WIDTH, height=HEIGHT)
    _, y_old = project(camera, (0.0, 0.0, 1.05), width=WIDTH, height=HEIGHT)
    assert gain[int(y_young)] > 1.0
    assert gain[int(y_old)] < 0.6 * gain[int(y_young)]


def test_a_cloth_draws_where_its_vertices_are(engine: PrevizEngine) -> None:
    cloth = sheet(centre=(0.5, 0.0, 1.0), width=0.8, height=1.0, subject="curtain_1")
    ids, legend = id_maps(engine, timeline([floor()], cloths=[cloth]))[0]
    assert legend == ["curtain_1"]
    rows, columns = np.nonzero(ids == 1)
    left, top = project(CAMERA, (0.1, 0.0, 1.5), width=WIDTH, height=HEIGHT)
    right, bottom = project(CAMERA, (0.9, 0.0, 0.5), width=WIDTH, height=HEIGHT)
    assert columns.min() == pytest.approx(left, abs=1.5)
    assert columns.max() == pytest.approx(right, abs=1.5)
    assert rows.min() == pytest.approx(top, abs=1.5)
    assert rows.max() == pytest.approx(bottom, abs=1.5)
    colour = first_frame(engine, timeline([floor()], cloths=[cloth]))
    centre = colour[int((top + bottom) / 2), int((left + right) / 2)]
    assert centre[0] > centre[1] + 40  # the red sheet, lit


def test_the_mouth_opens_with_open_and_closes_with_closed(engine: PrevizEngine) -> None:
    camera = CameraKey(position=(0.0, -1.0, 1.6), target=(0.0, 0.0, 1.6), fov_deg=30.0)
    mouth = body("mouth", "sphere", kind="mouth", pos=(0.0, 0.0, 1.6), size=(0.05, 0.02, 0.03),
                 subject="woman_1", static=False)
    visemes = [
        Viseme(speaker="woman_1", start=Fraction(1, 12), end=Fraction(2, 12), shape="open",
               phoneme="a"),
        Viseme(speaker="woman_1", start=Fraction(2, 12), end=Fraction(3, 12), shape="closed",
               phoneme="m"),
        Viseme(speaker="man_1", start=Fraction(0), end=Fraction(3, 12), shape="open",
               phoneme="a"),
    ]
    track = Track(body="mouth", poses=[Pose(pos=(0.0, 0.0, 1.6))] * 3)
    maps = id_maps(engine, timeline([mouth], frames=3, camera=camera, tracks=[track],
                                    visemes=visemes))
    rest, opened, closed = (coverage(ids, legend)["woman_1"] for ids, legend in maps)
    assert opened > 2.5 * rest  # another speaker's viseme does not move this mouth
    assert closed < rest < opened


def test_id_pass_covers_the_body_respects_occlusion_and_names_subjects(
    engine: PrevizEngine,
) -> None:
    cat = body("cat", "sphere", pos=(-0.6, 0.0, 0.5), size=(0.3,) * 3, subject="cat_1")
    hidden = body("dog", "sphere", pos=(0.6, 1.0, 0.5), size=(0.25,) * 3, subject="dog_1")
    wall = body("wall", "box", pos=(0.6, 0.0, 0.6), size=(0.6, 0.05, 0.6))  # scenery
    ids, legend = id_maps(engine, timeline([floor(), cat, wall, hidden]))[0]
    assert legend == ["cat_1", "dog_1"]
    x, y = project(CAMERA, (-0.6, 0.0, 0.5), width=WIDTH, height=HEIGHT)
    assert ids[int(y), int(x)] == 1
    shares = coverage(ids, legend)
    assert shares["cat_1"] > 0.01
    assert shares["dog_1"] == 0.0  # behind the wall
    assert set(np.unique(ids)) == {0, 1}


def test_every_catalog_look_renders(engine: PrevizEngine) -> None:
    catalog = tomllib.loads(STYLES.read_text())["styles"]
    scene_bodies = [floor(), body("ball", "sphere", pos=(0.0, 0.0, 0.5), size=(0.4,) * 3,
                                  color=(0.8, 0.1, 0.1))]
    natural = first_frame(engine, timeline(scene_bodies))
    for look in catalog:
        grade_for(look, width=WIDTH, height=HEIGHT)
        frame = first_frame(engine, timeline(scene_bodies, look=look))
        assert frame.std() > 10, look
        if look in LOOKS and look != "natural":
            assert np.abs(frame - natural).mean() > 1.0, f"{look} looks natural"


def test_cartoon_inks_dark_outlines_round_a_body(engine: PrevizEngine) -> None:
    ball = body("ball", "sphere", pos=(0.0, 0.0, 0.6), size=(0.4,) * 3, color=(0.9, 0.8, 0.2))
    natural = first_frame(engine, timeline([floor(color=(0.8, 0.8, 0.8)), ball]))
    cartoon = first_frame(engine, timeline([floor(color=(0.8, 0.8, 0.8)), ball],
                                           look="cartoon"))
    x, _y = project(CAMERA, (0.0, 0.0, 0.6), width=WIDTH, height=HEIGHT)
    _, top = project(CAMERA, (0.0, 0.0, 1.0), width=WIDTH, height=HEIGHT)
    column = slice(int(x) - 1, int(x) + 2)
    edge_rows = slice(int(top) - 2, int(top) + 2)  # the silhouette's top edge
    assert cartoon[edge_rows, column].mean(axis=2).min() < 50
    assert natural[edge_rows, column].mean(axis=2).min() > 80


def test_depth_of_field_blurs_a_far_object_when_focused_near(engine: PrevizEngine) -> None:
    stripes = [body(f"post_{i}", "box", pos=(-2.0 + 0.5 * i, 6.0, 1.0), size=(0.12, 0.1, 1.0),
                    color=(0.95, 0.95, 0.95)) for i in range(9)]
    near = body("near", "box", pos=(0.0, -2.0, 1.0), size=(0.05, 0.05, 0.3),
                color=(0.05, 0.05, 0.05))
    scene_bodies = [floor(color=(0.2, 0.2, 0.2), half=12.0), *stripes, near]

    def frame_with(aperture: float) -> NDArray[np.float64]:
        camera = CameraKey(position=(0.0, -3.0, 1.0), target=(0.0, 6.0, 1.0), fov_deg=40.0,
                           focus_m=1.0, aperture_m=aperture)
        return first_frame(engine, timeline(scene_bodies, camera=camera))

    sharp, blurred = frame_with(0.0), frame_with(0.05)
    camera = CameraKey(position=(0.0, -3.0, 1.0), target=(0.0, 6.0, 1.0), fov_deg=40.0)
    _, y_far = project(camera, (0.0, 6.0, 1.3), width=WIDTH, height=HEIGHT)
    left, _ = project(camera, (-2.2, 6.0, 1.3), width=WIDTH, height=HEIGHT)
    right, _ = project(camera, (-0.8, 6.0, 1.3), width=WIDTH, height=HEIGHT)  # left of `near`

    def contrast(frame: NDArray[np.float64]) -> float:
        row = frame[int(y_far), int(left) : int(right)].mean(axis=1)
        return float(np.abs(np.diff(row)).max())

    # Far stripes lose contrast along a row; the near post (in focus) keeps its dark core.
    assert contrast(blurred) < 0.6 * contrast(sharp)
    x_near, y_near = project(camera, (0.0, -2.0, 1.0), width=WIDTH, height=HEIGHT)
    assert blurred[int(y_near), int(x_near)].mean() < 60
