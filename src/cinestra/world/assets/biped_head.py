"""Hair (varied by seed and gender) and hats, on the biped's head joint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cinestra.world.assets import Look
from cinestra.world.assets import colors as c
from cinestra.world.assets.rig import Part
from cinestra.world.assets.shapes import ball, block, rod, spike
from cinestra.world.timeline import Vec3

if TYPE_CHECKING:
    from cinestra.world.assets.biped import Build
    from cinestra.world.assets.biped_dress import Outfit

MALE_STYLES = ("short", "short", "curly", "swept")
FEMALE_STYLES = ("long", "bun", "ponytail", "bob", "long")
COVERING = {"space", "knight", "helmet", "swim_cap"}  # hats that hide all the hair


def hair(b: Build, kind: str, look: Look, outfit: Outfit, radii: Vec3, zc: float) -> list[Part]:
    if outfit.hat in COVERING:
        return []
    rx, ry, rz = radii
    female = (look.gender or ("female" if kind in ("woman", "girl", "old_woman", "queen",
                                                    "ballerina", "nurse", "figure_skater")
                              else "male" if kind in ("man", "boy", "old_man", "king")
                              else "female" if look.seed % 2 else "male")) == "female"
    elderly = (look.age or "") == "elderly" or kind in ("old_man", "old_woman")
    color = c.HAIR_GREY if elderly else c.pick(c.HAIR, look.seed, 6)
    if "wig" in outfit.extras:
        color = c.ORANGE
    styles = FEMALE_STYLES if female else MALE_STYLES
    style = styles[(look.seed // 2) % len(styles)]
    if kind == "ballerina" or kind == "figure_skater":
        style = "bun"
    if kind == "baby":
        style = "tuft"
    if elderly and not female and look.seed % 2 == 0:
        style = "bald"
    cap = ball("hair", "head", (rx * 1.06, ry * 1.08, rz * 0.78), color, "hair",
               at=(-0.1 * rx, 0.0, zc + 0.3 * rz))
    back = ball("hair", "head", (rx * 0.7, ry * 1.04, rz * 0.85), color, "hair",
                at=(-0.35 * rx, 0.0, zc + 0.05 * rz))
    if style == "bald":
        return [ball("hair", "head", (rx * 0.75, ry * 1.04, rz * 0.45), color, "hair",
                     at=(-0.35 * rx, 0.0, zc - 0.05 * rz))]
    if style == "tuft":
        return [ball("hair", "head", (0.25 * rx, 0.25 * ry, 0.2 * rz), color, "hair",
                     at=(0.1 * rx, 0.0, zc + 0.95 * rz))]
    parts = [cap, back]
    if style == "long":
        parts.append(ball("hair", "head", (rx * 0.45, ry * 1.1, rz * 1.25), color, "hair",
                          at=(-0.55 * rx, 0.0, zc - 0.55 * rz)))
    elif style == "bun":
        parts.append(ball("hair", "head", (0.38 * rx,) * 3, color, "hair",
                          at=(-0.7 * rx, 0.0, zc + 0.75 * rz)))
    elif style == "ponytail":
        parts.append(spike("hair", "head", length=1.3 * rz, radius=0.3 * rx, color=color,
                           material="hair", start=(-0.85 * rx, 0.0, zc + 0.35 * rz),
                           direction=(-0.35, 0.0, -1.0)))
    elif style == "bob":
        parts.append(ball("hair", "head", (rx * 0.85, ry * 1.15, rz * 0.75), color, "hair",
                          at=(-0.3 * rx, 0.0, zc - 0.15 * rz)))
    elif style == "curly":
        for x, y, z in ((0.3, 0.5, 0.75), (0.3, -0.5, 0.75), (-0.3, 0.0, 0.95),
                        (-0.6, 0.6, 0.4), (-0.6, -0.6, 0.4), (0.45, 0.0, 0.85)):
            parts.append(ball("hair", "head", (0.38 * rx,) * 3, color, "hair",
                              at=(x * rx, y * ry, zc + z * rz)))
    elif style == "swept":
        parts.append(ball("hair", "head", (rx * 0.5, ry * 0.9, rz * 0.3), color, "hair",
                          at=(0.35 * rx, 0.0, zc + 0.78 * rz)))
    if "wig" in outfit.extras:
        for y in (1.0, -1.0):
            parts.append(ball("hair", "head", (0.5 * rx,) * 3, color, "hair",
                              at=(-0.2 * rx, y * ry, zc + 0.3 * rz)))
    return parts


def headwear(b: Build, outfit: Outfit, radii: Vec3, zc: float) -> list[Part]:
    """The hat and the things worn on the face (sunglasses, an eye patch)."""
    rx, ry, rz = radii
    color, hat = outfit.hat_color, outfit.hat
    top = zc + 0.72 * rz  # where a hat's brim sits
    parts: list[Part] = []
    if hat in ("hat", "cowboy", "top_hat"):
        brim = 1.9 if hat == "cowboy" else 1.4
        parts.append(rod("hat_brim", "head", length=0.02 * rz, radius=brim * rx, color=color,
                         material="fabric", start=(0.0, 0.0, top), direction=(0.0, 0.0, 1.0)))
        crown = 1.1 if hat == "top_hat" else 0.55
        parts.append(rod("hat", "head", length=crown * rz, radius=0.9 * rx, color=color,
                         material="fabric", start=(0.0, 0.0, top), direction=(0.0, 0.0, 1.0)))
        if hat != "cowboy":
            parts.append(rod("hat_band", "head", length=0.15 * rz, radius=0.92 * rx,
                             color=c.RED if hat == "hat" else c.srgb("#303030"),
                             material="fabric", start=(0.0, 0.0, top + 0.02 * rz),
                             direction=(0.0, 0.0, 1.0)))
    elif hat in ("cap", "police"):
        parts.append(ball("cap", "head", (rx * 1.05, ry * 1.06, rz * 0.6), color, "fabric",
                          at=(0.0, 0.0, zc + 0.45 * rz)))
        parts.append(block("cap_peak", "head", (0.4 * rx, 0.7 * ry, 0.03 * rz),
                           c.BLACK if hat == "police" else color, "fabric",
                           at=(1.05 * rx, 0.0, zc + 0.35 * rz)))
        if hat == "police":
            parts.append(rod("cap", "head", length=0.4 * rz, radius=1.1 * rx, color=color,
                             material="fabric", start=(0.0, 0.0, zc + 0.55 * rz),
                             direction=(0.0, 0.0, 1.0)))
    elif hat in ("helmet", "knight", "swim_cap"):
        parts.append(ball("helmet", "head", (rx * 1.12, ry * 1.14, rz * 0.8), color,
                          "metal" if hat == "knight" else "plastic",
                          at=(-0.05 * rx, 0.0, zc + 0.28 * rz)))
        if hat == "knight":
            parts.append(spike("plume", "head", length=0.8 * rz, radius=0.2 * rx, color=c.RED,
                               material="fabric", start=(-0.2 * rx, 0.0, zc + 0.9 * rz),
                               direction=(-0.5, 0.0, 1.0)))
            parts.append(block("visor", "head", (0.1 * rx, 0.8 * ry, 0.08 * rz), c.METAL,
                               "metal", at=(0.95 * rx, 0.0, zc + 0.4 * rz)))
    elif hat == "space":
        parts.append(ball("helmet", "head", (1.5 * rx, 1.55 * ry, 1.35 * rz), c.WHITE,
                          "plastic", at=(-0.05 * rx, 0.0, zc)))
        parts.append(ball("visor", "head", (0.7 * rx, 1.1 * ry, 0.9 * rz),
                          c.srgb("#d0a030"), "glass", at=(0.95 * rx, 0.0, zc + 0.05 * rz)))
    elif hat == "toque":
        parts.append(rod("hat", "head", length=0.9 * rz, radius=0.85 * rx, color=color,
                         material="fabric", start=(0.0, 0.0, top - 0.1 * rz),
                         direction=(0.0, 0.0, 1.0)))
        parts.append(ball("hat", "head", (1.1 * rx, 1.15 * ry, 0.55 * rz), color, "fabric",
                          at=(0.0, 0.0, top + 0.95 * rz)))
    elif hat == "crown":
        parts.append(rod("crown", "head", length=0.35 * rz, radius=0.75 * rx, color=color,
                         material="metal", start=(0.0, 0.0, top), direction=(0.0, 0.0, 1.0)))
        for index in range(5):
            y = (index - 2) * 0.32 * ry
            parts.append(spike("crown_point", "head", length=0.3 * rz, radius=0.12 * rx,
                               color=color, material="metal",
                               start=(0.7 * rx, y, top + 0.3 * rz), direction=(0.0, 0.0, 1.0)))
    elif hat == "tricorn":
        parts.append(ball("hat", "head", (1.35 * rx, 1.3 * ry, 0.35 * rz), color, "fabric",
                          at=(0.0, 0.0, top + 0.15 * rz)))
    if "sunglasses" in outfit.extras:
        parts.append(block("sunglasses", "head", (0.03 * rx, 0.75 * ry, 0.13 * rz), c.BLACK,
                           "plastic", at=(0.93 * rx, 0.0, zc + 0.12 * rz)))
    if "eyepatch" in outfit.extras:
        parts.append(ball("eyepatch", "head", (0.08 * rx, 0.22 * ry, 0.2 * rz), c.BLACK,
                          "fabric", at=(0.93 * rx, -0.36 * ry, zc + 0.12 * rz)))
    return parts
