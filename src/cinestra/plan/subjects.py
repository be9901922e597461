"""Subjects shared by all shots: one id per thing, pronouns resolved to earlier subjects."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from cinestra.errors import InvalidRequest
from cinestra.plan import lexicon
from cinestra.plan.catalog import Family, load_catalog
from cinestra.plan.storyboard import Subject

logger = logging.getLogger(__name__)

ANIMATE = ("biped", "quadruped", "bird", "fish")
SELF_KIND = "person"  # the user's own cameo


@dataclass
class SubjectDraft:
    id: str
    kind: str
    family: Family
    count: int
    words: str
    gender: str | None = None  # "male"/"female" from the kind or the French form's gender
    color: str | None = None
    material: str | None = None
    size: str = "normal"
    clothing: str | None = None
    states: list[str] = field(default_factory=list)
    was_agent: bool = False  # did something in the prompt: pronouns look here first
    was_object: bool = False  # had something done to it: pronouns look here next

    def apply(self, modifiers: dict[str, str]) -> None:
        self.color = modifiers.get("colors", self.color)
        self.material = modifiers.get("materials", self.material)
        self.size = modifiers.get("sizes", self.size)
        state = modifiers.get("states")
        if state is not None and state not in self.states:
            self.states.append(state)

    def subject(self) -> Subject:
        return Subject(id=self.id, kind=self.kind, family=self.family,
                       count=self.count, color=self.color, material=self.material,
                       size=self.size, clothing=self.clothing, states=list(self.states),
                       words=self.words)


@dataclass
class Registry:
    """Subject ids shared by all shots, so "the ball" in shot 2 is the ball of shot 1."""

    by_kind: dict[str, list[SubjectDraft]] = field(default_factory=dict)
    mentions: list[SubjectDraft] = field(default_factory=list)  # most recent last

    def mention(self, draft: SubjectDraft) -> SubjectDraft:
        if draft in self.mentions:
            self.mentions.remove(draft)
        self.mentions.append(draft)
        return draft

    def named(self, *, kind: str, tags: frozenset[str], words: str, count: int | None,
              definite: bool) -> SubjectDraft:
        """The subject a noun names: an earlier one of the same kind, or a new one."""
        plural = "many" in tags and "one" not in tags  # "un bus", "des bus": the count says
        earlier = self.by_kind.get(kind)
        if earlier and count is None and (definite or not plural):
            return self.mention(earlier[-1])
        if count is None or (plural and count == 1):
            # "a race of ducklings": a singular article is never a plural noun's count
            count = lexicon.PLURAL_DEFAULT_COUNT if plural else 1
        if count > lexicon.MAX_COUNT:
            logger.warning("count %d of %r lowered to %d", count, kind, lexicon.MAX_COUNT)
            count = lexicon.MAX_COUNT
        if count < 1:
            raise InvalidRequest(f"prompt: count of {words!r} must be at least 1")
        entry = load_catalog().subjects[kind]
        gender = entry.gender or ("male" if "m" in tags and "f" not in tags else
                                  "female" if "f" in tags and "m" not in tags else None)
        same = self.by_kind.setdefault(kind, [])
        draft = SubjectDraft(id=f"{kind}_{len(same) + 1}", kind=kind, family=entry.family,
                             count=count, words=words, gender=gender)
        same.append(draft)
        return self.mention(draft)

    def self_subject(self, words: str) -> SubjectDraft:
        for draft in self.by_kind.get(SELF_KIND, []):
            if draft.words in lexicon.SELF_WORDS:
                return self.mention(draft)
        return self.named(kind=SELF_KIND, tags=frozenset({"one"}), words=words, count=1,
                          definite=False)

    def resolve(self, pronoun: str, *, not_: Sequence[SubjectDraft] = ()) -> SubjectDraft | None:
        """The earlier subject a pronoun stands for: agents, then objects, then any; animate
        first, latest first.

        `not_` are subjects it cannot be: the agents of the verb it is the object of
        ("the dog jumps on him" is not the dog).
        """
        gender, plural = lexicon.PRONOUNS[pronoun]
        fits = [d for d in reversed(self.mentions) if d not in not_
                and (d.count > 1) == plural and (gender is None or d.gender in (None, gender))]
        if pronoun == "it":  # a thing or an animal, never a person
            fits = [d for d in fits if d.family != "biped"]
        for pool in ([d for d in fits if d.was_agent], [d for d in fits if d.was_object], fits):
            animate = [d for d in pool if d.family in ANIMATE] if pronoun != "it" else []
            if animate or pool:
                return self.mention((animate or pool)[0])
        return None
