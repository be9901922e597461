"""What a person wears, by kind and Look, as parts on the biped skeleton.

Every person is clothed: the torso, hips and thighs are always covered by a top and by
trousers, leggings or tights, whatever the kind (the output frames pass an NSFW screen).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from cinestra.world.assets import Look
from cinestra.world.assets import colors as c
from cinestra.world.assets.rig import Part
from cinestra.world.assets.shapes import ball, block, mirrored, rod, spike
from cinestra.world.timeline import Vec3

if TYPE_CHECKING:
    from cinestra.world.assets.biped import Build


@dataclass(frozen=True)
class Outfit:
    top: Vec3  # jacket, shirt, dress bodice: torso and sleeves
    bottom: Vec3  # trousers, leggings or tights: hips, thighs, shins
    shoes: Vec3 = c.BLACK
    skirt: str | None = None  # skirt, dress, tutu, coat (a long hem)
    skirt_color: Vec3 | None = None  # None: the top's colour
    hat: str | None = None  # hat, top_hat, cap, helmet, toque, crown, cowboy, space, bandana
    hat_color: Vec3 = c.BLACK
    extras: frozenset[str] = field(default_factory=frozenset)
    accent: Vec3 = c.WHITE  # shirt front, stripes, apron, badge...
    material: str = "fabric"
    boots: bool = False
    skates: bool = False
    gloves: Vec3 | None = None


def _casual(seed: int) -> Outfit:
    return Outfit(top=c.pick(c.CLOTHES, seed, 1), bottom=c.pick(c.TROUSERS, seed, 2),
                  shoes=c.pick((c.BLACK, c.BROWN, c.WHITE), seed, 3))


def _kind_outfit(kind: str, seed: int) -> Outfit:
    casual = _casual(seed)
    tux = Outfit(top=c.BLACK, bottom=c.BLACK, extras=frozenset({"shirt_front", "bow_tie"}))
    suit = Outfit(top=c.srgb("#2b3340"), bottom=c.srgb("#2b3340"),
                  extras=frozenset({"shirt_front", "tie"}), accent=c.WHITE)
    table: dict[str, Outfit] = {
        "chef": Outfit(top=c.WHITE, bottom=c.srgb("#3a3a3a"), hat="toque", hat_color=c.WHITE,
                       extras=frozenset({"buttons"})),
        "dancer": replace(casual, bottom=c.BLACK, shoes=c.BLACK),
        "ballerina": Outfit(top=c.PINK, bottom=c.srgb("#f7e4ea"), shoes=c.PINK, skirt="tutu"),
        "figure_skater": Outfit(top=c.srgb("#2a48b8"), bottom=c.srgb("#2a2438"), skirt="skirt",
                                shoes=c.WHITE, skates=True, boots=True),
        "skateboarder": replace(casual, hat="cap", hat_color=c.RED),
        "singer": Outfit(top=c.RED, bottom=c.BLACK, skirt="dress"),
        "pianist": tux, "violinist": tux, "saxophonist": replace(suit, hat="hat"),
        "astronaut": Outfit(top=c.WHITE, bottom=c.WHITE, shoes=c.GREY, hat="space",
                            hat_color=c.WHITE, extras=frozenset({"backpack"}), boots=True,
                            gloves=c.GREY),
        "police_officer": Outfit(top=c.NAVY, bottom=c.NAVY, hat="police", hat_color=c.NAVY,
                                 extras=frozenset({"badge", "belt"}), accent=c.GOLD),
        "firefighter": Outfit(top=c.srgb("#5a4a2a"), bottom=c.srgb("#5a4a2a"), hat="helmet",
                              hat_color=c.RED, extras=frozenset({"stripes"}),
                              accent=c.YELLOW, boots=True),
        "doctor": Outfit(top=c.srgb("#7aa6c8"), bottom=c.srgb("#4a6a8a"), skirt="coat",
                         skirt_color=c.WHITE, extras=frozenset({"open_coat"})),
        "nurse": Outfit(top=c.srgb("#5ab0b0"), bottom=c.srgb("#5ab0b0"), shoes=c.WHITE),
        "waiter": Outfit(top=c.WHITE, bottom=c.BLACK, extras=frozenset({"bow_tie", "apron"}),
                         accent=c.BLACK),
        "student": replace(casual, extras=frozenset({"backpack"})),
        "teacher": replace(casual, extras=frozenset({"sunglasses"}) if seed % 7 == 3
                           else frozenset()),
        "farmer": Outfit(top=c.srgb("#a83a2a"), bottom=c.DENIM, hat="hat",
                         hat_color=c.srgb("#d8c070"), extras=frozenset({"overalls"}),
                         accent=c.DENIM, boots=True, shoes=c.BROWN),
        "runner": Outfit(top=c.srgb("#e8502a"), bottom=c.BLACK, shoes=c.WHITE),
        "cyclist": Outfit(top=c.YELLOW, bottom=c.BLACK, hat="helmet", hat_color=c.WHITE),
        "swimmer": Outfit(top=c.srgb("#1a5ab0"), bottom=c.srgb("#1a5ab0"), hat="swim_cap",
                          hat_color=c.WHITE, shoes=c.srgb("#1a5ab0")),
        "surfer": Outfit(top=c.BLACK, bottom=c.BLACK, shoes=c.BLACK),
        "boxer": Outfit(top=c.RED, bottom=c.RED, gloves=c.RED, shoes=c.WHITE),
        "football_player": Outfit(top=c.srgb("#2a7a3a"), bottom=c.WHITE, shoes=c.BLACK,
                                  extras=frozenset({"number"})),
        "clown": Outfit(top=c.YELLOW, bottom=c.srgb("#2a70d0"), shoes=c.RED,
                        extras=frozenset({"red_nose", "wig", "buttons"}), accent=c.RED),
        "magician": replace(tux, hat="top_hat", extras=frozenset({"shirt_front", "bow_tie",
                                                                  "cape"}), accent=c.WHITE),
        "knight": Outfit(top=c.METAL, bottom=c.METAL, shoes=c.METAL, hat="knight",
                         hat_color=c.METAL, material="metal", boots=True, gloves=c.METAL),
        "pirate": Outfit(top=c.WHITE, bottom=c.BLACK, hat="tricorn", hat_color=c.BLACK,
                         extras=frozenset({"eyepatch", "belt", "stripes"}), accent=c.RED,
                         boots=True),
        "cowboy": Outfit(top=c.srgb("#b04a3a"), bottom=c.DENIM, shoes=c.BROWN, hat="cowboy",
                         hat_color=c.srgb("#8a5a30"), extras=frozenset({"vest", "belt"}),
                         accent=c.srgb("#5a3a20"), boots=True),
        "king": Outfit(top=c.srgb("#7a1a3a"), bottom=c.srgb("#3a1a2a"), hat="crown",
                       hat_color=c.GOLD, extras=frozenset({"cape"}), accent=c.RED),
        "queen": Outfit(top=c.srgb("#6a2a9a"), bottom=c.srgb("#6a2a9a"), skirt="gown",
                        hat="crown", hat_color=c.GOLD, extras=frozenset({"cape"}),
                        accent=c.RED),
        "robot": Outfit(top=c.METAL, bottom=c.srgb("#80868e"), shoes=c.srgb("#50545a"),
                        material="metal", gloves=c.srgb("#50545a")),
    }
    if kind in table:
        return table[kind]
    if kind in ("woman", "girl", "old_woman") and seed % 3 == 0:
        return replace(casual, skirt="dress")
    if kind == "baby":
        return Outfit(top=c.pick((c.PINK, c.srgb("#9ac8f0"), c.YELLOW), seed),
                      bottom=c.WHITE, shoes=c.WHITE)
    return casual


CLOTHING: dict[str, dict[str, object]] = {
    "tuxedo": {"top": c.BLACK, "bottom": c.BLACK, "shoes": c.BLACK, "skirt": None,
               "extras": {"shirt_front", "bow_tie"}, "accent": c.WHITE},
    "suit": {"top": c.srgb("#2b3340"), "bottom": c.srgb("#2b3340"),
             "extras": {"shirt_front", "tie"}, "accent": c.WHITE},
    "dress": {"skirt": "dress"}, "skirt": {"skirt": "skirt"}, "tutu": {"skirt": "tutu"},
    "coat": {"skirt": "coat", "skirt_color": c.srgb("#5a4a3a")},
    "raincoat": {"skirt": "coat", "skirt_color": c.YELLOW, "top": c.YELLOW},
    "hat": {"hat": "hat"}, "top_hat": {"hat": "top_hat", "hat_color": c.BLACK},
    "cap": {"hat": "cap"}, "helmet": {"hat": "helmet"}, "scarf": {"extras": {"scarf"}},
    "sunglasses": {"extras": {"sunglasses"}}, "bow_tie": {"extras": {"bow_tie"}},
    "apron": {"extras": {"apron"}, "accent": c.WHITE}, "boots": {"boots": True},
    "uniform": {"top": c.NAVY, "bottom": c.NAVY, "hat": "police", "hat_color": c.NAVY},
    "kimono": {"skirt": "gown", "top": c.srgb("#b02a4a"), "extras": {"belt"},
               "accent": c.GOLD},
    "swimsuit": {"top": c.srgb("#1a5ab0"), "bottom": c.srgb("#1a5ab0"), "skirt": None},
    "spacesuit": {"top": c.WHITE, "bottom": c.WHITE, "hat": "space", "hat_color": c.WHITE,
                  "extras": {"backpack"}, "boots": True},
    "jeans": {"bottom": c.DENIM}, "pajamas": {"top": c.srgb("#8ab0e0"),
                                              "bottom": c.srgb("#8ab0e0")},
    "jacket": {}, "t_shirt": {}, "sweater": {}, "disguise": {"extras": {"red_nose", "wig"}},
}


def outfit_for(kind: str, look: Look) -> Outfit:
    """The kind's clothes, changed by the Look's clothing and colour."""
    outfit = _kind_outfit(kind, look.seed)
    change = CLOTHING.get(look.clothing or "", {})
    extras = set(outfit.extras) | set(change.get("extras", set()))  # type: ignore[call-overload]
    values = {key: value for key, value in change.items() if key != "extras"}
    outfit = replace(outfit, extras=frozenset(extras), **values)  # type: ignore[arg-type]
    if look.color is not None:
        if outfit.skirt in ("dress", "gown", "tutu", "skirt"):
            outfit = replace(outfit, top=look.color, skirt_color=look.color)
        elif outfit.skirt == "coat":
            outfit = replace(outfit, skirt_color=look.color)
        else:
            outfit = replace(outfit, top=look.color)
    return outfit


def dress(b: Build, outfit: Outfit, look: Look) -> list[Part]:
    """Torso, limbs, hands and feet, all in clothes (skin only at the hands)."""
    h, top, bottom, mat = b.height, outfit.top, outfit.bottom, outfit.material
    skin = c.pick(c.SKIN, look.seed, 5)
    hands = outfit.gloves or skin
    g = b.girth
    parts = [
        ball("hips", "pelvis", (0.06 * h * g, b.hip_width + 0.04 * h, 0.06 * h), bottom, mat,
             at=(0.0, 0.0, -0.01 * h)),
        ball("belly", "spine", (0.058 * h * g, 0.085 * h * g, 0.09 * h), top, mat,
             at=(0.0, 0.0, 0.04 * h)),
        ball("torso", "chest", (0.065 * h * g, b.shoulder * 0.95, 0.1 * h), top, mat,
             at=(0.0, 0.0, 0.07 * h)),
        rod("neck", "neck", length=0.07 * h, radius=0.022 * h, color=skin, material="skin",
            start=(0.0, 0.0, -0.01 * h), direction=(0.0, 0.0, 1.0)),
    ]
    shin_color = outfit.shoes if outfit.boots else bottom
    for side in ("l", "r"):
        limbs = [
            ball("shoulder_l", "upper_arm_l", (0.032 * h,) * 3, top, mat),
            rod("sleeve_l", "upper_arm_l", length=b.upper_arm, radius=0.027 * h, color=top,
                material=mat),
            rod("cuff_l", "forearm_l", length=b.forearm, radius=0.023 * h, color=top,
                material=mat),
            ball("hand_l", "hand_l", (0.022 * h, 0.014 * h, 0.042 * h), hands, "skin",
                 at=(0.0, 0.0, -0.035 * h)),
            rod("thigh_l", "thigh_l", length=b.thigh, radius=0.043 * h * g, color=bottom,
                material=mat, start=(0.0, 0.0, 0.02 * h)),
            ball("knee_l", "shin_l", (0.035 * h * g,) * 3, bottom, mat),
            rod("shin_l", "shin_l", length=b.shin, radius=0.031 * h * g, color=shin_color,
                material=mat),
            ball("shoe_l", "foot_l", (0.075 * h, 0.03 * h, 0.6 * b.ankle), outfit.shoes,
                 "leather", at=(0.035 * h, 0.0, -0.4 * b.ankle)),
        ]
        if outfit.gloves is not None and outfit.hat != "space":
            limbs.append(ball("glove_l", "hand_l", (0.03 * h,) * 3, hands, "leather",
                              at=(0.0, 0.0, -0.03 * h)))
        if outfit.skates:
            limbs.append(block("blade_l", "foot_l", (0.08 * h, 0.003, 0.012 * h), c.METAL,
                               "metal", at=(0.03 * h, 0.0, -b.ankle - 0.012 * h)))
        parts += [mirrored(part, side) for part in limbs]
    return parts + _garments(b, outfit)


def _garments(b: Build, outfit: Outfit) -> list[Part]:
    h, extras, accent = b.height, outfit.extras, outfit.accent
    front = 0.064 * h * b.girth  # the torso's front surface, from the chest joint
    parts: list[Part] = []
    hem = outfit.skirt_color or outfit.top
    if outfit.skirt in ("skirt", "dress", "gown", "coat"):
        length = {"skirt": 0.2, "dress": 0.3, "gown": 0.46, "coat": 0.36}[outfit.skirt] * h
        parts.append(spike("skirt", "pelvis", length=1.6 * length,
                           radius=(0.13 if outfit.skirt == "gown" else 0.1) * h,
                           color=hem, material="fabric", start=(0.0, 0.0, 0.08 * h - length),
                           direction=(0.0, 0.0, 1.0)))
    if outfit.skirt == "tutu":
        parts.append(rod("tutu", "pelvis", length=0.03 * h, radius=0.19 * h, color=hem,
                         material="fabric", start=(0.0, 0.0, -0.02 * h)))
    if "shirt_front" in extras or "open_coat" in extras:
        parts.append(block("shirt_front", "chest", (0.004 * h, 0.035 * h, 0.075 * h),
                           accent if "shirt_front" in extras else outfit.top, "fabric",
                           at=(front, 0.0, 0.075 * h)))
    if "open_coat" in extras:
        parts.append(ball("coat", "chest", (0.07 * h, b.shoulder, 0.105 * h), hem, "fabric",
                          at=(-0.006 * h, 0.0, 0.07 * h)))
    if "bow_tie" in extras:
        for side in (1.0, -1.0):
            parts.append(spike("bow_tie", "chest", length=0.03 * h, radius=0.012 * h,
                               color=c.BLACK, material="fabric",
                               start=(front + 0.006 * h, side * 0.03 * h, 0.145 * h),
                               direction=(0.0, -side, 0.0)))
    if "tie" in extras:
        parts.append(block("tie", "chest", (0.004 * h, 0.011 * h, 0.07 * h), c.RED, "fabric",
                           at=(front + 0.006 * h, 0.0, 0.08 * h)))
    if "apron" in extras:
        parts.append(block("apron", "pelvis", (0.006 * h, 0.075 * h, 0.12 * h), accent,
                           "fabric", at=(0.065 * h, 0.0, -0.08 * h)))
    if "overalls" in extras:
        parts.append(block("bib", "chest", (0.006 * h, 0.06 * h, 0.06 * h), accent, "fabric",
                           at=(front, 0.0, 0.04 * h)))
    if "vest" in extras:
        parts.append(ball("vest", "chest", (0.067 * h, b.shoulder * 0.8, 0.09 * h), accent,
                          "leather", at=(0.0, 0.0, 0.06 * h)))
    if "belt" in extras:
        parts.append(rod("belt", "spine", length=0.025 * h, radius=0.07 * h * b.girth,
                         color=c.srgb("#3a2414"), material="leather",
                         radius_y=0.088 * h * b.girth, start=(0.0, 0.0, -0.02 * h),
                         direction=(0.0, 0.0, 1.0)))
    if "stripes" in extras:
        for height in (0.03, 0.09):
            parts.append(rod("stripe", "chest", length=0.015 * h, radius=0.068 * h * b.girth,
                             radius_y=b.shoulder * 0.9, color=accent, material="fabric",
                             start=(0.0, 0.0, height * h), direction=(0.0, 0.0, 1.0)))
    if "buttons" in extras:
        for height in (0.03, 0.08, 0.13):
            parts.append(ball("button", "chest", (0.008 * h,) * 3, accent, "plastic",
                              at=(front, 0.0, height * h)))
    if "badge" in extras:
        parts.append(ball("badge", "chest", (0.004 * h, 0.012 * h, 0.014 * h), accent, "metal",
                          at=(front, 0.045 * h, 0.11 * h)))
    if "number" in extras:
        parts.append(block("number", "chest", (0.004 * h, 0.02 * h, 0.03 * h), c.WHITE,
                           "fabric", at=(front, 0.0, 0.08 * h)))
    if "backpack" in extras:
        parts.append(block("backpack", "chest", (0.04 * h, 0.07 * h, 0.09 * h),
                           c.WHITE if outfit.hat == "space" else c.srgb("#3a5a8a"), "fabric",
                           at=(-0.095 * h, 0.0, 0.06 * h)))
    if "cape" in extras:
        parts.append(block("cape", "chest", (0.006 * h, b.shoulder, 0.26 * h), accent,
                           "fabric", at=(-0.075 * h, 0.0, -0.1 * h), rotation=(
                               0.9990, 0.0, -0.0436, 0.0)))
    if "scarf" in extras:
        parts.append(rod("scarf", "chest", length=0.03 * h, radius=0.035 * h, color=c.RED,
                         material="fabric", start=(0.0, 0.0, 0.165 * h),
                         direction=(0.0, 0.0, 1.0)))
    return parts


def _head_surface(rx: float, ry: float, rz: float, y: float, z: float) -> float:
    """x of the front of a head ellipsoid at (y, z) from its centre."""
    return rx * float(np.sqrt(max(0.0, 1.0 - (y / ry) ** 2 - (z / rz) ** 2)))


def face(b: Build, kind: str, look: Look, outfit: Outfit) -> list[Part]:
    """Head, eyes, nose, the mouth (its size: fully open), ears, hair and headwear."""
    from cinestra.world.assets.biped_head import hair, headwear

    r, h = b.head, b.height
    rx, ry, rz = 0.86 * r, 0.76 * r, r
    zc = 0.02 * h + 0.95 * r  # head centre above the head joint
    robot = kind == "robot"
    skin = c.METAL if robot else c.pick(c.SKIN, look.seed, 5)
    parts = [
        block("head", "head", (rx, ry, rz * 0.9), skin, "metal", at=(0.0, 0.0, zc)) if robot
        else ball("head", "head", (rx, ry, rz), skin, "skin", at=(0.0, 0.0, zc)),
    ]
    eye = 0.17 * r
    for side in (1.0, -1.0):
        y, z = side * 0.36 * ry, 0.12 * r
        x = rx if robot else _head_surface(rx, ry, rz, y, z)
        parts += [
            ball("eye", "head", (0.6 * eye, eye, eye), c.WHITE, "glass",
                 at=(x - 0.25 * eye, y, zc + z), emissive=0.6 if robot else 0.0),
            ball("pupil", "head", (0.3 * eye, 0.55 * eye, 0.6 * eye),
                 c.srgb("#20a0ff") if robot else c.PUPIL, "glass",
                 at=(x + 0.3 * eye, y, zc + z), emissive=1.0 if robot else 0.0),
            block("brow", "head", (0.02 * r, 0.2 * r, 0.035 * r),
                  c.pick(c.HAIR, look.seed, 4), "hair",
                  at=(_head_surface(rx, ry, rz, y, z + 0.3 * r) if not robot else rx,
                      y, zc + z + 0.3 * r)),
            ball("ear", "head", (0.1 * r, 0.06 * r, 0.2 * r), skin, "skin",
                 at=(-0.05 * r, side * ry, zc)),
        ]
    mouth_z = -0.5 * r
    mouth = (0.12 * r, 0.3 * r, 0.18 * r)  # fully open; the renderer shrinks it at rest
    parts.append(ball("mouth", "head", mouth, c.MOUTH, "skin",
                      at=((rx if robot else _head_surface(rx, ry, rz, 0.0, mouth_z))
                          - 0.55 * mouth[0], 0.0, zc + mouth_z)))
    if not robot:
        nose_color = c.RED if "red_nose" in outfit.extras else c.shade(skin, 0.92)
        nose = 0.13 * r if "red_nose" in outfit.extras else 0.08 * r
        parts.append(ball("nose", "head", (nose, nose * 0.9, nose * 1.3), nose_color, "skin",
                          at=(_head_surface(rx, ry, rz, 0.0, -0.15 * r) + 0.3 * nose, 0.0,
                              zc - 0.15 * r)))
        parts += hair(b, kind, look, outfit, (rx, ry, rz), zc)
    else:
        parts.append(rod("antenna", "head", length=0.35 * r, radius=0.03 * r, color=c.METAL,
                         material="metal", start=(0.0, 0.0, zc + 0.9 * rz),
                         direction=(0.0, 0.0, 1.0)))
    return parts + headwear(b, outfit, (rx, ry, rz), zc)
