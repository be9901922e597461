"""Previz really renders on llvmpipe: tiny frames, checked against the camera maths."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import moderngl
import numpy as np
import pytest
from numpy.typing import NDArray

from cinestra.errors import EngineUnavailable, InvalidRequest
from cinestra.render.previz import PrevizEngine, project
from cinestra.render.previz.context import INSTALL_HINT, GLContext
from cinestra.render.previz.lighting import lighting_for
from cinestra.render.previz.scene import prepare_scene
from cinestra.world.timeline import Body, CameraKey, Environment, Pose, Timeline, Track, Vec3

WIDTH, HEIGHT = 96, 64
CAMERA = CameraKey(position=(0.0, -4.0, 1.5), target=(0.0, 0.0, 0.5), fov_deg=40.0)
BALL_RADIUS = 0.25


def make_timeline(
    *,
    look: str = "natural",
    time_of_day: str = "noon",
    indoor: bool = False,
    wet: bool = False,
    ball: list[Vec3] | None = None,
    camera: CameraKey = CAMERA,
) -> Timeline:
    """A red ball above a grey floor; `ball` gives its centre per frame (3 frames by default)."""
    path = ball if ball is not None else [(0.0, 0.0, 0.7)] * 3
    floor = Body(
        id="floor", kind="floor", shape="plane", size=(5.0, 5.0, 0.0), color=(0.5, 0.5, 0.5),
        material="concrete", mass=0.0, static=True, pose=Pose(pos=(0.0, 0.0, 0.0)), wet=wet,
    )
    red_ball = Body(
        id="ball", kind="ball", shape="sphere", size=(BALL_RADIUS,) * 3, color=(0.8, 0.05, 0.05),
        material="rubber", mass=0.5, static=False, pose=Pose(pos=path[0]),
    )
    return Timeline(
        shot_index=0,
        fps=12,
        frame_count=len(path),
        duration=Fraction(len(path), 12),
        time_scale=Fraction(1),
        environment=Environment(
            place="park", time_of_day=time_of_day, indoor=indoor, wet=wet, look=look
        ),
        bodies=[floor, red_ball],
        tracks=[Track(body="ball", poses=[Pose(pos=centre) for centre in path])],
        camera=[camera] * len(path),
        impacts=[],
    )


@pytest.fixture(scope="module")
def engine() -> Iterator[PrevizEngine]:
    with PrevizEngine(width=WIDTH, height=HEIGHT) as opened:
        yield opened


def render(engine: PrevizEngine, timeline: Timeline) -> list[NDArray[np.uint8]]:
    return list(engine.render(timeline))


def red_centroid(frame: NDArray[np.uint8]) -> tuple[float, float]:
    """(x, y) pixel coordinates of the red ball's pixels, y down, pixel centres at +0.5."""
    rgb = frame.astype(np.int32)
    red = (rgb[..., 0] > 100) & (rgb[..., 0] > 2 * rgb[..., 1]) & (rgb[..., 0] > 2 * rgb[..., 2])
    rows, columns = np.nonzero(red)
    assert rows.size > 10, "the red ball is not on screen"
    return float(columns.mean() + 0.5), float(rows.mean() + 0.5)


def luminance(frame: NDArray[np.uint8], point: tuple[float, float]) -> float:
    """Mean of a 3x3 patch around a pixel position."""
    x, y = int(point[0]), int(point[1])
    return float(frame[y - 1 : y + 2, x - 1 : x + 2].astype(np.float64).mean())


def test_frames_are_rgb_uint8_one_per_frame(engine: PrevizEngine) -> None:
    frames = render(engine, make_timeline())
    assert len(frames) == 3
    for frame in frames:
        assert frame.shape == (HEIGHT, WIDTH, 3)
        assert frame.dtype == np.uint8


def test_project_puts_the_target_at_the_centre() -> None:
    x, y = project(CAMERA, CAMERA.target, width=WIDTH, height=HEIGHT)
    assert x == pytest.approx(WIDTH / 2) and y == pytest.approx(HEIGHT / 2)
    # Higher in the world is higher on screen (smaller y); +x is to the right here.
    _, y_up = project(CAMERA, (0.0, 0.0, 1.0), width=WIDTH, height=HEIGHT)
    x_right, _ = project(CAMERA, (1.0, 0.0, 0.5), width=WIDTH, height=HEIGHT)
    assert y_up < y and x_right > x


def test_ball_appears_where_the_camera_maths_puts_it(engine: PrevizEngine) -> None:
    centre = (0.3, 0.2, 0.9)
    frame = render(engine, make_timeline(ball=[centre]))[0]
    expected = project(CAMERA, centre, width=WIDTH, height=HEIGHT)
    assert red_centroid(frame) == pytest.approx(expected, abs=1.0)


def test_moving_the_ball_moves_it_on_screen(engine: PrevizEngine) -> None:
    path: list[Vec3] = [(-0.8, 0.0, 0.5), (0.0, 0.0, 0.9), (0.8, 0.0, 1.3)]  # right and up
    frames = render(engine, make_timeline(ball=path))
    centroids = [red_centroid(frame) for frame in frames]
    for centre, centroid in zip(path, centroids, strict=True):
        expected = project(CAMERA, centre, width=WIDTH, height=HEIGHT)
        assert centroid == pytest.approx(expected, abs=1.0)
    xs = [x for x, _ in centroids]
    ys = [y for _, y in centroids]
    assert xs[0] < xs[1] < xs[2]  # moving +x goes right
    assert ys[0] > ys[1] > ys[2]  # moving up goes up: row 0 is the top of the picture


def test_ball_casts_a_shadow_on_the_floor(engine: PrevizEngine) -> None:
    timeline = make_timeline()
    frame = render(engine, timeline)[0]
    ball = np.array(timeline.bodies[1].pose.pos)
    sun = np.array(lighting_for(timeline.environment).sun_direction)
    shadow_centre = ball - sun * (ball[2] / sun[2])  # the sun ray through the ball meets z = 0
    shadow = project(CAMERA, tuple(shadow_centre), width=WIDTH, height=HEIGHT)
    far_floor = project(CAMERA, (-2.0, 0.5, 0.0), width=WIDTH, height=HEIGHT)
    assert luminance(frame, shadow) < 0.7 * luminance(frame, far_floor)


def test_ball_shadow_is_the_same_in_a_shared_map_and_in_its_own(engine: PrevizEngine) -> None:
    # Near a small set the moving ball shares the static sun map (the scene shader reads one
    # map); beside posts 32 m apart the static map's texels are coarser, so it keeps its own.
    compact = make_timeline()
    posts = [
        Body(id=f"post{x}", kind="post", shape="box", size=(0.1, 0.1, 1.0), color=(0.5,) * 3,
             material="wood", mass=0.0, static=True, pose=Pose(pos=(x, 0.0, 1.0)))
        for x in (-16.0, 16.0)
    ]
    wide = compact.model_copy(update={"bodies": [*compact.bodies, *posts]})
    lighting = lighting_for(compact.environment)
    sizes = {"static_map": engine.shadow_size, "moving_map": engine.shadow_size // 2}
    shared = prepare_scene(compact, lighting, **sizes)
    own = prepare_scene(wide, lighting, **sizes)
    assert shared.moving_region is not None and shared.moving_shadow is None
    assert own.moving_region is None and own.moving_shadow is not None

    ball = np.array(compact.bodies[1].pose.pos)
    sun = np.array(lighting.sun_direction)
    shadow = project(CAMERA, tuple(ball - sun * (ball[2] / sun[2])), width=WIDTH, height=HEIGHT)
    far_floor = project(CAMERA, (-2.0, 0.5, 0.0), width=WIDTH, height=HEIGHT)
    for timeline in (compact, wide):
        frame = render(engine, timeline)[0]
        assert luminance(frame, shadow) < 0.7 * luminance(frame, far_floor)
    compact_frame, wide_frame = render(engine, compact)[0], render(engine, wide)[0]
    assert abs(luminance(compact_frame, shadow) - luminance(wide_frame, shadow)) < 8


def test_noon_sky_differs_from_night_sky(engine: PrevizEngine) -> None:
    noon = render(engine, make_timeline(time_of_day="noon"))[0]
    night = render(engine, make_timeline(time_of_day="night"))[0]
    noon_top = noon[0].astype(np.float64).mean(axis=0)
    night_top = night[0].astype(np.float64).mean(axis=0)
    assert noon_top.mean() > night_top.mean() + 60
    assert noon_top[2] > noon_top[0]  # a blue noon sky


def test_indoors_the_backdrop_is_a_neutral_interior(engine: PrevizEngine) -> None:
    frame = render(engine, make_timeline(indoor=True))[0]
    top = frame[0].astype(np.float64).mean(axis=0)
    assert abs(top[0] - top[2]) < 30  # no blue sky indoors
    assert 40 < top.mean() < 230


def test_wet_floor_reflects_the_ball(engine: PrevizEngine) -> None:
    centre = (0.0, 0.0, 0.7)
    mirrored = project(CAMERA, (0.0, 0.0, -0.7), width=WIDTH, height=HEIGHT)
    dry = render(engine, make_timeline(wet=False, time_of_day="dusk"))[0]
    wet = render(engine, make_timeline(wet=True, time_of_day="dusk"))[0]

    def redness(frame: NDArray[np.uint8]) -> float:
        x, y = int(mirrored[0]), int(mirrored[1])
        patch = frame[y - 1 : y + 2, x - 1 : x + 2].astype(np.float64)
        return float((patch[..., 0] - patch[..., 1]).mean())

    assert centre[2] > BALL_RADIUS
    assert redness(wet) > redness(dry) + 10


def test_noir_is_grayscale(engine: PrevizEngine) -> None:
    frame = render(engine, make_timeline(look="noir"))[0]
    assert np.array_equal(frame[..., 0], frame[..., 1])
    assert np.array_equal(frame[..., 1], frame[..., 2])
    assert frame.std() > 10  # still a picture, not a flat grey


def test_cinematic_has_letterbox_bars(engine: PrevizEngine) -> None:
    frame = render(engine, make_timeline(look="cinematic"))[0]
    bar = (HEIGHT - round(WIDTH / 2.39)) // 2
    assert bar > 0
    assert not frame[:bar].any() and not frame[HEIGHT - bar :].any()
    picture = frame[bar : HEIGHT - bar]
    assert picture.mean() > 40
    assert picture[0].any() and picture[-1].any()  # the bars stop where the picture starts


def test_vintage_and_cinematic_change_the_picture(engine: PrevizEngine) -> None:
    natural = render(engine, make_timeline())[0].astype(np.int32)
    vintage = render(engine, make_timeline(look="vintage"))[0].astype(np.int32)
    assert np.abs(natural - vintage).mean() > 5
    # Sepia: red above blue everywhere in the picture.
    assert (vintage[..., 0] >= vintage[..., 2]).mean() > 0.95


def test_rendering_is_deterministic(engine: PrevizEngine) -> None:
    timeline = make_timeline(look="cinematic", wet=True)  # grain, reflection, shadows
    first = render(engine, timeline)
    second = render(engine, timeline)
    with PrevizEngine(width=WIDTH, height=HEIGHT) as fresh:
        third = render(fresh, timeline)
    for a, b, c in zip(first, second, third, strict=True):
        assert np.array_equal(a, b) and np.array_equal(a, c)
    assert not np.array_equal(first[0], first[1])  # the grain changes from frame to frame


def test_two_engines_can_be_used_in_turn(engine: PrevizEngine) -> None:
    timeline = make_timeline()
    before = render(engine, timeline)
    with PrevizEngine(width=48, height=32) as other:
        ours, theirs = engine.render(timeline), other.render(timeline)
        interleaved = [(next(ours), next(theirs)) for _ in range(timeline.frame_count)]
    for frame, (mine, small) in zip(before, interleaved, strict=True):
        assert np.array_equal(frame, mine)
        assert small.shape == (32, 48, 3)
    assert np.array_equal(render(engine, timeline)[0], before[0])


def test_unknown_look_raises_value_error_naming_it(engine: PrevizEngine) -> None:
    with pytest.raises(ValueError, match="technicolor"):
        engine.render(make_timeline(look="technicolor"))


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(InvalidRequest, match="width"):
        PrevizEngine(width=0, height=64)


def test_missing_gl_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_driver(**_: object) -> moderngl.Context:
        raise Exception("libEGL.so.1: cannot open shared object file")  # what glcontext raises

    monkeypatch.setattr(moderngl, "create_standalone_context", no_driver)
    with pytest.raises(EngineUnavailable) as caught, GLContext():
        pass
    assert INSTALL_HINT in str(caught.value).splitlines()
    assert INSTALL_HINT == "apt-get install -y libgl1 libegl1 libegl-mesa0 libgl1-mesa-dri"
