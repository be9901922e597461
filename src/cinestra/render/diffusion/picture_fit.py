"""From the size and frame rate a model draws at to the clip's: sizes, crops and timing
(both neural engines).

A model draws at sides that are multiples of its latent grid (32 pixels for LTX-2) and at
a pixel count it was trained for; the clip asks for any size. We draw at the nearest
supported size with the clip's aspect, then scale to cover the clip's frame and crop the
centre. In time, each clip frame shows the model frame nearest to its instant.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Frame = NDArray[np.uint8]


def generation_size(width: int, height: int, *, max_pixels: int,
                    multiple: int) -> tuple[int, int]:
    """(width, height) in multiples of `multiple`, with the aspect of `width` x `height` and
    about min(width * height, max_pixels) pixels; never below one `multiple` a side."""
    if width <= 0 or height <= 0:
        raise ValueError(f"size: width and height must be positive, got {width}x{height}")
    if max_pixels <= 0:
        raise ValueError(f"max_pixels: must be positive, got {max_pixels}")
    pixels = min(width * height, max_pixels)
    aspect = width / height
    scaled_height = math.sqrt(pixels / aspect)
    rows = max(1, round(scaled_height / multiple))
    columns = max(1, round(scaled_height * aspect / multiple))
    return columns * multiple, rows * multiple


def fit_frame(frame: Frame, *, width: int, height: int) -> Frame:
    """`frame` scaled to cover `width` x `height`, centre cropped to exactly that size."""
    source_height, source_width = frame.shape[:2]
    if (source_width, source_height) == (width, height):
        return frame
    scale = max(width / source_width, height / source_height)
    scaled = (max(width, math.ceil(source_width * scale)),
              max(height, math.ceil(source_height * scale)))
    image = Image.fromarray(frame).resize(scaled, Image.Resampling.BICUBIC)
    left, top = (scaled[0] - width) // 2, (scaled[1] - height) // 2
    cropped: Frame = np.asarray(image.crop((left, top, left + width, top + height)),
                                dtype=np.uint8)
    return cropped


def to_uint8(frames: NDArray[np.floating]) -> NDArray[np.uint8]:
    """Model frames in [0, 1] as uint8 RGB."""
    scaled = np.clip(frames, 0.0, 1.0) * 255.0
    return np.asarray(scaled.round(), dtype=np.uint8)


def frames_needed(frame_count: int, *, fps: int, rate: int) -> int:
    """Model frames at `rate` that cover `frame_count` clip frames at `fps`: every clip
    frame's instant, and the whole duration (the sound made with them lasts as long)."""
    last = model_indices(frame_count, fps=fps, model_fps=rate)[-1]
    return max(last + 1, math.ceil(Fraction(frame_count * rate, fps)))


def retimed(frames: list[Frame], frame_count: int, *, fps: int, rate: int) -> list[Frame]:
    """`frame_count` clip frames at `fps` from model `frames` at `rate`: frame i shows the
    model frame nearest to i / fps."""
    indices = model_indices(frame_count, fps=fps, model_fps=rate)
    if indices and indices[-1] >= len(frames):
        raise ValueError(f"{len(frames)} frames at {rate} fps cannot cover {frame_count} "
                         f"frames at {fps} fps")
    return [frames[index] for index in indices]


def model_indices(frame_count: int, *, fps: int, model_fps: int) -> list[int]:
    """For each of a shot's `frame_count` frames at `fps`, the model frame (at `model_fps`)
    nearest to the time it shows; the model's frame 0 is the shot's frame 0."""
    return [math.floor(Fraction(index * model_fps, fps) + Fraction(1, 2))
            for index in range(frame_count)]


def context_indices(available: int, count: int, *, fps: int, model_fps: int) -> list[int]:
    """Which of the `available` last frames of the previous shot (at `fps`, the newest last)
    stand for the `count` model frames just before this shot (oldest first): offsets from
    the end, 1 being the newest. Older times than the frames reach repeat the oldest."""
    offsets = []
    for back in range(count, 0, -1):  # model frame -back, at time -back / model_fps
        nearest = math.floor(Fraction(back * fps, model_fps) + Fraction(1, 2))
        offsets.append(min(available, max(1, nearest)))
    return offsets
