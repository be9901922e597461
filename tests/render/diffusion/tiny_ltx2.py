"""A tiny, randomly initialised LTX-2 pipeline folder, built in code (no hub access).

Real component classes with the smallest configs that still run: a 2-layer audio-video
transformer, a video VAE that compresses 32x in space and 8x in time like the real one
(so frame counts follow the real 8k+1 rule and a 64x64 picture is 2x2 latent tokens), an
audio VAE and vocoder at 16 kHz, a 2-layer Gemma 3 text encoder and a character-level
Gemma tokenizer. `save_tiny_ltx2(path)` writes the folder the way `save_pretrained` does,
which is how users' LTX-2 weights arrive, and the engine loads it back from there.
"""

from __future__ import annotations

import string
from pathlib import Path

import torch
from diffusers import (
    AutoencoderKLLTX2Audio,
    AutoencoderKLLTX2Video,
    FlowMatchEulerDiscreteScheduler,
    LTX2Pipeline,
    LTX2VideoTransformer3DModel,
)
from diffusers.pipelines.ltx2 import LTX2TextConnectors
from diffusers.pipelines.ltx2.vocoder import LTX2Vocoder
from transformers import Gemma3Config, Gemma3ForConditionalGeneration, GemmaTokenizer

TEXT_HIDDEN = 32  # = the connectors' width (4 heads x 8)
TEXT_LAYERS = 2
AUDIO_RATE = 16_000  # the tiny vocoder's output rate (LTX-2.0's real one is 24 kHz)
SPECIAL_TOKENS = ("<pad>", "<eos>", "<bos>", "<unk>", "<mask>")


def tiny_tokenizer() -> GemmaTokenizer:
    """Gemma's tokenizer class over single characters: every prompt tokenizes."""
    symbols = ["▁", *string.ascii_lowercase, *string.ascii_uppercase, *string.digits,
               *".,;:!?'\"-()"]
    vocab = {token: index for index, token in enumerate((*SPECIAL_TOKENS, *symbols))}
    return GemmaTokenizer(vocab=vocab, merges=[], model_max_length=1024)


def tiny_text_encoder(vocab_size: int) -> Gemma3ForConditionalGeneration:
    config = Gemma3Config(
        text_config={"vocab_size": vocab_size, "hidden_size": TEXT_HIDDEN,
                     "intermediate_size": 32, "num_hidden_layers": TEXT_LAYERS,
                     "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 8,
                     "query_pre_attn_scalar": 8, "sliding_window": 64,
                     "max_position_embeddings": 2048},
        vision_config={"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 1,
                       "num_attention_heads": 2, "image_size": 16, "patch_size": 8},
        mm_tokens_per_image=4, boi_token_index=vocab_size - 2, eoi_token_index=vocab_size - 1,
        image_token_index=vocab_size - 3)
    return Gemma3ForConditionalGeneration(config).eval()


def tiny_ltx2_pipeline(seed: int = 0) -> LTX2Pipeline:
    """Every component of an LTX2Pipeline, tiny and seeded."""
    tokenizer = tiny_tokenizer()
    torch.manual_seed(seed)
    text_encoder = tiny_text_encoder(len(tokenizer))
    transformer = LTX2VideoTransformer3DModel(
        in_channels=4, out_channels=4, patch_size=1, patch_size_t=1, num_attention_heads=2,
        attention_head_dim=8, cross_attention_dim=16, audio_in_channels=4, audio_out_channels=4,
        audio_num_attention_heads=2, audio_attention_head_dim=4, audio_cross_attention_dim=8,
        num_layers=2, qk_norm="rms_norm_across_heads", caption_channels=TEXT_HIDDEN,
        rope_double_precision=False, rope_type="split")
    connectors = LTX2TextConnectors(
        caption_channels=TEXT_HIDDEN, text_proj_in_factor=TEXT_LAYERS + 1,
        video_connector_num_attention_heads=4, video_connector_attention_head_dim=8,
        video_connector_num_layers=1, video_connector_num_learnable_registers=None,
        audio_connector_num_attention_heads=4, audio_connector_attention_head_dim=8,
        audio_connector_num_layers=1, audio_connector_num_learnable_registers=None,
        connector_rope_base_seq_len=32, rope_theta=10000.0, rope_double_precision=False,
        causal_temporal_positioning=False, rope_type="split")
    # 4x4 pixel patches, then three space-and-time halvings: 32x in space, 8x in time.
    # A causal decoder: decoded frames depend on their own and earlier latents only, so
    # the frames a window is conditioned on come out the same whatever the noise after.
    vae = AutoencoderKLLTX2Video(
        in_channels=3, out_channels=3, latent_channels=4, block_out_channels=(8, 8, 8),
        decoder_block_out_channels=(8, 8, 8), layers_per_block=(1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1), spatio_temporal_scaling=(True, True, True),
        decoder_spatio_temporal_scaling=(True, True, True),
        decoder_inject_noise=(False, False, False, False),
        downsample_type=("spatiotemporal", "spatiotemporal", "spatiotemporal"),
        upsample_type=("spatiotemporal", "spatiotemporal", "spatiotemporal"),
        upsample_residual=(False, False, False), upsample_factor=(1, 1, 1),
        timestep_conditioning=False, patch_size=4, patch_size_t=1, encoder_causal=True,
        decoder_causal=True)
    audio_vae = AutoencoderKLLTX2Audio(
        base_channels=4, output_channels=2, ch_mult=(1,), num_res_blocks=1,
        attn_resolutions=None, in_channels=2, resolution=32, latent_channels=2,
        norm_type="pixel", causality_axis="height", dropout=0.0, mid_block_add_attention=False,
        sample_rate=AUDIO_RATE, mel_hop_length=160, is_causal=True, mel_bins=8)
    # 100 mel frames a second (16 kHz / hop 160), upsampled 4*5*8 = 160x: 16 kHz out.
    vocoder = LTX2Vocoder(
        in_channels=audio_vae.config.output_channels * audio_vae.config.mel_bins,
        hidden_channels=32, out_channels=2, upsample_kernel_sizes=[8, 10, 16],
        upsample_factors=[4, 5, 8], resnet_kernel_sizes=[3], resnet_dilations=[[1, 3, 5]],
        leaky_relu_negative_slope=0.1, output_sampling_rate=AUDIO_RATE)
    return LTX2Pipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(), vae=vae, audio_vae=audio_vae,
        text_encoder=text_encoder, tokenizer=tokenizer, connectors=connectors,
        transformer=transformer, vocoder=vocoder)


def save_tiny_ltx2(path: Path, seed: int = 0) -> Path:
    """A tiny LTX-2 weights folder at `path` (model_index.json and component folders)."""
    tiny_ltx2_pipeline(seed).save_pretrained(path)
    return path
