"""The planner's vocabulary: English and French words for everything a prompt can name.

The words live in TOML files under `data/` (subjects, actions, settings, camera, styles, sound,
modifiers, relations). Each file holds one or more domains; each entry of a domain has a plain
English snake_case name, the value later stages read, and its surface forms written exactly
as `text.tokenize` sees them ("close up", "sur la tête d").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from cinestra.plan.text import tokenize

Family = Literal[
    "biped", "quadruped", "bird", "fish", "vehicle", "instrument", "prop", "food", "furniture",
    "building", "plant", "landmark",
]
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _check_forms(forms: tuple[str, ...]) -> tuple[str, ...]:
    # Stored as the tokeniser's output so a lookup is one dict access on joined tokens.
    for form in forms:
        seen = " ".join(tokenize(form))
        if form != seen:
            raise ValueError(f"form {form!r} must be written as the tokeniser sees it: {seen!r}")
    return forms


Forms = Annotated[tuple[str, ...], AfterValidator(_check_forms)]
SomeForms = Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_check_forms)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Term(_Frozen):
    """A word without inflection worth modelling: a time of day, a camera move, a colour."""

    en: SomeForms
    fr: SomeForms

    def forms(self) -> tuple[str, ...]:
        return self.en + self.fr


class Place(Term):
    indoor: bool
    # The hour a place suggests when the prompt names none (a jazz club plays at night).
    hours: str | None = None


class City(Term):
    place: str  # where a prompt that names only the city happens
    look: str  # the architecture and palette the world builds for this city
    landmarks: tuple[str, ...] = ()  # subject kinds seen in its skyline


class Size(Term):
    scale: float  # times the kind's usual size


class Speed(Term):
    rate: Fraction  # playback speed of the world: 1/4 is slow motion


class EnglishNoun(_Frozen):
    one: SomeForms
    many: Forms = ()  # empty only for landmarks, which are unique


class FrenchNoun(_Frozen):
    """Forms by gender and number; a form in both genders ("enfant") takes either article."""

    m: Forms = ()
    f: Forms = ()
    m_many: Forms = ()
    f_many: Forms = ()


class SubjectKind(_Frozen):
    family: Family
    en: EnglishNoun
    fr: FrenchNoun
    gender: Literal["male", "female"] | None = None  # only where the word itself says it
    age: Literal["baby", "child", "teen", "adult", "elderly"] | None = None

    @model_validator(mode="after")
    def _singular_and_plural(self) -> SubjectKind:
        if not (self.fr.m or self.fr.f):
            raise ValueError("needs a French singular form (fr.m or fr.f)")
        if self.family != "landmark" and not (
            self.en.many and (self.fr.m_many or self.fr.f_many)
        ):
            raise ValueError("needs English and French plural forms (en.many, fr.m_many/f_many)")
        return self

    def forms(self) -> tuple[str, ...]:
        fr = self.fr
        return self.en.one + self.en.many + fr.m + fr.f + fr.m_many + fr.f_many


class EnglishVerb(_Frozen):
    base: SomeForms  # "walk"
    third: SomeForms  # "walks"
    gerund: SomeForms  # "walking"
    past: SomeForms  # "walked": past tense and participle
    noun: Forms = ()  # the action named as a thing: "a bounce", "a race"


class FrenchVerb(_Frozen):
    infinitive: SomeForms  # "marcher"; also the form after "en train de"
    present: SomeForms  # singular persons: "marche" (je, il, elle)
    present_plural: SomeForms  # "marchent" (ils, elles)
    participle: SomeForms  # "marchant" (en marchant)
    past_participle: SomeForms  # "marché", "marchée", "marchés", "marchées"
    noun: Forms = ()  # "le rebond", "une course"


class Action(_Frozen):
    physics: bool  # True: the simulator moves the body; False: a choreographed animation
    en: EnglishVerb
    fr: FrenchVerb

    def forms(self) -> tuple[str, ...]:
        en, fr = self.en, self.fr
        return (
            en.base + en.third + en.gerund + en.past + en.noun + fr.infinitive + fr.present
            + fr.present_plural + fr.participle + fr.past_participle + fr.noun
        )


class Catalog(_Frozen):
    """Every domain, each a mapping from entry name to entry; built by `load_catalog`."""

    subjects: dict[str, SubjectKind]
    actions: dict[str, Action]
    places: dict[str, Place]
    cities: dict[str, City]
    times: dict[str, Term]
    weather: dict[str, Term]
    shot_sizes: dict[str, Term]
    angles: dict[str, Term]
    moves: dict[str, Term]
    lenses: dict[str, Term]
    focus: dict[str, Term]
    styles: dict[str, Term]
    lighting: dict[str, Term]
    speeds: dict[str, Speed]
    music: dict[str, Term]
    moods: dict[str, Term]
    effects: dict[str, Term]
    colors: dict[str, Term]
    sizes: dict[str, Size]
    materials: dict[str, Term]
    clothing: dict[str, Term]
    states: dict[str, Term]
    relations: dict[str, Term]

    _index: dict[str, dict[str, str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _index_forms(self) -> Catalog:
        # Within a domain a form names one entry, so a lookup never has to guess.
        for domain in type(self).model_fields:
            index: dict[str, str] = {}
            entries: dict[str, Any] = getattr(self, domain)
            for name, entry in entries.items():
                if not _NAME.fullmatch(name):
                    raise ValueError(f"{domain}: name {name!r} must be snake_case")
                for form in entry.forms():
                    owner = index.setdefault(form, name)
                    if owner != name:
                        raise ValueError(f"{domain}: {form!r} names both {owner!r} and {name!r}")
            self._index[domain] = index
        self._check_cities()
        return self

    def _check_cities(self) -> None:
        for name, city in self.cities.items():
            if city.place not in self.places:
                raise ValueError(f"cities.{name}: place {city.place!r} is not in places")
            for kind in city.landmarks:
                if kind not in self.subjects or self.subjects[kind].family != "landmark":
                    raise ValueError(f"cities.{name}: {kind!r} is not a landmark subject")
        for name, place in self.places.items():
            if place.hours is not None and place.hours not in self.times:
                raise ValueError(f"places.{name}: hours {place.hours!r} is not in times")

    def index_of(self, domain: str) -> Mapping[str, str]:
        """Every form of `domain` (as `text.tokenize` joins them) -> its entry name."""
        return self._index[domain]

    def find(self, domain: str, phrase: str) -> str | None:
        """The name of the `domain` entry that `phrase` (any case, hyphens...) is a form of.

        A domain is a field name ("subjects", "moves"); an unknown one raises KeyError.
        """
        return self._index[domain].get(" ".join(tokenize(phrase)))


@cache
def load_catalog() -> Catalog:
    """Every domain from the shipped data files, read and checked once per process."""
    tables: dict[str, Any] = {}
    data = resources.files("cinestra.plan").joinpath("data")
    for filename in sorted(item.name for item in data.iterdir()):
        if not filename.endswith(".toml"):
            continue
        for domain, entries in tomllib.loads(data.joinpath(filename).read_text("utf-8")).items():
            if domain in tables:
                raise ValueError(f"catalog domain {domain!r} is defined twice ({filename})")
            tables[domain] = entries
    return Catalog.model_validate(tables)
