"""Looks: how the scene is shaded and how the post pass treats the picture.

Every look of the plan catalog (`plan/data/styles.toml`) maps to a `Grade`: the scene's
shading variant (standard, toon bands, flat facets, clay), the post shader's colour mode,
saturation and tint, outlines, pixelation, painterly smoothing, letterbox, vignette, grain,
and whether the animation is held "on twos". The colour work runs in `post.POST_FS`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cinestra.errors import InvalidRequest

# Looks with a treatment of their own, and the ones drawn as another look.
LOOKS = (
    "natural", "cinematic", "documentary", "cartoon", "anime", "claymation", "noir", "vintage",
    "comic", "low_poly", "pixel_art", "watercolor", "oil_painting",
)
STAND_INS = {"photoreal": "natural"}
CINEMASCOPE = 2.39  # width / height of the picture between the letterbox bars

# Shader modes: what `POST_FS` does to the colour.
MODE_NATURAL = 0
MODE_TEAL_ORANGE = 1
MODE_NOIR = 2
MODE_SEPIA = 3


@dataclass(frozen=True)
class Grade:
    mode: int
    bar_rows: int  # black rows at the top and at the bottom of the frame
    vignette: float  # darkening at the corners, 0..1
    grain: float  # film grain amplitude in 8-bit code values / 255
    shading: str = "standard"  # scene shader variant: standard, toon, flat, clay
    saturation: float = 1.0  # 1 keeps the colours, 0 is grey
    lift: float = 0.0  # added to every channel (brighter, softer blacks)
    tint: tuple[float, float, float] = (1.0, 1.0, 1.0)  # gain per channel
    outline_px: float = 0.0  # ink lines on depth edges, this many output pixels apart; 0: none
    outline: float = 0.0  # ink strength 0..1
    pixel: int = 0  # > 1: blocks of this many pixels, colours posterised
    paint: int = 0  # 1 watercolour, 2 oil: soft painterly smoothing
    on_twos: bool = False  # each drawing held for two frames (stop motion)

    @property
    def shade_only(self) -> bool:
        """No colour work at all: the post pass only upscales."""
        return self == Grade(mode=MODE_NATURAL, bar_rows=0, vignette=0.0, grain=0.0)


def grade_for(look: str, *, width: int, height: int) -> Grade:
    """Shader parameters of a look; an unknown look raises InvalidRequest (a ValueError)."""
    look = STAND_INS.get(look, look)
    plain = Grade(mode=MODE_NATURAL, bar_rows=0, vignette=0.0, grain=0.0)
    line = max(1.0, height / 360.0)  # ink width scales with the frame
    if look == "natural":
        return plain
    if look == "cinematic":
        return Grade(
            mode=MODE_TEAL_ORANGE, bar_rows=letterbox_rows(width=width, height=height),
            vignette=0.12, grain=0.016,
        )
    if look == "documentary":
        return replace(plain, saturation=0.82, vignette=0.06, grain=0.008, lift=0.01)
    if look == "cartoon":
        return replace(plain, shading="toon", saturation=1.4, outline_px=1.5 * line,
                       outline=0.95)
    if look == "comic":
        return replace(plain, shading="toon", saturation=1.25, outline_px=2.0 * line,
                       outline=1.0, vignette=0.1)
    if look == "anime":
        return replace(plain, shading="toon", saturation=1.15, lift=0.05,
                       tint=(1.0, 1.02, 1.06), outline_px=1.0 * line, outline=0.6)
    if look == "low_poly":
        return replace(plain, shading="flat", saturation=1.15)
    if look == "claymation":
        return replace(plain, shading="clay", saturation=1.15, tint=(1.05, 1.0, 0.92),
                       vignette=0.15, on_twos=True)
    if look == "pixel_art":
        return replace(plain, pixel=max(2, round(height / 120)), saturation=1.25)
    if look == "watercolor":
        return replace(plain, paint=1, saturation=0.85, lift=0.08, outline_px=line,
                       outline=0.25)
    if look == "oil_painting":
        return replace(plain, paint=2, saturation=1.2, tint=(1.03, 1.0, 0.94), vignette=0.2)
    if look == "noir":
        return Grade(mode=MODE_NOIR, bar_rows=0, vignette=0.45, grain=0.025)
    if look == "vintage":
        return Grade(mode=MODE_SEPIA, bar_rows=0, vignette=0.35, grain=0.03)
    known = (*LOOKS, *STAND_INS)
    raise InvalidRequest(f"environment.look must be one of {known}, got {look!r}")


def letterbox_rows(*, width: int, height: int) -> int:
    """Rows of black bar at top and bottom that leave a 2.39:1 picture (0 if already wider)."""
    picture_rows = round(width / CINEMASCOPE)
    return max(0, (height - picture_rows) // 2)
