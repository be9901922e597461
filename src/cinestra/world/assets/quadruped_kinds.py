"""Measurements, colours and features of the 36 four-legged kinds."""

from __future__ import annotations

from dataclasses import dataclass, field

from cinestra.world.assets import colors as c
from cinestra.world.timeline import Vec3


@dataclass(frozen=True)
class Spec:
    shoulder: float  # height of the back at the shoulders, m
    length: float  # hips to shoulders, m
    girth: float  # body radius as a share of `shoulder`
    neck: float  # neck length as a share of `shoulder`
    neck_up: float  # neck angle above level, degrees
    head: float  # head radius as a share of `shoulder`
    snout: float  # snout length as a share of the head radius (0: flat face)
    ears: str  # pointy, floppy, round, long, big, small, none
    tail: str  # long, short, bushy, curl, tuft, thick, none
    coat: Vec3
    belly: Vec3 | None = None
    marks: str = ""  # patches, stripes, spots, panda, mask
    mark_color: Vec3 = c.BLACK
    features: frozenset[str] = field(default_factory=frozenset)
    legs: float = 1.0  # leg thickness factor
    hind: float = 1.0  # hind leg length factor (kangaroo, frog)
    mass: float = 10.0


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


TAN, GINGER, GREY_CAT = c.srgb("#c8a070"), c.srgb("#d07a30"), c.srgb("#7a7a80")
SPECS: dict[str, Spec] = {
    "cat": Spec(0.24, 0.3, 0.38, 0.3, 40, 0.33, 0.35, "pointy", "long", GINGER, c.WHITE,
                mass=4.0),
    "kitten": Spec(0.15, 0.17, 0.42, 0.3, 40, 0.42, 0.3, "pointy", "long", GREY_CAT, c.WHITE,
                   mass=1.0),
    "dog": Spec(0.5, 0.5, 0.34, 0.4, 45, 0.24, 0.9, "floppy", "long", c.srgb("#b07a40"),
                c.srgb("#e8d0a8"), mass=25.0),
    "puppy": Spec(0.28, 0.26, 0.4, 0.35, 45, 0.36, 0.6, "floppy", "short", c.srgb("#d8b070"),
                  c.WHITE, mass=5.0),
    "horse": Spec(1.55, 1.0, 0.26, 0.55, 55, 0.16, 1.6, "pointy", "tuft", c.srgb("#7a4a2a"),
                  features=_f("mane", "hooves"), mass=500.0),
    "cow": Spec(1.4, 1.1, 0.34, 0.3, 20, 0.2, 1.2, "small", "tuft", c.WHITE, marks="patches",
                features=_f("horns", "hooves", "udder"), mass=650.0),
    "pig": Spec(0.7, 0.7, 0.45, 0.1, 10, 0.3, 0.7, "floppy", "curl", c.srgb("#f0a8a8"),
                features=_f("hooves", "flat_nose"), mass=100.0),
    "sheep": Spec(0.75, 0.6, 0.5, 0.25, 35, 0.22, 0.8, "floppy", "short", c.srgb("#f0ece0"),
                  features=_f("wool", "hooves", "dark_face"), mass=70.0),
    "goat": Spec(0.75, 0.6, 0.33, 0.35, 50, 0.22, 1.0, "floppy", "short", c.srgb("#e8e0d0"),
                 features=_f("horns", "beard", "hooves"), mass=50.0),
    "rabbit": Spec(0.2, 0.22, 0.55, 0.15, 40, 0.45, 0.5, "long", "puff", c.srgb("#b0a090"),
                   c.WHITE, hind=1.3, mass=2.0),
    "mouse": Spec(0.06, 0.08, 0.5, 0.15, 20, 0.5, 0.8, "round", "long", c.GREY, c.WHITE,
                  mass=0.03),
    "fox": Spec(0.38, 0.4, 0.33, 0.35, 40, 0.3, 1.1, "pointy", "bushy", c.srgb("#d06020"),
                c.WHITE, mass=7.0),
    "wolf": Spec(0.75, 0.7, 0.32, 0.4, 35, 0.24, 1.1, "pointy", "bushy", c.srgb("#8a8a88"),
                 c.srgb("#d8d8d0"), mass=45.0),
    "bear": Spec(1.0, 0.9, 0.45, 0.25, 20, 0.26, 0.7, "round", "short", c.srgb("#4a3020"),
                 legs=1.5, mass=300.0),
    "polar_bear": Spec(1.2, 1.1, 0.42, 0.35, 15, 0.22, 0.8, "round", "short",
                       c.srgb("#f2eee0"), legs=1.5, mass=450.0),
    "panda": Spec(0.8, 0.7, 0.48, 0.2, 20, 0.32, 0.5, "round", "short", c.WHITE,
                  marks="panda", legs=1.5, mass=100.0),
    "lion": Spec(1.0, 0.9, 0.32, 0.3, 30, 0.24, 0.7, "round", "tuft", c.srgb("#d0a050"),
                 features=_f("lion_mane"), mass=190.0),
    "tiger": Spec(0.95, 0.95, 0.32, 0.3, 25, 0.24, 0.6, "round", "long", c.srgb("#e07a20"),
                  c.WHITE, marks="stripes", mass=200.0),
    "leopard": Spec(0.65, 0.7, 0.3, 0.3, 30, 0.24, 0.6, "round", "long", c.srgb("#e0b050"),
                    c.WHITE, marks="spots", mass=60.0),
    "cheetah": Spec(0.8, 0.7, 0.26, 0.3, 30, 0.2, 0.5, "round", "long", c.srgb("#e8c070"),
                    c.WHITE, marks="spots", legs=0.8, mass=50.0),
    "elephant": Spec(2.8, 1.6, 0.42, 0.1, 10, 0.24, 0.0, "big", "short", c.srgb("#8a8a8a"),
                     features=_f("trunk", "tusks"), legs=1.8, mass=5000.0),
    "giraffe": Spec(2.8, 1.1, 0.22, 0.8, 65, 0.09, 1.8, "pointy", "tuft", c.srgb("#e0b060"),
                    marks="spots", mark_color=c.srgb("#7a4020"),
                    features=_f("ossicones", "hooves", "mane"), legs=0.8, mass=1000.0),
    "zebra": Spec(1.35, 0.95, 0.28, 0.5, 50, 0.16, 1.5, "pointy", "tuft", c.WHITE,
                  marks="stripes", features=_f("mane", "hooves"), mass=350.0),
    "rhinoceros": Spec(1.6, 1.5, 0.42, 0.15, 5, 0.22, 1.4, "small", "short",
                       c.srgb("#8a8680"), features=_f("horn", "hooves"), legs=1.6,
                       mass=2300.0),
    "hippopotamus": Spec(1.4, 1.6, 0.5, 0.1, 5, 0.3, 1.0, "small", "short",
                         c.srgb("#8a7078"), c.srgb("#d0a0a0"), features=_f("wide_snout"),
                         legs=1.7, mass=1800.0),
    "camel": Spec(1.9, 1.1, 0.26, 0.7, 35, 0.14, 1.5, "small", "tuft", c.srgb("#c8a060"),
                  features=_f("hump", "hooves"), legs=0.9, mass=500.0),
    "deer": Spec(1.0, 0.75, 0.27, 0.5, 60, 0.17, 1.3, "pointy", "short", c.srgb("#a06a3a"),
                 c.srgb("#f0e0c8"), features=_f("antlers", "hooves"), legs=0.8, mass=80.0),
    "kangaroo": Spec(0.9, 0.5, 0.35, 0.4, 70, 0.2, 1.0, "long", "thick", c.srgb("#b07a50"),
                     c.srgb("#e0c8a8"), features=_f("upright"), hind=1.6, mass=60.0),
    "monkey": Spec(0.45, 0.35, 0.38, 0.15, 60, 0.36, 0.4, "round", "long", c.srgb("#6a4a30"),
                   c.srgb("#e0c0a0"), features=_f("face"), mass=8.0),
    "gorilla": Spec(1.3, 0.6, 0.45, 0.1, 50, 0.25, 0.3, "small", "none", c.srgb("#2a2a2a"),
                    features=_f("face", "upright"), legs=1.8, hind=0.75, mass=160.0),
    "squirrel": Spec(0.12, 0.12, 0.45, 0.15, 40, 0.42, 0.6, "pointy", "bushy",
                     c.srgb("#b05a2a"), c.WHITE, mass=0.5),
    "raccoon": Spec(0.3, 0.35, 0.45, 0.2, 30, 0.32, 0.8, "round", "bushy", c.srgb("#7a7a7a"),
                    marks="mask", mass=8.0),
    "hedgehog": Spec(0.12, 0.14, 0.65, 0.05, 10, 0.4, 0.8, "small", "none", c.srgb("#8a6a4a"),
                     c.srgb("#e0c8a8"), features=_f("spines"), legs=1.2, mass=1.0),
    "crocodile": Spec(0.4, 1.6, 0.45, 0.1, 0, 0.5, 2.2, "none", "croc", c.srgb("#4a6a3a"),
                      c.srgb("#a8b080"), features=_f("scutes", "teeth"), legs=1.4,
                      mass=400.0),
    "turtle": Spec(0.18, 0.2, 0.9, 0.4, 20, 0.4, 0.5, "none", "short", c.srgb("#6a8a4a"),
                   features=_f("shell"), legs=1.6, mass=5.0),
    "frog": Spec(0.08, 0.08, 0.75, 0.05, 0, 0.7, 0.3, "none", "none", c.srgb("#4aa040"),
                 c.srgb("#d0e0a0"), features=_f("bulging_eyes"), hind=1.5, mass=0.1),
}
GENERIC = SPECS["dog"]
