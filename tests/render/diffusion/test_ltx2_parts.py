"""The ltx2 engine's parts that need no model: prompt, sizes, timing, windows, sound."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from cinestra.plan import make_storyboard
from cinestra.plan.storyboard import Shot
from cinestra.render.diffusion.ltx2 import continues, frame_rate_for, shot_seed
from cinestra.render.diffusion.ltx2_prompt import shot_prompt
from cinestra.render.diffusion.ltx2_windows import Window, join_windows, on_grid, plan_windows
from cinestra.render.diffusion.picture_fit import (
    fit_frame,
    frames_needed,
    generation_size,
    retimed,
)
from cinestra.render.diffusion.waveform import crossfaded, fitted, to_clip_rate


def _shot(prompt: str) -> Shot:
    return make_storyboard(prompt, seconds=Fraction(4), seed=0).shots[0]


def test_prompt_carries_what_is_seen_how_it_is_filmed_and_what_is_heard() -> None:
    shot = _shot('Close-up at night: a man says "We leave at dawn." while jazz plays and '
                 "thunder rumbles")
    prompt = shot_prompt(shot)
    assert prompt.startswith(shot.description[0].upper() + shot.description[1:])
    assert f"{shot.camera.shot_size.replace('_', ' ')} shot" in prompt.lower()
    assert shot.setting.time_of_day.replace("_", " ") in prompt.lower()
    kinds = {cue.kind for cue in shot.cues}
    assert kinds >= {"dialogue", "music"}
    for cue in shot.cues:
        assert cue.text.replace("_", " ") in prompt
    line = next(cue for cue in shot.cues if cue.kind == "dialogue")
    speaker = next(s.words for s in shot.subjects if s.id == line.speaker)
    assert f'{speaker[0].upper() + speaker[1:]} says: "{line.text}"' in prompt


def test_generation_size_keeps_the_aspect_on_the_32_pixel_grid() -> None:
    assert generation_size(1280, 720, max_pixels=768 * 512, multiple=32) == (832, 480)
    assert generation_size(720, 1280, max_pixels=768 * 512, multiple=32) == (480, 832)
    assert generation_size(640, 360, max_pixels=64 * 64, multiple=32) == (96, 64)
    # never more pixels than the clip asks for
    assert generation_size(640, 360, max_pixels=10**9, multiple=32) == (640, 352)
    assert generation_size(40, 40, max_pixels=10**9, multiple=32) == (32, 32)
    with pytest.raises(ValueError, match="max_pixels"):
        generation_size(640, 360, max_pixels=0, multiple=32)


def test_fit_frame_covers_the_clip_frame_and_crops_the_centre() -> None:
    frame = np.zeros((64, 96, 3), dtype=np.uint8)
    frame[:, 40:56] = 255  # a bright band in the middle
    fitted_frame = fit_frame(frame, width=80, height=80)
    assert fitted_frame.shape == (80, 80, 3) and fitted_frame.dtype == np.uint8
    centre, edge = fitted_frame[:, 35:45].mean(), fitted_frame[:, :10].mean()
    assert centre > 200 and edge < 20
    assert fit_frame(frame, width=96, height=64) is frame


def test_frames_are_picked_at_the_clip_instants() -> None:
    assert frames_needed(96, fps=24, rate=24) == 96
    assert frames_needed(96, fps=24, rate=25) == 100  # 4 s at 25 fps
    model = [np.full((2, 2, 3), index, dtype=np.uint8) for index in range(100)]
    clip = retimed(model, 96, fps=24, rate=25)
    assert len(clip) == 96
    assert [int(frame[0, 0, 0]) for frame in clip[:6]] == [0, 1, 2, 3, 4, 5]
    assert int(clip[-1][0, 0, 0]) == round(95 * 25 / 24)
    with pytest.raises(ValueError, match="cannot cover"):
        retimed(model[:50], 96, fps=24, rate=25)


def test_frame_rates_and_seeds() -> None:
    assert [frame_rate_for(fps) for fps in (24, 25, 30, 12, 60)] == [24, 25, 30, 24, 50]
    first, second = _shot("a red ball bounces"), _shot("a red ball bounces")
    assert shot_seed(0, first) == shot_seed(0, second) != shot_seed(1, first)
    assert shot_seed(0, first) != shot_seed(0, first.model_copy(update={"index": 1}))


def test_a_shot_continues_the_one_before_only_in_the_same_place_and_framing() -> None:
    shot = _shot("a red ball bounces in a park")
    closer = shot.model_copy(update={"camera": shot.camera.model_copy(
        update={"shot_size": "extreme_close_up"})})
    assert continues(shot, shot.model_copy(update={"index": 1}))
    assert not continues(None, shot)
    assert not continues(shot, closer)


def test_windows_cover_the_shot_and_each_starts_from_the_one_before() -> None:
    assert on_grid(96, 8) == 97 and on_grid(97, 8) == 97 and on_grid(1, 8) == 1
    assert plan_windows(96, longest=257, step=8) == [Window(frames=97, condition=0, new=96)]
    assert plan_windows(96, longest=257, step=8, first_condition=1) == [Window(97, 1, 96)]
    windows = plan_windows(96, longest=33, step=8)
    assert windows == [Window(33, 0, 33), Window(33, 9, 24), Window(33, 9, 24),
                       Window(25, 9, 15)]
    assert sum(window.new for window in windows) == 96
    assert plan_windows(96, longest=36, step=8)[0].frames == 33  # brought onto the grid
    with pytest.raises(ValueError, match="cannot follow"):
        plan_windows(96, longest=9, step=8)


def test_joined_windows_drop_repeated_frames_and_crossfade_their_sound() -> None:
    rate, sample_rate = 24, 240  # 10 samples a frame
    windows = [Window(9, 1, 8), Window(9, 3, 6)]
    drawn = []
    for index, window in enumerate(windows):
        frames = [np.full((1, 1, 3), 10 * index + n, dtype=np.uint8) for n in range(9)]
        sound = np.full((90, 2), float(index + 1), dtype=np.float32)
        drawn.append((window, frames, sound))
    frames, sound = join_windows(drawn, rate=rate, sample_rate=sample_rate)
    assert [int(frame[0, 0, 0]) for frame in frames] == [*range(1, 9), *range(13, 19)]
    assert len(sound) == 14 * 10  # as long as the frames kept
    # a 30-sample equal-power fade from the first window's sound to the second's
    assert np.all(sound[:51] == 1.0) and np.all(sound[-60:] == 2.0)
    assert np.isclose(sound[79, 0], 2.0) and float(sound[65, 0]) > 1.5


def test_model_sound_becomes_48k_stereo_of_the_shots_length() -> None:
    seconds = np.arange(16_000) / 16_000
    mono = np.sin(2 * np.pi * 440 * seconds)[None, :]
    stereo = to_clip_rate(mono, 16_000)
    assert stereo.shape == (48_000, 2) and stereo.dtype == np.float32
    spectrum = np.abs(np.fft.rfft(stereo[:, 0]))
    assert abs(int(np.argmax(spectrum)) - 440) <= 1  # 1 Hz bins over one second
    assert fitted(stereo, 50_000).shape == (50_000, 2) and fitted(stereo, 50_000)[-1, 0] == 0
    assert fitted(stereo, 100).shape == (100, 2)
    joined = crossfaded(stereo[:1000], stereo[:1000], 200)
    assert joined.shape == (1800, 2)
    with pytest.raises(ValueError, match="channels, samples"):
        to_clip_rate(np.zeros(10), 16_000)
