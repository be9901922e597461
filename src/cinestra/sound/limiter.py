"""A gentle look-ahead peak limiter that never moves an onset.

It only multiplies the signal by a smooth positive gain (stereo-linked), so a sample
that was zero stays zero and one that was not stays non-zero: onsets keep their exact
sample. The gain falls over `ATTACK_S` ahead of a peak and recovers with `RELEASE_S`.
Below the ceiling the signal passes untouched.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from cinestra.sound.soundtrack import SAMPLE_RATE

CEILING_DBFS = -1.0
ATTACK_S = 0.001
RELEASE_S = 0.08
BLOCK = 16  # samples per gain step (a third of a millisecond)
MARGIN_DB = 0.05  # aim a little under the ceiling so float32 rounding cannot cross it


def soft_limit(samples: np.ndarray, *, ceiling_dbfs: float = CEILING_DBFS,
               peaks: np.ndarray | None = None) -> np.ndarray:
    """(n, channels) float64 → same shape with every |sample| ≤ 10 ** (ceiling_dbfs / 20).

    `peaks`, when given, is what the limiter keeps under the ceiling instead of the sample
    peaks: the true-peak envelope (`loudness.peak_envelope`) for a true-peak limiter.
    """
    target = 10.0 ** ((ceiling_dbfs - MARGIN_DB) / 20.0)
    if peaks is not None:
        peak_per_sample = peaks
    else:
        peak_per_sample = np.abs(samples).max(axis=1, initial=0.0) if samples.size else np.zeros(0)
    if peak_per_sample.size == 0 or float(peak_per_sample.max()) <= target:
        return samples

    # The gain is computed per block of BLOCK samples (16x less work on a long clip),
    # then spread back to samples without ever exceeding what any sample needs.
    # 1. The gain each block needs: that of its loudest sample.
    n = len(peak_per_sample)
    blocks = -(-n // BLOCK)
    padded = np.ones(blocks * BLOCK)
    padded[:n] = np.minimum(1.0, target / np.maximum(peak_per_sample, 1e-12))
    needed = padded.reshape(blocks, BLOCK).min(axis=1)

    # 2. Look ahead: hold[b] = min(needed[b : b + w]), so the gain is down before the peak.
    w = -(-round(ATTACK_S * SAMPLE_RATE) // BLOCK) + 1
    hold = ndimage.minimum_filter1d(needed, size=w, origin=-(w // 2), mode="constant",
                                    cval=1.0)

    # 3. Release: 1 - gain decays at most exponentially, never above `hold`.
    #    u[b] = max_k<=b (1 - hold[k]) * a**(b - k), computed in the log domain.
    log_a = -BLOCK / (RELEASE_S * SAMPLE_RATE)
    index = np.arange(blocks, dtype=np.float64)
    with np.errstate(divide="ignore"):
        log_depth = np.log(1.0 - hold)
    reduction = np.exp(index * log_a + np.maximum.accumulate(log_depth - index * log_a))
    released = 1.0 - reduction

    # 4. Smooth the attack: mean of the last w values. Each of them is <= needed[b]
    #    (they all look ahead over b), so the smoothed gain still keeps the ceiling.
    head = np.full(w - 1, released[0])
    cumulative = np.cumsum(np.concatenate([[0.0], head, released]))
    gain = (cumulative[w:] - cumulative[:-w]) / w

    # 5. Per sample: each block's gain lowered to its neighbours' (so interpolating between
    #    block centres never rises above a block's own gain), then interpolated.
    eroded = np.minimum(gain, np.minimum(np.append(gain[1:], 1.0), np.insert(gain[:-1], 0, 1.0)))
    centres = (np.arange(blocks) + 0.5) * BLOCK - 0.5
    per_sample = np.interp(np.arange(n, dtype=np.float64), centres, eroded)

    # The clip is a safety net for rounding only; it sits under the ceiling so that the
    # float32 Soundtrack cannot round above it.
    limited = samples * per_sample[:, None]
    return np.asarray(np.clip(limited, -target, target), dtype=np.float64)
