"""Where a loaded diffusers pipeline runs, and how fast (`prepare_pipeline`).

This minimal version only places the pipeline: on `settings.neural_device`, or offloaded
to the CPU between uses ("model": each component moves to the device while it runs,
"sequential": each layer). Weights are already in `settings.neural_dtype`: the engines
load them in it. The attention backend, torch.compile and step caching come with the
speed work of the neural engines.
"""

from __future__ import annotations

from typing import Any

from cinestra.config import Settings


def prepare_pipeline(pipe: Any, settings: Settings) -> list[str]:
    """Place `pipe` per `settings`; returns what was done, in words for the user."""
    device = settings.neural_device
    if settings.neural_offload == "model":
        pipe.enable_model_cpu_offload(device=device)
        return [f"model offload: each component moves to {device} while it runs"]
    if settings.neural_offload == "sequential":
        pipe.enable_sequential_cpu_offload(device=device)
        return [f"sequential offload: each layer moves to {device} while it runs (slow)"]
    pipe.to(device)
    return []
