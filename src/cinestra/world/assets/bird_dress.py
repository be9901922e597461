"""Clothes on a bird: a tuxedo (black jacket over the back and sides, white shirt front,
bow tie), a suit, hats, a scarf, sunglasses."""

from __future__ import annotations

import math

from cinestra.world.assets import Look
from cinestra.world.assets import colors as c
from cinestra.world.assets.bird_kinds import BirdSpec
from cinestra.world.assets.rig import Part
from cinestra.world.assets.shapes import ball, block, euler, rod, spike

JACKETS = {"tuxedo": c.BLACK, "suit": c.srgb("#2b3340"), "jacket": c.srgb("#5a4a3a"),
           "coat": c.srgb("#5a4a3a"), "raincoat": c.YELLOW, "uniform": c.NAVY}


def clothes(spec: BirdSpec, look: Look) -> list[Part]:
    clothing = look.clothing
    if clothing is None or "insect" in spec.features:
        return []
    b, r = spec.body, spec.fat * spec.body
    hr = spec.head * b
    tilt = math.radians(spec.tilt)
    forward = (math.cos(tilt), 0.0, math.sin(tilt))
    parts: list[Part] = []
    if clothing in JACKETS:
        color = look.color if look.color is not None and clothing != "tuxedo" \
            else JACKETS[clothing]
        # The jacket is the body a little bigger and set back, so the breast stays white.
        parts.append(ball("jacket", "pelvis", (1.04 * b, 1.08 * r, 1.06 * r), color, "fabric",
                          at=(-0.12 * b * forward[0], 0.0, -0.12 * b * forward[2] + 0.04 * r),
                          rotation=euler(y=-spec.tilt)))
        parts.append(ball("jacket_tail", "tail", (0.5 * b, 0.45 * r, 0.12 * r), color,
                          "fabric", at=(-0.35 * b, 0.0, 0.0), rotation=euler(y=-10)))
    if clothing in ("tuxedo", "suit", "uniform"):
        front = (0.62 * b * forward[0], 0.0, 0.62 * b * forward[2] - 0.05 * r)
        parts.append(ball("shirt_front", "pelvis", (0.45 * b, 0.55 * r, 0.75 * r), c.WHITE,
                          "fabric", at=front, rotation=euler(y=-spec.tilt)))
    if clothing in ("tuxedo", "bow_tie"):
        knot = (0.2 * hr, 0.0, -0.35 * spec.neck * b - 0.3 * hr)
        for sign in (1.0, -1.0):
            parts.append(spike("bow_tie", "head", length=0.45 * hr, radius=0.2 * hr,
                               color=c.BLACK, material="fabric",
                               start=(knot[0] + 0.55 * hr, sign * 0.45 * hr, knot[2]),
                               direction=(0.0, -sign, 0.0)))
    if clothing == "suit":
        parts.append(block("tie", "pelvis", (0.02 * r, 0.1 * r, 0.4 * r), c.RED, "fabric",
                           at=(0.85 * b * forward[0] + 0.3 * r, 0.0, 0.85 * b * forward[2])))
    if clothing in ("hat", "top_hat", "cap"):
        tall = 1.3 if clothing == "top_hat" else 0.6
        parts.append(rod("hat_brim", "head", length=0.06 * hr, radius=1.2 * hr,
                         color=c.BLACK, material="fabric", start=(0.0, 0.0, 0.8 * hr),
                         direction=(0.0, 0.0, 1.0)))
        parts.append(rod("hat", "head", length=tall * hr, radius=0.7 * hr,
                         color=look.color or c.BLACK, material="fabric",
                         start=(0.0, 0.0, 0.8 * hr), direction=(0.0, 0.0, 1.0)))
    if clothing == "scarf":
        parts.append(rod("scarf", "neck", length=0.25 * spec.neck * b + 0.3 * hr,
                         radius=0.75 * hr, color=look.color or c.RED, material="fabric",
                         direction=(0.15, 0.0, 1.0)))
    if clothing == "sunglasses":
        parts.append(block("sunglasses", "head", (0.1 * hr, 0.85 * hr, 0.15 * hr), c.BLACK,
                           "plastic", at=(0.7 * hr, 0.0, 0.25 * hr)))
    return parts
