"""Synthesised instruments for the score and for instruments played on screen.

Each returns one mono note (float64, peak about 1) from a MIDI pitch and a length; all are
additive or filtered-noise models that run in numpy, with no samples shipped. Attacks are
a few milliseconds long: music sits under the foley and must not click. Notes are pure
functions of their arguments, so each is synthesised once and cached (read-only arrays;
`clear_cache()` empties the caches).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from scipy import signal

from cinestra.sound.filters import butter_sos
from cinestra.sound.soundtrack import SAMPLE_RATE

ATTACK_S = 0.004
_CACHES: list[functools._lru_cache_wrapper[np.ndarray]] = []


def _cached(make: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    @functools.lru_cache(maxsize=1024)
    def note(*args: float) -> np.ndarray:
        out = np.asarray(make(*args), dtype=np.float64)
        out.flags.writeable = False
        return out

    _CACHES.append(note)
    return functools.wraps(make)(note)


def clear_cache() -> None:
    for cache in _CACHES:
        cache.cache_clear()


def hz(pitch: float) -> float:
    return float(440.0 * 2.0 ** ((pitch - 69.0) / 12.0))


def _t(seconds: float) -> np.ndarray:
    return np.arange(max(1, round(seconds * SAMPLE_RATE))) / SAMPLE_RATE


def _envelope(t: np.ndarray, *, attack: float, decay: float, release: float = 0.05) -> np.ndarray:
    rise = np.minimum(1.0, t / max(attack, 1e-4))
    fall = np.exp(-t / decay) if decay > 0 else np.ones_like(t)
    tail = np.minimum(1.0, (t[-1] - t) / release) if len(t) > 1 else np.ones_like(t)
    return np.asarray(rise * fall * np.clip(tail, 0.0, 1.0))


def _partials(t: np.ndarray, f0: float, amps: list[float], *, decays: list[float] | None = None,
              stretch: float = 0.0) -> np.ndarray:
    out = np.zeros_like(t)
    for k, amp in enumerate(amps, start=1):
        freq = f0 * k * (1.0 + stretch * k * k)
        if freq > 0.45 * SAMPLE_RATE:
            break
        partial = amp * np.sin(2 * np.pi * freq * t)
        if decays is not None:
            partial *= np.exp(-t / decays[k - 1])
        out += partial
    return out


@_cached
def piano(pitch: float, seconds: float) -> np.ndarray:
    t = _t(seconds + 0.3)
    f0 = hz(pitch)
    decay = 1.6 * (261.6 / f0) ** 0.5
    tone = _partials(t, f0, [1.0, 0.5, 0.3, 0.2, 0.12, 0.08], stretch=0.0004,
                     decays=[decay / k**0.7 for k in range(1, 7)])
    return np.asarray(tone * _envelope(t, attack=ATTACK_S, decay=0.0, release=0.08))


@_cached
def electric_piano(pitch: float, seconds: float) -> np.ndarray:
    t = _t(seconds + 0.2)
    f0 = hz(pitch)
    bell = 0.3 * np.sin(2 * np.pi * 7.0 * f0 * t) * np.exp(-t / 0.08)
    tone = np.sin(2 * np.pi * f0 * t + 0.8 * np.sin(2 * np.pi * f0 * t) * np.exp(-t / 0.4))
    return np.asarray((tone + bell) * _envelope(t, attack=ATTACK_S, decay=1.2, release=0.1))


@_cached
def bass(pitch: float, seconds: float) -> np.ndarray:
    t = _t(seconds)
    tone = _partials(t, hz(pitch), [1.0, 0.45, 0.2, 0.1])
    return np.asarray(tone * _envelope(t, attack=0.006, decay=0.6, release=0.04))


@_cached
def pad(pitch: float, seconds: float) -> np.ndarray:
    """Detuned saw-like voices, slow attack and release: strings, synth pads."""
    brightness = 0.5
    t = _t(seconds)
    f0 = hz(pitch)
    amps = [brightness**k / k for k in range(1, 9)]
    tone = sum(_partials(t, f0 * detune, amps) for detune in (0.996, 1.0, 1.004))
    vibrato = 1.0 + 0.05 * np.sin(2 * np.pi * 5.0 * t)
    attack = min(0.4, seconds / 3)
    return np.asarray(tone / 3 * vibrato * _envelope(t, attack=attack, decay=0.0,
                                                     release=min(0.5, seconds / 3)))


@_cached
def lead(pitch: float, seconds: float) -> np.ndarray:
    """A bright synth pluck (electronic arpeggios)."""
    t = _t(seconds)
    tone = _partials(t, hz(pitch), [1.0 / k for k in range(1, 10)],
                     decays=[0.3 / k**0.5 for k in range(1, 10)])
    return np.asarray(tone * _envelope(t, attack=0.003, decay=0.0, release=0.03))


@_cached
def guitar(pitch: float, seconds: float) -> np.ndarray:
    """Overdriven power chord: root, fifth and octave through a soft clipper."""
    t = _t(seconds)
    chord = sum(_partials(t, hz(pitch + step), [1.0, 0.5, 0.33, 0.25, 0.2]) for step in (0, 7, 12))
    return np.asarray(np.tanh(2.5 * chord) * _envelope(t, attack=0.005, decay=1.5, release=0.04))


@_cached
def saxophone(pitch: float, seconds: float) -> np.ndarray:
    """Reedy odd-and-even harmonics, breath noise and a late vibrato."""
    t = _t(seconds)
    f0 = hz(pitch) * (1.0 + 0.006 * np.sin(2 * np.pi * 5.5 * t) * np.minimum(1.0, t / 0.3))
    phase = 2 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    tone = sum(amp * np.sin(k * phase) for k, amp in enumerate([1.0, 0.7, 0.5, 0.4, 0.25, 0.15], 1))
    breath = 0.05 * np.random.default_rng(round(pitch * 100)).standard_normal(len(t))
    return np.asarray((tone + breath) * _envelope(t, attack=0.03, decay=0.0, release=0.05))


@_cached
def kick(seconds: float = 0.35) -> np.ndarray:
    t = _t(seconds)
    freq = 45.0 + 90.0 * np.exp(-t / 0.03)
    tone = np.sin(2 * np.pi * np.cumsum(freq) / SAMPLE_RATE)
    return np.asarray(tone * _envelope(t, attack=0.002, decay=0.12, release=0.02))


def noise_hit(seed: int, *, seconds: float, low: float, high: float, decay: float) -> np.ndarray:
    """Snares, hi-hats, rides and brushes: band-passed noise with a short envelope."""
    t = _t(seconds)
    noise = np.random.default_rng(seed).standard_normal(len(t))
    sos = butter_sos(2, (low, min(high, 0.45 * SAMPLE_RATE)), "band")
    return np.asarray(signal.sosfilt(sos, noise) * _envelope(t, attack=0.002, decay=decay,
                                                              release=0.01))


@_cached
def snare(seed: int) -> np.ndarray:
    body = 0.5 * np.sin(2 * np.pi * 190.0 * _t(0.2)) * np.exp(-_t(0.2) / 0.04)
    return noise_hit(seed, seconds=0.2, low=1500.0, high=8000.0, decay=0.06) * 2.0 + body


@_cached
def hihat(seed: int) -> np.ndarray:
    return noise_hit(seed, seconds=0.06, low=7000.0, high=15000.0, decay=0.015) * 2.0


@_cached
def ride(seed: int) -> np.ndarray:
    t = _t(0.5)
    ping = 0.4 * np.sin(2 * np.pi * 4200.0 * t) * np.exp(-t / 0.3)
    wash = noise_hit(seed, seconds=0.5, low=5000.0, high=14000.0, decay=0.25)
    return np.asarray(wash * 2.0 + ping)


INSTRUMENTS = {"piano": piano, "keyboard": electric_piano, "saxophone": saxophone,
               "trumpet": saxophone, "guitar": guitar, "violin": pad, "cello": pad,
               "bass": bass, "harp": piano}
