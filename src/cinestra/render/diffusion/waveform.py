"""A model's waveform as the clip's sound: 48 kHz stereo float32, cut to the shot's length,
and pieces generated one after another joined with a short crossfade."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy.signal import resample_poly

from cinestra.sound.soundtrack import SAMPLE_RATE

Audio = NDArray[np.float32]  # (samples, 2)


def to_clip_rate(waveform: NDArray[np.floating], rate: int) -> Audio:
    """A (channels, samples) waveform at `rate` Hz as (samples, 2) float32 at 48 kHz
    (mono is doubled, channels past the second are dropped)."""
    if waveform.ndim != 2 or waveform.shape[0] < 1:
        raise ValueError(f"waveform: expected (channels, samples), got shape {waveform.shape}")
    if rate <= 0:
        raise ValueError(f"rate: must be positive, got {rate}")
    stereo = np.repeat(waveform, 2, axis=0)[:2] if waveform.shape[0] == 1 else waveform[:2]
    common = math.gcd(SAMPLE_RATE, rate)
    resampled = resample_poly(stereo.astype(np.float64), SAMPLE_RATE // common, rate // common,
                              axis=1)
    return np.ascontiguousarray(resampled.T, dtype=np.float32)


def fitted(audio: Audio, length: int) -> Audio:
    """`audio` cut, or padded with silence, to exactly `length` samples."""
    out = np.zeros((length, audio.shape[1]), dtype=np.float32)
    count = min(length, len(audio))
    out[:count] = audio[:count]
    return out


def crossfaded(before: Audio, after: Audio, overlap: int) -> Audio:
    """`after` laid over the last `overlap` samples of `before` with an equal-power fade:
    the result is len(before) + len(after) - overlap samples long."""
    overlap = min(overlap, len(before), len(after))
    if overlap == 0:
        return np.concatenate([before, after]).astype(np.float32)
    ramp = np.linspace(0.0, np.pi / 2, overlap, dtype=np.float64)[:, None]
    middle = before[-overlap:] * np.cos(ramp) + after[:overlap] * np.sin(ramp)
    return np.concatenate([before[:-overlap], middle.astype(np.float32), after[overlap:]])
