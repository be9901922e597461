"""Classifier-free guidance in one transformer call per step, for diffusers' Wan pipelines.

diffusers 0.42.1's Wan pipelines (`WanPipeline`, `WanVACEPipeline`, `WanImageToVideoPipeline`)
call the transformer twice per denoising step: with the prompt's embeddings ("cond"), then
with the negative prompt's ("uncond"), on the same latents, timestep and control video, and
only then mix the two. Their `__call__` takes no guider (0.42.1's guiders serve the modular
pipelines, and run their batches one after the other too), so we wrap two callables instead:

- the pipeline's `encode_prompt`, to keep the negative embeddings it returns when guidance is
  on (the transformer never sees them before the "uncond" call);
- the transformer's `forward`: the "cond" call runs the model once on a batch of two (latents,
  timestep, control video twice; prompt and negative embeddings stacked), returns the first
  half and keeps the second; the "uncond" call that follows with the same latents, timestep
  and the negative embeddings gets the kept half without running the model.

Anything unexpected (positional arguments, an argument we do not know, a call after "cond"
that is not its "uncond") falls back to plain calls until the pipeline's next run, so the
result never depends on our reading of the pipeline: at worst one batch-of-two call is wasted.
LTX-2's pipeline already batches its guidance, so it needs none of this.

The wrapper must be installed before accelerate's CPU-offload hooks: those are removed and
put back around our wrapper after every pipeline call, and would drop a wrapper put on top.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import torch

# Pipelines that call the transformer once for "cond" and once for "uncond" per step.
BATCHABLE = ("WanPipeline", "WanVACEPipeline", "WanImageToVideoPipeline")
# Pipelines that already run guidance as one batch (LTX-2 stacks latents and audio latents).
ALREADY_BATCHED = ("LTX2Pipeline",)
DENOISERS = ("transformer", "transformer_2")  # Wan 2.2 A14B has a second, low-noise expert

# Transformer arguments that are the same for both halves (stacked twice), and those passed
# through unchanged; any other argument means a call we do not understand.
DOUBLED = ("hidden_states", "timestep", "encoder_hidden_states_image", "control_hidden_states")
PASSED = ("control_hidden_states_scale", "attention_kwargs", "return_dict")


@dataclass
class GuidanceState:
    """What one pipeline run has told us: its negative embeddings, while guidance is on."""

    negative: torch.Tensor | None = None
    run: int = 0  # counts pipeline runs (encode_prompt calls), so no half outlives its run


@dataclass
class _Kept:
    run: int
    inputs: dict[str, Any]  # the "cond" call's arguments but its prompt embeddings
    negative: torch.Tensor
    output: torch.Tensor  # the unconditional half


class KeepNegative:
    """Wraps a pipeline's `encode_prompt` to keep the negative embeddings of guided runs."""

    def __init__(self, encode_prompt: Any, state: GuidanceState) -> None:
        self.encode_prompt = encode_prompt
        self.state = state
        functools.update_wrapper(self, encode_prompt)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        prompt_embeds, negative = self.encode_prompt(*args, **kwargs)
        # The pipelines pass this flag by name; without it we cannot know, so we stay out.
        guided = kwargs.get("do_classifier_free_guidance") is True
        self.state.run += 1
        self.state.negative = negative if guided and isinstance(negative, torch.Tensor) else None
        return prompt_embeds, negative


class BatchedGuidanceForward:
    """Wraps a transformer's `forward`: one batch-of-two call serves "cond" and "uncond"."""

    def __init__(self, forward: Any, state: GuidanceState) -> None:
        self.forward = forward
        self.state = state
        self.kept: _Kept | None = None
        self.model_calls = 0  # batched or not: how often the model really ran
        functools.update_wrapper(self, forward)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        kept, self.kept = self.kept, None
        if kept is not None:
            if self._is_uncond_of(kept, args, kwargs):
                return (kept.output,)
            # Not the call we expected after "cond": plain calls until the next run.
            self.state.negative = None
        negative = self.state.negative
        if negative is None or args or not self._batchable(kwargs, negative):
            self.model_calls += 1
            return self.forward(*args, **kwargs)
        return self._run_both(kwargs, negative)

    def _batchable(self, kwargs: dict[str, Any], negative: torch.Tensor) -> bool:
        if kwargs.get("return_dict", True) is not False:
            return False
        if not set(kwargs) <= {"encoder_hidden_states", *DOUBLED, *PASSED}:
            return False
        cond = kwargs.get("encoder_hidden_states")
        latents = kwargs.get("hidden_states")
        if not isinstance(cond, torch.Tensor) or not isinstance(latents, torch.Tensor):
            return False
        # Embeddings we cannot stack, or an "uncond" call on its own (by identity only: a
        # value check here would wait for the GPU at every step).
        if cond.shape != negative.shape or cond is negative:
            return False
        rows = latents.shape[0]
        return cond.shape[0] == rows and all(
            isinstance(kwargs[name], torch.Tensor) and kwargs[name].ndim > 0
            and kwargs[name].shape[0] == rows
            for name in DOUBLED if kwargs.get(name) is not None)

    def _run_both(self, kwargs: dict[str, Any], negative: torch.Tensor) -> Any:
        cond: torch.Tensor = kwargs["encoder_hidden_states"]
        negative = negative.to(device=cond.device, dtype=cond.dtype)
        both = dict(kwargs)
        for name in DOUBLED:
            if kwargs.get(name) is not None:
                both[name] = torch.cat([kwargs[name], kwargs[name]])
        both["encoder_hidden_states"] = torch.cat([cond, negative])
        self.model_calls += 1
        output = self.forward(**both)[0]
        rows = cond.shape[0]
        inputs = {name: value for name, value in kwargs.items() if name != "encoder_hidden_states"}
        self.kept = _Kept(run=self.state.run, inputs=inputs, negative=negative,
                          output=output[rows:])
        return (output[:rows],)

    def _is_uncond_of(self, kept: _Kept, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        if args or kept.run != self.state.run:
            return False
        if set(kwargs) != {"encoder_hidden_states", *kept.inputs}:
            return False
        if not all(_same(kwargs[name], value) for name, value in kept.inputs.items()):
            return False
        given = kwargs["encoder_hidden_states"]
        if not _same(given, kept.negative):
            return False
        # The pipeline cast its own copy of the negative embeddings: it becomes ours, so the
        # next steps match by identity.
        self.state.negative = given
        return True


def _same(a: Any, b: Any) -> bool:
    """The same argument in both calls. The pipelines pass the very same tensors, but offload
    hooks may hand the model copies, so equal values count too (compared only when the
    identity check fails)."""
    if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
        return a is b or (a.shape == b.shape and a.dtype == b.dtype and a.device == b.device
                          and torch.equal(a, b))
    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        return False
    return a is b or bool(a == b)


def batch_guidance(pipe: Any) -> str:
    """Install batched guidance on `pipe`; a note saying what was done or why not."""
    name = type(pipe).__name__
    if name in ALREADY_BATCHED:
        return f"batched guidance: {name} already runs guidance as one batch"
    if name not in BATCHABLE:
        return f"batched guidance refused: {name} is not a pipeline we know how to batch"
    if isinstance(pipe.encode_prompt, KeepNegative):
        return "batched guidance: already installed"
    state = GuidanceState()
    pipe.encode_prompt = KeepNegative(pipe.encode_prompt, state)
    wrapped = []
    for component in DENOISERS:
        model = getattr(pipe, component, None)
        if model is not None:
            model.forward = BatchedGuidanceForward(model.forward, state)
            wrapped.append(component)
    return (f"batched guidance: cond and uncond in one call of {', '.join(wrapped)} per step "
            "(more activation memory during the call)")
