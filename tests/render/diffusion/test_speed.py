"""prepare_pipeline's options on tiny random Wan pipelines: each one applied and seen at work,
the same latents where an option must not change them, clear errors for bad values."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch
from diffusers import WanPipeline
from diffusers.hooks import HookRegistry
from diffusers.models.attention_dispatch import AttentionBackendName, _AttentionBackendRegistry
from tests.render.diffusion.speed_parts import (
    Calls,
    generate,
    settings,
    vace_pipeline,
    wan_pipeline,
)

from cinestra.errors import EngineUnavailable
from cinestra.render.diffusion.batched_guidance import BatchedGuidanceForward
from cinestra.render.diffusion.speed import enable_step_cache, load_dtypes, prepare_pipeline

STEPS = 3


@pytest.mark.parametrize("expand_timesteps", [False, True], ids=["wan2.1", "wan2.2-ti2v"])
def test_batched_guidance_gives_the_same_latents_with_one_call_per_step(
        expand_timesteps: bool) -> None:
    pipe = wan_pipeline(expand_timesteps=expand_timesteps)
    calls = Calls(pipe.transformer.blocks[0].ffn)
    plain = generate(pipe, steps=STEPS)
    assert calls.take() == [1] * (2 * STEPS)  # cond and uncond: two calls of one per step

    notes = prepare_pipeline(pipe, settings(neural_batch_guidance=True))
    assert any(note.startswith("batched guidance: cond and uncond") for note in notes)
    for _ in range(2):  # a second shot through the same pipeline batches as well
        batched = generate(pipe, steps=STEPS)
        assert calls.take() == [2] * STEPS
        torch.testing.assert_close(batched, plain, rtol=1e-4, atol=1e-5)


def test_batched_guidance_stacks_the_vace_control_video() -> None:
    pipe = vace_pipeline()
    control = Calls(pipe.transformer.vace_blocks[0].ffn)
    plain = generate(pipe, steps=STEPS)
    assert control.take() == [1] * (2 * STEPS)

    prepare_pipeline(pipe, settings(neural_batch_guidance=True))
    batched = generate(pipe, steps=STEPS)
    assert control.take() == [2] * STEPS
    torch.testing.assert_close(batched, plain, rtol=1e-4, atol=1e-5)


def test_without_guidance_nothing_is_batched() -> None:
    pipe = wan_pipeline()
    calls = Calls(pipe.transformer.blocks[0].ffn)
    plain = generate(pipe, steps=STEPS, guidance=1.0)
    prepare_pipeline(pipe, settings(neural_batch_guidance=True))
    unguided = generate(pipe, steps=STEPS, guidance=1.0)
    assert calls.take() == [1] * (2 * STEPS)  # one call of one per step, both runs
    torch.testing.assert_close(unguided, plain)


def test_an_unexpected_call_after_cond_is_answered_by_the_model() -> None:
    pipe = wan_pipeline()
    prepare_pipeline(pipe, settings(neural_batch_guidance=True))
    generate(pipe, steps=1)  # the negative embeddings of this run are kept
    forward = pipe.transformer.forward
    assert isinstance(forward, BatchedGuidanceForward)
    negative = forward.state.negative
    assert negative is not None
    seed = torch.Generator().manual_seed(3)
    latents = torch.randn(2, 1, 4, 3, 4, 4, generator=seed)
    cond = torch.randn(negative.shape, generator=seed)
    timestep = torch.tensor([500.0])

    def run(hidden: torch.Tensor, text: torch.Tensor) -> torch.Tensor:
        output: torch.Tensor = pipe.transformer(hidden_states=hidden, timestep=timestep,
                                                encoder_hidden_states=text,
                                                return_dict=False)[0]
        return output

    run(latents[0], cond)  # "cond": runs both halves, keeps the negative one
    calls = forward.model_calls
    other = run(latents[1], negative)  # not on the same latents: not its "uncond"
    assert forward.model_calls == calls + 1
    assert forward.state.negative is None  # plain calls until the next pipeline run
    torch.testing.assert_close(other, forward.forward(
        hidden_states=latents[1], timestep=timestep, encoder_hidden_states=negative,
        return_dict=False)[0])


def test_attention_backend_is_set_on_every_attention_of_this_pipeline() -> None:
    default = _AttentionBackendRegistry._active_backend
    pipe = wan_pipeline()
    plain = generate(pipe, steps=2)
    assert prepare_pipeline(pipe, settings(neural_attention="_native_math"))[0] == \
        "attention: _native_math"
    processors = [module.processor for module in pipe.transformer.modules()
                  if hasattr(module, "processor")]
    assert len(processors) == 4  # self and cross attention of both blocks
    assert {processor._attention_backend for processor in processors} == \
        {AttentionBackendName._NATIVE_MATH}
    assert _AttentionBackendRegistry._active_backend == default  # other models unaffected
    torch.testing.assert_close(generate(pipe, steps=2), plain, rtol=1e-4, atol=1e-5)


def test_a_bad_attention_name_lists_what_is_usable() -> None:
    with pytest.raises(EngineUnavailable, match=r"'flsh' is not a diffusers attention backend; "
                       r"usable here: .*\bnative\b"):
        prepare_pipeline(wan_pipeline(), settings(neural_attention="flsh"))
    with pytest.raises(EngineUnavailable, match="downloads its kernel from the Hugging Face hub"):
        prepare_pipeline(wan_pipeline(), settings(neural_attention="flash_hub"))


@pytest.mark.skipif(importlib.util.find_spec("flash_attn") is not None,
                    reason="flash-attn is installed here")
def test_a_backend_without_its_package_says_what_to_install() -> None:
    with pytest.raises(EngineUnavailable, match=r"'flash' cannot be used: .*flash-attn"):
        prepare_pipeline(wan_pipeline(), settings(neural_attention="flash"))


def test_first_block_cache_hooks_the_blocks_and_changes_nothing_at_threshold_zero() -> None:
    pipe = wan_pipeline()
    plain = generate(pipe, steps=STEPS)
    tail = Calls(pipe.transformer.blocks[-1].ffn)
    assert enable_step_cache(pipe, 0.0).startswith("first-block cache: threshold 0")
    registry = HookRegistry.check_if_exists_or_initialize(pipe.transformer.blocks[0])
    assert "fbc_leader_block_hook" in registry.hooks
    torch.testing.assert_close(generate(pipe, steps=STEPS), plain)
    assert len(tail.take()) == 2 * STEPS  # every block ran on every call

    # A threshold no change can pass: after the first step of each of cond and uncond,
    # the rest of the model is skipped (and the result changes).
    pipe.transformer.disable_cache()
    prepare_pipeline(pipe, settings(neural_cache=1e9))
    cached = generate(pipe, steps=STEPS)
    assert len(tail.take()) == 2
    assert not torch.allclose(cached, plain)


def test_first_block_cache_is_refused_for_vace() -> None:
    pipe = vace_pipeline()
    notes = prepare_pipeline(pipe, settings(neural_cache=0.05))
    assert notes[0].startswith("first-block cache refused: WanVACETransformer3DModel")
    assert not pipe.transformer.is_cache_enabled


def test_compile_wraps_each_block() -> None:
    pipe = wan_pipeline()
    plain = generate(pipe, steps=2)
    notes = prepare_pipeline(pipe, settings(neural_compile=True), compile_backend="eager")
    assert notes[0].startswith("torch.compile (eager): WanTransformerBlock")
    assert all(block._compiled_call_impl is not None for block in pipe.transformer.blocks)
    torch.testing.assert_close(generate(pipe, steps=2), plain)


def test_all_options_together_keep_the_latents() -> None:
    pipe = wan_pipeline()
    plain = generate(pipe, steps=2)
    enable_step_cache(pipe, 0.0)  # settings take 0 as off; the hooks still run at 0
    prepare_pipeline(pipe, settings(neural_batch_guidance=True, neural_attention="native",
                                    neural_compile=True), compile_backend="eager")
    torch.testing.assert_close(generate(pipe, steps=2), plain, rtol=1e-4, atol=1e-5)


def test_placement_casts_as_loading_would_and_refuses_offload_on_cpu(tmp_path: Path) -> None:
    pipe = wan_pipeline()
    pipe.save_pretrained(tmp_path)  # the user's path: a local diffusers folder
    bfloat16 = settings(neural_dtype="bfloat16", neural_offload="model")
    loaded = WanPipeline.from_pretrained(tmp_path, dtype=load_dtypes(bfloat16, "WanPipeline"))
    assert prepare_pipeline(loaded, bfloat16) == [
        "dtype: bfloat16 (vae in float32)", "offload model refused: the device is the CPU",
        "device: cpu"]
    # Built in float32 and cast here: the same dtypes, layer by layer (norms, rotary
    # embedding and time embedder stay float32 in the transformer, the VAE all float32).
    assert prepare_pipeline(pipe, bfloat16)[0] == \
        "dtype: bfloat16 (vae in float32); cast after loading: text_encoder, transformer"
    for name in ("text_encoder", "transformer", "vae"):
        assert dtypes(getattr(pipe, name)) == dtypes(getattr(loaded, name)), name
    assert dtypes(pipe.transformer)["blocks.0.norm2.weight"] == torch.float32
    assert set(dtypes(pipe.vae).values()) == {torch.float32}
    assert pipe.transformer.dtype == torch.bfloat16
    assert generate(pipe, steps=1).shape == (1, 4, 3, 4, 4)


def dtypes(model: torch.nn.Module) -> dict[str, torch.dtype]:
    return {name: tensor.dtype for name, tensor in model.state_dict().items()}


def test_a_device_this_machine_lacks_is_a_clear_error() -> None:
    with pytest.raises(EngineUnavailable, match=r"'cdua' is not a torch device"):
        prepare_pipeline(wan_pipeline(), settings(neural_device="cdua"))
    if not torch.cuda.is_available():
        with pytest.raises(EngineUnavailable, match="sees no CUDA device; set "
                           "CINESTRA_NEURAL_DEVICE=cpu"):
            prepare_pipeline(wan_pipeline(), settings(neural_device="cuda"))


def test_batched_guidance_survives_offload_hooks_being_put_back() -> None:
    # enable_model_cpu_offload removes and re-adds accelerate's hooks after every run
    # (maybe_free_model_hooks); our wrapper sits beneath them and must stay there. The CPU
    # stands in for the accelerator here: accelerate hooks the same way.
    pipe = wan_pipeline()
    calls = Calls(pipe.transformer.blocks[0].ffn)
    plain = generate(pipe, steps=2)
    calls.take()
    prepare_pipeline(pipe, settings(neural_batch_guidance=True))
    pipe.enable_model_cpu_offload(device="cpu")
    for _ in range(2):
        torch.testing.assert_close(generate(pipe, steps=2), plain, rtol=1e-4, atol=1e-5)
        assert calls.take() == [2, 2]


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_model_offload_on_a_gpu_keeps_batched_guidance() -> None:
    pipe = wan_pipeline()
    plain = generate(pipe, steps=2)
    calls = Calls(pipe.transformer.blocks[0].ffn)
    notes = prepare_pipeline(pipe, settings(neural_device="cuda", neural_offload="model",
                                            neural_batch_guidance=True))
    assert "offload: each model moves to cuda" in notes[-1]
    for _ in range(2):
        # cuDNN convolutions may run in TF32 on the GPU: close, not equal.
        torch.testing.assert_close(generate(pipe, steps=2).cpu(), plain, rtol=1e-2, atol=1e-2)
        assert calls.take() == [2, 2]
