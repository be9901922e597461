"""Weather and smoke as particle fields: rain and its splashes, snow, fog, smoke, steam, dust.

Each field is a Timeline `Particles`; its `state(t)` rule moves every particle in a straight
line from a birth point for one lifetime, then starts it again. Falling fields are born in a
thin layer at the top of the camera's `area` and live exactly as long as the fall to the
ground takes, so they never leave the area (their birth box is pulled in by the sideways
drift they gather on the way).
"""

from __future__ import annotations

import numpy as np

from cinestra.plan.storyboard import Setting
from cinestra.world.timeline import Particles, Vec3

Area = tuple[Vec3, Vec3]

RAIN_PER_M2 = 6.0  # drops in the air per square metre of ground at intensity 1
SNOW_PER_M2 = 3.0
RAIN_INTENSITY = {"rain": 0.6, "storm": 1.0}
RAIN_SPEED = {"rain": 7.5, "storm": 9.0}  # m/s, terminal speed of a raindrop
STORM_WIND = 2.0  # m/s sideways: a storm's rain slants
MAX_COUNT = 6000
BIRTH_LAYER = 0.25  # half thickness of the layer falling particles are born in, m
# Extra haze (0..1) each weather adds to the air; the set reads it for `Set.haze`.
WEATHER_HAZE = {"fog": 0.6, "smoke": 0.5, "steam": 0.3, "storm": 0.3, "rain": 0.15,
                "snow": 0.2, "cloudy": 0.05}
OUTDOOR_ONLY = frozenset({"rain", "storm", "snow", "wind"})


def _count(per_m2: float, area: Area, intensity: float) -> int:
    (x0, y0, _), (x1, y1, _) = area
    return int(np.clip(per_m2 * intensity * (x1 - x0) * (y1 - y0), 50, MAX_COUNT))


def _falling(kind: str, area: Area, *, count: int, velocity: Vec3, spread: float, size: float,
             color: Vec3, opacity: float, seed: int) -> Particles:
    """A field born at the top of `area` that lands on its floor at the end of each life."""
    (x0, y0, z0), (x1, y1, z1) = (np.asarray(corner, dtype=float) for corner in area)
    height = (z1 - z0) - 2 * BIRTH_LAYER
    lifetime = height / (-velocity[2] + spread)  # the fastest reaches it exactly
    margin_x = (abs(velocity[0]) + spread) * lifetime
    margin_y = (abs(velocity[1]) + spread) * lifetime
    half = (max((x1 - x0) / 2 - margin_x, 0.1), max((y1 - y0) / 2 - margin_y, 0.1), BIRTH_LAYER)
    origin = ((x0 + x1) / 2, (y0 + y1) / 2, z1 - BIRTH_LAYER)
    return Particles(
        id=f"{kind}_field", kind=kind, origin=origin, half=half, count=count,
        velocity=velocity, spread=spread, lifetime=lifetime, size=size, color=color,
        opacity=opacity, seed=seed,
    )


def _splashes(area: Area, *, drops: int, seed: int) -> Particles:
    """Tiny droplets kicked up where the rain lands: short-lived, upwards."""
    (x0, y0, z0), (x1, y1, _) = area
    return Particles(
        id="splash_field", kind="splash", origin=((x0 + x1) / 2, (y0 + y1) / 2, z0 + 0.02),
        half=((x1 - x0) / 2, (y1 - y0) / 2, 0.01), count=max(drops // 4, 20),
        velocity=(0.0, 0.0, 0.7), spread=0.45, lifetime=0.15, size=0.012,
        color=(0.80, 0.85, 0.90), opacity=0.7, seed=seed,
    )


def _puffs(kind: str, area: Area, *, count: int, size: float, velocity: Vec3, color: Vec3,
           opacity: float, seed: int) -> Particles:
    """Large soft puffs drifting through the lower part of the area (fog banks, smoke)."""
    (x0, y0, z0), (x1, y1, z1) = area
    low_half = min((z1 - z0) / 4, 1.5)
    return Particles(
        id=f"{kind}_puffs", kind=kind,
        origin=((x0 + x1) / 2, (y0 + y1) / 2, z0 + low_half + 0.3),
        half=((x1 - x0) / 2, (y1 - y0) / 2, low_half), count=count, velocity=velocity,
        spread=0.1, lifetime=12.0, size=size, growth=0.05, color=color, opacity=opacity,
        seed=seed,
    )


def weather_particles(setting: Setting, *, area: Area, seed: int) -> list[Particles]:
    """The particle fields the shot's weather fills `area` with (low and high corners of
    what the camera sees); none for clear or cloudy skies, or rain and snow indoors."""
    low, high = area
    if not all(h > lo for lo, h in zip(low, high, strict=True)):
        raise ValueError(f"area must go from its low to its high corner, got {area!r}")
    weather = setting.weather
    if weather is None or (setting.indoor and weather in OUTDOOR_ONLY):
        return []
    seeds = [int(value) for value in np.random.default_rng(seed).integers(0, 2**31, 3)]
    if weather in RAIN_INTENSITY:
        intensity = RAIN_INTENSITY[weather]
        wind = STORM_WIND if weather == "storm" else 0.3
        drops = _count(RAIN_PER_M2, area, intensity)
        rain = _falling("rain", area, count=drops, velocity=(wind, 0.0, -RAIN_SPEED[weather]),
                        spread=0.3, size=0.006, color=(0.70, 0.75, 0.82), opacity=0.45,
                        seed=seeds[0])
        return [rain, _splashes(area, drops=drops, seed=seeds[1])]
    if weather == "snow":
        snow = _falling("snow", area, count=_count(SNOW_PER_M2, area, 1.0),
                        velocity=(0.3, 0.1, -1.0), spread=0.15, size=0.02,
                        color=(0.95, 0.96, 1.0), opacity=0.9, seed=seeds[0])
        return [snow]
    if weather == "fog":
        return [_puffs("smoke", area, count=24, size=2.5, velocity=(0.25, 0.0, 0.0),
                       color=(0.85, 0.87, 0.9), opacity=0.18, seed=seeds[0])]
    if weather == "smoke":
        return [_puffs("smoke", area, count=14, size=1.2, velocity=(0.08, 0.0, 0.04),
                       color=(0.55, 0.55, 0.58), opacity=0.22, seed=seeds[0])]
    if weather == "steam":
        return [_puffs("steam", area, count=16, size=0.8, velocity=(0.0, 0.0, 0.1),
                       color=(0.95, 0.95, 0.95), opacity=0.15, seed=seeds[0])]
    if weather == "wind":
        return [_puffs("dust", area, count=120, size=0.02, velocity=(3.0, 0.0, 0.2),
                       color=(0.6, 0.52, 0.4), opacity=0.5, seed=seeds[0])]
    return []  # clear, cloudy: nothing in the air


# kind -> (rise m/s, spread m/s, lifetime s, radius m, growth m/s, colour, opacity, count)
SOURCES: dict[str, tuple[float, float, float, float, float, Vec3, float, int]] = {
    "steam": (0.45, 0.08, 2.0, 0.03, 0.12, (0.96, 0.96, 0.96), 0.5, 60),
    "smoke": (0.6, 0.1, 3.0, 0.05, 0.18, (0.45, 0.45, 0.47), 0.45, 50),
    "dust": (0.15, 0.5, 1.5, 0.02, 0.1, (0.62, 0.54, 0.42), 0.4, 80),
}


def source_particles(kind: str, at: Vec3, *, seed: int, width: float = 0.16) -> Particles:
    """A plume rising from one place: steam from a pot, smoke from a chimney or a candle,
    dust kicked up from the ground. Puffs swell and fade as they rise."""
    if kind not in SOURCES:
        raise ValueError(f"kind must be one of {sorted(SOURCES)}, got {kind!r}")
    rise, spread, lifetime, size, growth, color, opacity, count = SOURCES[kind]
    return Particles(
        id=f"{kind}_source", kind=kind,
        origin=at, half=(width / 2, width / 2, 0.02), count=count,
        velocity=(0.0, 0.0, rise), spread=spread, lifetime=lifetime, size=size, growth=growth,
        color=color, opacity=opacity, seed=seed,
    )
