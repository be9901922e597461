"""The ltx2 engine end to end on CPU, with a tiny random LTX-2 built and saved by the test
and loaded back from that folder, as users' weights are."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from tests.render.diffusion.tiny_ltx2 import save_tiny_ltx2

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable
from cinestra.media import read_mp4
from cinestra.media.decode import DecodedClip
from cinestra.pipeline import GenerateResult, generate
from cinestra.plan import make_storyboard
from cinestra.render.diffusion.ltx2 import LTX2Engine
from cinestra.render.diffusion.ltx2_windows import Window
from cinestra.render.diffusion.weights import weights_folder
from cinestra.render.engines import ShotInput, open_engine
from cinestra.request import check_request
from cinestra.world import Timeline, simulate

PROMPT = "a dog barks in a park"
SECONDS, FPS = 4, 24
TINY_PIXELS = 64 * 64  # the tiny model draws at 96x64 for a 16:9 clip


@pytest.fixture(scope="module", autouse=True)
def _one_torch_thread() -> Iterator[None]:
    # Tiny tensors: with other work on the machine, a second thread only waits for it.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_tiny_ltx2(tmp_path_factory.mktemp("ltx2") / "weights")


def ltx2_settings(weights: Path, **changes: Any) -> Settings:
    return Settings(ltx2_weights=weights, neural_device="cpu", neural_dtype="float32",
                    neural_steps=2, neural_max_pixels=TINY_PIXELS, **changes)


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of two stereo signals' mono mixes, over their common length."""
    n = min(len(a), len(b))
    x, y = a[:n].mean(axis=1), b[:n].mean(axis=1)
    x, y = x - x.mean(), y - y.mean()
    return float((x * y).sum() / np.sqrt((x * x).sum() * (y * y).sum()))


@pytest.fixture(scope="module")
def clips(weights: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, tuple[GenerateResult, DecodedClip]]:
    """One clip per engine_sound mode, made by `generate` as the CLI makes it."""
    request = check_request(prompt=PROMPT, seconds=SECONDS, size="640x360", fps=FPS,
                            engine="ltx2")
    folder = tmp_path_factory.mktemp("clips")
    made = {}
    for mode in ("engine", "ours", "mix"):
        result = generate(request, output=folder / f"{mode}.mp4",
                          settings=ltx2_settings(weights, engine_sound=mode))
        made[mode] = (result, read_mp4(result.path))
    return made


@pytest.fixture(scope="module")
def engine_sound(weights: Path, clips: dict[str, tuple[GenerateResult, DecodedClip]]
                 ) -> np.ndarray:
    """What the tiny model itself makes for the clip's shot, drawn again outside the
    pipeline (same shot, timeline and seed: the same sound)."""
    result, _ = clips["engine"]
    with open_engine("ltx2", width=640, height=360, settings=ltx2_settings(weights)) as engine:
        shot = engine.render_shot(ShotInput(shot=result.storyboard.shots[0],
                                            timeline=result.timelines[0], seed=0))
    assert shot.sound is not None
    return shot.sound


@pytest.mark.slow
def test_generate_with_ltx2_gives_a_clip_of_the_requested_size_and_length(
        clips: dict[str, tuple[GenerateResult, DecodedClip]]) -> None:
    result, decoded = clips["engine"]
    assert decoded.frames.shape == (SECONDS * FPS, 360, 640, 3)
    assert decoded.fps == FPS
    assert decoded.sample_rate == 48_000 and decoded.audio.shape[1] == 2
    assert abs(len(decoded.audio) - SECONDS * 48_000) <= 48_000 // FPS
    assert any("ltx2 draws at 96x64" in note for note in result.warnings)
    assert float(decoded.frames.std()) > 5.0  # a drawn picture, not a flat frame


@pytest.mark.slow
def test_engine_mode_publishes_the_models_sound(
        clips: dict[str, tuple[GenerateResult, DecodedClip]], engine_sound: np.ndarray) -> None:
    _, engine = clips["engine"]
    _, ours = clips["ours"]
    assert correlation(engine.audio, engine_sound) > 0.85
    assert abs(correlation(engine.audio, ours.audio)) < 0.2


@pytest.mark.slow
def test_ours_mode_publishes_our_sound_only(
        clips: dict[str, tuple[GenerateResult, DecodedClip]], engine_sound: np.ndarray) -> None:
    result, ours = clips["ours"]
    assert abs(correlation(ours.audio, engine_sound)) < 0.2
    assert float(np.sqrt(np.mean(ours.audio ** 2))) > 1e-3  # our ambience is there
    assert correlation(ours.audio, result.soundtrack.samples) > 0.95


@pytest.mark.slow
def test_mix_mode_lays_ours_over_the_models_sound(
        clips: dict[str, tuple[GenerateResult, DecodedClip]]) -> None:
    mix, ours, engine = (clips[mode][1].audio.mean(axis=1) for mode in ("mix", "ours", "engine"))
    n = min(len(mix), len(ours), len(engine))
    parts = np.stack([ours[:n], engine[:n]], axis=1)
    (ours_gain, engine_gain), residual, _, _ = np.linalg.lstsq(parts, mix[:n], rcond=None)
    explained = 1 - float(residual[0]) / float(((mix[:n] - mix[:n].mean()) ** 2).sum())
    assert explained > 0.9  # the mix is made of the two
    assert ours_gain > 0.5 and engine_gain > 0.05  # and both are heard


def test_missing_weights_are_named_before_any_compute(weights: Path, tmp_path: Path) -> None:
    broken = shutil.copytree(weights, tmp_path / "broken")
    (broken / "vocoder" / "diffusion_pytorch_model.safetensors").unlink()
    (broken / "tokenizer" / "tokenizer.json").unlink()
    request = check_request(prompt=PROMPT, seconds=SECONDS, size="640x360", engine="ltx2")
    stages: list[str] = []
    with pytest.raises(EngineUnavailable) as error:
        generate(request, output=tmp_path / "clip.mp4", settings=ltx2_settings(broken),
                 on_progress=lambda stage, done, total: stages.append(stage))
    assert str(broken / "vocoder") in str(error.value)
    assert str(broken / "tokenizer") in str(error.value) and "tokenizer.json" in str(error.value)
    assert stages == [] and not (tmp_path / "clip.mp4").exists()
    with pytest.raises(EngineUnavailable, match="CINESTRA_LTX2_WEIGHTS"):
        generate(request, output=tmp_path / "clip.mp4",
                 settings=Settings(neural_device="cpu", ltx2_weights=None))


def _shot_and_timeline(seconds: int) -> tuple[ShotInput, Timeline]:
    storyboard = make_storyboard(PROMPT, seconds=Fraction(seconds), seed=0)
    timeline = simulate(storyboard.shots[0], fps=FPS, aspect=Fraction(80, 48), seed=0)
    return ShotInput(shot=storyboard.shots[0], timeline=timeline, seed=3), timeline


def test_a_shot_longer_than_a_window_is_drawn_in_windows_of_exact_total_length(
        weights: Path) -> None:
    shot, timeline = _shot_and_timeline(SECONDS)
    settings = ltx2_settings(weights)
    with LTX2Engine(weights_folder("ltx2", settings), width=80, height=48, settings=settings,
                    window_frames=33) as engine:
        rendered = engine.render_shot(shot)
        frames = list(rendered.frames)
    assert len(frames) == timeline.frame_count == SECONDS * FPS
    assert {frame.shape for frame in frames} == {(48, 80, 3)}
    assert rendered.sound is not None and rendered.sound.dtype == np.float32
    assert rendered.sound.shape == (SECONDS * 48_000, 2)
    assert float(np.abs(rendered.sound).max()) > 0.0
    assert any("4 windows of up to 33 frames" in note for note in rendered.notes)


def test_a_window_starts_from_the_frames_before_whatever_its_noise(weights: Path) -> None:
    shot, _ = _shot_and_timeline(SECONDS)
    settings = ltx2_settings(weights)
    window = Window(frames=17, condition=9, new=8)  # two latent frames pinned, one new
    rng = np.random.default_rng(0)
    before = [rng.integers(0, 256, (64, 64, 3), dtype=np.uint8) for _ in range(9)]
    other = [rng.integers(0, 256, (64, 64, 3), dtype=np.uint8) for _ in range(9)]
    with LTX2Engine(weights_folder("ltx2", settings), width=64, height=64,
                    settings=settings) as engine:

        def draw(start: list[np.ndarray], seed: int) -> np.ndarray:
            frames, audio = engine.draw_window(shot.shot, window, start, size=(64, 64), rate=FPS,
                                               generator=torch.Generator().manual_seed(seed))
            assert len(frames) == 17 and audio.shape[1] == 2
            return np.stack(frames).astype(np.int16)

        first, second, elsewhere = draw(before, 1), draw(before, 2), draw(other, 1)
    # The pinned frames come from the frames before, not from the noise...
    assert np.array_equal(first[:9], second[:9])
    assert np.abs(first[:9] - elsewhere[:9]).mean() > 1.0
    # ...and what follows them is drawn anew
    assert np.abs(first[9:] - second[9:]).mean() > 1.0


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs an NVIDIA GPU")
def test_tiny_ltx2_on_the_gpu_in_bfloat16_with_model_offload(weights: Path) -> None:
    shot, timeline = _shot_and_timeline(SECONDS)
    settings = ltx2_settings(weights, neural_device="cuda", neural_dtype="bfloat16",
                             neural_offload="model")
    with open_engine("ltx2", width=80, height=48, settings=settings) as engine:
        rendered = engine.render_shot(shot)
        frames = list(rendered.frames)
    assert len(frames) == timeline.frame_count
    assert rendered.sound is not None and rendered.sound.shape == (SECONDS * 48_000, 2)
    assert any("model offload" in note for note in rendered.notes)
