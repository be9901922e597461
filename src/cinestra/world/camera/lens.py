"""Lenses and focus: field of view per lens, and the thin-lens aperture per focus style."""

from __future__ import annotations

import math

import numpy as np

from cinestra.world.camera.view import Array

# Vertical field of view of each catalog lens on a 16:9 full-frame sensor (degrees):
# 24 mm, 50 mm, 85 mm, 200 mm, a 10 mm fisheye (drawn rectilinear), a 100 mm macro and a
# 40 mm anamorphic (its squeeze is the frame's, not the camera's, business).
LENS_FOV = {"wide_angle": 46.0, "standard": 23.0, "portrait": 13.6, "telephoto": 5.8,
            "fisheye": 100.0, "macro": 11.6, "anamorphic": 28.5}
DEFAULT_FOV = 35.0  # no lens named: a 32 mm, what previz has always used
SENSOR_HALF_HEIGHT = 0.010125  # m: half of a 36 x 20.25 mm (16:9) full-frame sensor
# f-number per focus style (None: everything sharp)
F_NUMBER = {"shallow": 1.8, "rack_focus": 2.0, "soft_focus": 1.4, "tilt_shift": 1.4}
CINEMATIC_F_NUMBER = 2.8  # a cinematic close shot with no focus named
# Tilt-shift fakes a miniature: the aperture of a lens as wide as a toy is small.
TILT_SHIFT_APERTURE_SHARE = 0.06
SOFT_FOCUS_MISS = 0.9  # soft focus: focused just in front of the subject


def lens_fov(lens: str | None) -> float:
    return LENS_FOV[lens] if lens else DEFAULT_FOV


def focal_length(fov_deg: float) -> float:
    """Metres, for a vertical field of view on the reference sensor."""
    return SENSOR_HALF_HEIGHT / math.tan(math.radians(fov_deg) / 2)


def depth_of_field(focus: str | None, *, look: str, close: bool, fovs: Array,
                   main: Array, second: Array | None) -> tuple[Array | None, Array]:
    """(focus distance per frame or None, aperture diameter per frame) in metres.

    `main` and `second` are the camera's distances to the first and second subject per frame.
    Deep focus (or none named outside a cinematic close shot) keeps everything sharp.
    """
    if focus is None and look == "cinematic" and close:
        focus = "shallow"
        f_number = CINEMATIC_F_NUMBER
    elif focus in F_NUMBER:
        f_number = F_NUMBER[focus]
    else:
        return None, np.zeros(len(fovs))
    aperture = np.array([focal_length(float(fov)) for fov in fovs]) / f_number
    distance = main.copy()
    if focus == "rack_focus":
        # From the first subject to the second (alone: from the far background onto it),
        # pulled during the middle third of the shot.
        start, end = (main, second) if second is not None else (main * 3.0, main)
        u = np.clip((np.linspace(0.0, 1.0, len(main)) - 1 / 3) * 3, 0.0, 1.0)
        distance = start + (end - start) * (u * u * (3 - 2 * u))
    elif focus == "soft_focus":
        distance = main * SOFT_FOCUS_MISS
    elif focus == "tilt_shift":
        aperture = main * TILT_SHIFT_APERTURE_SHARE
    return distance, aperture
