"""Time Wan text-to-video at real sizes with random weights, with and without each speed option.

Speed does not depend on the weights' values, so the models are built from their published
configurations and randomly initialised (nothing is downloaded): Wan2.1-T2V-1.3B at 832x480,
81 frames, and Wan2.2-TI2V-5B (with the Wan2.2 VAE) at 1280x704, 121 frames. The UMT5-XXL text
encoder is left out: random prompt embeddings of its output shape (512 tokens x 4096) stand
in for it. Every option goes through `prepare_pipeline`, the engines' own code path.

For each variant: a fresh pipeline, an untimed first call of `--warmup` steps (it pays for
compiling; reported as "first call"), then a timed call of `--steps` steps; seconds per
step is the median between step ends (CUDA synchronised), end to end is the whole call
(denoising, VAE decode, frames to numpy). Ratios are against the baseline of the same run.
Nothing is asserted: this prints numbers.

    python -m bench.neural [--models 1.3b,5b] [--steps 50] [--variants baseline,compile]
    python -m bench.neural --tiny   # the same code path on the CPU with toy models
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import torch
from diffusers import AutoencoderKLWan, UniPCMultistepScheduler, WanPipeline, WanTransformer3DModel

from cinestra.config import Settings
from cinestra.render.diffusion.speed import attention_backends, prepare_pipeline

WAN_BLOCK = {"patch_size": (1, 2, 2), "attention_head_dim": 128, "text_dim": 4096,
             "freq_dim": 256, "cross_attn_norm": True, "qk_norm": "rms_norm_across_heads",
             "eps": 1e-6, "rope_max_seq_len": 1024}
# The Wan2.2 VAE: 48 latent channels, 16x spatial compression (pixels packed 2x2 first).
WAN22_VAE = {"base_dim": 160, "decoder_base_dim": 256, "z_dim": 48, "is_residual": True,
             "in_channels": 12, "out_channels": 12, "patch_size": 2,
             "scale_factor_spatial": 16, "scale_factor_temporal": 4,
             "latents_mean": [0.0] * 48, "latents_std": [1.0] * 48}  # statistics: no matter
# Exact attention backends, fastest first on Hopper; "sage" (8-bit) changes the results.
EXACT_ATTENTION = ("_flash_3", "flash", "_native_cudnn")
GPU_ATTENTION = (*EXACT_ATTENTION, "sage")
Dtype = Literal["bfloat16", "float32"]


@dataclass(frozen=True)
class ModelSpec:
    name: str
    transformer: dict[str, Any]
    vae: dict[str, Any]
    width: int
    height: int
    frames: int
    flow_shift: float  # the scheduler's shift for this resolution
    expand_timesteps: bool  # Wan2.2 TI2V: a timestep per token
    text: tuple[int, int]  # prompt embeddings: tokens, width


MODELS = {
    "1.3b": ModelSpec("Wan2.1-T2V-1.3B", {**WAN_BLOCK, "num_attention_heads": 12,
                      "ffn_dim": 8960, "num_layers": 30, "in_channels": 16, "out_channels": 16},
                      {}, 832, 480, 81, 3.0, False, (512, 4096)),
    "5b": ModelSpec("Wan2.2-TI2V-5B", {**WAN_BLOCK, "num_attention_heads": 24,
                    "ffn_dim": 14336, "num_layers": 30, "in_channels": 48, "out_channels": 48},
                    WAN22_VAE, 1280, 704, 121, 5.0, True, (512, 4096)),
}
TINY_BLOCK = {**WAN_BLOCK, "attention_head_dim": 8, "text_dim": 16, "freq_dim": 32,
              "num_attention_heads": 2, "ffn_dim": 32, "num_layers": 2, "rope_max_seq_len": 32}
TINY_VAE = {"base_dim": 4, "decoder_base_dim": 4, "dim_mult": [1, 1, 1, 1], "num_res_blocks": 1}
TINY_MODELS = {
    "1.3b": ModelSpec("tiny Wan2.1-like", {**TINY_BLOCK, "in_channels": 16, "out_channels": 16},
                      TINY_VAE, 32, 32, 9, 3.0, False, (8, 16)),
    "5b": ModelSpec("tiny Wan2.2-like", {**TINY_BLOCK, "in_channels": 48, "out_channels": 48},
                    {**WAN22_VAE, **TINY_VAE}, 32, 32, 9, 5.0, True, (8, 16)),
}


@dataclass(frozen=True)
class Variant:
    name: str
    options: dict[str, Any] = field(default_factory=dict)  # Settings fields
    steps: int | None = None  # None: --steps
    guidance: float = 5.0
    mark: str = ""  # printed after the numbers


@dataclass
class Timing:
    step_s: float
    total_s: float
    first_s: float
    peak_gib: float | None
    steps: int


def build_pipeline(spec: ModelSpec, device: torch.device) -> Any:
    """A Wan pipeline of random weights, in float32 on `device` (prepare_pipeline casts)."""
    torch.manual_seed(0)
    with device:
        transformer = WanTransformer3DModel(**spec.transformer).eval()
        vae = AutoencoderKLWan(**spec.vae).eval()
    scheduler = UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True,
                                        num_train_timesteps=1000, flow_shift=spec.flow_shift)
    pipe = WanPipeline(tokenizer=None, text_encoder=None, vae=vae, scheduler=scheduler,
                       transformer=transformer, expand_timesteps=spec.expand_timesteps)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def variants(device: torch.device, *, distilled_steps: int,
             attention: list[str]) -> list[Variant]:
    """The baseline, each option alone, then the options together."""
    fast = [name for name in attention if name in EXACT_ATTENTION][:1]
    both = {"neural_batch_guidance": True, "neural_compile": True,
            **({"neural_attention": fast[0]} if fast else {})}
    found = [
        Variant("baseline"),
        Variant("batched-cfg", {"neural_batch_guidance": True}),
        *[Variant(f"attention {name}", {"neural_attention": name},
                  mark="8-bit attention: results change" if name.startswith("sage") else "")
          for name in attention],
        Variant("compile", {"neural_compile": True}, mark="regional"),
        Variant("cache 0.05", {"neural_cache": 0.05}, mark="untested until real weights"),
        Variant(f"{distilled_steps} steps no-cfg", steps=distilled_steps, guidance=1.0,
                mark="needs step-distilled weights"),
        Variant("combined", both),
        Variant(f"combined {distilled_steps} steps", both, steps=distilled_steps, guidance=1.0,
                mark="needs step-distilled weights"),
    ]
    if device.type == "cuda":
        found.insert(-2, Variant("offload model", {"neural_offload": "model"}, mark="memory"))
    return found


def time_variant(spec: ModelSpec, variant: Variant, *, device: torch.device, dtype: Dtype,
                 steps: int, warmup: int, compile_backend: str) -> Timing:
    pipe = build_pipeline(spec, device)
    settings = Settings(neural_device=str(device), neural_dtype=dtype, **variant.options)
    prepare_pipeline(pipe, settings, compile_backend=compile_backend)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    tokens, width = spec.text
    text = torch.randn(2, tokens, width, generator=torch.Generator().manual_seed(1))
    run_dtype = pipe.transformer.dtype
    prompt, negative = (text[:1].to(device, run_dtype), text[1:].to(device, run_dtype))
    ends: list[float] = []

    def step_end(_pipe: Any, step: int, timestep: Any, tensors: dict[str, Any]) -> dict[str, Any]:
        sync(device)
        ends.append(time.perf_counter())
        return tensors

    def call(count: int) -> float:
        sync(device)
        start = time.perf_counter()
        ends.clear()
        ends.append(start)
        pipe(prompt_embeds=prompt, negative_prompt_embeds=negative, height=spec.height,
             width=spec.width, num_frames=spec.frames, num_inference_steps=count,
             guidance_scale=variant.guidance, output_type="np", callback_on_step_end=step_end,
             generator=torch.Generator(device).manual_seed(0))
        sync(device)
        return time.perf_counter() - start

    first = call(warmup)
    count = variant.steps or steps
    total = call(count)
    # Between step ends: the first step also pays for preparing latents and timesteps.
    intervals = [b - a for a, b in itertools.pairwise(ends[1:])] or [ends[1] - ends[0]]
    peak = torch.cuda.max_memory_allocated(device) / 2**30 if device.type == "cuda" else None
    return Timing(statistics.median(intervals), total, first, peak, count)


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def release(device: torch.device) -> None:
    """Free what a variant left: its graphs (compiled blocks) and GPU memory."""
    gc.collect()
    torch.compiler.reset()
    if device.type == "cuda":
        torch.cuda.empty_cache()


def table(spec: ModelSpec, rows: list[tuple[Variant, Timing | str]], *, dtype: str,
          out: Callable[[str], None]) -> None:
    out(f"\n{spec.name}: {spec.width}x{spec.height}, {spec.frames} frames, {dtype}, random "
        f"weights; random prompt embeddings ({spec.text[0]}x{spec.text[1]}) stand in for "
        "UMT5-XXL; guidance 5.0 (one guided step = cond + uncond)")
    out(f"{'variant':<24}{'steps':>6}{'s/step':>9}{'x':>7}{'end-to-end s':>14}{'x':>7}"
        f"{'first call s':>14}{'peak GiB':>10}  notes")
    base = next((timing for variant, timing in rows
                 if variant.name == "baseline" and isinstance(timing, Timing)), None)
    for variant, timing in rows:
        if isinstance(timing, str):  # the variant failed: say so, and go on with the others
            out(f"{variant.name:<24}{timing}")
            continue
        step_ratio = f"{base.step_s / timing.step_s:.2f}" if base else "-"
        total_ratio = f"{base.total_s / timing.total_s:.2f}" if base else "-"
        peak = f"{timing.peak_gib:.1f}" if timing.peak_gib is not None else "n/a"
        out(f"{variant.name:<24}{timing.steps:>6}{timing.step_s:>9.3f}{step_ratio:>7}"
            f"{timing.total_s:>14.2f}{total_ratio:>7}{timing.first_s:>14.2f}{peak:>10}  "
            f"{variant.mark}")


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="1.3b,5b", help="comma list of: 1.3b, 5b")
    parser.add_argument("--steps", type=int, default=None,
                        help="denoising steps of each timed call (default 50; --tiny 2)")
    parser.add_argument("--warmup", type=int, default=2, help="steps of the untimed first call")
    parser.add_argument("--distilled-steps", type=int, default=4)
    parser.add_argument("--variants", default="", help="comma list of variant names (default all)")
    parser.add_argument("--attention", default="",
                        help="comma list of attention backends to try (default: those usable "
                             f"here among {', '.join(GPU_ATTENTION)})")
    parser.add_argument("--tiny", action="store_true",
                        help="toy models on the CPU: checks the script, not the speed")
    args = parser.parse_args(argv)
    dtype: Dtype
    if args.tiny:  # compiling with "eager" checks the path without a C++ toolchain's wait
        device, compile_backend, models = torch.device("cpu"), "eager", TINY_MODELS
        dtype = "float32"
        steps, wanted_attention = args.steps or 2, ["_native_math"]
    else:
        if not torch.cuda.is_available():
            parser.error("needs a CUDA GPU (or --tiny to check the script on the CPU)")
        device, compile_backend, models = torch.device("cuda"), "inductor", MODELS
        dtype = "bfloat16"
        usable, _ = attention_backends()
        steps = args.steps or 50
        wanted_attention = [name for name in GPU_ATTENTION if name in usable]
    if args.attention:
        wanted_attention = [name.strip() for name in args.attention.split(",") if name.strip()]
    chosen = variants(device, distilled_steps=args.distilled_steps, attention=wanted_attention)
    if args.variants:
        names = {name.strip() for name in args.variants.split(",")}
        chosen = [variant for variant in chosen if variant.name in names]
    gpu = torch.cuda.get_device_name(device) if device.type == "cuda" else "CPU"
    import diffusers

    out(f"bench.neural on {gpu}: torch {torch.__version__}, diffusers {diffusers.__version__}, "
        f"{steps} steps per timed call, first call {args.warmup} steps")
    for key in args.models.split(","):
        spec = models[key.strip()]
        rows: list[tuple[Variant, Timing | str]] = []
        for variant in chosen:
            try:
                rows.append((variant, time_variant(spec, variant, device=device, dtype=dtype,
                                                   steps=steps, warmup=args.warmup,
                                                   compile_backend=compile_backend)))
            except (RuntimeError, ValueError) as error:  # out of memory, a kernel that fails
                rows.append((variant, f"failed: {type(error).__name__}: "
                                      f"{str(error).splitlines()[0][:120]}"))
            release(device)  # the variant's pipeline is gone; free its graphs and memory
        table(spec, rows, dtype=dtype, out=out)


if __name__ == "__main__":
    main()
