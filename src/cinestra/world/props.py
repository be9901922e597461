"""Physical make-up of props and materials: shape, size, mass, bounce, friction, colour."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cinestra.world.timeline import Shape, Vec3


@dataclass(frozen=True)
class Material:
    restitution: float  # fraction of approach speed kept after a bounce
    friction: float
    color: Vec3  # linear RGB when the prompt names no colour
    density: float  # kg/m³, used when a prop's mass is scaled
    softness: float = 1.0  # weight of this material in a contact pair: the softer body deforms


MATERIALS: dict[str, Material] = {
    "rubber": Material(restitution=0.82, friction=1.0, color=(0.75, 0.10, 0.06), density=1100,
                       softness=20.0),
    "wood": Material(restitution=0.45, friction=0.55, color=(0.45, 0.26, 0.12), density=650),
    "glass": Material(restitution=0.55, friction=0.40, color=(0.55, 0.75, 0.70), density=2500),
    "metal": Material(restitution=0.50, friction=0.35, color=(0.60, 0.62, 0.65), density=7800),
    "ceramic": Material(restitution=0.40, friction=0.50, color=(0.85, 0.84, 0.80), density=2300),
    "stone": Material(restitution=0.35, friction=0.70, color=(0.50, 0.48, 0.45), density=2600),
    "plastic": Material(restitution=0.60, friction=0.45, color=(0.10, 0.35, 0.80), density=1000),
    "cardboard": Material(restitution=0.20, friction=0.60, color=(0.62, 0.46, 0.28), density=300,
                          softness=5.0),
    "concrete": Material(restitution=0.40, friction=0.80, color=(0.42, 0.42, 0.42), density=2400),
    "tile": Material(restitution=0.45, friction=0.50, color=(0.70, 0.70, 0.68), density=2300),
    "asphalt": Material(restitution=0.40, friction=0.90, color=(0.10, 0.10, 0.11), density=2300),
    "grass": Material(restitution=0.25, friction=0.90, color=(0.16, 0.38, 0.08), density=1000,
                      softness=10.0),
    "plaster": Material(restitution=0.35, friction=0.60, color=(0.78, 0.74, 0.68), density=1200),
    "leaves": Material(restitution=0.20, friction=0.90, color=(0.10, 0.30, 0.06), density=300,
                       softness=10.0),
    # Grounds of the outdoor sets: soft and dead (sand, snow, soil) or slippery (ice).
    "sand": Material(restitution=0.10, friction=0.85, color=(0.76, 0.66, 0.45), density=1600,
                     softness=15.0),
    "snow": Material(restitution=0.08, friction=0.35, color=(0.92, 0.94, 0.97), density=400,
                     softness=15.0),
    "soil": Material(restitution=0.15, friction=0.80, color=(0.28, 0.20, 0.12), density=1300,
                     softness=10.0),
    "ice": Material(restitution=0.30, friction=0.05, color=(0.80, 0.90, 0.96), density=917),
}

# Materials a set or an asset is drawn and heard with, simulated as the nearest one above.
PHYSICS_STAND_INS = {
    "paint": "concrete", "water": "glass", "fabric": "cardboard", "foam": "rubber",
    "wax": "plastic", "slate": "stone", "chalk": "plaster", "gravel": "stone",
    "regolith": "sand", "planet": "stone", "fire": "plastic", "sky": "plaster",
    "plant": "leaves", "leather": "rubber", "paper": "cardboard", "clay": "ceramic",
    "fur": "cardboard", "skin": "rubber", "feathers": "cardboard", "cloth": "cardboard",
    "brass": "metal", "steel": "metal", "gold": "metal", "silver": "metal", "marble": "stone",
}


def physical_material(name: str) -> str:
    """The MATERIALS entry physics simulates `name` as (concrete when nothing is close)."""
    if name in MATERIALS:
        return name
    return PHYSICS_STAND_INS.get(name, "concrete")

COLORS: dict[str, Vec3] = {
    "red": (0.80, 0.04, 0.03),
    "blue": (0.03, 0.15, 0.80),
    "green": (0.05, 0.55, 0.08),
    "yellow": (0.90, 0.75, 0.02),
    "orange": (0.95, 0.35, 0.02),
    "purple": (0.35, 0.05, 0.55),
    "pink": (0.95, 0.35, 0.50),
    "white": (0.90, 0.90, 0.88),
    "black": (0.03, 0.03, 0.03),
    "grey": (0.35, 0.35, 0.35),
    "brown": (0.30, 0.15, 0.06),
    "gold": (0.90, 0.62, 0.15),
    "silver": (0.75, 0.76, 0.78),
}


@dataclass(frozen=True)
class PropSpec:
    shape: Shape
    size: Vec3  # as in timeline.Body.size
    mass: float  # kg at normal size
    material: str
    color: Vec3 | None = None  # None: the material's colour


PROPS: dict[str, PropSpec] = {
    "ball": PropSpec("sphere", (0.11, 0.11, 0.11), 0.45, "rubber", (0.85, 0.12, 0.05)),
    "box": PropSpec("box", (0.15, 0.15, 0.15), 0.8, "cardboard"),
    "cube": PropSpec("box", (0.06, 0.06, 0.06), 0.3, "wood"),
    "crate": PropSpec("box", (0.25, 0.18, 0.18), 3.0, "wood"),
    "bottle": PropSpec("cylinder", (0.04, 0.04, 0.14), 0.55, "glass"),
    "can": PropSpec("cylinder", (0.033, 0.033, 0.06), 0.35, "metal"),
    "glass": PropSpec("cylinder", (0.035, 0.035, 0.06), 0.2, "glass"),
    "cup": PropSpec("cylinder", (0.045, 0.045, 0.05), 0.3, "ceramic"),
    "vase": PropSpec("cylinder", (0.07, 0.07, 0.16), 1.2, "ceramic"),
    "marble": PropSpec("sphere", (0.012, 0.012, 0.012), 0.02, "glass"),
    "brick": PropSpec("box", (0.10, 0.05, 0.035), 2.3, "stone", (0.55, 0.20, 0.12)),
    "die": PropSpec("box", (0.012, 0.012, 0.012), 0.01, "plastic", (0.92, 0.92, 0.90)),
    "book": PropSpec("box", (0.10, 0.14, 0.02), 0.5, "cardboard", (0.15, 0.25, 0.45)),
}


def damping_ratio(restitution: float) -> float:
    """Damping ratio of a spring contact that keeps `restitution` of the approach speed.

    A damped spring returns e = exp(-zeta*pi / sqrt(1 - zeta^2)); solved for zeta.
    """
    log_e = math.log(max(min(restitution, 0.99), 0.01))
    return -log_e / math.sqrt(math.pi**2 + log_e**2)


def characteristic_size(shape: Shape, size: Vec3) -> float:
    """Diameter-like length of a body, which sets the pitch of its ringing modes."""
    if shape == "plane":
        return 10.0
    return 2.0 * max(size)
