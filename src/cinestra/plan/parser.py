"""Rule-based English/French planner: prompt text -> Storyboard.

Two passes per shot: `_recognise` turns tokens into typed items (longest phrase first),
`_ShotBuilder` folds the items into subjects, actions, setting, camera and style.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from cinestra.errors import InvalidRequest
from cinestra.plan import lexicon
from cinestra.plan.storyboard import (
    Action,
    Camera,
    Cue,
    Setting,
    Shot,
    Storyboard,
    Style,
    Subject,
)
from cinestra.plan.text import Quote, detect_language, extract_quotes, split_shots, tokenize

logger = logging.getLogger(__name__)

MAX_PHRASE = 4
MODIFIERS = ("color", "material", "size")


@dataclass(frozen=True)
class Item:
    kind: str  # prop, count, color, material, size, action, place, wet, time, ...
    value: Any
    words: str
    start: int  # token index


def _prop_forms() -> dict[str, tuple[str, bool]]:
    forms: dict[str, tuple[str, bool]] = {}
    for kind, (singular, plural) in lexicon.PROPS.items():
        forms.update({form: (kind, False) for form in singular})
        forms.update({form: (kind, True) for form in plural if form not in forms})
    return forms


PROP_FORMS = _prop_forms()
# Checked in this order for phrases of equal length.
TABLES: tuple[tuple[str, dict[str, Any] | set[str]], ...] = (
    ("shot_size", lexicon.SHOT_SIZES),
    ("angle", lexicon.ANGLES),
    ("move", lexicon.MOVES),
    ("look", lexicon.LOOKS),
    ("speed", lexicon.SPEEDS),
    ("time", lexicon.TIMES),
    ("wet", lexicon.WET),
    ("count", lexicon.COUNTS),
    ("prop", PROP_FORMS),
    ("material", lexicon.MATERIALS),
    ("place", lexicon.PLACES),
    ("action", lexicon.ACTIONS),
    ("color", lexicon.COLORS),
    ("size", lexicon.SIZES),
)


def _lookup(phrase: str, tokens: list[str], start: int, length: int) -> Item | None:
    following = tokens[start + length] if start + length < len(tokens) else ""
    previous = tokens[start - 1] if start > 0 else ""
    for kind, table in TABLES:
        if phrase not in table:
            continue
        value: Any = True if isinstance(table, set) else table[phrase]
        is_prop = kind == "prop"
        if is_prop and phrase in lexicon.MATERIAL_OR_PROP and _starts_prop(tokens, start + 1):
            continue  # "glass ball": a material here
        if kind == "prop" and phrase in lexicon.NEEDS_DETERMINER and not _is_determiner(previous):
            continue  # "a ball can bounce": a verb here
        if kind == "material" and phrase in lexicon.MATERIAL_OR_PROP and not following:
            continue
        return Item(kind=kind, value=value, words=phrase, start=start)
    return None


def _starts_prop(tokens: list[str], start: int) -> bool:
    return any(" ".join(tokens[start : start + n]) in PROP_FORMS for n in range(1, MAX_PHRASE + 1))


def _is_determiner(token: str) -> bool:
    return (
        token in lexicon.COUNTS
        or token in lexicon.DEFINITE
        or token in lexicon.COLORS
        or token in lexicon.MATERIALS
        or token in lexicon.SIZES
        or token.isdigit()
    )


def _recognise(tokens: list[str]) -> tuple[list[Item], list[str]]:
    """Typed items, longest phrase first, and the content words nothing recognised."""
    items: list[Item] = []
    unresolved: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i].isdigit():
            items.append(Item(kind="count", value=int(tokens[i]), words=tokens[i], start=i))
            i += 1
            continue
        for length in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            item = _lookup(" ".join(tokens[i : i + length]), tokens, i, length)
            if item is not None:
                items.append(item)
                i += length
                break
        else:
            if tokens[i] in lexicon.DEFINITE:
                items.append(Item(kind="definite", value=True, words=tokens[i], start=i))
            elif tokens[i] not in lexicon.STOPWORDS and len(tokens[i]) > 1:
                unresolved.append(tokens[i])
            i += 1
    return items, unresolved


@dataclass
class _SubjectDraft:
    id: str
    kind: str
    count: int
    words: str
    color: str | None = None
    material: str | None = None
    size: str = "normal"
    verb: str | None = None

    def apply(self, modifiers: dict[str, Any]) -> None:
        self.color = modifiers.get("color", self.color)
        self.material = modifiers.get("material", self.material)
        self.size = modifiers.get("size", self.size)


@dataclass
class _Registry:
    """Subject ids shared by all shots, so "the ball" in shot 2 is the ball of shot 1."""

    by_kind: dict[str, list[_SubjectDraft]] = field(default_factory=dict)

    def new(self, kind: str, count: int, words: str) -> _SubjectDraft:
        same = self.by_kind.setdefault(kind, [])
        draft = _SubjectDraft(id=f"{kind}_{len(same) + 1}", kind=kind, count=count, words=words)
        same.append(draft)
        return draft

    def last(self, kind: str) -> _SubjectDraft | None:
        same = self.by_kind.get(kind)
        return same[-1] if same else None


class _ShotBuilder:
    def __init__(self, registry: _Registry, previous: Shot | None) -> None:
        self.registry = registry
        self.previous = previous
        self.subjects: list[_SubjectDraft] = []
        self.fields: dict[str, Any] = {}
        self.places: list[str] = []
        self.pending: dict[str, Any] = {}
        self.pending_verb: str | None = None
        self.last_noun: _SubjectDraft | str | None = None
        self.unresolved: list[str] = []

    def feed(self, items: list[Item]) -> None:
        for index, item in enumerate(items):
            if item.kind in MODIFIERS:
                self._modifier(item, items[index + 1 :])
            elif item.kind in ("count", "definite"):
                self.pending[item.kind] = item.value
            elif item.kind == "prop":
                self._prop(item)
            elif item.kind == "place":
                self._place(item)
            elif item.kind == "action":
                self._action(item.value)
            else:
                self.fields.setdefault(item.kind, item.value)

    def _modifier(self, item: Item, rest: list[Item]) -> None:
        following = next((it for it in rest if it.kind not in MODIFIERS), None)
        if following is not None and following.kind in ("prop", "place"):
            self.pending[item.kind] = item.value  # "a red ball"
        elif isinstance(self.last_noun, _SubjectDraft):
            self.last_noun.apply({item.kind: item.value})  # "une balle rouge"
        elif self.last_noun is not None and item.kind == "material":
            self.fields["ground"] = item.value  # "un sol en bois"
        else:
            self.unresolved.append(item.words)

    def _prop(self, item: Item) -> None:
        kind, plural = PROP_FORMS[item.words]
        count = self.pending.pop("count", None)
        definite = self.pending.pop("definite", False)
        earlier = self.registry.last(kind)
        reuse = earlier is not None and count is None and (definite or earlier in self.subjects)
        if reuse and earlier is not None:
            draft = earlier
        else:
            if count is None:
                count = lexicon.PLURAL_DEFAULT_COUNT if plural else 1
            if count > lexicon.MAX_COUNT:
                logger.warning("count %d of %r lowered to %d", count, kind, lexicon.MAX_COUNT)
                count = lexicon.MAX_COUNT
            if count < 1:
                raise InvalidRequest(f"prompt: count of {item.words!r} must be at least 1")
            draft = self.registry.new(kind, count, item.words)
        draft.apply(self.pending)
        if draft not in self.subjects:
            self.subjects.append(draft)
        if self.pending_verb is not None:
            draft.verb = self.pending_verb
            self.pending_verb = None
        self.pending = {}
        self.last_noun = draft

    def _place(self, item: Item) -> None:
        self.places.append(item.value)
        if "material" in self.pending:
            self.fields["ground"] = self.pending["material"]
        elif item.words in lexicon.PLACE_GROUND:
            self.fields.setdefault("ground", lexicon.PLACE_GROUND[item.words])
        self.pending = {}
        self.last_noun = item.value

    def _action(self, verb: str) -> None:
        waiting = [draft for draft in self.subjects if draft.verb is None]
        if waiting:
            for draft in waiting:
                draft.verb = verb
        elif self.subjects:
            self.subjects[-1].verb = verb  # a second verb for the same subject: the later wins
        else:
            self.pending_verb = verb  # "bouncing balls": the subject comes next

    def setting(self) -> Setting:
        earlier = self.previous.setting if self.previous is not None else None
        if "table" in self.places:
            place = "table"
        elif self.places:
            place = self.places[0]
        else:
            place = earlier.place if earlier is not None else "floor"
        outdoor_named = any(not lexicon.INDOOR[name] for name in self.places)
        indoor = lexicon.INDOOR[place] and not outdoor_named
        if not self.places and earlier is not None:
            indoor = earlier.indoor
        default_time = earlier.time_of_day if earlier is not None else "afternoon"
        return Setting(
            place=place,
            time_of_day=self.fields.get("time", default_time),
            indoor=indoor,
            wet=bool(self.fields.get("wet", earlier.wet if earlier is not None else False)),
            ground=self.fields.get("ground", earlier.ground if earlier is not None else None),
        )

    def build(self, *, index: int, start: Fraction, duration: Fraction, text: str,
              quotes: list[Quote]) -> Shot:
        for key in MODIFIERS:
            if key in self.pending:
                self.unresolved.append(f"{key} {self.pending[key]!r} without a subject")
        if self.pending_verb is not None:
            self.unresolved.append(f"action {self.pending_verb!r} without a subject")
        look = self.fields.get("look", self.previous.style.look if self.previous else "natural")
        return Shot(
            index=index,
            start=start,
            duration=duration,
            description=text,
            subjects=[
                Subject(id=d.id, kind=d.kind, count=d.count, color=d.color, material=d.material,
                        size=d.size, words=d.words)
                for d in self.subjects
            ],
            actions=[Action(subject=d.id, verb=d.verb or "rest") for d in self.subjects],
            setting=self.setting(),
            camera=Camera(
                shot_size=self.fields.get("shot_size", "medium"),
                angle=self.fields.get("angle", "eye_level"),
                move=self.fields.get("move", "static"),
            ),
            style=Style(look=look, speed=self.fields.get("speed", Fraction(1))),
            cues=[Cue(kind="dialogue", text=q.text, speaker=q.speaker) for q in quotes],
        )


def make_storyboard(prompt: str, *, seconds: Fraction, seed: int = 0) -> Storyboard:
    """Understand `prompt` (English or French) as one or more shots lasting `seconds` in all."""
    # 1. Check inputs
    text = prompt.strip()
    if not text:
        raise InvalidRequest("prompt: must not be empty")
    if seconds <= 0:
        raise InvalidRequest(f"seconds: must be positive, got {seconds}")

    # 2. Split into shots, each with its quoted dialogue taken out
    segments = [extract_quotes(segment) for segment in split_shots(text)]
    if not segments:
        raise InvalidRequest(f"prompt: no words to plan in {prompt!r}")
    duration = Fraction(seconds) / len(segments)

    # 3. Parse shot by shot; settings and subjects carry over to later shots
    registry = _Registry()
    shots: list[Shot] = []
    unresolved: list[str] = []
    all_tokens: list[str] = []
    for index, (segment, quotes) in enumerate(segments):
        tokens = tokenize(segment)
        all_tokens += tokens
        items, unknown = _recognise(tokens)
        builder = _ShotBuilder(registry, shots[-1] if shots else None)
        builder.feed(items)
        shot = builder.build(index=index, start=duration * index, duration=duration,
                             text=segment.strip(), quotes=quotes)
        shots.append(shot)
        unresolved += [word for word in unknown + builder.unresolved if word not in unresolved]

    return Storyboard(
        prompt=text,
        language="fr" if detect_language(all_tokens) == "fr" else "en",
        seconds=Fraction(seconds),
        seed=seed,
        shots=shots,
        unresolved=unresolved,
    )
