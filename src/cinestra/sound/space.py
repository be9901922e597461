"""Where a sound sits: stereo pan from the on-screen position, level from camera distance."""

from __future__ import annotations

import math

import numpy as np

from cinestra.world.timeline import CameraKey, Vec3

ASPECT = 16.0 / 9.0  # the default frame shape (Timeline.aspect)
PAN_WIDTH = 0.8  # the screen edges pan to 80 %: nothing sits in one ear only
REFERENCE_DISTANCE_M = 2.0  # gain 1 at this distance from the camera
MIN_DISTANCE_GAIN = 0.1
MAX_DISTANCE_GAIN = 1.5


def screen_x(position: Vec3, camera: CameraKey, *, aspect: float = ASPECT) -> float:
    """Horizontal screen coordinate of `position`: -1 left edge, 0 centre, +1 right edge.

    Points outside the frame give values beyond ±1; points behind the camera give ±inf-like
    large values on their side (or 0 straight behind). World is z-up; positive roll turns
    the camera clockwise as seen from behind it.
    """
    eye = np.asarray(camera.position, dtype=np.float64)
    forward = np.asarray(camera.target, dtype=np.float64) - eye
    forward /= max(float(np.linalg.norm(forward)), 1e-12)
    up = np.array([0.0, 0.0, 1.0])
    if abs(float(forward @ up)) > 0.999:  # looking straight up or down: image up is world +y
        up = np.array([0.0, 1.0, 0.0])
    right = np.cross(forward, up)
    right /= np.linalg.norm(right)
    cam_up = np.cross(right, forward)
    roll = math.radians(camera.roll_deg)
    right = math.cos(roll) * right - math.sin(roll) * cam_up

    offset = np.asarray(position, dtype=np.float64) - eye
    x = float(offset @ right)
    depth = float(offset @ forward)
    half_width = math.tan(math.radians(camera.fov_deg) / 2.0) * aspect
    if depth <= 1e-6:
        return float(np.sign(x)) * 1e6
    return x / (depth * half_width)


def pan_gains(pan: float) -> tuple[float, float]:
    """Constant-power (left, right) gains for `pan` in [-1, 1] (clamped)."""
    theta = (float(np.clip(pan, -1.0, 1.0)) + 1.0) * math.pi / 4.0
    return math.cos(theta), math.sin(theta)


def distance_gain(position: Vec3, camera: CameraKey) -> float:
    """Inverse-distance gain: 1 at 2 m from the camera, clamped to [0.1, 1.5]."""
    distance = math.dist(position, camera.position)
    gain = REFERENCE_DISTANCE_M / max(distance, 1e-6)
    return float(np.clip(gain, MIN_DISTANCE_GAIN, MAX_DISTANCE_GAIN))


def place(position: Vec3, camera: CameraKey | None, *,
          aspect: float = ASPECT) -> tuple[float, float]:
    """(left, right) gains of a sound at `position` seen by `camera` (centred if None) in a
    frame `aspect` (width / height) wide."""
    if camera is None:
        return pan_gains(0.0)
    pan = PAN_WIDTH * float(np.clip(screen_x(position, camera, aspect=aspect), -1.0, 1.0))
    left, right = pan_gains(pan)
    gain = distance_gain(position, camera)
    return left * gain, right * gain
