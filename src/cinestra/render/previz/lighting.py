"""Sky, sun, ambient light and fog chosen by the time of day, indoors or out.

Colours are linear RGB. Azimuths are counter-clockwise from world +x, elevations above the
horizon; `Lighting.sun_direction` points from the scene towards the light.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cinestra.errors import InvalidRequest
from cinestra.world.timeline import Environment, Vec3

TIMES_OF_DAY = ("dawn", "morning", "noon", "afternoon", "golden_hour", "sunset", "dusk", "night")


@dataclass(frozen=True)
class Lighting:
    sky_zenith: Vec3
    sky_horizon: Vec3
    sky_ground: Vec3  # the sky dome below the horizon (or the interior's floor side)
    sun_direction: Vec3  # unit vector towards the sun (or the key light indoors)
    sun_color: Vec3  # colour times intensity
    sun_disc: float  # how much of the sun disc and glow the sky shows (0 indoors)
    ambient_sky: Vec3  # hemispheric ambient seen by upward normals
    ambient_ground: Vec3  # ... and by downward normals
    fog_color: Vec3
    fog_density: float  # exp2 fog: transmittance = exp(-(density * distance)^2)
    exposure: float
    stars: float  # star field brightness (night skies)
    lamp_reach_m: float = 0.0  # > 0: the key light is a lamp above the action, fading with distance


@dataclass(frozen=True)
class _Outdoor:
    elevation: float  # degrees
    azimuth: float  # degrees
    sun: Vec3
    zenith: Vec3
    horizon: Vec3
    ambient_sky: Vec3
    ambient_ground: Vec3
    fog: float
    exposure: float = 1.0


_OUTDOOR: dict[str, _Outdoor] = {
    "dawn": _Outdoor(6, 80, (1.00, 0.62, 0.46), (0.16, 0.20, 0.40), (0.95, 0.62, 0.50),
                     (0.24, 0.24, 0.34), (0.14, 0.11, 0.10), 0.016, 1.15),
    "morning": _Outdoor(32, 110, (1.10, 1.00, 0.86), (0.12, 0.28, 0.64), (0.62, 0.74, 0.88),
                        (0.30, 0.35, 0.44), (0.15, 0.14, 0.12), 0.010),
    "noon": _Outdoor(65, 150, (1.25, 1.21, 1.15), (0.09, 0.24, 0.66), (0.56, 0.71, 0.90),
                     (0.30, 0.36, 0.46), (0.16, 0.14, 0.12), 0.008),
    "afternoon": _Outdoor(40, 230, (1.18, 1.06, 0.88), (0.11, 0.26, 0.62), (0.62, 0.72, 0.86),
                          (0.30, 0.34, 0.42), (0.16, 0.14, 0.11), 0.009),
    "golden_hour": _Outdoor(12, 255, (1.20, 0.80, 0.42), (0.20, 0.30, 0.55), (1.00, 0.74, 0.45),
                            (0.28, 0.26, 0.30), (0.18, 0.13, 0.09), 0.012, 1.05),
    "sunset": _Outdoor(4, 270, (1.10, 0.48, 0.20), (0.14, 0.14, 0.36), (1.00, 0.46, 0.22),
                       (0.22, 0.18, 0.24), (0.16, 0.10, 0.07), 0.014, 1.15),
    "dusk": _Outdoor(3, 280, (0.30, 0.20, 0.22), (0.04, 0.06, 0.18), (0.42, 0.30, 0.36),
                     (0.12, 0.12, 0.20), (0.08, 0.06, 0.06), 0.018, 1.5),
    "night": _Outdoor(42, 130, (0.16, 0.20, 0.34), (0.004, 0.006, 0.018), (0.030, 0.036, 0.065),
                      (0.040, 0.045, 0.070), (0.075, 0.050, 0.030), 0.020, 1.9),
}

# Indoors: (elevation, azimuth, key light, ambient from above, ambient from below, interior colour)
_Indoor = tuple[float, float, Vec3, Vec3, Vec3, Vec3]
_LAMP: _Indoor = (
    72.0, 225.0, (1.00, 0.74, 0.46), (0.20, 0.16, 0.12), (0.12, 0.09, 0.06), (0.16, 0.12, 0.09)
)
_WINDOW: _Indoor = (
    48.0, 200.0, (1.05, 1.02, 0.96), (0.30, 0.31, 0.33), (0.17, 0.15, 0.13), (0.52, 0.50, 0.47)
)
_INDOOR: dict[str, _Indoor] = {
    "dawn": (
        20.0, 80.0, (0.95, 0.74, 0.62), (0.24, 0.24, 0.30), (0.14, 0.12, 0.12), (0.36, 0.34, 0.36)
    ),
    "morning": _WINDOW,
    "noon": _WINDOW,
    "afternoon": _WINDOW,
    "golden_hour": (
        22.0, 255.0, (1.10, 0.78, 0.45), (0.24, 0.21, 0.20), (0.15, 0.11, 0.08), (0.42, 0.34, 0.27)
    ),
    "sunset": (
        14.0, 270.0, (1.05, 0.58, 0.30), (0.22, 0.18, 0.19), (0.14, 0.10, 0.08), (0.36, 0.26, 0.21)
    ),
    "dusk": _LAMP,
    "night": (
        75.0, 225.0, (0.95, 0.68, 0.40), (0.14, 0.11, 0.08), (0.08, 0.06, 0.04), (0.09, 0.07, 0.05)
    ),
}


def encode_srgb(color: Vec3, *, exposure: float = 1.0) -> Vec3:
    """What the shaders write for a linear colour: exposure, soft shoulder above 0.8, sRGB."""
    encoded: list[float] = []
    for value in color:
        c = value * exposure
        c = c if c <= 0.8 else 0.8 + (c - 0.8) / (1.0 + 5.0 * (c - 0.8))
        c = min(max(c, 0.0), 1.0)
        encoded.append(c * 12.92 if c < 0.0031308 else 1.055 * c ** (1.0 / 2.4) - 0.055)
    return (encoded[0], encoded[1], encoded[2])


def _direction(elevation_deg: float, azimuth_deg: float) -> Vec3:
    elevation = math.radians(elevation_deg)
    azimuth = math.radians(azimuth_deg)
    return (
        math.cos(elevation) * math.cos(azimuth),
        math.cos(elevation) * math.sin(azimuth),
        math.sin(elevation),
    )


def _scale(color: Vec3, factor: float) -> Vec3:
    return (color[0] * factor, color[1] * factor, color[2] * factor)


def _mix(a: Vec3, b: Vec3, *, t: float) -> Vec3:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def lighting_for(environment: Environment) -> Lighting:
    """The light rig for an environment; an unknown `time_of_day` raises InvalidRequest."""
    time = environment.time_of_day
    if time not in _OUTDOOR:
        raise InvalidRequest(f"environment.time_of_day must be one of {TIMES_OF_DAY}, got {time!r}")
    if environment.indoor:
        elevation, azimuth, key, above, below, interior = _INDOOR[time]
        lamp = time in ("dusk", "night")
        return Lighting(
            sky_zenith=_scale(interior, 0.85),
            sky_horizon=interior,
            sky_ground=_scale(interior, 0.6),
            sun_direction=_direction(elevation, azimuth),
            sun_color=key,
            sun_disc=0.0,
            ambient_sky=above,
            ambient_ground=below,
            fog_color=interior,
            fog_density=0.012,
            exposure=1.0,
            stars=0.0,
            lamp_reach_m=2.2 if lamp else 0.0,
        )
    rig = _OUTDOOR[time]
    zenith, horizon, sun = rig.zenith, rig.horizon, rig.sun
    fog = rig.fog
    if environment.wet:  # rain: an overcast, greyer sky, softer sun, thicker air
        grey = (sum(horizon) / 3.0,) * 3
        zenith = _mix(zenith, _scale(grey, 0.8), t=0.5)
        horizon = _mix(horizon, grey, t=0.5)
        sun = _scale(sun, 0.7)
        fog *= 1.6
    return Lighting(
        sky_zenith=zenith,
        sky_horizon=horizon,
        sky_ground=_mix(rig.ambient_ground, horizon, t=0.35),
        sun_direction=_direction(rig.elevation, rig.azimuth),
        sun_color=sun,
        sun_disc=0.0 if time == "dusk" else 1.0,
        ambient_sky=rig.ambient_sky,
        ambient_ground=rig.ambient_ground,
        fog_color=horizon,
        fog_density=fog,
        exposure=rig.exposure,
        stars=1.0 if time == "night" else 0.0,
    )
