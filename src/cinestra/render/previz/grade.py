"""Post-process looks: colour grade, letterbox, vignette and film grain.

The grade itself runs in the post shader (`post.POST_FS`); this module turns a look name
into the shader's parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from cinestra.errors import InvalidRequest

LOOKS = ("natural", "cinematic", "noir", "vintage")
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


def grade_for(look: str, *, width: int, height: int) -> Grade:
    """Shader parameters of a look; an unknown look raises InvalidRequest (a ValueError)."""
    if look == "natural":
        return Grade(mode=MODE_NATURAL, bar_rows=0, vignette=0.0, grain=0.0)
    if look == "cinematic":
        return Grade(
            mode=MODE_TEAL_ORANGE, bar_rows=letterbox_rows(width=width, height=height),
            vignette=0.12, grain=0.016,
        )
    if look == "noir":
        return Grade(mode=MODE_NOIR, bar_rows=0, vignette=0.45, grain=0.025)
    if look == "vintage":
        return Grade(mode=MODE_SEPIA, bar_rows=0, vignette=0.35, grain=0.03)
    raise InvalidRequest(f"environment.look must be one of {LOOKS}, got {look!r}")


def letterbox_rows(*, width: int, height: int) -> int:
    """Rows of black bar at top and bottom that leave a 2.39:1 picture (0 if already wider)."""
    picture_rows = round(width / CINEMASCOPE)
    return max(0, (height - picture_rows) // 2)
