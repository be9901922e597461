"""Measurements and colours of the 19 bird and insect kinds."""

from __future__ import annotations

from dataclasses import dataclass, field

from cinestra.world.assets import colors as c
from cinestra.world.timeline import Vec3


@dataclass(frozen=True)
class BirdSpec:
    body: float  # body half length, m
    fat: float  # body radius as a share of its half length
    tilt: float  # body pitch, degrees above level (penguin: upright)
    neck: float  # neck length as a share of the half length
    head: float  # head radius as a share of the half length
    beak: float  # beak length as a share of the head radius
    legs: float  # leg length as a share of the half length
    wing: float  # wing length as a share of the half length
    plumage: Vec3
    wings: Vec3 | None = None
    head_color: Vec3 | None = None
    belly: Vec3 | None = None
    beak_color: Vec3 = c.ORANGE
    leg_color: Vec3 = c.ORANGE
    features: frozenset[str] = field(default_factory=frozenset)
    mass: float = 1.0


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


DUCK_GREEN = c.srgb("#1f6a3a")
SPECS: dict[str, BirdSpec] = {
    "bird": BirdSpec(0.07, 0.6, 25, 0.3, 0.45, 0.7, 0.9, 1.6, c.srgb("#6a7aa0"),
                     belly=c.srgb("#e0d8c8"), beak_color=c.srgb("#e0a030"), mass=0.05),
    "duck": BirdSpec(0.2, 0.55, 10, 0.5, 0.35, 1.1, 0.5, 1.2, c.srgb("#a08a70"),
                     head_color=DUCK_GREEN, belly=c.srgb("#d8d0c0"), beak_color=c.YELLOW,
                     features=_f("flat_beak", "collar"), mass=1.2),
    "duckling": BirdSpec(0.06, 0.85, 10, 0.4, 0.6, 0.7, 0.55, 0.7, c.srgb("#f8d838"),
                         beak_color=c.ORANGE, features=_f("flat_beak", "fluffy"), mass=0.05),
    "pigeon": BirdSpec(0.13, 0.6, 20, 0.45, 0.38, 0.5, 0.55, 1.4, c.srgb("#8a8e98"),
                       wings=c.srgb("#9aa0aa"), head_color=c.srgb("#6a6e7a"),
                       beak_color=c.srgb("#3a3a3a"), leg_color=c.srgb("#c05050"),
                       features=_f("iridescent", "wing_bars"), mass=0.3),
    "seagull": BirdSpec(0.18, 0.5, 15, 0.4, 0.33, 1.0, 0.6, 2.2, c.WHITE,
                        wings=c.srgb("#a0a8b0"), beak_color=c.YELLOW,
                        leg_color=c.srgb("#e0c060"), features=_f("black_tips"), mass=0.8),
    "chicken": BirdSpec(0.17, 0.65, 25, 0.55, 0.35, 0.5, 0.8, 0.9, c.srgb("#c0703a"),
                        beak_color=c.YELLOW, leg_color=c.YELLOW, features=_f("comb"),
                        mass=2.0),
    "rooster": BirdSpec(0.2, 0.6, 30, 0.6, 0.35, 0.5, 0.85, 1.0, c.srgb("#a03a20"),
                        wings=c.srgb("#3a2a1a"), head_color=c.srgb("#d0a040"),
                        beak_color=c.YELLOW, leg_color=c.YELLOW,
                        features=_f("comb", "big_comb", "tail_plume"), mass=3.0),
    "chick": BirdSpec(0.04, 0.95, 10, 0.3, 0.65, 0.5, 0.8, 0.6, c.srgb("#f8e060"),
                      features=_f("fluffy"), mass=0.04),
    "owl": BirdSpec(0.14, 0.75, 70, 0.1, 0.6, 0.3, 0.4, 1.2, c.srgb("#8a6a4a"),
                    belly=c.srgb("#d8c0a0"), beak_color=c.srgb("#3a3a30"),
                    leg_color=c.srgb("#d8c0a0"), features=_f("ear_tufts", "big_eyes"),
                    mass=1.5),
    "eagle": BirdSpec(0.3, 0.5, 35, 0.4, 0.3, 0.8, 0.6, 2.4, c.srgb("#4a3020"),
                      head_color=c.WHITE, beak_color=c.YELLOW, leg_color=c.YELLOW,
                      features=_f("hooked"), mass=5.0),
    "parrot": BirdSpec(0.14, 0.5, 60, 0.3, 0.42, 0.6, 0.45, 1.6, c.srgb("#e02a2a"),
                       wings=c.srgb("#2a60e0"), head_color=c.srgb("#e02a2a"),
                       belly=c.srgb("#f0c020"), beak_color=c.srgb("#e8e0d0"),
                       leg_color=c.GREY, features=_f("hooked", "long_tail"), mass=1.0),
    "penguin": BirdSpec(0.3, 0.55, 85, 0.15, 0.35, 0.6, 0.3, 1.0, c.BLACK, belly=c.WHITE,
                        beak_color=c.srgb("#e06020"), leg_color=c.srgb("#e06020"),
                        features=_f("flippers"), mass=20.0),
    "swan": BirdSpec(0.35, 0.5, 5, 1.5, 0.22, 1.0, 0.35, 1.3, c.WHITE,
                     beak_color=c.srgb("#e06020"), leg_color=c.BLACK,
                     features=_f("long_neck"), mass=10.0),
    "flamingo": BirdSpec(0.18, 0.5, 20, 1.7, 0.28, 1.2, 3.6, 1.4, c.srgb("#f080a0"),
                         beak_color=c.BLACK, leg_color=c.srgb("#f080a0"),
                         features=_f("long_neck", "bent_beak"), mass=3.0),
    "crow": BirdSpec(0.18, 0.5, 20, 0.35, 0.35, 0.9, 0.6, 1.7, c.srgb("#18181c"),
                     beak_color=c.srgb("#18181c"), leg_color=c.srgb("#18181c"), mass=0.5),
    "sparrow": BirdSpec(0.06, 0.65, 25, 0.3, 0.5, 0.5, 0.7, 1.3, c.srgb("#8a6040"),
                        head_color=c.srgb("#7a7a70"), belly=c.srgb("#e0d8c8"),
                        beak_color=c.srgb("#3a3028"), leg_color=c.srgb("#8a6a50"),
                        mass=0.03),
    "hummingbird": BirdSpec(0.04, 0.45, 30, 0.3, 0.5, 2.0, 0.4, 1.6, c.srgb("#2a9a5a"),
                            belly=c.srgb("#e0e0d0"), head_color=c.srgb("#c02a6a"),
                            beak_color=c.BLACK, leg_color=c.BLACK, mass=0.004),
    "butterfly": BirdSpec(0.02, 0.25, 0, 0.1, 0.5, 0.0, 0.9, 2.5, c.srgb("#2a2420"),
                          wings=c.srgb("#f08a1c"), leg_color=c.BLACK,
                          features=_f("insect", "butterfly"), mass=0.001),
    "bee": BirdSpec(0.012, 0.6, 0, 0.1, 0.6, 0.0, 0.8, 1.3, c.YELLOW,
                    wings=c.srgb("#e0f0ff"), leg_color=c.BLACK,
                    features=_f("insect", "bee"), mass=0.0001),
}
GENERIC = SPECS["bird"]
