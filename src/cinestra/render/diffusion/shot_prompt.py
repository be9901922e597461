"""The words a text-conditioned engine reads for one shot: what happens, then how it looks.

The plan's names (styles, lighting, camera) become their catalog's first English form
("close_up" -> "close up", "noir" -> "film noir"); the description stays in the prompt's own
language (Wan's umT5 and LTX-2's Gemma read both).
"""

from __future__ import annotations

from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Shot

# Looks that are drawings, paintings or models: no "painting, cartoon" in their negative.
DRAWN_LOOKS = {"cartoon", "anime", "claymation", "watercolor", "pixel_art", "comic",
               "low_poly", "oil_painting"}
ARTEFACTS = ("overexposed, blurred details, subtitles, text, watermark, logo, overall gray, "
             "worst quality, low quality, JPEG compression artifacts, ugly, incomplete, "
             "extra fingers, poorly drawn hands, poorly drawn faces, deformed, disfigured, "
             "misshapen limbs, fused fingers, frozen picture, messy background, three legs, "
             "many people in the background, walking backwards")
NOT_DRAWN = "cartoon, painting, illustration, 3D render"


def _words(domain: str, name: str) -> str:
    term = getattr(load_catalog(), domain)[name]
    return str(term.en[0]) if term.en else name.replace("_", " ")


def shot_prompt(shot: Shot) -> str:
    """The shot's description, then its look: style, lighting, time of day, weather,
    camera size, angle, move, lens and focus, slow motion."""
    style, setting, camera = shot.style, shot.setting, shot.camera
    look = [_words("styles", style.look)]
    look += [_words("lighting", name) for name in style.lighting]
    look.append(_words("times", setting.time_of_day))
    if setting.weather is not None:
        look.append(_words("weather", setting.weather))
    look += [_words("shot_sizes", camera.shot_size), _words("angles", camera.angle)]
    look.append("static camera" if camera.move == "static"
                else f"camera {_words('moves', camera.move)}")
    if camera.lens is not None:
        look.append(_words("lenses", camera.lens))
    if camera.focus is not None:
        look.append(_words("focus", camera.focus))
    if style.speed < 1:
        look.append("slow motion")
    description = shot.description.strip().rstrip(".")
    return f"{description}. {', '.join(look).capitalize()}."


def negative_prompt(shot: Shot) -> str:
    """The usual artefacts; for a live-action look, drawings too."""
    if shot.style.look in DRAWN_LOOKS:
        return ARTEFACTS
    return f"{ARTEFACTS}, {NOT_DRAWN}"
