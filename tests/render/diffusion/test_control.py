"""Physics-guided Wan: the simulation's depth reaches VACE as control video."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from diffusers import WanVACEPipeline
from tests.render.diffusion.tiny_wan import (
    Calls,
    record_calls,
    save_tiny_wan,
    short_request,
    wan_settings,
)

from cinestra.media import read_mp4
from cinestra.pipeline import generate
from cinestra.plan import plan_storyboard
from cinestra.render.diffusion.control import GRAY, depth_control, window_video
from cinestra.render.diffusion.wan import WanEngine
from cinestra.render.diffusion.weights import weights_folder
from cinestra.render.diffusion.windows import Window
from cinestra.render.engines import ShotInput
from cinestra.render.previz import project
from cinestra.world.timeline import Body, CameraKey, Environment, Pose, Timeline, Track, Vec3

CAMERA = CameraKey(position=(0.0, -4.0, 1.0), target=(0.0, 0.0, 1.0), fov_deg=40.0)


@pytest.fixture(scope="module")
def vace_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_tiny_wan(tmp_path_factory.mktemp("wan-vace"), vace=True)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    return record_calls(monkeypatch, WanVACEPipeline)


def test_physics_guided_end_to_end(tmp_path: Path, vace_folder: Path, calls: Calls) -> None:
    result = generate(short_request(), output=tmp_path / "guided.mp4",
                      settings=wan_settings(vace_folder))
    assert read_mp4(result.path).frames.shape == (6, 360, 640, 3)
    # One window: 9 control frames (half a second at 16 fps, 4k + 1) at the model's size,
    # every one to be generated (mask white) following the depth (grey levels, not flat)
    (call,) = calls.arguments
    video, mask = call["video"], call["mask"]
    assert call["num_frames"] == len(video) == len(mask) == 9
    assert all(image.size == (call["width"], call["height"]) == (48, 32) for image in video)
    assert all((np.asarray(image) == 255).all() for image in mask)
    frames = np.stack([np.asarray(image) for image in video])
    assert frames.shape == (9, 32, 48, 3)
    assert (frames[..., 0] == frames[..., 1]).all() and (frames[..., 1] == frames[..., 2]).all()
    assert frames.max() > 200 and len(np.unique(frames)) > 10  # near bright, a range of depths
    assert not any("do not follow the simulation" in note for note in result.warnings)


def flying_ball(path: list[Vec3]) -> Timeline:
    """A ball crossing empty space (nothing else drawn: the sky), 12 fps, static camera."""
    ball = Body(id="ball", kind="ball", shape="sphere", size=(0.4,) * 3, color=(0.8, 0.1, 0.1),
                material="rubber", mass=0.5, static=False, pose=Pose(pos=path[0]),
                subject="ball_1")
    return Timeline(
        shot_index=0, fps=12, frame_count=len(path), duration=Fraction(len(path), 12),
        time_scale=Fraction(1),
        environment=Environment(place="park", time_of_day="noon", indoor=False, wet=False,
                                look="natural"),
        bodies=[ball], tracks=[Track(body="ball", poses=[Pose(pos=p) for p in path])],
        camera=[CAMERA] * len(path), impacts=[],
    )


def test_the_control_video_follows_the_simulated_motion(vace_folder: Path,
                                                         calls: Calls) -> None:
    path: list[Vec3] = [(-1.2 + 0.2 * index, 0.0, 1.0) for index in range(12)]  # left to right
    timeline = flying_ball(path)
    shot = plan_storyboard("a red ball flies", seconds=Fraction(1), seed=0).shots[0]
    settings = wan_settings(vace_folder)
    with WanEngine(weights_folder("wan", settings), width=64, height=36,
                   settings=settings) as engine:
        frames = list(engine.render_shot(ShotInput(shot=shot, timeline=timeline, seed=0)).frames)
    assert len(frames) == 12
    (call,) = calls.arguments
    video = [np.asarray(image)[..., 0] for image in call["video"]]
    assert len(video) == call["num_frames"] == 17  # 16 model frames for 1 s at 16 fps
    centres = []
    for index, level in enumerate(video[:16]):
        # Model frame `index` (16 fps) shows the Timeline frame nearest its time (12 fps;
        # halves round up)
        shown = min(11, math.floor(index * 12 / 16 + 0.5))
        rows, columns = np.nonzero(level)
        assert rows.size > 4, f"no ball in control frame {index}"
        centre = (float(columns.mean() + 0.5), float(rows.mean() + 0.5))
        expected = project(CAMERA, path[shown], width=48, height=32)
        assert centre == pytest.approx(expected, abs=1.0)
        centres.append(centre[0])
    assert centres == sorted(centres) and centres[-1] - centres[0] > 20  # it crosses the frame
    assert np.array_equal(video[16], video[15])  # past the shot's end the last depth holds


def test_depth_control_is_near_bright_with_one_scale_for_the_shot() -> None:
    near, far = np.full((4, 4), 2.0, np.float32), np.full((4, 4), 8.0, np.float32)
    sky = np.full((4, 4), np.inf, np.float32)
    first = far.copy()
    first[:2] = 2.0  # a near object in the top half, far wall below
    second = np.where(np.arange(4)[:, None] < 2, sky, far).astype(np.float32)
    levels = depth_control([first, second, near])
    assert [level.shape for level in levels] == [(4, 4)] * 3
    assert levels[0][0, 0] > levels[0][3, 0] > 0  # near brighter than far, far still drawn
    assert (levels[1][:2] == 0).all()  # nothing drawn: black
    assert levels[1][3, 0] == levels[0][3, 0]  # 8 m is the same grey in every frame
    assert levels[2][0, 0] == levels[0][0, 0] == 255


def test_window_video_keeps_given_frames_then_follows_control() -> None:
    given = [np.full((32, 48, 3), value, np.uint8) for value in (10, 20, 30, 40, 50, 60)]
    control = [np.full((32, 48), 100 + index, np.uint8) for index in range(12)]
    window = Window(start=8, keep=5, new=4, length=9)
    conditions = window_video(window, context=given, control=control, width=48, height=32)
    assert conditions is not None
    video, mask = ([np.asarray(image) for image in part] for part in conditions)
    assert [int(frame[0, 0, 0]) for frame in video] == [20, 30, 40, 50, 60, 108, 109, 110, 111]
    assert [int(image.max()) for image in mask] == [0] * 5 + [255] * 4
    # Frames past the control's end hold its last frame; without control, gray
    past = Window(start=10, keep=0, new=3, length=5)
    held = window_video(past, context=[], control=control, width=48, height=32)
    assert held is not None
    assert [int(np.asarray(image)[0, 0, 0]) for image in held[0]] == [110, 111, 111, 111, 111]
    free = window_video(Window(start=0, keep=5, new=4, length=9), context=given, control=None,
                        width=48, height=32)
    assert free is not None and (np.asarray(free[0][-1]) == GRAY).all()
    # Nothing given and nothing to follow: plain text to video
    assert window_video(Window(start=0, keep=0, new=9, length=9), context=[], control=None,
                        width=48, height=32) is None
