"""The clip's last step: loudness to -14 LUFS integrated, true peak at or under -1 dBTP.

A gain brings the integrated loudness (EBU R128) to the target, then a true-peak
limiter (the look-ahead `soft_limit` driven by the 4x oversampled peak envelope) keeps
the peaks down; limiting lowers the loudness a little, so the gain is corrected on the
limited result and the pair repeats until both hold. The limiter only multiplies by a
smooth positive gain, so every onset keeps its sample.
"""

from __future__ import annotations

import logging

import numpy as np

from cinestra.sound.limiter import soft_limit
from cinestra.sound.loudness import integrated_loudness, peak_envelope
from cinestra.sound.soundtrack import Soundtrack

logger = logging.getLogger(__name__)

TARGET_LUFS = -14.0
TOLERANCE_LU = 0.5  # what the loop aims for; the contract is ±1 LU
CEILING_DBTP = -2.5  # under the -1 dBTP promise: the watermark and AAC added up to 0.8 dB
MAX_GAIN_DB = 40.0  # a near-silent clip is not blown up into loud noise
PASSES = 5


def master(soundtrack: Soundtrack) -> Soundtrack:
    """`soundtrack` at -14 LUFS integrated with its true peak at or under -2.5 dBTP."""
    x = np.asarray(soundtrack.samples, dtype=np.float64)
    loudness = integrated_loudness(x)
    if not np.isfinite(loudness):
        return soundtrack  # silence, or too short to measure: nothing to level
    gain_db = min(TARGET_LUFS - loudness, MAX_GAIN_DB)
    ceiling = 10.0 ** (CEILING_DBTP / 20.0)
    # The true-peak envelope scales with the gain: measured once, with room for the gain
    # to grow by 2 dB over the passes (more needs a true peak 4 dB over its samples).
    envelope = peak_envelope(x, below=0.5 * ceiling * 10.0 ** (-(gain_db + 2.0) / 20.0))
    out = x
    for _ in range(PASSES):
        scale = 10.0 ** (gain_db / 20.0)
        out = soft_limit(x * scale, ceiling_dbfs=CEILING_DBTP, peaks=envelope * scale)
        loudness = integrated_loudness(out)
        error = TARGET_LUFS - loudness
        if abs(error) <= TOLERANCE_LU or gain_db >= MAX_GAIN_DB:
            break
        gain_db = min(gain_db + error, MAX_GAIN_DB)
    if abs(TARGET_LUFS - loudness) > TOLERANCE_LU:
        logger.warning("soundtrack mastered to %.1f LUFS, not %.1f", loudness, TARGET_LUFS)
    return Soundtrack(samples=out.astype(np.float32))
