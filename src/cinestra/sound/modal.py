"""Modal impact synthesis: the sound of two bodies hitting each other.

A hit is a short contact force pulse (a half sine, longer when the softer body is soft)
that excites the resonant modes of both bodies, plus a burst of contact noise of the
same length and, for wet surfaces, a short high splash. The pulse acts as a low-pass
filter on the modes, so a rubber ball dulls even a glass table. The result starts with
a strictly positive sample at index 0 (nothing before it): the onset is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import signal

from cinestra.sound.filters import butter_sos
from cinestra.sound.materials import REFERENCE_SIZE_M, Material
from cinestra.sound.soundtrack import SAMPLE_RATE

MIN_SIZE_M = 0.01
MAX_SIZE_M = 0.4  # floors and walls ring like a 40 cm panel, not like a whole room
MAX_LENGTH_S = 3.0
FADE_OUT_S = 0.02
SILENCE_DB = 60.0  # a mode is rendered until it has decayed this much
DETUNE = 0.015  # per-hit random mode detuning, so repeated bounces are not identical
SPLASH_GAIN = 0.35


@dataclass(frozen=True)
class HitBody:
    """One of the two bodies of an impact, as the synthesiser sees it."""

    material: Material
    size_m: float  # characteristic size: sets the pitch (1 / size) and ringing time
    wet: bool = False


def contact_time(a: HitBody, b: HitBody, *, speed: float) -> float:
    """Contact duration in seconds: the softer body dominates; faster hits are shorter (Hertz)."""
    slowest = max(a.material.contact_s, b.material.contact_s)
    return float(slowest * float(np.clip(speed, 0.05, 50.0)) ** -0.2)


def impact_sound(*, a: HitBody, b: HitBody, speed: float, rng: np.random.Generator) -> np.ndarray:
    """Mono float64 impact sound with peak 1; sample 0 is the first contact sample and is > 0."""
    # 1. Contact pulse: half sine sampled at mid-sample points, so every value is > 0.
    contact_s = contact_time(a, b, speed=speed)
    pulse_len = max(1, round(contact_s * SAMPLE_RATE))
    pulse = np.sin(np.pi * (np.arange(pulse_len) + 0.5) / pulse_len)
    pulse /= pulse.sum()

    # 2. Ringing of both bodies, each h[0] > 0 (cosine phase: the velocity response).
    length = _length(a, b, pulse_len=pulse_len)
    t = np.arange(length) / SAMPLE_RATE
    ringing = _ring(a, t=t, rng=rng) + _ring(b, t=t, rng=rng)
    modal = signal.fftconvolve(ringing, pulse)[:length]
    sound = modal / np.max(np.abs(modal))

    # 3. Contact noise: as long as the contact, as bright as it is short; zero at sample 0.
    noise_share = (a.material.noise + b.material.noise) / 2.0
    noise = _contact_noise(contact_s, length=length, rng=rng)
    sound = (1.0 - noise_share) * sound + noise_share * noise

    # 4. A short high splash when either surface is wet.
    if (a.wet and not a.material.splash) or (b.wet and not b.material.splash):
        sound = sound + SPLASH_GAIN * _splash(length=length, rng=rng)

    # 5. Peak 1, and a short fade so the cut at the end of the buffer is silent.
    sound /= np.max(np.abs(sound))
    fade = min(round(FADE_OUT_S * SAMPLE_RATE), length // 2)
    if fade > 0:
        sound[-fade:] *= np.linspace(1.0, 0.0, fade + 1)[1:]
    assert sound[0] > 0.0, "an impact must start with a non-zero sample"
    return np.asarray(sound, dtype=np.float64)


def _size_factor(body: HitBody) -> float:
    return REFERENCE_SIZE_M / float(np.clip(body.size_m, MIN_SIZE_M, MAX_SIZE_M))


def _decays(body: HitBody) -> np.ndarray:
    m = body.material
    # Small bodies ring shorter; big ones (floors, table tops) are damped by their
    # supports, so they ring no longer than a 10 cm body.
    shorter = float(np.clip(1.0 / _size_factor(body), 0.5, 1.0)) ** 0.5
    return np.asarray(m.decay_s * shorter / np.asarray(m.ratios) ** m.damping_slope)


def _length(a: HitBody, b: HitBody, *, pulse_len: int) -> int:
    longest = max(float(_decays(a).max()), float(_decays(b).max()))
    ring_s = longest * SILENCE_DB / 8.686  # 8.686 dB per e-fold
    seconds = min(MAX_LENGTH_S, max(0.05, ring_s + 0.05))
    return int(seconds * SAMPLE_RATE) + pulse_len


def _ring(body: HitBody, *, t: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Sum of decaying cosines (or rising bubble chirps for water), scaled by radiation."""
    m = body.material
    out = np.zeros_like(t)
    decays = _decays(body)
    for k, (ratio, gain) in enumerate(zip(m.ratios, m.gains, strict=True)):
        freq = m.base_hz * _size_factor(body) * ratio * (1.0 + rng.uniform(-DETUNE, DETUNE))
        amp = gain * m.radiation * rng.uniform(0.8, 1.2)
        if m.splash:
            out += amp * _bubble(t, freq=float(np.clip(freq, 200.0, 4000.0)), k=k, rng=rng)
            continue
        if not 20.0 <= freq <= 0.45 * SAMPLE_RATE:
            continue
        # Only until the mode has decayed SILENCE_DB: higher modes die sooner.
        n = min(len(t), int(decays[k] * SILENCE_DB / 8.686 * SAMPLE_RATE) + 1)
        # float32 for exp and cos: twice as fast; the phase error stays under 0.02 rad.
        local = t[:n].astype(np.float32)
        decay = np.exp(local * np.float32(-1.0 / decays[k]))
        out[:n] += amp * decay * np.cos(local * np.float32(2.0 * np.pi * freq))
    if out[0] <= 0.0:  # every mode was out of the audible band: a plain damped click
        out += m.radiation * np.exp(-t / 0.002)
    return out


def _bubble(t: np.ndarray, *, freq: float, k: int, rng: np.random.Generator) -> np.ndarray:
    """A Minnaert bubble: a decaying tone whose pitch rises; the first starts at t = 0."""
    delay = 0.0 if k == 0 else rng.uniform(0.002, 0.025)
    rise = rng.uniform(8.0, 20.0)  # relative pitch rise per second
    decay = rng.uniform(0.02, 0.045)
    local = np.maximum(t - delay, 0.0)
    phase = 2.0 * np.pi * freq * (local + 0.5 * rise * local**2)
    tone = np.exp(-local / decay) * np.cos(phase)
    tone[t < delay] = 0.0
    return tone


def _contact_noise(contact_s: float, *, length: int, rng: np.random.Generator) -> np.ndarray:
    """Low-passed noise burst (cut-off 1 / contact time) under a half-sine envelope; 0 at n = 0."""
    burst = min(length, max(8, round((2.0 * contact_s + 0.3e-3) * SAMPLE_RATE)))
    cutoff = min(0.45 * SAMPLE_RATE, 1.0 / contact_s)
    sos = butter_sos(2, cutoff, "low")
    noise = signal.sosfilt(sos, rng.standard_normal(burst))
    noise *= np.sin(np.pi * np.arange(burst) / burst)
    out = np.zeros(length)
    out[:burst] = noise / max(float(np.max(np.abs(noise))), 1e-12)
    return out


def _splash(*, length: int, rng: np.random.Generator) -> np.ndarray:
    """High (2.5–12 kHz) noise, 1 ms rise and 10 ms decay; 0 at n = 0."""
    size = min(length, round(0.06 * SAMPLE_RATE))
    sos = butter_sos(2, (2500.0, 12000.0), "band")
    noise = signal.sosfilt(sos, rng.standard_normal(size))
    n = np.arange(size) / SAMPLE_RATE
    envelope = (1.0 - np.exp(-n / 0.001)) * np.exp(-n / 0.010)
    noise *= envelope
    out = np.zeros(length)
    out[:size] = noise / max(float(np.max(np.abs(noise))), 1e-12)
    return out
