"""The wan engine's rules, one by one: model size, windows, time and size mapping, prompt,
when a shot continues the one before."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import torch
from diffusers import WanTransformer3DModel
from tests.render.diffusion.tiny_wan import tiny_wan

from cinestra.plan import plan_storyboard
from cinestra.render.diffusion.continuity import continues
from cinestra.render.diffusion.picture_fit import context_indices, fit_frame, model_indices
from cinestra.render.diffusion.shot_prompt import negative_prompt, shot_prompt
from cinestra.render.diffusion.wan_model import (
    KNOWN,
    WanProfile,
    generation_size,
    wan_profile,
    window_length,
)
from cinestra.render.diffusion.windows import Window, plan_windows
from cinestra.world.timeline import CameraKey, Environment, Timeline


def release(width: int, *, multiple: int = 16) -> WanProfile:
    name, pixels, fps, window = KNOWN[width]
    return WanProfile(name=name, pixels=pixels, fps=fps, window=window, multiple=multiple,
                      frame_step=4)


def test_known_releases_draw_at_their_trained_size_in_the_clips_aspect() -> None:
    small, five, big = release(1536), release(3072, multiple=32), release(5120)
    assert generation_size(small, width=1280, height=720) == (848, 480)
    assert generation_size(small, width=720, height=1280) == (480, 848)
    assert generation_size(five, width=1280, height=720) == (1280, 704)
    assert generation_size(five, width=1920, height=1080) == (1280, 704)
    assert generation_size(big, width=1280, height=720) == (1280, 720)
    assert generation_size(big, width=960, height=960) == (960, 960)


def test_the_profile_is_read_from_the_transformer() -> None:
    pipe = tiny_wan(vace=False)
    with torch.device("meta"):  # Wan2.1-1.3B's shape, without its 1.3 billion weights
        pipe.transformer = WanTransformer3DModel(
            num_attention_heads=12, attention_head_dim=128, ffn_dim=8960, num_layers=30,
            text_dim=4096)
    profile = wan_profile(pipe)
    assert (profile.name, profile.fps, profile.window) == ("Wan2.1 1.3B", 16, 81)
    assert (profile.pixels, profile.multiple, profile.frame_step) == (832 * 480, 16, 4)


def test_windows_hold_the_shot_and_continue_from_the_last_frames() -> None:
    assert [window_length(n, 4) for n in (1, 2, 5, 6, 81, 82)] == [1, 5, 5, 9, 81, 85]
    assert plan_windows(65, window=81, frame_step=4, context=5) == [Window(0, 0, 65, 65)]
    # 6 s at 16 fps: a full window, then one that keeps its last 5 frames and adds 15
    assert plan_windows(96, window=81, frame_step=4, context=5) == [
        Window(0, 0, 81, 81), Window(81, 5, 15, 21)]
    assert plan_windows(96, window=81, frame_step=4, context=0) == [
        Window(0, 0, 81, 81), Window(81, 0, 15, 17)]
    # Going on from the shot before: 5 given frames first
    assert plan_windows(20, window=17, frame_step=4, context=5, first_context=5) == [
        Window(0, 5, 12, 17), Window(12, 5, 8, 13)]
    with pytest.raises(ValueError, match="fewer than"):
        plan_windows(20, window=7, frame_step=4, context=5)  # 5 frames a window: none new


def test_time_maps_to_the_nearest_model_frame() -> None:
    # 24 fps from 16 fps: every model frame shown once or twice, in order
    assert model_indices(7, fps=24, model_fps=16) == [0, 1, 1, 2, 3, 3, 4]
    assert model_indices(4, fps=12, model_fps=16) == [0, 1, 3, 4]
    # The 5 model frames before a shot (at 16 fps) from the previous shot's last 8 at 24 fps
    assert context_indices(8, 5, fps=24, model_fps=16) == [8, 6, 5, 3, 2]
    assert context_indices(2, 3, fps=24, model_fps=16) == [2, 2, 2]  # older: the oldest


def test_frames_are_cropped_to_the_aspect_never_stretched() -> None:
    frame = np.full((32, 48, 3), 80, np.uint8)  # 3:2
    frame[:2] = frame[-2:] = 255  # white bands top and bottom, outside its 16:9 middle
    frame[:, :6] = 0  # a black band on the left, outside its square middle
    wide = fit_frame(frame, width=64, height=36)
    assert wide.shape == (36, 64, 3)
    assert wide[0, 32, 0] < 120 and wide[-1, 32, 0] < 120  # no white band: rows were cut
    assert wide[18, 0, 0] < 40  # the black band is still there: no column was cut
    square = fit_frame(frame, width=32, height=32)
    assert square.shape == (32, 32, 3)
    assert square[16, 0, 0] > 60  # the black band was cut
    assert square[0, 16, 0] > 200  # the white bands were not


def test_the_prompt_carries_the_shots_look() -> None:
    storyboard = plan_storyboard("a red ball bounces on a wooden table at night, close-up, "
                                 "film noir", seconds=Fraction(4), seed=0)
    shot = storyboard.shots[0]
    prompt = shot_prompt(shot)
    assert prompt.startswith(shot.description.rstrip("."))
    for words in ("film noir", "night", "close up", "static camera"):
        assert words in prompt.lower()
    assert "worst quality" in negative_prompt(shot) and "cartoon" in negative_prompt(shot)
    cartoon = storyboard.with_look("cartoon").shots[0]
    assert "cartoon" not in negative_prompt(cartoon)


def shot_timeline(camera: CameraKey, *, place: str = "park") -> Timeline:
    return Timeline(
        shot_index=0, fps=12, frame_count=2, duration=Fraction(1, 6), time_scale=Fraction(1),
        environment=Environment(place=place, time_of_day="noon", indoor=False, wet=False,
                                look="natural"),
        bodies=[], tracks=[], camera=[camera, camera], impacts=[])


def test_a_shot_goes_on_only_in_the_same_place_from_the_same_view() -> None:
    view = CameraKey(position=(0.0, -4.0, 1.5), target=(0.0, 0.0, 0.5), fov_deg=40.0)
    before = shot_timeline(view)
    assert continues(before, shot_timeline(view))
    assert not continues(None, shot_timeline(view))
    assert not continues(before, shot_timeline(view, place="beach"))
    turned = view.model_copy(update={"target": (1.0, 0.0, 0.5)})
    closer = view.model_copy(update={"position": (0.0, -2.0, 1.5)})
    zoomed = view.model_copy(update={"fov_deg": 20.0})
    for cut in (turned, closer, zoomed):
        assert not continues(before, shot_timeline(cut))
