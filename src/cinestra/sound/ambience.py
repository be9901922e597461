"""Room tone: a quiet, deterministic bed of filtered noise that matches the place.

Indoors it is low and smooth (air handling), on a street a low traffic rumble that
swells and fades, elsewhere outdoors an airy wind in gusts; wet outdoor places add a
soft rain hiss. The bed is scaled to `LEVEL_DBFS` RMS over both channels.
"""

from __future__ import annotations

import zlib

import numpy as np
from scipy import signal

from cinestra.sound.soundtrack import SAMPLE_RATE
from cinestra.world.timeline import Environment

LEVEL_DBFS = -50.0
WARM_UP_S = 0.5  # noise rendered before t = 0 and dropped, so filters start settled
STEREO_SPREAD = 0.5  # share of the noise that differs between left and right


def room_tone(environment: Environment, *, n_samples: int, seed: int) -> np.ndarray:
    """Stereo float64 (n_samples, 2) room tone at `LEVEL_DBFS` RMS; same inputs, same samples."""
    if n_samples <= 0:
        return np.zeros((0, 2))
    key = zlib.crc32(f"{environment.place}|{environment.indoor}|{environment.wet}".encode())
    rng = np.random.default_rng([seed & 0xFFFFFFFF, key])
    warm = round(WARM_UP_S * SAMPLE_RATE)
    total = n_samples + warm
    t = np.arange(total) / SAMPLE_RATE

    # 1. The bed for the place.
    if environment.indoor:
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

    # 2. Rain hiss on wet outdoor places.
    if environment.wet and not environment.indoor:
        bed += 0.4 * _band(rng, total, low=3000.0, high=12000.0, order=2)

    # 3. Level: the RMS of both channels together is LEVEL_DBFS.
    bed = bed[warm:]
    rms = float(np.sqrt(np.mean(bed**2)))
    target = 10.0 ** (LEVEL_DBFS / 20.0)
    return np.asarray(bed * (target / max(rms, 1e-12)), dtype=np.float64)


def _band(rng: np.random.Generator, n: int, *, low: float, high: float, order: int) -> np.ndarray:
    """(n, 2) band-passed noise, partly shared by both channels, each channel at unit RMS."""
    sos = signal.butter(order, (low, high), btype="band", fs=SAMPLE_RATE, output="sos")
    shared = rng.standard_normal(n)
    own = rng.standard_normal((2, n))
    mixed = np.sqrt(1.0 - STEREO_SPREAD) * shared + np.sqrt(STEREO_SPREAD) * own
    out = signal.sosfilt(sos, mixed, axis=1).T
    return np.asarray(out / max(float(np.sqrt(np.mean(out**2))), 1e-12), dtype=np.float64)


def _swell(
    rng: np.random.Generator, t: np.ndarray, *, depth: float, slowest_hz: float, fastest_hz: float
) -> np.ndarray:
    """(n, 1) slow positive gain curve around 1: passing cars, gusts of wind."""
    curve = np.zeros_like(t)
    for _ in range(4):
        freq = rng.uniform(slowest_hz, fastest_hz)
        curve += np.sin(2.0 * np.pi * freq * t + rng.uniform(0.0, 2.0 * np.pi))
    return (1.0 + depth * curve / 4.0)[:, None]
