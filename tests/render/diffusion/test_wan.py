"""The wan engine end to end on CPU, with tiny random Wan pipelines loaded from a folder.

The pipelines are real (diffusers' Wan transformer and VAE, a UMT5 encoder, a tokenizer),
only tiny and random, so the pictures are noise: what is checked is what a user gets
(frame count, size, sound, notes) and what reaches the model (windows, given frames).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from diffusers import WanPipeline, WanVACEPipeline
from tests.render.diffusion.tiny_wan import (
    PROMPT,
    Calls,
    record_calls,
    save_tiny_wan,
    short_request,
    wan_settings,
)

from cinestra.errors import EngineUnavailable
from cinestra.media import read_mp4
from cinestra.pipeline import generate
from cinestra.plan import plan_storyboard
from cinestra.render.diffusion.picture_fit import fit_frame
from cinestra.render.diffusion.wan import WanEngine
from cinestra.render.diffusion.weights import weights_folder
from cinestra.render.engines import ShotInput, open_engine
from cinestra.world import simulate
from cinestra.world.timeline import Timeline


@pytest.fixture(scope="module")
def t2v_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # In shards, as the releases are: the engine loads them whole.
    return save_tiny_wan(tmp_path_factory.mktemp("wan-t2v"), vace=False, max_shard_size="4KB")


@pytest.fixture(scope="module")
def vace_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_tiny_wan(tmp_path_factory.mktemp("wan-vace"), vace=True)


@pytest.fixture
def t2v_calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    return record_calls(monkeypatch, WanPipeline)


@pytest.fixture
def vace_calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    return record_calls(monkeypatch, WanVACEPipeline)


def test_text_to_video_end_to_end_to_an_mp4_with_our_sound(
        tmp_path: Path, t2v_folder: Path, t2v_calls: Calls) -> None:
    request = short_request()
    result = generate(request, output=tmp_path / "wan.mp4", settings=wan_settings(t2v_folder))
    clip = read_mp4(result.path)
    assert clip.frames.shape == (result.timelines[0].frame_count, 360, 640, 3) == (6, 360, 640, 3)
    assert clip.fps == 12
    # Wan makes no sound: the clip's is ours, from the simulated bounces, as long as the clip
    assert clip.audio.shape[0] == pytest.approx(48_000 // 2, abs=1024)
    assert float(np.abs(clip.audio).max()) > 0.01
    # The model was asked for its own size and rate: 48x32 (16:9 at this tiny model's pixel
    # count, sides multiples of 16), 9 frames at 16 fps for half a second (4k + 1)
    (call,) = t2v_calls.arguments
    assert (call["width"], call["height"], call["num_frames"]) == (48, 32, 9)
    assert call["prompt"].startswith(PROMPT) and call["num_inference_steps"] == 2
    assert any("do not follow the simulation" in note for note in result.warnings)
    assert any("draws at 48x32 and 16 fps" in note for note in result.warnings)


def test_same_seed_same_frames_other_seed_other_frames(t2v_folder: Path) -> None:
    storyboard = plan_storyboard(PROMPT, seconds=Fraction(1, 2), seed=0)
    timeline = simulate(storyboard.shots[0], fps=12, aspect=Fraction(16, 9), seed=0,
                        language="en")
    with open_engine("wan", width=64, height=36, settings=wan_settings(t2v_folder)) as engine:
        draws = [np.stack(list(engine.render_shot(ShotInput(
            shot=storyboard.shots[0], timeline=timeline, seed=seed)).frames))
            for seed in (1, 1, 2)]
    assert draws[0].shape == (6, 36, 64, 3)
    assert np.array_equal(draws[0], draws[1])
    assert not np.array_equal(draws[0], draws[2])


# -- long shots: window after window --------------------------------------------------------


def simulated_shot(seconds: Fraction) -> tuple[ShotInput, Timeline]:
    storyboard = plan_storyboard(PROMPT, seconds=seconds, seed=0)
    timeline = simulate(storyboard.shots[0], fps=12, aspect=Fraction(16, 9), seed=0,
                        language="en")
    return ShotInput(shot=storyboard.shots[0], timeline=timeline, seed=0), timeline


def open_wan(folder: Path, *, window_frames: int, **options: Any) -> WanEngine:
    settings = wan_settings(folder, **options)
    return WanEngine(weights_folder("wan", settings), width=64, height=36, settings=settings,
                     window_frames=window_frames)


def test_a_long_vace_shot_continues_each_window_from_the_last(vace_folder: Path,
                                                              vace_calls: Calls) -> None:
    shot, timeline = simulated_shot(Fraction(1))  # 12 frames: 16 model frames at 16 fps
    with open_wan(vace_folder, window_frames=13, neural_control="none") as engine:
        rendered = engine.render_shot(shot)
        frames = list(rendered.frames)
    assert len(frames) == timeline.frame_count == 12
    assert [call["num_frames"] for call in vace_calls.arguments] == [13, 9]
    first, second = vace_calls.arguments
    assert first["video"] is None  # nothing to follow: text to video
    # The second window starts from the first one's last 5 frames, kept (mask black), then
    # generates the rest (white) with nothing else to follow (gray)
    given = [np.asarray(image) for image in second["video"]]
    masks = [np.asarray(image) for image in second["mask"]]
    assert len(given) == len(masks) == 9
    assert np.array_equal(np.stack(given[:5]), vace_calls.frames[0][8:13])
    assert all((mask == 0).all() for mask in masks[:5])
    assert all((mask == 255).all() for mask in masks[5:])
    assert all((frame == 127).all() for frame in given[5:])


def test_a_long_text_to_video_shot_says_its_windows_are_joined_unconditioned(
        t2v_folder: Path, t2v_calls: Calls) -> None:
    shot, timeline = simulated_shot(Fraction(1))
    with open_wan(t2v_folder, window_frames=13) as engine:
        rendered = engine.render_shot(shot)
        assert len(list(rendered.frames)) == timeline.frame_count
    assert [call["num_frames"] for call in t2v_calls.arguments] == [13, 5]
    assert any("2 windows joined without conditioning" in note for note in rendered.notes)


def test_a_shot_that_goes_on_starts_from_the_previous_shots_last_frames(
        vace_folder: Path, vace_calls: Calls) -> None:
    shot, simulated = simulated_shot(Fraction(1, 2))
    still = [simulated.camera[0]] * simulated.frame_count
    timeline = simulated.model_copy(update={"camera": still})
    goes_on = timeline.model_copy(update={"shot_index": 1})  # same place, same camera
    previous = tuple(np.full((36, 64, 3), 10 * index, np.uint8) for index in range(8))
    with open_wan(vace_folder, window_frames=21, neural_control="none") as engine:
        for timeline_now in (timeline, goes_on):
            rendered = engine.render_shot(ShotInput(shot=shot.shot, timeline=timeline_now,
                                                    seed=0, previous=previous))
            assert len(list(rendered.frames)) == timeline_now.frame_count
    first, going_on = vace_calls.arguments
    assert first["video"] is None  # the first shot of the engine goes on from nothing
    # The 5 model frames before the shot (16 fps) are the previous shot's frames nearest in
    # time (12 fps: 4, 3, 2, 2 and 1 frames back), at the model's size, kept (mask black)
    kept = [np.asarray(image) for image in going_on["video"][:5]]
    expected = [fit_frame(previous[-back], width=48, height=32) for back in (4, 3, 2, 2, 1)]
    assert all(np.array_equal(a, b) for a, b in zip(kept, expected, strict=True))
    assert all((np.asarray(mask) == 0).all() for mask in going_on["mask"][:5])
    assert all((np.asarray(mask) == 255).all() for mask in going_on["mask"][5:])
    assert going_on["num_frames"] == 13  # 5 kept + 8 new, for 6 frames at 12 fps


def test_reference_images_go_to_vace(vace_folder: Path, vace_calls: Calls) -> None:
    shot, timeline = simulated_shot(Fraction(1, 2))
    face = np.zeros((40, 30, 3), np.uint8)
    face[10:30, 5:25] = (200, 150, 120)
    with open_wan(vace_folder, window_frames=81, neural_control="none") as engine:
        rendered = engine.render_shot(ShotInput(shot=shot.shot, timeline=timeline, seed=0,
                                                references=(face,)))
        assert len(list(rendered.frames)) == timeline.frame_count
    (call,) = vace_calls.arguments
    (reference,) = call["reference_images"]
    assert np.array_equal(np.asarray(reference), face)


def test_a_device_this_machine_lacks_is_refused_before_loading(t2v_folder: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA device")
    settings = wan_settings(t2v_folder, neural_device="cuda")
    with pytest.raises(EngineUnavailable, match="CINESTRA_NEURAL_DEVICE='cuda'"), \
            open_engine("wan", width=64, height=36, settings=settings):
        pass


def test_without_ftfy_the_engine_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                      t2v_folder: Path) -> None:
    monkeypatch.setitem(sys.modules, "ftfy", None)  # as if it were not installed
    with pytest.raises(EngineUnavailable, match=r"ftfy.*cinestra\[neural\]"):
        open_engine("wan", width=64, height=36, settings=wan_settings(t2v_folder))


# -- weights: refused at the door, naming what is missing ------------------------------------


def test_no_weights_configured_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="CINESTRA_WAN_WEIGHTS"):
        generate(short_request(), output=tmp_path / "x.mp4", settings=wan_settings(None))
    assert list(tmp_path.iterdir()) == []


def break_weights(folder: Path, how: str) -> str:
    """Damage a saved tiny pipeline `how`; the name the error must give."""
    if how == "no folder":
        return str(folder / "absent")
    if how == "no model_index.json":
        (folder / "model_index.json").unlink()
        return "model_index.json"
    if how == "a missing shard":
        index = json.loads((folder / "transformer" /
                            "diffusion_pytorch_model.safetensors.index.json").read_text())
        shard = sorted(set(index["weight_map"].values()))[-1]
        (folder / "transformer" / shard).unlink()
        return shard
    if how == "no transformer folder":
        for file in (folder / "transformer").iterdir():
            file.unlink()
        (folder / "transformer").rmdir()
        return "transformer/ (the transformer component)"
    raise ValueError(how)


@pytest.fixture
def sharded_folder(tmp_path: Path) -> Path:
    """Tiny weights saved in shards of 4 kB, as the big releases are (in shards of GBs)."""
    return save_tiny_wan(tmp_path / "weights", vace=False, max_shard_size="4KB")


@pytest.mark.parametrize("how", ["no folder", "no model_index.json", "a missing shard",
                                 "no transformer folder"])
def test_incomplete_weights_are_refused_naming_the_missing_files(
        tmp_path: Path, sharded_folder: Path, how: str) -> None:
    missing = break_weights(sharded_folder, how)
    folder = Path(missing) if how == "no folder" else sharded_folder
    output = tmp_path / "out" / "x.mp4"
    output.parent.mkdir()
    with pytest.raises(EngineUnavailable, match="engine wan") as refused:
        generate(short_request(), output=output, settings=wan_settings(folder))
    assert missing in str(refused.value)
    assert list(output.parent.iterdir()) == []


def test_the_cli_exits_2_naming_the_missing_file(tmp_path: Path, sharded_folder: Path) -> None:
    missing = break_weights(sharded_folder, "a missing shard")
    environment = os.environ | {"CINESTRA_WAN_WEIGHTS": str(sharded_folder)}
    result = subprocess.run(
        [sys.executable, "-m", "cinestra", "generate", PROMPT, "--engine", "wan",
         "--size", "640x360", "-o", str(tmp_path / "x.mp4")],
        capture_output=True, text=True, timeout=300, check=False, env=environment)
    assert result.returncode == 2
    assert "error:" in result.stderr and missing in result.stderr
    assert not (tmp_path / "x.mp4").exists()


@pytest.fixture
def cuda() -> Iterator[None]:
    import torch

    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    yield


@pytest.mark.gpu
@pytest.mark.parametrize("offload", ["none", "model"])
def test_vace_on_the_gpu_in_bfloat16(tmp_path: Path, vace_folder: Path, cuda: None,
                                     offload: str) -> None:
    settings = wan_settings(vace_folder, neural_device="cuda", neural_dtype="bfloat16",
                            neural_offload=offload)
    result = generate(short_request(), output=tmp_path / "gpu.mp4", settings=settings)
    assert read_mp4(result.path).frames.shape == (6, 360, 640, 3)
