"""Tiny random Wan pipelines built in code (no hub), for the speed-option tests.

Real diffusers classes at toy sizes: a 2-block transformer (or its VACE variant), a Wan VAE
with 4 latent channels, a one-layer UMT5 encoder and a word-level tokenizer over a few words.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from diffusers import (
    AutoencoderKLWan,
    FlowMatchEulerDiscreteScheduler,
    WanPipeline,
    WanTransformer3DModel,
    WanVACEPipeline,
    WanVACETransformer3DModel,
)
from PIL import Image
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast, UMT5Config, UMT5EncoderModel

from cinestra.config import Settings

WORDS = ("<pad>", "<unk>", "</s>", "a", "cat", "dog", "walks", "runs", "blurry", "static")
TEXT_DIM = 16
TOKENS = 8  # max_sequence_length
SIZE = 32  # pixels; the VAE divides by 8, the patch by 2
FRAMES = 9  # 3 latent frames
LATENT = 4  # latent channels
TRANSFORMER = {"patch_size": (1, 2, 2), "num_attention_heads": 2, "attention_head_dim": 8,
               "in_channels": LATENT, "out_channels": LATENT, "text_dim": TEXT_DIM,
               "freq_dim": 32, "ffn_dim": 32, "num_layers": 2, "rope_max_seq_len": 32}


def tokenizer() -> PreTrainedTokenizerFast:
    vocab = {word: index for index, word in enumerate(WORDS)}
    words = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.Whitespace()
    return PreTrainedTokenizerFast(tokenizer_object=words, pad_token="<pad>",
                                   unk_token="<unk>", eos_token="</s>")


def parts() -> dict[str, Any]:
    torch.manual_seed(0)
    return {
        "tokenizer": tokenizer(),
        "text_encoder": UMT5EncoderModel(UMT5Config(
            vocab_size=len(WORDS), d_model=TEXT_DIM, d_kv=4, d_ff=32, num_layers=1,
            num_heads=2, relative_attention_num_buckets=8,
            relative_attention_max_distance=16)).eval(),
        "vae": AutoencoderKLWan(base_dim=4, z_dim=LATENT, dim_mult=[1, 1, 1, 1],
                                num_res_blocks=1, temperal_downsample=[False, True, True],
                                latents_mean=[0.0] * LATENT, latents_std=[1.0] * LATENT).eval(),
        "scheduler": FlowMatchEulerDiscreteScheduler(shift=3.0),
    }


def wan_pipeline(*, expand_timesteps: bool = False) -> WanPipeline:
    """Wan2.1-like; `expand_timesteps`: Wan2.2 TI2V's timestep per latent token."""
    components = parts()
    pipe = WanPipeline(transformer=WanTransformer3DModel(**TRANSFORMER).eval(),
                       expand_timesteps=expand_timesteps, **components)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def vace_pipeline() -> WanVACEPipeline:
    components = parts()
    # Control latents: inactive and reactive video latents plus the 8x8-packed mask.
    transformer = WanVACETransformer3DModel(**TRANSFORMER, vace_layers=[0],
                                            vace_in_channels=2 * LATENT + 64).eval()
    pipe = WanVACEPipeline(transformer=transformer, **components)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def settings(**values: Any) -> Settings:
    """Settings for the CPU in float32 unless `values` say otherwise."""
    return Settings(**{"neural_device": "cpu", "neural_dtype": "float32", **values})


def generate(pipe: Any, *, steps: int = 3, guidance: float = 5.0) -> torch.Tensor:
    """The final latents of a guided run from seed 0."""
    inputs: dict[str, Any] = {}
    if isinstance(pipe, WanVACEPipeline):
        # A grey control video, all of it to generate (mask 255); its text path needs ftfy,
        # so the prompts come as embeddings.
        grey = np.full((SIZE, SIZE, 3), 100, np.uint8)
        inputs["video"] = [Image.fromarray(grey) for _ in range(FRAMES)]
        inputs["mask"] = [Image.fromarray(np.full((SIZE, SIZE), 255, np.uint8))] * FRAMES
        embeds = torch.randn(2, TOKENS, TEXT_DIM, generator=torch.Generator().manual_seed(1))
        inputs["prompt_embeds"], inputs["negative_prompt_embeds"] = embeds[:1], embeds[1:]
    else:
        inputs["prompt"], inputs["negative_prompt"] = "a cat walks", "blurry static"
    latents: torch.Tensor = pipe(
        **inputs, height=SIZE, width=SIZE, num_frames=FRAMES, num_inference_steps=steps,
        guidance_scale=guidance, max_sequence_length=TOKENS, output_type="latent",
        generator=torch.Generator().manual_seed(0)).frames
    return latents


class Calls:
    """Counts the runs of a module and the batch size of each (a forward hook)."""

    def __init__(self, module: torch.nn.Module) -> None:
        self.batches: list[int] = []
        self.handle = module.register_forward_hook(self._seen)

    def _seen(self, module: torch.nn.Module, args: Any, output: Any) -> None:
        hidden = args[0] if args else None
        self.batches.append(int(hidden.shape[0]) if isinstance(hidden, torch.Tensor) else -1)

    def take(self) -> list[int]:
        batches, self.batches = self.batches, []
        return batches
