"""The engine contract: names, weights folders checked before anything loads (every missing
file named at once), and an engine's own sound joined with ours."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable, InvalidRequest
from cinestra.render.diffusion.weights import read_weights
from cinestra.render.engines import check_engine, engine_problem, open_engine
from cinestra.sound import SAMPLE_RATE, Soundtrack, with_engine_sound

WAN_INDEX = {"_class_name": "WanPipeline", "_diffusers_version": "0.42.1",
             "transformer": ["diffusers", "WanTransformer3DModel"],
             "transformer_2": [None, None],
             "vae": ["diffusers", "AutoencoderKLWan"],
             "text_encoder": ["transformers", "UMT5EncoderModel"],
             "tokenizer": ["transformers", "T5TokenizerFast"],
             "scheduler": ["diffusers", "UniPCMultistepScheduler"]}


def wan_folder(root: Path, *, sharded: bool = False) -> Path:
    """A complete Wan pipeline folder as `save_pretrained` lays it out (empty weight files:
    the check reads listings and configs, never weights)."""
    root.mkdir()
    (root / "model_index.json").write_text(json.dumps(WAN_INDEX))
    for name in ("transformer", "vae", "text_encoder"):
        (root / name).mkdir()
        (root / name / "config.json").write_text("{}")
        (root / name / "diffusion_pytorch_model.safetensors").touch()
    if sharded:
        (root / "transformer" / "diffusion_pytorch_model.safetensors").unlink()
        shards = {"weight_map": {"a": "part-1.safetensors", "b": "part-2.safetensors"}}
        (root / "transformer" / "diffusion_pytorch_model.safetensors.index.json").write_text(
            json.dumps(shards))
        (root / "transformer" / "part-1.safetensors").touch()
    (root / "tokenizer").mkdir()
    (root / "tokenizer" / "tokenizer.json").write_text("{}")
    (root / "scheduler").mkdir()
    (root / "scheduler" / "scheduler_config.json").write_text("{}")
    return root


def test_engine_names_are_checked() -> None:
    assert check_engine("wan") == "wan"
    with pytest.raises(InvalidRequest, match="choose one of previz, wan, ltx2"):
        check_engine("sora")


def test_previz_needs_nothing_and_neural_engines_need_their_weights() -> None:
    settings = Settings()
    assert engine_problem("previz", settings) is None
    problem = engine_problem("ltx2", settings)
    assert problem is not None and "CINESTRA_LTX2_WEIGHTS" in problem
    assert "nothing is downloaded" in problem
    with pytest.raises(EngineUnavailable, match="CINESTRA_WAN_WEIGHTS"):
        open_engine("wan", width=64, height=64, settings=settings)


def test_a_complete_folder_passes(tmp_path: Path) -> None:
    folder, missing = read_weights("wan", wan_folder(tmp_path / "wan"))
    assert missing == []
    assert folder is not None and folder.pipeline == "WanPipeline"
    assert "transformer_2" not in folder.components  # null entries are optional parts
    assert engine_problem("wan", Settings(wan_weights=tmp_path / "wan")) is None


def test_every_missing_file_is_named_at_once(tmp_path: Path) -> None:
    root = wan_folder(tmp_path / "wan", sharded=True)
    (root / "vae" / "diffusion_pytorch_model.safetensors").unlink()
    (root / "tokenizer" / "tokenizer.json").unlink()
    (root / "scheduler" / "scheduler_config.json").unlink()
    problem = engine_problem("wan", Settings(wan_weights=root))
    assert problem is not None
    for missing in ("transformer/part-2.safetensors", "vae/*.safetensors",
                    "tokenizer/tokenizer.json", "scheduler/scheduler_config.json"):
        assert missing in problem, missing
    assert "part-1" not in problem


@pytest.mark.parametrize(("change", "message"), [
    (lambda root: None, "is not a directory"),
    (lambda root: root.mkdir(), "not a diffusers pipeline folder"),
    (lambda root: (root.mkdir(), (root / "model_index.json").write_text("{nope")), "unreadable"),
    (lambda root: (root.mkdir(), (root / "model_index.json").write_text(
        json.dumps({"_class_name": "FluxPipeline"}))), "the wan engine runs WanPipeline or "
                                                       "WanVACEPipeline"),
])
def test_what_is_not_a_wan_folder_says_why(tmp_path: Path, change: object, message: str) -> None:
    root = tmp_path / "weights"
    change(root)  # type: ignore[operator]
    problem = engine_problem("wan", Settings(wan_weights=root))
    assert problem is not None and message in problem


def test_a_missing_component_folder_is_named(tmp_path: Path) -> None:
    root = wan_folder(tmp_path / "wan")
    for path in sorted((root / "text_encoder").iterdir()):
        path.unlink()
    (root / "text_encoder").rmdir()
    problem = engine_problem("wan", Settings(wan_weights=root))
    assert problem is not None and "text_encoder/ (the text_encoder component)" in problem


def tone(seconds: float, hz: float) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    mono = (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)
    return np.stack([mono, mono], axis=1)


def spectrum_peak(samples: np.ndarray) -> float:
    magnitudes = np.abs(np.fft.rfft(samples[:, 0]))
    return float(np.fft.rfftfreq(len(samples), 1 / SAMPLE_RATE)[np.argmax(magnitudes)])


def test_engine_sound_modes() -> None:
    ours = Soundtrack(samples=tone(2.0, 440.0))
    engine = [tone(1.2, 1000.0), None]  # a second shot the engine left silent
    lengths = [SAMPLE_RATE, SAMPLE_RATE]
    assert with_engine_sound(ours, engine, lengths, mode="ours") is ours
    kept = with_engine_sound(ours, engine, lengths, mode="engine").samples
    assert len(kept) == 2 * SAMPLE_RATE
    assert spectrum_peak(kept[:SAMPLE_RATE]) == pytest.approx(1000.0, abs=2)
    assert np.abs(kept[SAMPLE_RATE:]).max() == 0  # cut to its shot, silent after
    mixed = with_engine_sound(ours, engine, lengths, mode="mix").samples
    first = np.abs(np.fft.rfft(mixed[:SAMPLE_RATE, 0]))
    assert first[1000] > 0.2 * first[440] and first[440] > first[1000]  # ours over theirs
    with pytest.raises(ValueError, match="shots span"):
        with_engine_sound(ours, engine, [SAMPLE_RATE, 10], mode="engine")
