"""Ambience: a deterministic bed that sounds like the place and the weather.

Under everything lies the room tone of the set (indoors low and smooth air handling, a
street's traffic rumble swelling and fading, elsewhere outdoors an airy wind in gusts).
The heard place (`Environment.heard_place`: "jazz_club" even where the set is a room)
adds its own layer: birds in parks and forests, waves on beaches, passing cars in the city,
a murmuring crowd and clinking glasses in a club, simmering pots in a kitchen; rain adds
hiss and drops by intensity, snow hushes everything, space is all but silent.
Nothing in it starts sharply (every grain fades in over >= 8 ms): the ambience must never
pass for an impact. The whole bed is scaled to the place's RMS level (`level_dbfs`).
"""

from __future__ import annotations

import zlib

import numpy as np
from scipy import signal

from cinestra.once import process_wide
from cinestra.sound.filters import butter_sos
from cinestra.sound.soundtrack import SAMPLE_RATE
from cinestra.world.timeline import Environment

LEVEL_DBFS = -50.0  # a quiet place; busier ones are louder (PLACE_LEVELS)
WARM_UP_S = 0.5  # noise rendered before t = 0 and dropped, so filters start settled
STEREO_SPREAD = 0.5  # share of the noise that differs between left and right
GRAIN_ATTACK_S = 0.008
NOISE_TABLE_S = 97.0  # longer than any shot (60 s clips): a bed never hears it repeat
ENVELOPE_STEP = 48  # samples between the points of a slow envelope (1 ms)

BIRDS = ("park", "forest", "garden", "jungle", "field", "hill", "playground", "savanna",
         "mountain", "river", "lake")
WAVES = ("beach", "ocean", "harbor", "lake")
TRAFFIC = ("city", "highway", "bridge", "train_station", "market", "alley", "airport")
CROWD = ("jazz_club", "restaurant", "cafe", "market", "stadium", "train_station", "airport",
         "classroom", "stage", "gym", "museum")
SIMMER = ("kitchen", "restaurant")
PLACE_LEVELS = {
    "beach": -42.0, "ocean": -42.0, "city": -44.0, "highway": -42.0, "jazz_club": -43.0,
    "restaurant": -45.0, "cafe": -46.0, "market": -44.0, "stadium": -40.0,
    "train_station": -44.0, "airport": -45.0, "kitchen": -46.0, "classroom": -47.0,
    "forest": -48.0, "jungle": -46.0, "space": -78.0, "moon": -78.0, "underwater": -55.0,
}
QUIET = ("space", "moon")  # no air: only a faint hum of the ship or suit


def level_dbfs(environment: Environment) -> float:
    """The ambience's RMS level: the place's, raised by rain, lowered by snow."""
    level = PLACE_LEVELS.get(environment.heard_place, LEVEL_DBFS)
    if not environment.indoor:
        level += 10.0 * environment.rain
    if environment.weather == "snow":
        level -= 4.0
    return level


def room_tone(environment: Environment, *, n_samples: int, seed: int) -> np.ndarray:
    """Stereo float64 (n_samples, 2) ambience at `level_dbfs` RMS; same inputs, same samples."""
    if n_samples <= 0:
        return np.zeros((0, 2))
    place = environment.heard_place
    key = zlib.crc32(f"{place}|{environment.indoor}|{environment.wet}|"
                     f"{environment.weather}".encode())
    rng = np.random.default_rng([seed & 0xFFFFFFFF, key])
    warm = round(WARM_UP_S * SAMPLE_RATE)
    total = n_samples + warm
    t = np.arange(total) / SAMPLE_RATE

    # 1. The bed for the set.
    if place in QUIET:
        bed = _band(rng, total, low=40.0, high=160.0, order=2)
    elif environment.indoor:
        bed = _band(rng, total, low=30.0, high=250.0, order=2)
        bed += 0.15 * _band(rng, total, low=250.0, high=2000.0, order=2)
    elif environment.place == "street":
        rumble = _band(rng, total, low=25.0, high=160.0, order=2)
        hiss = 0.25 * _band(rng, total, low=300.0, high=2500.0, order=2)
        bed = (rumble + hiss) * _swell(rng, t, depth=0.6, slowest_hz=0.05, fastest_hz=0.3)
    else:
        wind = _band(rng, total, low=400.0, high=3500.0, order=2)
        low = 0.3 * _band(rng, total, low=20.0, high=120.0, order=2)
        bed = wind * _swell(rng, t, depth=0.7, slowest_hz=0.1, fastest_hz=0.6) + low

    # 2. What the heard place adds.
    if place in WAVES:
        bed += 1.5 * _waves(rng, t)
    if place in TRAFFIC:
        bed += 0.8 * _band(rng, total, low=40.0, high=700.0, order=2) * _swell(
            rng, t, depth=0.9, slowest_hz=0.03, fastest_hz=0.15)
    if place in CROWD:
        bed += 0.9 * _murmur(rng, t, voices=12 if place != "classroom" else 6)
    if place == "jazz_club":
        bed += 0.4 * _grains(rng, total, rate_hz=0.7, low_hz=2500.0, high_hz=5000.0,
                             decay_s=0.25, tonal=True)  # glasses
    if place in SIMMER:
        bed += 0.6 * _grains(rng, total, rate_hz=35.0, low_hz=400.0, high_hz=1400.0,
                             decay_s=0.02, tonal=True)  # bubbles in a pot
    if place in BIRDS and not environment.rain and environment.weather != "snow":
        bed += 0.5 * _birds(rng, total)

    # 3. Weather outdoors: rain hiss and drops, snow's hush (less high end).
    if not environment.indoor and (environment.wet or environment.rain > 0):
        intensity = max(environment.rain, 0.3)
        bed += intensity * 1.2 * _band(rng, total, low=3000.0, high=12000.0, order=2)
        bed += intensity * 0.5 * _grains(rng, total, rate_hz=80.0 * intensity, low_hz=1500.0,
                                         high_hz=6000.0, decay_s=0.01, tonal=False)
    elif environment.indoor and environment.rain > 0:  # rain on the windows
        bed += 0.3 * environment.rain * _band(rng, total, low=800.0, high=5000.0, order=2)
    if environment.weather == "snow":
        sos = butter_sos(2, 1500.0, "low")
        bed = signal.sosfilt(sos, bed, axis=0)

    # 4. Level: the RMS of both channels together is the place's level.
    bed = bed[warm:]
    rms = float(np.sqrt(np.mean(bed**2)))
    target = 10.0 ** (level_dbfs(environment) / 20.0)
    return np.asarray(bed * (target / max(rms, 1e-12)), dtype=np.float64)


def _band(rng: np.random.Generator, n: int, *, low: float, high: float, order: int) -> np.ndarray:
    """(n, 2) band-passed noise, partly shared by both channels, each channel at unit RMS."""
    sos = butter_sos(order, (low, high), "band")
    # float32 noise and filtering: twice as fast, and far below any audible error.
    shared = _noise(rng, n)
    own = np.stack([_noise(rng, n), _noise(rng, n)])
    mixed = np.float32(np.sqrt(1.0 - STEREO_SPREAD)) * shared + np.float32(
        np.sqrt(STEREO_SPREAD)) * own
    out = signal.sosfilt(sos.astype(np.float32), mixed, axis=1).T
    return np.asarray(out / max(float(np.sqrt(np.mean(out**2))), 1e-12), dtype=np.float64)


@process_wide
def _noise_table() -> np.ndarray:
    """NOISE_TABLE_S of white noise made once per process (fixed seed, so every process
    has the same); beds read it from seeded random offsets instead of drawing fresh noise,
    which cost more than filtering it."""
    table = np.random.default_rng(0x5EED).standard_normal(
        round(NOISE_TABLE_S * SAMPLE_RATE), dtype=np.float32)
    table.flags.writeable = False
    return table


def _noise(rng: np.random.Generator, n: int) -> np.ndarray:
    """n samples of white noise (float32) from the table, starting at a random offset and
    wrapping around; a bed longer than the table repeats after NOISE_TABLE_S."""
    table = _noise_table()
    start = int(rng.integers(0, len(table)))
    if start + n <= len(table):
        return table[start : start + n]
    index = (start + np.arange(n)) % len(table)
    return table[index]


def _swell(
    rng: np.random.Generator, t: np.ndarray, *, depth: float, slowest_hz: float, fastest_hz: float
) -> np.ndarray:
    """(n, 1) slow positive gain curve around 1: passing cars, gusts of wind."""
    coarse = _coarse(t)
    curve = np.zeros_like(coarse)
    for _ in range(4):
        freq = rng.uniform(slowest_hz, fastest_hz)
        curve += np.sin(2.0 * np.pi * freq * coarse + rng.uniform(0.0, 2.0 * np.pi))
    return np.asarray(np.interp(t, coarse, 1.0 + depth * curve / 4.0))[:, None]


def _coarse(t: np.ndarray) -> np.ndarray:
    """Every ENVELOPE_STEP-th time of `t` and its last: slow envelopes are computed there
    and interpolated (the sines of a whole minute at 48 kHz would cost more than the noise)."""
    return np.append(t[::ENVELOPE_STEP], t[-1])


def _waves(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Surf: low-passed noise swelling every 6-10 s, each wave washing out slowly."""
    period = rng.uniform(6.0, 10.0)
    phase = (t / period + rng.uniform()) % 1.0
    envelope = np.where(phase < 0.3, np.sin(np.pi * phase / 0.6) ** 2,
                        np.exp(-(phase - 0.3) * 5.0))
    surf = _band(rng, len(t), low=120.0, high=2500.0, order=2)
    return np.asarray(surf * (0.15 + envelope)[:, None])


def _murmur(rng: np.random.Generator, t: np.ndarray, *, voices: int) -> np.ndarray:
    """Many far-off talkers: voice-band noise, each talker's level moving at syllable rate."""
    coarse = _coarse(t)
    gains = np.zeros((len(coarse), 2))
    for _ in range(voices):
        rate = rng.uniform(3.0, 5.0)
        syllables = 0.5 + 0.5 * np.sin(2 * np.pi * rate * coarse + rng.uniform(0, 2 * np.pi))
        phrases = np.clip(np.sin(2 * np.pi * rng.uniform(0.1, 0.3) * coarse
                                 + rng.uniform(0, 6)), 0.0, 1.0)
        pan = rng.uniform(0.2, 0.8)
        gains[:, 0] += syllables * phrases * (1.0 - pan)
        gains[:, 1] += syllables * phrases * pan
    envelope = np.stack([np.interp(t, coarse, gains[:, c]) for c in range(2)], axis=1)
    return np.asarray(_band(rng, len(t), low=250.0, high=2500.0, order=2) * envelope / voices)


def _grains(rng: np.random.Generator, n: int, *, rate_hz: float, low_hz: float, high_hz: float,
            decay_s: float, tonal: bool) -> np.ndarray:
    """(n, 2) scattered short sounds (drops, bubbles, clinks), each with a soft attack."""
    out = np.zeros((n, 2))
    count = rng.poisson(rate_hz * n / SAMPLE_RATE)
    length = round(6 * decay_s * SAMPLE_RATE) + round(GRAIN_ATTACK_S * SAMPLE_RATE)
    local = np.arange(length) / SAMPLE_RATE
    attack = np.minimum(1.0, local / GRAIN_ATTACK_S) ** 2
    shape = attack * np.exp(-local / decay_s)
    for _ in range(count):
        start = int(rng.integers(0, max(1, n - length)))
        if tonal:
            freq = rng.uniform(low_hz, high_hz) * (1.0 + rng.uniform(0.0, 6.0) * local)
            grain = shape * np.sin(2 * np.pi * np.cumsum(freq) / SAMPLE_RATE)
        else:
            grain = shape * rng.standard_normal(length)
        pan = rng.uniform(0.1, 0.9)
        amp = rng.uniform(0.3, 1.0)
        out[start : start + length, 0] += amp * (1.0 - pan) * grain
        out[start : start + length, 1] += amp * pan * grain
    if not tonal:
        sos = butter_sos(2, (low_hz, high_hz), "band")
        out = signal.sosfilt(sos, out, axis=0)
    rms = float(np.sqrt(np.mean(out**2)))
    return np.asarray(out / max(rms, 1e-12)) if rms > 0 else out


def _birds(rng: np.random.Generator, n: int) -> np.ndarray:
    """(n, 2) birdsong: phrases of 3-7 quick chirps sweeping within 2.5-6 kHz."""
    out = np.zeros((n, 2))
    phrases = rng.poisson(0.4 * n / SAMPLE_RATE)
    for _ in range(phrases):
        start = int(rng.integers(0, n))
        base = rng.uniform(2500.0, 5000.0)
        sweep = rng.uniform(-0.5, 0.8)
        pan = rng.uniform(0.15, 0.85)
        for _ in range(int(rng.integers(3, 8))):
            length = round(rng.uniform(0.04, 0.09) * SAMPLE_RATE)
            if start + length >= n:
                break
            local = np.arange(length) / length
            freq = base * (1.0 + sweep * local)
            grain = np.sin(np.pi * local) ** 2 * np.sin(2 * np.pi * np.cumsum(freq) / SAMPLE_RATE)
            out[start : start + length, 0] += (1.0 - pan) * grain
            out[start : start + length, 1] += pan * grain
            start += length + round(rng.uniform(0.03, 0.12) * SAMPLE_RATE)
    rms = float(np.sqrt(np.mean(out**2)))
    return out / rms if rms > 0 else out
