"""Tiny random Wan pipelines, built here and saved to a folder as a user's weights would be.

Real classes (the transformer, VAE, UMT5 encoder, a tokenizer, the scheduler) with tiny
configs, seeded: `save_tiny_wan(folder, vace=...)` writes a diffusers pipeline folder
(`model_index.json` and one subfolder per component) that the engine loads with
`from_pretrained(folder, local_files_only=True)`. Nothing comes from the hub.

`record_calls` watches what a pipeline class is asked (and makes) while the engine runs.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from diffusers import (
    AutoencoderKLWan,
    UniPCMultistepScheduler,
    WanPipeline,
    WanTransformer3DModel,
    WanVACEPipeline,
    WanVACETransformer3DModel,
)
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast, UMT5Config, UMT5EncoderModel

from cinestra.config import Settings
from cinestra.request import VideoRequest

PROMPT = "a red ball bounces on a wooden table"

# Enough words for a prompt to be more than unknown tokens; the rest map to <unk>.
WORDS = ("a", "red", "ball", "bounces", "on", "wooden", "table", "cat", "walks", "in", "the",
         "park", "at", "night", "rain", "close", "up", "wide", "shot", "cinematic", "light",
         "static", "camera", "blurred", "low", "quality")
TEXT_DIM = 32
# The transformer's width (heads x head dim): 1 x 6. The engine sizes an unknown model's
# picture from it, so a tiny model generates tiny frames.
HEADS, HEAD_DIM = 1, 6


def tiny_tokenizer() -> PreTrainedTokenizerFast:
    vocab = {"<pad>": 0, "</s>": 1, "<unk>": 2} | {w: i + 3 for i, w in enumerate(WORDS)}
    model = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    model.pre_tokenizer = pre_tokenizers.Whitespace()
    return PreTrainedTokenizerFast(tokenizer_object=model, pad_token="<pad>", eos_token="</s>",
                                   unk_token="<unk>")


def tiny_text_encoder(vocab_size: int) -> UMT5EncoderModel:
    config = UMT5Config(vocab_size=vocab_size, d_model=TEXT_DIM, d_kv=8, d_ff=32, num_layers=1,
                        num_heads=4, relative_attention_num_buckets=8)
    return UMT5EncoderModel(config)


def tiny_vae() -> AutoencoderKLWan:
    # 8x spatial and 4x temporal compression like the real VAE, with 3 channels per level.
    return AutoencoderKLWan(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                            temperal_downsample=[False, True, True])


def tiny_transformer(*, vace: bool) -> WanTransformer3DModel | WanVACETransformer3DModel:
    common = {"patch_size": (1, 2, 2), "num_attention_heads": HEADS,
              "attention_head_dim": HEAD_DIM, "in_channels": 16, "out_channels": 16,
              "text_dim": TEXT_DIM, "freq_dim": 32, "ffn_dim": 32, "num_layers": 2,
              "cross_attn_norm": True, "qk_norm": "rms_norm_across_heads",
              "rope_max_seq_len": 32}
    if vace:
        # VACE control: 16 latent channels each for the kept and the generated part of the
        # control video, and the 8x8 mask folded into 64 channels.
        return WanVACETransformer3DModel(**common, vace_layers=[0], vace_in_channels=96)
    return WanTransformer3DModel(**common)


def tiny_wan(*, vace: bool, seed: int = 0) -> WanPipeline | WanVACEPipeline:
    torch.manual_seed(seed)
    tokenizer = tiny_tokenizer()
    scheduler = UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True,
                                        flow_shift=3.0)
    parts = {"tokenizer": tokenizer, "text_encoder": tiny_text_encoder(len(tokenizer)),
             "vae": tiny_vae(), "scheduler": scheduler, "transformer": tiny_transformer(vace=vace)}
    return WanVACEPipeline(**parts) if vace else WanPipeline(**parts)


def save_tiny_wan(folder: Path, *, vace: bool, max_shard_size: str | None = None) -> Path:
    """A tiny Wan (T2V) or Wan VACE pipeline saved as a diffusers folder at `folder`."""
    tiny_wan(vace=vace).save_pretrained(folder, max_shard_size=max_shard_size)
    return folder


# -- running them ---------------------------------------------------------------------------


def wan_settings(folder: Path | None, **options: Any) -> Settings:
    """Weights from `folder`, on the CPU in float32, 2 steps; `options` override."""
    chosen: dict[str, Any] = {"neural_device": "cpu", "neural_dtype": "float32",
                              "neural_steps": 2} | options
    return Settings(wan_weights=folder, **chosen)


def short_request(*, engine: str = "wan") -> VideoRequest:
    # Half a second at 12 fps: the shortest clip the pipeline makes (the CLI asks for 4 s).
    return VideoRequest(prompt=PROMPT, seconds=Fraction(1, 2), size="640x360", fps=12, seed=3,
                        engine=engine)


class Calls:
    """Every call of a pipeline class while recording: its arguments and the frames it made."""

    def __init__(self) -> None:
        self.arguments: list[dict[str, Any]] = []
        self.frames: list[np.ndarray] = []


def record_calls(monkeypatch: pytest.MonkeyPatch, pipeline_class: type[Any]) -> Calls:
    calls = Calls()
    original = pipeline_class.__call__

    def recording(pipe: Any, **arguments: Any) -> Any:
        calls.arguments.append(arguments)
        output = original(pipe, **arguments)
        calls.frames.append(np.round(output.frames[0] * 255).astype(np.uint8))
        return output

    monkeypatch.setattr(pipeline_class, "__call__", recording)
    return calls
