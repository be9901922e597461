"""Audio measurements for tests: onset detection and spectral centroid."""

from __future__ import annotations

import io
from dataclasses import dataclass
from fractions import Fraction

import av
import numpy as np

HOP_S = 0.001  # envelope resolution
HISTORY_S = 0.020  # the "before" level an onset must rise above
# A hop must be RISE dB louder than the loudest hop of the 20 ms before it and ABOVE dB
# louder than the quiet parts of the clip. The plain signal needs more: low rumble makes
# its 1 ms energy swing by ±10 dB. Its first difference is nearly free of rumble.
RISE_DB, ABOVE_FLOOR_DB = 9.0, 15.0
STEP_RISE_DB, STEP_ABOVE_FLOOR_DB = 6.0, 10.0
CROSS_DB = 18.0  # sample refinement: first sample this far over the level before...
BACK_DB = 6.0  # ...then walk back while the signal stays this far over it


@dataclass(frozen=True)
class _Envelope:
    energy: np.ndarray  # per sample, channels summed
    hops: np.ndarray  # mean energy per hop
    floor: float  # 10th-percentile hop: the noise floor of the clip
    rise: float  # energy ratios (not dB) an onset hop must clear
    above: float


def onset_times(audio: np.ndarray, sample_rate: int, *, min_gap_s: float = 0.05) -> list[float]:
    """Times in seconds where a sound starts, sample-refined; at least `min_gap_s` apart.

    Two envelopes are watched: the energy of the signal and the energy of its first
    difference (a gentle high-pass with no delay, which sees a new hit's click over the
    low ringing tail of an earlier one). Each is the mean energy of 1 ms hops, channels
    summed. A hop is an onset when, in either envelope, it is 9 dB (difference: 6 dB)
    over the loudest hop of the 20 ms before it (skipping the hop just before, where the
    onset may begin) and 15 dB (difference: 10 dB) over that envelope's noise floor (its
    10th-percentile hop). Comparing with the loudest hop, not the mean, keeps low rumble
    (whose 1 ms energy swings by ±10 dB) from triggering. Inside that hop and the one
    before, the onset is
    the first sample whose energy clears CROSS_DB over the level before, moved back to
    where the rise began (BACK_DB over it). Hits closer than `min_gap_s` count as one.
    """
    x = np.asarray(audio, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    hop = max(1, round(HOP_S * sample_rate))
    if len(x) < 2 * hop:
        return []
    step = np.diff(x, axis=0, prepend=x[:1])
    envelopes = [
        _envelope(x, hop=hop, rise_db=RISE_DB, above_db=ABOVE_FLOOR_DB),
        _envelope(step, hop=hop, rise_db=STEP_RISE_DB, above_db=STEP_ABOVE_FLOOR_DB),
    ]
    history = max(1, round(HISTORY_S / HOP_S))
    gap = max(1, round(min_gap_s / HOP_S))

    onsets: list[float] = []
    next_allowed = 1
    for i in range(1, len(envelopes[0].hops)):
        if i < next_allowed:
            continue
        for envelope in envelopes:
            hops = envelope.hops
            before = float(hops[max(0, i - 1 - history) : i - 1].max()) if i > 1 else hops[0]
            before = max(before, envelope.floor)
            if hops[i] < envelope.rise * before or hops[i] < envelope.above * envelope.floor:
                continue
            start = _refine(envelope.energy, start=(i - 1) * hop, stop=(i + 1) * hop, before=before)
            onsets.append(start / sample_rate)
            next_allowed = i + gap
            break
    return onsets


def _envelope(x: np.ndarray, *, hop: int, rise_db: float, above_db: float) -> _Envelope:
    energy = np.sum(x**2, axis=1)
    n_hops = len(energy) // hop
    hops = energy[: n_hops * hop].reshape(n_hops, hop).mean(axis=1) + 1e-20
    return _Envelope(
        energy=energy,
        hops=hops,
        floor=float(np.percentile(hops, 10)),
        rise=10.0 ** (rise_db / 10.0),
        above=10.0 ** (above_db / 10.0),
    )


def _refine(energy: np.ndarray, *, start: int, stop: int, before: float) -> int:
    """First sample of the rise inside [start, stop), against the mean energy `before`."""
    window = energy[start:stop]
    crossed = np.flatnonzero(window > before * 10.0 ** (CROSS_DB / 10.0))
    if crossed.size == 0:
        return stop - (stop - start) // 2
    k = int(crossed[0])
    low = before * 10.0 ** (BACK_DB / 10.0)
    while k > 0 and window[k - 1] > low:
        k -= 1
    return start + k


def spectral_centroid(audio: np.ndarray, sample_rate: int) -> float:
    """Magnitude-weighted mean frequency (Hz) of the whole excerpt (channels averaged)."""
    x = np.asarray(audio, dtype=np.float64)
    mono = x if x.ndim == 1 else x.mean(axis=1)
    spectrum = np.abs(np.fft.rfft(mono * np.hanning(len(mono))))
    freqs = np.fft.rfftfreq(len(mono), 1.0 / sample_rate)
    total = float(spectrum.sum())
    return float((freqs * spectrum).sum() / total) if total > 0 else 0.0


def codec_round_trip(samples: np.ndarray, codec: str, bit_rate: int) -> np.ndarray:
    """48 kHz stereo float `samples` encoded with `codec` ("aac" or "libmp3lame") at
    `bit_rate` and decoded back to (n, 2) float32, as an upload would treat them."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4" if codec == "aac" else "mp3") as out:
        stream = out.add_stream(codec, rate=48_000, layout="stereo")
        stream.bit_rate = bit_rate
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples.T), format="fltp",
                                           layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = 48_000, 0, Fraction(1, 48_000)
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    buffer.seek(0)
    with av.open(buffer) as inp:
        resampler = av.AudioResampler(format="flt", layout="stereo", rate=48_000)
        parts = [o.to_ndarray().reshape(-1, 2) for f in inp.decode(audio=0)
                 for o in resampler.resample(f)]
    return np.concatenate(parts)
