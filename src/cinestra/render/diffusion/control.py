"""What Wan VACE is conditioned on: control video (the simulation's depth) and given frames.

VACE reads a `video` with a `mask` per frame: where the mask is black the frame is kept as
given (the end of the window before: motion continues), where it is white the model
generates, guided by what the video shows there: a depth map (near bright, far dark, as
the depth estimators VACE was trained with draw it) or mid-gray for nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from cinestra.render.diffusion.windows import Window

GRAY = 127  # a frame with nothing to follow
# Disparity percentiles taken as black and white: a floor right under the lens or a speck far
# away does not squeeze the rest of the shot into a few grey levels.
LOW, HIGH = 1.0, 99.0


def depth_control(depths: Iterable[NDArray[np.float32]]) -> list[NDArray[np.uint8]]:
    """Depth maps in metres (inf: nothing) as control frames: inverse depth scaled to 0-255
    over the whole shot (one scale for every frame, so brightness means the same distance
    all shot long), near bright; (h, w) uint8 each."""
    disparities = [np.where(np.isfinite(d), 1.0 / np.maximum(d, 1e-3), 0.0).astype(np.float16)
                   for d in depths]
    drawn = np.concatenate([d[d > 0].astype(np.float32) for d in disparities]) \
        if disparities else np.zeros(0, np.float32)
    if drawn.size == 0:  # nothing in any frame: all far
        return [np.zeros(d.shape, np.uint8) for d in disparities]
    low, high = (float(v) for v in np.percentile(drawn, [LOW, HIGH]))
    span = max(high - low, 1e-6)
    frames = []
    for disparity in disparities:
        scaled = np.clip((disparity.astype(np.float32) - low) / span, 0.0, 1.0)
        # Drawn pixels start just above black, so even the farthest geometry is not "nothing".
        levels = np.where(disparity > 0, 16.0 + 239.0 * scaled, 0.0)
        frames.append(np.round(levels).astype(np.uint8))
    return frames


def window_video(window: Window, *, context: Sequence[NDArray[np.uint8]],
                 control: Sequence[NDArray[np.uint8]] | None, width: int,
                 height: int) -> tuple[list[Image.Image], list[Image.Image]] | None:
    """VACE's `video` and `mask` for `window`: its `keep` given frames (RGB, model size,
    kept), then per new frame its control frame ((h, w) uint8, by the shot's model frame
    index; the last one held past the end) or gray; None when there is nothing to follow
    (no given frame, no control: plain text to video)."""
    if window.keep == 0 and control is None:
        return None
    if len(context) < window.keep:
        raise ValueError(f"window keeps {window.keep} frames, {len(context)} given")
    video: list[Image.Image] = []
    mask: list[Image.Image] = []
    kept = list(context)[len(context) - window.keep:] if window.keep else []
    for frame in kept:
        video.append(Image.fromarray(frame))
        mask.append(Image.new("L", (width, height), 0))
    for offset in range(window.length - window.keep):
        if control is None:
            video.append(Image.new("RGB", (width, height), (GRAY, GRAY, GRAY)))
        else:
            level = control[min(window.start + offset, len(control) - 1)]
            video.append(Image.fromarray(np.repeat(level[..., None], 3, axis=2)))
        mask.append(Image.new("L", (width, height), 255))
    return video, mask
