"""What a Wan model was trained for, read from its transformer config: picture size, frame
rate and frames per window; and the size it generates at for a requested aspect.

Wan releases differ by the transformer's width (attention heads x head dim), so that width
names the model. A model not in the table (a fine-tune of another width, the tests' tiny
ones) is taken as trained on proportionally fewer pixels than Wan2.1-1.3B, at its rate and
window: compute grows with both, and a tiny test model then draws tiny frames.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WanProfile:
    name: str
    pixels: int  # width x height it was trained at
    fps: int
    window: int  # frames per generation: 4k + 1
    multiple: int  # generated width and height are multiples of this (VAE x patch)
    frame_step: int  # the VAE's temporal compression: windows are frame_step * k + 1 long


# Transformer width -> (name, trained width x height, fps, frames per window).
KNOWN: dict[int, tuple[str, int, int, int]] = {
    1536: ("Wan2.1 1.3B", 832 * 480, 16, 81),
    3072: ("Wan2.2 TI2V 5B", 1280 * 704, 24, 121),
    5120: ("Wan 14B", 1280 * 720, 16, 81),
}
REFERENCE_WIDTH = 1536  # unknown widths scale Wan2.1-1.3B's picture


def wan_profile(pipe: Any) -> WanProfile:
    """The profile of a loaded WanPipeline or WanVACEPipeline."""
    transformer = pipe.transformer if pipe.transformer is not None else pipe.transformer_2
    config = transformer.config
    width = int(config.num_attention_heads * config.attention_head_dim)
    multiple = int(pipe.vae_scale_factor_spatial * config.patch_size[1])
    frame_step = int(pipe.vae_scale_factor_temporal)
    if width in KNOWN:
        name, pixels, fps, window = KNOWN[width]
    else:
        name, fps, window = f"a Wan model {width} wide", 16, 81
        pixels = max(multiple * multiple, KNOWN[REFERENCE_WIDTH][1] * width // REFERENCE_WIDTH)
        logger.warning("wan: transformer width %d is not a known release; generating at about "
                       "%d pixels, %d fps, %d frames per window", width, pixels, fps, window)
    return WanProfile(name=name, pixels=pixels, fps=fps, window=window, multiple=multiple,
                      frame_step=frame_step)


def generation_size(profile: WanProfile, *, width: int, height: int) -> tuple[int, int]:
    """(width, height): the model's pixel count at the aspect of width x height, each side a
    multiple of `profile.multiple` (the engine crops the small difference in aspect)."""
    aspect = width / height
    unit = profile.multiple
    # Each side rounded on its own: 16:9 at 5B's 1280 x 704 pixels gives 1280 x 704 back.
    model_width = max(1, round(math.sqrt(profile.pixels * aspect) / unit)) * unit
    model_height = max(1, round(math.sqrt(profile.pixels / aspect) / unit)) * unit
    return model_width, model_height


def window_length(frames: int, frame_step: int) -> int:
    """The fewest frames the model can make that hold `frames`: frame_step * k + 1."""
    return max(0, math.ceil((frames - 1) / frame_step)) * frame_step + 1
