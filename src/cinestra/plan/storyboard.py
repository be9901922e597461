"""The Storyboard contract: what the plan stage understood of a prompt.

Kinds and values are plain English names whatever the prompt's language ("balle" becomes
``"kind": "ball"``), so every later stage reads one vocabulary.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict

ShotSize = Literal["extreme_wide", "wide", "medium", "close_up", "extreme_close_up"]
Angle = Literal["eye_level", "low", "high", "overhead"]
Move = Literal[
    "static", "pan_left", "pan_right", "dolly_in", "dolly_out", "zoom_in", "zoom_out", "orbit"
]
Look = Literal["natural", "cinematic", "noir", "vintage"]
CueKind = Literal["sfx", "dialogue"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Subject(_Frozen):
    id: str  # stable across shots: "ball_1"
    kind: str  # "ball", "box", "bottle"...
    count: int
    color: str | None = None  # "red"
    material: str | None = None  # "glass"; None means the kind's usual material
    size: Literal["tiny", "small", "normal", "large", "giant"] = "normal"
    words: str  # the prompt's own words for it, for messages


class Action(_Frozen):
    subject: str  # Subject.id
    verb: Literal["bounce", "roll", "fall", "slide", "rest", "topple"]


class Setting(_Frozen):
    place: Literal["floor", "table", "street", "park", "room"]
    time_of_day: Literal[
        "dawn", "morning", "noon", "afternoon", "golden_hour", "sunset", "dusk", "night"
    ]
    indoor: bool
    wet: bool = False
    ground: str | None = None  # material of the ground when the prompt names it ("wooden floor")


class Camera(_Frozen):
    shot_size: ShotSize = "medium"
    angle: Angle = "eye_level"
    move: Move = "static"


class Style(_Frozen):
    look: Look = "natural"
    speed: Fraction = Fraction(1)  # playback speed of the world: 1/4 is slow motion


class Cue(_Frozen):
    kind: CueKind
    text: str
    speaker: str | None = None


class Shot(_Frozen):
    index: int
    start: Fraction  # video seconds from the start of the clip
    duration: Fraction  # video seconds
    description: str  # the prompt text this shot came from
    subjects: list[Subject]
    actions: list[Action]
    setting: Setting
    camera: Camera
    style: Style
    cues: list[Cue]


class Storyboard(_Frozen):
    prompt: str
    language: Literal["en", "fr"]
    seconds: Fraction
    seed: int
    shots: list[Shot]
    unresolved: list[str]  # words the planner did not understand, reported to the user
