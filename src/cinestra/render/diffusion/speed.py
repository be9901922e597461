"""Where a loaded diffusers pipeline runs, and how fast: placement, memory and speed options.

The neural engines call `prepare_pipeline(pipe, settings)` right after loading a pipeline
from its weights folder. It reads the `neural_*` settings and returns one note per option,
applied or refused (and why):

- `neural_batch_guidance`: classifier-free guidance's two transformer calls per step as one
  call on a batch of two (`batched_guidance`);
- `neural_attention`: a diffusers attention backend ("flash", "_native_cudnn", "sage"...);
  backends that fetch kernels from the Hugging Face hub are refused (nothing is downloaded);
- `neural_cache`: diffusers' first-block cache at that threshold (0: off): a step whose first
  block changed less than the threshold reuses the rest of the model's last answer;
- `neural_compile`: torch.compile of the transformer's repeated blocks (regional: one block
  compiled and reused by all 30 or 40, far quicker to compile than the whole model);
- placement: `neural_dtype` on every model but Wan's VAE (float32, as diffusers' Wan examples
  keep it; engines load with `dtype=load_dtypes(...)`, and a model loaded otherwise is cast
  here), then `neural_device`, or CPU offload per `neural_offload` for 24 GB cards.

Fewer steps is not an option here: the engines pass `neural_steps` and
`neural_guidance_scale` to the pipeline (distilled weights run 4-8 steps without guidance;
docs/NEURAL.md). Options apply in this order because each wraps what the previous one left:
accelerate's offload hooks are removed and put back after every pipeline call, and must find
the guidance wrapper beneath them, so offload comes last.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

import torch

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable
from cinestra.render.diffusion.batched_guidance import DENOISERS, batch_guidance

DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32}
# Components kept in float32 whatever neural_dtype says, by pipeline class: diffusers' Wan
# examples load the VAE in float32 (its decode is where bfloat16 shows).
FLOAT32_COMPONENTS = {"WanPipeline": ("vae",), "WanVACEPipeline": ("vae",),
                      "WanImageToVideoPipeline": ("vae",)}
# diffusers' first-block cache skips `blocks` only; VACE adds its control hints between those
# blocks outside them, so a skipped step would add the hints twice.
NO_STEP_CACHE = ("WanVACETransformer3DModel",)


def torch_dtype(settings: Settings) -> torch.dtype:
    """`neural_dtype` as a torch dtype (engines may load weights in it to save memory)."""
    return DTYPES[settings.neural_dtype]


def denoisers(pipe: Any) -> list[Any]:
    """The pipeline's transformers (Wan 2.2 A14B has two experts)."""
    return [model for name in DENOISERS if (model := getattr(pipe, name, None)) is not None]


def check_device(settings: Settings) -> torch.device:
    """`neural_device` as a torch device present on this machine, or EngineUnavailable."""
    try:
        device = torch.device(settings.neural_device)
    except RuntimeError:
        raise EngineUnavailable(f"CINESTRA_NEURAL_DEVICE={settings.neural_device!r} is not a "
                                "torch device (e.g. 'cuda', 'cuda:1', 'cpu')") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise EngineUnavailable(f"CINESTRA_NEURAL_DEVICE={settings.neural_device!r} but torch "
                                f"{torch.__version__} sees no CUDA device; set "
                                "CINESTRA_NEURAL_DEVICE=cpu to run (slowly) on the CPU")
    if device.type == "cuda" and (device.index or 0) >= torch.cuda.device_count():
        raise EngineUnavailable(f"CINESTRA_NEURAL_DEVICE={settings.neural_device!r}: this "
                                f"machine has {torch.cuda.device_count()} CUDA device(s)")
    return device


def attention_backends() -> tuple[list[str], dict[str, str]]:
    """diffusers' attention backends usable here, and the others with why not."""
    from diffusers.models import attention_dispatch as dispatch

    usable: list[str] = []
    unusable: dict[str, str] = {}
    hub_kernels = getattr(dispatch, "_HUB_KERNELS_REGISTRY", {})
    for backend in dispatch.AttentionBackendName:
        if backend.value.endswith("_hub") or backend in hub_kernels:
            unusable[backend.value] = ("it downloads its kernel from the Hugging Face hub at run "
                                       "time, and Cinestra never downloads")
            continue
        try:
            dispatch._check_attention_backend_requirements(backend)
        except (RuntimeError, ImportError) as error:
            unusable[backend.value] = str(error)
            continue
        usable.append(backend.value)
    return usable, unusable


def check_attention(name: str) -> str:
    """`name` as a usable attention backend, or EngineUnavailable listing the usable ones."""
    usable, unusable = attention_backends()
    wanted = name.strip().lower()
    if wanted in usable:
        return wanted
    choose = f"usable here: {', '.join(usable)}"
    if wanted in unusable:
        raise EngineUnavailable(f"CINESTRA_NEURAL_ATTENTION={name!r} cannot be used: "
                                f"{unusable[wanted]}; {choose}")
    raise EngineUnavailable(f"CINESTRA_NEURAL_ATTENTION={name!r} is not a diffusers attention "
                            f"backend; {choose} (empty: PyTorch's scaled_dot_product_attention)")


def set_attention(pipe: Any, name: str) -> str:
    """Every transformer of `pipe` attends with backend `name` (checked first)."""
    from diffusers.models.attention_dispatch import _AttentionBackendRegistry

    backend = check_attention(name)
    # set_attention_backend also makes the backend diffusers' default for the whole process;
    # the processors keep their own, so the default goes back to what it was.
    default = _AttentionBackendRegistry._active_backend
    try:
        for model in denoisers(pipe):
            model.set_attention_backend(backend)
    finally:
        _AttentionBackendRegistry.set_active_backend(default)
    return f"attention: {backend}"


def enable_step_cache(pipe: Any, threshold: float) -> str:
    """diffusers' first-block cache on every transformer of `pipe` at `threshold` (>= 0; at
    0 every block still runs on every step)."""
    from diffusers.hooks import FirstBlockCacheConfig

    if threshold < 0:
        raise EngineUnavailable(f"CINESTRA_NEURAL_CACHE={threshold}: the first-block cache "
                                "threshold is 0 (off) or more, e.g. 0.05")
    models = denoisers(pipe)
    refused = [type(model).__name__ for model in models if type(model).__name__ in NO_STEP_CACHE]
    if refused:
        return (f"first-block cache refused: {refused[0]} adds VACE control hints between "
                "the blocks the cache skips")
    try:
        for model in models:
            model.enable_cache(FirstBlockCacheConfig(threshold=threshold))
    except ValueError as error:  # a transformer whose blocks the cache does not know
        return f"first-block cache refused: {error}"
    return (f"first-block cache: threshold {threshold:g} (its speed and quality are untested "
            "until real weights)")


def compile_blocks(pipe: Any, *, backend: str = "inductor") -> str:
    """torch.compile each repeated block of the transformers (compiled at the first call).

    Graph breaks are allowed (no fullgraph): the cache's skip decision is one on purpose, and
    an attention kernel dynamo cannot trace should cost speed, not the shot."""
    compiled = []
    for model in denoisers(pipe):
        if getattr(model, "_repeated_blocks", None):
            model.compile_repeated_blocks(backend=backend)
            compiled.append(f"{', '.join(model._repeated_blocks)} of {type(model).__name__}")
        else:  # no regional compilation declared: the whole model
            model.compile(backend=backend)
            compiled.append(f"all of {type(model).__name__}")
    return f"torch.compile ({backend}): {'; '.join(compiled)}, compiled at the first call"


def load_dtypes(settings: Settings, pipeline: str) -> dict[str, torch.dtype]:
    """What an engine passes as `dtype` to `<pipeline>.from_pretrained` (diffusers 0.42
    deprecates `torch_dtype`): `neural_dtype` by default, float32 where the model keeps it.
    Loading in the right dtype halves the memory of a bfloat16 load and keeps each model's
    own float32 layers (norms, rotary embedding), which a cast after loading has to redo
    (`place` does)."""
    dtypes = {"default": torch_dtype(settings)}
    dtypes.update({name: torch.float32 for name in FLOAT32_COMPONENTS.get(pipeline, ())})
    return dtypes


def _float32_parts(model: torch.nn.Module, dtype: torch.dtype) -> set[str]:
    """Names of the layers that loading `model` in `dtype` leaves in float32. diffusers keeps
    `_keep_in_fp32_modules` in float32 for any lower dtype; transformers only for float16,
    and its `_keep_in_fp32_modules_strict` for float16 and bfloat16."""
    if dtype == torch.float32:
        return set()
    keep = set(getattr(model, "_keep_in_fp32_modules", None) or ())
    if hasattr(model, "_keep_in_fp32_modules_strict"):  # a transformers model
        strict = set(getattr(model, "_keep_in_fp32_modules_strict", None) or ())
        return strict | keep if dtype == torch.float16 else strict
    return keep


def _cast(model: torch.nn.Module, dtype: torch.dtype) -> None:
    """`model` in `dtype` as loading it with `dtype` would leave it (diffusers' own
    `.to(dtype)` would cast the float32 layers too)."""
    torch.nn.Module.to(model, dtype=dtype)
    keep = _float32_parts(model, dtype)
    tensors = chain(model.named_parameters(), model.named_buffers())
    for name, tensor in tensors:  # matched on name parts, as diffusers' loader matches them
        if tensor.is_floating_point() and any(part in keep for part in name.split(".")):
            tensor.data = tensor.data.to(torch.float32)


def place(pipe: Any, settings: Settings) -> list[str]:
    """Give each model its dtype (when loading did not), then put the pipeline on its device
    or offload it."""
    device = check_device(settings)
    dtypes = load_dtypes(settings, type(pipe).__name__)
    cast = []
    for name, component in pipe.components.items():
        if not isinstance(component, torch.nn.Module) or getattr(component, "is_quantized", False):
            continue  # tokenizers, schedulers; quantized weights keep their own dtypes
        dtype = dtypes.get(name, dtypes["default"])
        if getattr(component, "dtype", None) != dtype:
            _cast(component, dtype)
            cast.append(name)
    kept = [name for name, dtype in dtypes.items()
            if name != "default" and dtype != dtypes["default"]]
    notes = [f"dtype: {settings.neural_dtype}"
             + (f" ({', '.join(kept)} in float32)" if kept else "")
             + (f"; cast after loading: {', '.join(cast)}" if cast else "")]
    offload = settings.neural_offload
    if offload != "none" and device.type == "cpu":
        notes.append(f"offload {offload} refused: the device is the CPU")
        offload = "none"
    if offload == "model":
        pipe.enable_model_cpu_offload(device=device)
        notes.append(f"offload: each model moves to {device} while it runs")
    elif offload == "sequential":
        pipe.enable_sequential_cpu_offload(device=device)
        notes.append(f"offload: each layer moves to {device} while it runs (slowest)")
    else:
        pipe.to(device)
        notes.append(f"device: {device}")
    return notes


def prepare_pipeline(pipe: Any, settings: Settings, *,
                     compile_backend: str = "inductor") -> list[str]:
    """Apply the `neural_*` settings to a freshly loaded `pipe`; one note per option.

    Bad values (an unknown attention backend, a device this machine lacks) raise
    EngineUnavailable naming the setting; options that cannot apply to this pipeline are
    refused in a note. `compile_backend` is torch.compile's ("eager" in tests).
    """
    notes: list[str] = []
    # 1. Guidance batching wraps the transformer's forward, under everything that follows
    if settings.neural_batch_guidance:
        notes.append(batch_guidance(pipe))
    # 2. Attention kernels
    if settings.neural_attention.strip():
        notes.append(set_attention(pipe, settings.neural_attention))
    # 3. Step caching: hooks on the transformer blocks
    if settings.neural_cache:
        notes.append(enable_step_cache(pipe, settings.neural_cache))
    # 4. Compilation of the (hooked) blocks
    if settings.neural_compile:
        if settings.neural_offload == "sequential":
            notes.append("torch.compile refused: sequential offload moves weights inside "
                         "every layer during the call")
        else:
            notes.append(compile_blocks(pipe, backend=compile_backend))
    # 5. Dtypes, then the device or CPU offload (last: its hooks must wrap ours)
    notes += place(pipe, settings)
    return notes
