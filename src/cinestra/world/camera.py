"""Camera paths: frame the action by shot size and angle, then move as the Storyboard asks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from cinestra.plan.storyboard import Camera
from cinestra.world.timeline import CameraKey

BASE_FOV = 35.0  # degrees, vertical: a normal lens on a 16:9 frame
# Share of the frame height the action fills for each shot size.
FILL = {"extreme_wide": 0.12, "wide": 0.3, "medium": 0.6, "close_up": 0.9,
        "extreme_close_up": 1.25}
ELEVATION = {"eye_level": 8.0, "low": -10.0, "high": 35.0, "overhead": 84.0}  # degrees
MIN_CAMERA_HEIGHT = 0.12  # m above the ground: a low angle sits on the floor, not in it


@dataclass(frozen=True)
class Framing:
    """The region the camera must show: the centre and half extents of the action."""

    center: tuple[float, float, float]
    half: tuple[float, float, float]


def _ease(u: float) -> float:
    """Smoothstep: moves start and stop gently, as a dolly grip would."""
    return u * u * (3.0 - 2.0 * u)


def _distance(framing: Framing, *, fill: float, fov_deg: float, aspect: float) -> float:
    half_height = max(framing.half[2], framing.half[0] / aspect, framing.half[1] / aspect, 0.05)
    return (half_height / fill) / math.tan(math.radians(fov_deg) / 2) + max(framing.half[1], 0.05)


def camera_path(camera: Camera, framing: Framing, *, frame_count: int,
                aspect: Fraction) -> list[CameraKey]:
    """One CameraKey per frame for `camera`'s shot size, angle and move."""
    target = np.array(framing.center)
    distance = _distance(framing, fill=FILL[camera.shot_size], fov_deg=BASE_FOV,
                         aspect=float(aspect))
    elevation = math.radians(ELEVATION[camera.angle])
    horizontal_fov = 2 * math.degrees(math.atan(math.tan(math.radians(BASE_FOV) / 2) * aspect))
    keys: list[CameraKey] = []
    for index in range(frame_count):
        u = _ease(index / (frame_count - 1)) if frame_count > 1 else 0.0
        azimuth, scale, fov, look = 0.0, 1.0, BASE_FOV, target.copy()
        if camera.move == "dolly_in":
            scale = 1.5 - 0.7 * u
        elif camera.move == "dolly_out":
            scale = 0.8 + 0.7 * u
        elif camera.move == "zoom_in":
            fov = BASE_FOV / (1.0 + 0.6 * u)
        elif camera.move == "zoom_out":
            fov = BASE_FOV / (1.6 - 0.6 * u)
        elif camera.move == "orbit":
            azimuth = math.radians(-45.0 + 90.0 * u)
        d = distance * scale
        offset = np.array([
            d * math.cos(elevation) * math.sin(azimuth),
            -d * math.cos(elevation) * math.cos(azimuth),
            d * math.sin(elevation),
        ])
        position = target + offset
        position[2] = max(position[2], MIN_CAMERA_HEIGHT)
        if camera.move in ("pan_left", "pan_right"):
            # The camera stays put and turns; the action crosses a third of the frame.
            sweep = math.radians(horizontal_fov * 0.35) * (2 * u - 1)
            yaw = sweep if camera.move == "pan_right" else -sweep
            forward = look - position
            rotated = np.array([
                forward[0] * math.cos(-yaw) - forward[1] * math.sin(-yaw),
                forward[0] * math.sin(-yaw) + forward[1] * math.cos(-yaw),
                forward[2],
            ])
            look = position + rotated
        keys.append(CameraKey(
            position=_rounded(position),
            target=_rounded(look),
            fov_deg=round(fov, 6),
        ))
    return keys


def _rounded(vector: np.ndarray) -> tuple[float, float, float]:
    return (round(float(vector[0]), 6), round(float(vector[1]), 6), round(float(vector[2]), 6))
