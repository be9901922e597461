"""Named colours for creatures and clothes, in the linear RGB the Timeline stores."""

from __future__ import annotations

import numpy as np

from cinestra.world.timeline import Vec3


def srgb(code: str) -> Vec3:
    """Linear RGB of a "#rrggbb" sRGB colour."""
    value = np.array([int(code[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64) / 255
    linear = np.where(value <= 0.04045, value / 12.92, ((value + 0.055) / 1.055) ** 2.4)
    return (float(linear[0]), float(linear[1]), float(linear[2]))


def pick(options: tuple[Vec3, ...], seed: int, salt: int = 0) -> Vec3:
    """One of `options`, the same for the same seed (salt separates independent choices)."""
    return options[(seed * 7919 + salt * 104729) % len(options)]


def shade(color: Vec3, factor: float) -> Vec3:
    """Darker (factor < 1) or lighter (> 1, clipped to 1) version of a colour."""
    return (min(color[0] * factor, 1.0), min(color[1] * factor, 1.0), min(color[2] * factor, 1.0))


BLACK = srgb("#141414")
WHITE = srgb("#f2f2f0")
PUPIL = srgb("#1a120c")
MOUTH = srgb("#4a1512")
METAL = srgb("#b8bcc2")
GOLD = srgb("#e0b030")
RED = srgb("#c0282a")
NAVY = srgb("#1d2a4a")
DENIM = srgb("#3a5580")
KHAKI = srgb("#b59a6a")
PINK = srgb("#f2a6c0")
YELLOW = srgb("#f2cf2a")
ORANGE = srgb("#f08a1c")
BROWN = srgb("#6b4426")
GREY = srgb("#8a8a8a")
GREEN = srgb("#3f7a3a")

SKIN = (srgb("#f1c9a5"), srgb("#e0ac82"), srgb("#c68c5c"), srgb("#8d5a3b"), srgb("#5c3a24"),
        srgb("#f5d5bf"))
HAIR = (srgb("#1b1410"), srgb("#3b2416"), srgb("#6a4224"), srgb("#d8b46a"), srgb("#9b4a20"),
        srgb("#2a1e16"))
HAIR_GREY = srgb("#c8c6c2")
CLOTHES = (srgb("#b23a3a"), srgb("#2f5d9a"), srgb("#3c7d4a"), srgb("#d9a23a"), srgb("#7a4c9a"),
           srgb("#d0d0cc"), srgb("#2a2a2e"), srgb("#c96a2a"), srgb("#3a8a8a"))
TROUSERS = (DENIM, srgb("#2a2a2e"), srgb("#5a4a3a"), srgb("#3a3f4a"), KHAKI)
