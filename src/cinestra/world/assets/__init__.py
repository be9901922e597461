"""Procedural asset library: every subject kind of the plan catalog as a rig built in code.

`build_rig(kind, family, look)` returns the rig for a catalog kind (or the nearest family's
generic one, with a warning, for a kind nothing builds); `animate(rig, verb, ...)` returns
its Motion for a verb. Each family lives in its own module with the same two functions:

    build(kind: str, look: Look) -> Rig
    animate(rig: Rig, verb: str | None, clock: Clock) -> Motion
    KINDS: frozenset[str]   # kinds it has a specific model for
    VERBS: frozenset[str]   # verbs it has a specific cycle for (others: its idle)

Nothing is downloaded: every mesh is a combination of the Timeline's primitive shapes.
"""

from __future__ import annotations

import difflib
import importlib
import logging
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from cinestra.world.assets.rig import Motion, Rig
from cinestra.world.timeline import Vec3

logger = logging.getLogger(__name__)

# family -> module name in this package
FAMILY_MODULES = {
    "biped": "biped", "quadruped": "quadruped", "bird": "bird", "fish": "fish",
    "vehicle": "vehicle", "instrument": "instrument", "prop": "objects", "food": "objects",
    "furniture": "objects", "building": "building", "plant": "plant", "landmark": "building",
}
FALLBACK_FAMILY = "prop"


@dataclass(frozen=True)
class Look:
    """What the Storyboard says about one subject's appearance."""

    color: Vec3 | None = None  # linear RGB of the named colour (a dressed person: clothing)
    material: str | None = None  # a props.MATERIALS name
    clothing: str | None = None  # catalog clothing: tuxedo, dress, hat, helmet...
    scale: float = 1.0  # catalog size: tiny 0.25 ... giant 4
    seed: int = 0  # varies what the prompt leaves open (fur colour, hair, height)
    gender: str | None = None  # male / female where the kind says it
    age: str | None = None  # baby / child / teen / adult / elderly


@dataclass(frozen=True)
class Clock:
    """The frames an animation must fill: frame i shows simulated time i / fps * time_scale."""

    frame_count: int
    fps: int
    time_scale: float = 1.0
    seed: int = 0

    @property
    def times(self) -> np.ndarray:
        """Simulated seconds of every frame."""
        return np.arange(self.frame_count, dtype=np.float64) / self.fps * self.time_scale


def family_module(family: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{FAMILY_MODULES[family]}")


def nearest_family(kind: str) -> str:
    """The family a kind nothing builds most likely belongs to: the family of its head noun
    when that is a known kind ("kitty_cat" -> cat's, "sea_lion" -> lion's), else of the
    known kind spelled most like it; a prop when nothing is close."""
    families = {family: family_module(family).KINDS for family in FAMILY_MODULES}
    for word in reversed(kind.split("_")):  # English puts the head noun last
        for family, kinds in families.items():
            if word in kinds:
                return family
    best, best_score = FALLBACK_FAMILY, 0.0
    for family, kinds in families.items():
        match = difflib.get_close_matches(kind, kinds, n=1, cutoff=0.6)
        if match:
            score = difflib.SequenceMatcher(None, kind, match[0]).ratio()
            if score > best_score:
                best, best_score = family, score
    return best


def build_rig(kind: str, family: str | None, look: Look) -> tuple[Rig, list[str]]:
    """The rig for `kind`, and the warnings a user reads when it is an approximation."""
    warnings: list[str] = []
    if family not in FAMILY_MODULES:
        guessed = nearest_family(kind)
        warnings.append(f"subject {kind.replace('_', ' ')}: unknown family {family!r}, "
                        f"built as a {guessed}")
        family = guessed
    module = family_module(family)
    if kind not in module.KINDS:
        warnings.append(f"subject {kind.replace('_', ' ')}: no model of its own, shown as "
                        f"a generic {family}")
    for warning in warnings:
        logger.warning(warning)
    return module.build(kind, look), warnings


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """The rig's Motion doing `verb` (None: idle) over `clock`'s frames."""
    return family_module(rig.family).animate(rig, verb, clock)  # type: ignore[no-any-return]
