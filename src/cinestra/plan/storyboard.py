"""The Storyboard contract: what the plan stage understood of a prompt.

Kinds and values are plain English names whatever the prompt's language ("balle" becomes
``"kind": "ball"``), so every later stage reads one vocabulary: each named value is an entry
name of the plan catalog (`plan/data/*.toml`), checked when a Storyboard is built or read.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

from cinestra.plan.catalog import Family, load_catalog

NAMED_DOMAINS: list[str] = []  # the catalog domains a Storyboard field names, in order


def _in_catalog(domain: str) -> AfterValidator:
    NAMED_DOMAINS.append(domain)

    def check(name: str) -> str:
        if name not in getattr(load_catalog(), domain):
            raise ValueError(f"{name!r} is not a catalog {domain} name")
        return name

    return AfterValidator(check)


SubjectKind = Annotated[str, _in_catalog("subjects")]
Verb = Annotated[str, _in_catalog("actions")]
Place = Annotated[str, _in_catalog("places")]
City = Annotated[str, _in_catalog("cities")]
TimeOfDay = Annotated[str, _in_catalog("times")]
Weather = Annotated[str, _in_catalog("weather")]
ShotSize = Annotated[str, _in_catalog("shot_sizes")]
Angle = Annotated[str, _in_catalog("angles")]
Move = Annotated[str, _in_catalog("moves")]
Lens = Annotated[str, _in_catalog("lenses")]
Focus = Annotated[str, _in_catalog("focus")]
Look = Annotated[str, _in_catalog("styles")]
Lighting = Annotated[str, _in_catalog("lighting")]
Color = Annotated[str, _in_catalog("colors")]
Material = Annotated[str, _in_catalog("materials")]
Size = Annotated[str, _in_catalog("sizes")]
Clothing = Annotated[str, _in_catalog("clothing")]
State = Annotated[str, _in_catalog("states")]
Relation = Annotated[str, _in_catalog("relations")]
CueKind = Literal["dialogue", "music", "sfx"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Subject(_Frozen):
    id: str  # stable across shots: "ball_1"
    kind: SubjectKind  # "ball", "figure_skater", "elephant"...
    family: Family  # which body the world builds: biped, quadruped, bird, prop...
    count: int
    color: Color | None = None  # "red"; for a dressed person, the colour of the clothing
    material: Material | None = None  # "glass"; None means the kind's usual material
    size: Size = "normal"
    clothing: Clothing | None = None  # "tuxedo"
    states: list[State] = []  # "wet", "open", "burning"
    words: str  # the prompt's own words for it, for messages


class Action(_Frozen):
    subject: str  # Subject.id of who does it
    verb: Verb
    target: str | None = None  # Subject.id it is done to, when the prompt names one


class SpatialRelation(_Frozen):
    """`subject` is `relation` `target`: ("cat_1", "on_head", "figure_skater_1")."""

    subject: str  # Subject.id
    relation: Relation
    target: str  # Subject.id


class Setting(_Frozen):
    place: Place  # "floor" when the prompt names no place
    city: City | None = None  # where the set's architecture comes from
    time_of_day: TimeOfDay
    weather: Weather | None = None
    indoor: bool
    wet: bool = False
    ground: Material | None = None  # material of the ground when the prompt names it


class Camera(_Frozen):
    shot_size: ShotSize = "medium"
    angle: Angle = "eye_level"
    move: Move = "static"
    lens: Lens | None = None
    focus: Focus | None = None


class Style(_Frozen):
    look: Look = "natural"
    speed: Fraction = Fraction(1)  # playback speed of the world: 1/4 is slow motion
    lighting: list[Lighting] = []


class Cue(_Frozen):
    """A line of dialogue (`text` as quoted), a music genre or mood, or a sound effect name."""

    kind: CueKind
    text: str
    speaker: str | None = None  # Subject.id of who says a dialogue line, when known


class Shot(_Frozen):
    index: int
    start: Fraction  # video seconds from the start of the clip
    duration: Fraction  # video seconds
    description: str  # the prompt text this shot came from
    subjects: list[Subject]
    actions: list[Action]
    relations: list[SpatialRelation] = []
    setting: Setting
    camera: Camera
    style: Style
    cues: list[Cue]

    @model_validator(mode="after")
    def _ids_name_subjects(self) -> Shot:
        ids = {subject.id for subject in self.subjects}
        named = [a.subject for a in self.actions] + [a.target for a in self.actions if a.target]
        named += [r.subject for r in self.relations] + [r.target for r in self.relations]
        named += [c.speaker for c in self.cues if c.kind == "dialogue" and c.speaker]
        for subject_id in named:
            if subject_id not in ids:
                raise ValueError(f"shot {self.index}: {subject_id!r} is not a subject of the shot")
        return self


class WordGuess(_Frozen):
    """A word the catalog does not list, read as the nearest catalog entry by meaning."""

    word: str  # as the prompt wrote it (tokenised): "saxophon"
    domain: str  # the catalog domain of the entry: "subjects"
    name: str  # the entry: "saxophone"
    confidence: float  # 0-1 (plan.nearest); only guesses at or above its threshold are used


class Storyboard(_Frozen):
    prompt: str
    language: Literal["en", "fr"]
    seconds: Fraction
    seed: int
    shots: list[Shot]
    unresolved: list[str]  # words the planner did not understand, reported to the user
    guesses: list[WordGuess] = []  # unknown words it read as a catalog entry, reported too

    def understanding_notes(self) -> list[str]:
        """What the user should hear about how their words were read (CLI, pipeline)."""
        notes = [f"read {guess.word!r} as {guess.name.replace('_', ' ')} "
                 f"(confidence {guess.confidence:.2f})" for guess in self.guesses]
        if self.unresolved:
            notes.append("not understood, left out of the scene: " + ", ".join(self.unresolved))
        return notes

    def with_look(self, look: str) -> Storyboard:
        """Every shot in `look` (a catalog style), whatever the prompt said."""
        data = self.model_dump()
        for shot in data["shots"]:
            shot["style"]["look"] = look
        return Storyboard.model_validate(data)  # validated again: `look` must be in the catalog

    @model_validator(mode="after")
    def _durations_add_up(self) -> Storyboard:
        if sum((shot.duration for shot in self.shots), Fraction(0)) != self.seconds:
            raise ValueError(f"shot durations must add up to seconds ({self.seconds})")
        return self
