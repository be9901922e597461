"""Acoustic materials: the modal parameters of every material a Timeline may name.

Numbers are tuned by ear and by spectral centroid, not measured on real objects. Mode
ratios come from textbook shapes (free bar for metal, thin shells for glass and ceramic,
plates for wood and tile); decay times are e-folding times of the first mode.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

REFERENCE_SIZE_M = 0.1  # `base_hz` is the first mode of a body of this size


@dataclass(frozen=True)
class Material:
    name: str
    base_hz: float  # first mode of a 10 cm body; scales with 1 / size
    ratios: tuple[float, ...]  # mode frequencies relative to the first mode
    gains: tuple[float, ...]  # relative mode amplitudes
    decay_s: float  # e-folding time of the first mode of a 10 cm body
    damping_slope: float  # mode k decays in decay_s / ratio_k ** damping_slope
    contact_s: float  # contact duration at 1 m/s: soft materials touch longer (a duller hit)
    noise: float  # share of the contact noise in the hit, 0..1
    radiation: float  # how loudly the body rings compared with the others, 0..1
    splash: bool = False  # water: bubbles and a splash instead of rigid modes


MATERIALS: dict[str, Material] = {
    m.name: m
    for m in (
        Material(
            name="rubber",
            base_hz=160.0,
            ratios=(1.0, 1.63, 2.27, 3.1),
            gains=(1.0, 0.5, 0.3, 0.15),
            decay_s=0.012,
            damping_slope=0.5,
            contact_s=3e-3,
            noise=0.3,
            radiation=0.7,
        ),
        Material(
            name="wood",
            base_hz=520.0,
            ratios=(1.0, 2.57, 4.21, 5.93, 8.1),
            gains=(1.0, 0.6, 0.4, 0.25, 0.12),
            decay_s=0.07,
            damping_slope=0.6,
            contact_s=0.7e-3,
            noise=0.2,
            radiation=0.8,
        ),
        Material(
            name="glass",
            base_hz=2100.0,
            ratios=(1.0, 2.32, 4.25, 6.63, 9.38),
            gains=(1.0, 0.7, 0.5, 0.35, 0.2),
            decay_s=0.2,
            damping_slope=0.4,
            contact_s=0.12e-3,
            noise=0.1,
            radiation=0.9,
        ),
        Material(
            name="metal",
            base_hz=1100.0,
            ratios=(1.0, 2.76, 5.40, 8.93, 13.34),
            gains=(1.0, 0.6, 0.4, 0.25, 0.15),
            decay_s=0.15,
            damping_slope=0.5,
            contact_s=0.15e-3,
            noise=0.08,
            radiation=1.0,
        ),
        Material(
            name="ceramic",
            base_hz=1600.0,
            ratios=(1.0, 2.1, 3.9, 5.6, 7.8),
            gains=(1.0, 0.6, 0.45, 0.3, 0.15),
            decay_s=0.12,
            damping_slope=0.5,
            contact_s=0.15e-3,
            noise=0.12,
            radiation=0.85,
        ),
        Material(
            name="stone",
            base_hz=900.0,
            ratios=(1.0, 2.2, 3.6, 5.3),
            gains=(1.0, 0.5, 0.35, 0.2),
            decay_s=0.035,
            damping_slope=0.5,
            contact_s=0.2e-3,
            noise=0.35,
            radiation=0.5,
        ),
        Material(
            name="plastic",
            base_hz=700.0,
            ratios=(1.0, 2.3, 3.9, 5.5),
            gains=(1.0, 0.5, 0.3, 0.2),
            decay_s=0.04,
            damping_slope=0.5,
            contact_s=0.6e-3,
            noise=0.25,
            radiation=0.6,
        ),
        Material(
            name="cardboard",
            base_hz=260.0,
            ratios=(1.0, 1.9, 3.1, 4.4),
            gains=(1.0, 0.6, 0.4, 0.2),
            decay_s=0.02,
            damping_slope=0.5,
            contact_s=1.5e-3,
            noise=0.55,
            radiation=0.45,
        ),
        Material(
            name="concrete",
            base_hz=350.0,
            ratios=(1.0, 2.4, 3.9),
            gains=(1.0, 0.5, 0.3),
            decay_s=0.03,
            damping_slope=0.5,
            contact_s=0.25e-3,
            noise=0.45,
            radiation=0.35,
        ),
        Material(
            name="tile",
            base_hz=1200.0,
            ratios=(1.0, 2.6, 4.3, 6.1),
            gains=(1.0, 0.6, 0.4, 0.25),
            decay_s=0.08,
            damping_slope=0.5,
            contact_s=0.2e-3,
            noise=0.25,
            radiation=0.7,
        ),
        Material(
            name="asphalt",
            base_hz=280.0,
            ratios=(1.0, 2.1, 3.7),
            gains=(1.0, 0.5, 0.3),
            decay_s=0.025,
            damping_slope=0.5,
            contact_s=0.35e-3,
            noise=0.55,
            radiation=0.3,
        ),
        Material(
            name="grass",
            base_hz=110.0,
            ratios=(1.0, 1.7),
            gains=(1.0, 0.4),
            decay_s=0.01,
            damping_slope=0.5,
            contact_s=6e-3,
            noise=0.8,
            radiation=0.1,
        ),
        Material(
            name="water",
            base_hz=900.0,  # bubble (Minnaert) pitch for a 10 cm splash
            ratios=(1.0, 1.37, 1.81),
            gains=(1.0, 0.6, 0.4),
            decay_s=0.03,
            damping_slope=0.0,
            contact_s=4e-3,
            noise=0.7,
            radiation=0.6,
            splash=True,
        ),
        Material(
            name="plaster",
            base_hz=300.0,
            ratios=(1.0, 2.2, 3.6),
            gains=(1.0, 0.5, 0.3),
            decay_s=0.02,
            damping_slope=0.5,
            contact_s=0.4e-3,
            noise=0.5,
            radiation=0.3,
        ),
        Material(
            name="cloth",
            base_hz=180.0,
            ratios=(1.0, 1.8),
            gains=(1.0, 0.3),
            decay_s=0.008,
            damping_slope=0.5,
            contact_s=5e-3,
            noise=0.85,
            radiation=0.15,
        ),
        Material(
            name="flesh",
            base_hz=140.0,
            ratios=(1.0, 1.9, 2.7),
            gains=(1.0, 0.4, 0.2),
            decay_s=0.015,
            damping_slope=0.5,
            contact_s=4e-3,
            noise=0.5,
            radiation=0.35,
        ),
        Material(
            name="fur",
            base_hz=130.0,
            ratios=(1.0, 1.7),
            gains=(1.0, 0.3),
            decay_s=0.01,
            damping_slope=0.5,
            contact_s=6e-3,
            noise=0.9,
            radiation=0.15,
        ),
    )
}

# The fallback for a material name we do not know: a mid, slightly damped plastic-like body.
GENERIC = Material(
    name="generic",
    base_hz=600.0,
    ratios=(1.0, 2.4, 4.0),
    gains=(1.0, 0.5, 0.3),
    decay_s=0.05,
    damping_slope=0.5,
    contact_s=0.5e-3,
    noise=0.3,
    radiation=0.6,
)

ALIASES: dict[str, str] = {
    "wet": "water",
    "steel": "metal",
    "iron": "metal",
    "aluminium": "metal",
    "aluminum": "metal",
    "porcelain": "ceramic",
    "rock": "stone",
    "marble": "stone",
    "paper": "cardboard",
    "cement": "concrete",
    "brick": "concrete",
    "drywall": "plaster",
    "road": "asphalt",
    "fabric": "cloth",
    "leather": "rubber",
    "skin": "flesh",
    "feathers": "fur",
    "sand": "grass",
    "snow": "grass",
    "ice": "glass",
    "clay": "ceramic",
}


def material(name: str) -> Material:
    """The Material called `name` (any case, some aliases); GENERIC with a warning if unknown."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    found = MATERIALS.get(key)
    if found is None:
        logger.warning("unknown material %r: using a generic one", name)
        return GENERIC
    return found
