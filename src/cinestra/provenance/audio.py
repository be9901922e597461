"""The invisible audio watermark: band-limited spread spectrum carrying the 60 payload bits.

Embedding: one block = a sync chip (`SYNC` samples) then 60 bit chips (`CHIP` samples each);
every chip is a fixed pseudo-random noise, band-passed to 1-5 kHz (inside what AAC 64k,
MP3 96k and 16 kHz resampling keep), signed by its bit and scaled to follow the host's
level: `RATIO` (-20 dB) of the local RMS, never below `FLOOR` (-54 dBFS). The same signal is
added to both channels (it survives a mono downmix). Blocks repeat over the whole track.

Detection: band-pass, normalise the local level (loud impacts do not dominate), find the
block phase from the sync chip's correlation folded over the block period, correlate each
bit chip in every block and sum. The 60 soft values go through the same blind payload test
as the video (`payload.decode_words`), so the false-positive bound is the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
from scipy import signal

from cinestra.provenance import payload as pl
from cinestra.sound.soundtrack import SAMPLE_RATE, Soundtrack

BAND = (1000.0, 5000.0)
SYNC, CHIP = 4096, 2048
BITS = 2 * pl.FIELD_BITS
BLOCK = SYNC + BITS * CHIP  # 126976 samples, 2.65 s
RATIO = 10 ** (-20 / 20)
FLOOR = 10 ** (-54 / 20)
SEED = 0x5EED_A0D1
WINDOW_S = 0.04  # seconds the level follower averages over


@dataclass(frozen=True)
class AudioResult:
    found: bool
    payload: pl.Payload | None
    confidence: float
    bit_accuracy: float | None  # share of the 60 bits (all blocks summed) agreeing
    blocks: float  # how many blocks the track holds


def _band() -> np.ndarray:
    return np.asarray(signal.butter(4, BAND, btype="bandpass", fs=SAMPLE_RATE, output="sos"))


def templates() -> tuple[np.ndarray, np.ndarray]:
    """(sync, chips): the unit-RMS sync chip and the (60, CHIP) bit chips."""
    rng = np.random.default_rng(SEED)
    noise = rng.standard_normal(SYNC + BITS * CHIP + 4096)
    shaped = signal.sosfilt(_band(), noise)[4096:]
    sync = shaped[:SYNC] / np.sqrt(np.mean(shaped[:SYNC] ** 2))
    chips = shaped[SYNC:].reshape(BITS, CHIP)
    chips = chips / np.sqrt(np.mean(chips**2, axis=1, keepdims=True))
    return sync.astype(np.float32), chips.astype(np.float32)


def data_bits(payload: pl.Payload) -> np.ndarray:
    words = payload.words()
    return np.concatenate([words[0, 2:], words[2, 2:]])


def mark_audio(soundtrack: Soundtrack, payload: pl.Payload) -> Soundtrack:
    """`soundtrack` with the payload's watermark added (48 kHz stereo float32)."""
    samples = soundtrack.samples
    count = len(samples)
    if count == 0:
        return soundtrack
    sync, chips = templates()
    signs = data_bits(payload) * 2.0 - 1.0
    block = np.concatenate([sync, (chips * signs[:, None].astype(np.float32)).ravel()])
    carrier = np.tile(block, count // BLOCK + 1)[:count]
    gain = np.maximum(RATIO * _envelope(samples.mean(axis=1)), FLOOR)
    mark = (carrier * gain).astype(np.float32)
    out = np.clip(samples + mark[:, None], -1.0, 1.0).astype(np.float32)
    return Soundtrack(samples=out)


def detect_audio(samples: np.ndarray, *, sample_rate: int) -> AudioResult:
    """Look for the watermark in (n, channels) or (n,) float audio at `sample_rate`."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    if sample_rate != SAMPLE_RATE:
        mono = signal.resample_poly(mono, SAMPLE_RATE, sample_rate)
    mono = np.asarray(mono, dtype=np.float64)
    blocks = len(mono) / BLOCK
    if len(mono) < SYNC + CHIP * 8:
        return AudioResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                           blocks=blocks)
    # 1. Band-pass and level-normalise.
    band = signal.sosfiltfilt(_band(), mono)
    band = band / np.maximum(_envelope(band), 1e-6)
    sync, chips = templates()
    # 2. Block phase from the sync correlation folded over the block period.
    corr = signal.fftconvolve(band, sync[::-1], mode="valid")
    folded = np.zeros(BLOCK)
    for start in range(0, len(corr), BLOCK):
        part = corr[start:start + BLOCK]
        folded[: len(part)] += part
    phase = int(np.argmax(folded))
    # 3. Sum each bit's correlation over all blocks (partial blocks included).
    soft = np.zeros(BITS)
    first = phase - BLOCK * ((phase + BLOCK - 1) // BLOCK)
    for block_start in range(first, len(band), BLOCK):
        for bit in range(BITS):
            start = block_start + SYNC + bit * CHIP
            if start >= 0 and start + CHIP <= len(band):
                soft[bit] += float(np.dot(band[start:start + CHIP], chips[bit]))
    scale = np.std(soft) or 1.0
    soft_a = np.concatenate([[0.0, 0.0], soft[: pl.FIELD_BITS] / scale])
    soft_b = np.concatenate([[0.0, 0.0], soft[pl.FIELD_BITS:] / scale])
    decoded = pl.decode_words(soft_a, soft_b)
    if decoded is None:
        return AudioResult(found=False, payload=None, confidence=0.0, bit_accuracy=None,
                           blocks=blocks)
    payload, distance = decoded
    accuracy = float(np.mean((soft > 0) == (data_bits(payload) > 0.5)))
    chance = sum(comb(pl.FIELD_BITS, k) for k in range(distance + 1)) / 2**pl.FIELD_BITS
    return AudioResult(found=True, payload=payload,
                       confidence=1.0 - pl.TAG_CANDIDATES * chance,
                       bit_accuracy=accuracy, blocks=blocks)


def _envelope(mono: np.ndarray) -> np.ndarray:
    """Local RMS per sample, causal: an exponential average of the power over `WINDOW_S`.

    The mark grows with a sound and never ahead of it: an average centred on each sample
    raised the mark up to ~40 ms before a loud hit, a hiss that a listener (and an onset
    detector) hears as the hit arriving early.
    """
    alpha = 1.0 - np.exp(-1.0 / (WINDOW_S * SAMPLE_RATE))
    power = signal.lfilter([alpha], [1.0, alpha - 1.0], np.asarray(mono, dtype=np.float64) ** 2)
    return np.asarray(np.sqrt(np.maximum(power, 0.0)), dtype=np.float64)
