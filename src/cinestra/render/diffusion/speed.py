"""Where a loaded diffusers pipeline runs: its device, or CPU offload.

The neural engines call `prepare_pipeline(pipe, settings)` right after loading. This is the
placement part only (the speed options, attention backends, compile and step caching, come
with the speed work); it returns one note per choice made.
"""

from __future__ import annotations

from typing import Any

import torch

from cinestra.config import Settings
from cinestra.errors import EngineUnavailable

DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32}
# Components loaded in float32 whatever neural_dtype says: diffusers' Wan examples load the
# VAE in float32 (its decode is where bfloat16 shows).
FLOAT32_COMPONENTS = {"WanPipeline": ("vae",), "WanVACEPipeline": ("vae",)}


def torch_dtype(settings: Settings) -> torch.dtype:
    """`neural_dtype` as a torch dtype (engines load weights in it to save memory)."""
    return DTYPES[settings.neural_dtype]


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
    return device


def prepare_pipeline(pipe: Any, settings: Settings) -> list[str]:
    """Put `pipe` (loaded in `torch_dtype(settings)`) on `neural_device`, or offload it per
    `neural_offload`; one note per choice. Models are not cast again here: `.to(dtype)`
    would also cast the layers diffusers keeps in float32 (Wan's rope, norms, time
    embedding), which loading in the dtype leaves alone."""
    device = check_device(settings)
    keep = FLOAT32_COMPONENTS.get(type(pipe).__name__, ())
    dtype = torch_dtype(settings)
    notes = [f"dtype: {settings.neural_dtype}"
             + (f" ({', '.join(keep)} in float32)" if keep and dtype != torch.float32 else "")]
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
