"""Butterworth filters at 48 kHz, designed once per (order, band, type) and shared."""

from __future__ import annotations

import functools

import numpy as np
from scipy import signal

from cinestra.sound.soundtrack import SAMPLE_RATE


def butter_sos(order: int, cutoff: float | tuple[float, float], btype: str) -> np.ndarray:
    """Second-order sections of a Butterworth filter (a copy: scipy wants a writable one)."""
    return _design(order, cutoff, btype).copy()


@functools.lru_cache(maxsize=256)
def _design(order: int, cutoff: float | tuple[float, float], btype: str) -> np.ndarray:
    return np.asarray(signal.butter(order, cutoff, btype=btype, fs=SAMPLE_RATE, output="sos"))
