"""EBU R128 measurements, fast enough to run inside the mix: integrated loudness (ITU-R
BS.1770-4: K-weighting, 400 ms blocks every 100 ms, absolute and relative gates) and the
true peak of a 4x oversampled signal (BS.1770 annex 2), per sample, for the limiter.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from cinestra.sound.soundtrack import SAMPLE_RATE

OVERSAMPLE = 4
INTERPOLATOR_TAPS = 24  # input samples each interpolated value is computed from


def _k_weighting() -> np.ndarray:
    """The two BS.1770 pre-filters (high shelf, then RLB high-pass) at 48 kHz, as SOS."""
    shelf_b = [1.53512485958697, -2.69169618940638, 1.19839281085285]
    shelf_a = [1.0, -1.69065929318241, 0.73248077421585]
    high_b = [1.0, -2.0, 1.0]
    high_a = [1.0, -1.99004745483398, 0.99007225036621]
    return np.array([shelf_b + shelf_a, high_b + high_a])


K_WEIGHTING = _k_weighting()


def integrated_loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS of (n, channels) 48 kHz audio; -inf when all is gated out."""
    x = np.asarray(samples, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    step = round(0.1 * SAMPLE_RATE)
    if len(x) < 4 * step:
        return float("-inf")
    weighted = signal.sosfilt(K_WEIGHTING, np.ascontiguousarray(x.T), axis=1)
    # Energy of each 100 ms quarter-block, channels summed (L, R weights 1); a 400 ms
    # block (75 % overlap) is four consecutive quarters. A last partial quarter is dropped.
    quarters = len(x) // step
    energy = np.sum(weighted[:, : quarters * step] ** 2, axis=0).reshape(quarters, step)
    quarter = energy.sum(axis=1)
    blocks = (quarter[:-3] + quarter[1:-2] + quarter[2:-1] + quarter[3:]) / (4 * step)
    loudness = -0.691 + 10.0 * np.log10(np.maximum(blocks, 1e-20))
    kept = blocks[loudness > -70.0]
    if kept.size == 0:
        return float("-inf")
    relative = -0.691 + 10.0 * np.log10(kept.mean()) - 10.0
    kept = blocks[(loudness > -70.0) & (loudness > relative)]
    return float(-0.691 + 10.0 * np.log10(kept.mean()))


def frame_power(samples: np.ndarray, *, hop: int) -> np.ndarray:
    """Mean square of each whole `hop`-sample frame of mono `samples` (a last partial
    frame is left out)."""
    n = len(samples) // hop
    return np.asarray(np.mean(samples[: n * hop].reshape(n, hop) ** 2, axis=1))


def _interpolator() -> np.ndarray:
    """(OVERSAMPLE - 1, taps) polyphase filters: row p gives the values at (p + 1) / 4
    after each sample, INTERPOLATOR_TAPS // 2 samples late."""
    # An odd-length low-pass centred on a whole sample, padded to split into 4 phases.
    taps = signal.firwin(INTERPOLATOR_TAPS * OVERSAMPLE - 1, 0.9 / OVERSAMPLE) * OVERSAMPLE
    phases = np.append(taps, 0.0).reshape(INTERPOLATOR_TAPS, OVERSAMPLE).T
    return np.asarray(phases[:-1], dtype=np.float64)


INTERPOLATOR = _interpolator()


def peak_envelope(samples: np.ndarray, *, below: float = 0.0) -> np.ndarray:
    """Per input sample, the largest |value| of any channel at it or at the three 4x
    oversampled points after it: what a true-peak meter sees.

    Only where a sample or its neighbour reaches `below` is the oversampled value
    computed (a true peak more than 6 dB over both neighbours needs a pathological
    signal): the limiter asks about the loud parts only, which keeps this fast.
    """
    x = np.asarray(samples, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    peak: np.ndarray = np.abs(x[:, 0])
    for channel in range(1, x.shape[1]):  # column by column: faster than max(axis=1)
        np.maximum(peak, np.abs(x[:, channel]), out=peak)
    loud = peak >= below
    loud[:-1] |= loud[1:]  # the value after a loud sample too
    where = np.flatnonzero(loud)
    half = INTERPOLATOR_TAPS // 2
    where = where[(where >= half) & (where < len(x) - half)]
    if where.size == 0:
        return peak
    # Row n holds x[n - half + 1 .. n + half]: the inputs of the values just after n.
    padded_index = where[:, None] + np.arange(-half + 1, half + 1)[None, :]
    weights = np.ascontiguousarray(INTERPOLATOR[:, ::-1].T)
    for channel in range(x.shape[1]):
        windows = x[padded_index, channel]
        between = windows @ weights  # (n, 3): the values at n + 1/4, 2/4, 3/4
        peak[where] = np.maximum(peak[where], np.abs(between).max(axis=1))
    return peak


def true_peak_dbtp(samples: np.ndarray) -> float:
    """True peak of the whole signal in dBTP."""
    peak = float(peak_envelope(samples).max(initial=0.0))
    return float(20.0 * np.log10(max(peak, 1e-12)))
