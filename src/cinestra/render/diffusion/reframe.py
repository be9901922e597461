"""Between a model's frames and the clip's: size (crop to aspect, then resize; never
stretch) and time (the model's frame rate to the Timeline's, frame by frame)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Frame = NDArray[np.uint8]


def crop_box(width: int, height: int, *, aspect: Fraction) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the largest centred box of `aspect` in width x height."""
    if Fraction(width, height) > aspect:  # too wide: crop the sides
        kept = max(1, min(width, round(height * aspect)))
        left = (width - kept) // 2
        return left, 0, left + kept, height
    kept = max(1, min(height, round(width / aspect)))
    top = (height - kept) // 2
    return 0, top, width, top + kept


def fit_frame(frame: Frame, *, width: int, height: int) -> Frame:
    """`frame` (h, w, 3) uint8 cropped to the aspect of width x height, then resized to it."""
    rows, columns = frame.shape[:2]
    if (columns, rows) == (width, height):
        return frame
    box = crop_box(columns, rows, aspect=Fraction(width, height))
    image = Image.fromarray(frame).crop(box).resize((width, height), Image.Resampling.LANCZOS)
    return np.asarray(image, dtype=np.uint8)


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
