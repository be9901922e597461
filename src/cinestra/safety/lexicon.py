"""EN+FR vocabularies (`data/lexicon.json`) matched on normalised text, with context rules.

The file holds, per category, terms that `block` (score 1.0), that hold for `review` (0.6)
or that are only `weak` signals (0.3, recorded but below every default threshold), and
`combos`: named word sets that must all occur in the prompt ("minor" + "nudity" → 1.0),
in order and close together when `within` gives a number of words.
`benign` phrases are taken out of the text first, so "breast stroke", "dead leaves" or
"photo shoot" never reach the terms. A word ending in `*` is a prefix ("decapitat*",
"slit* her wrists"); other terms also match their plural (-s, -es, -x). Terms go through
`normalize`, like the prompt, so accents, repeated letters and leetspeak agree on both sides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

from cinestra.safety.normalize import normalize
from cinestra.safety.verdict import CATEGORIES, Category

LEVELS = {"block": 1.0, "review": 0.6, "weak": 0.3}
# Ages under 18 written out: "12 year old", "a 9yo", "une fille de 14 ans".
MINOR_AGE = r"(?:[0-9]|1[0-7]) ?(?:yo|y o|yr old|yrs old|year old|years old|yearold|ans)"


@dataclass(frozen=True)
class Hit:
    """One vocabulary entry (or combination) found in the text."""

    category: Category
    score: float
    term: str


@dataclass(frozen=True)
class _Rule:
    category: Category
    score: float
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Combo:
    category: Category
    score: float
    sets: tuple[str, ...]
    # Ordered combos need each set to start after the previous one, at most `gap` words on.
    gap: int | None = None


def _piece(term: str) -> str:
    """One term as a regex alternative over normalised text; `word*` is a prefix."""
    parts = []
    for word in term.split():
        body = normalize(word.rstrip("*"))
        if not body:
            raise ValueError(f"lexicon term {term!r} has an empty word once normalised")
        parts.append(re.escape(body) + ("[a-z]*" if word.endswith("*") else ""))
    if not parts:
        raise ValueError(f"lexicon term {term!r} is empty")
    plural = "" if term.endswith("*") else "(?:s|es|x)?"
    return " ".join(parts) + plural


def compile_terms(terms: Iterable[str], *, extra: str | None = None) -> re.Pattern[str]:
    """A whole-word pattern for `terms` (and an optional raw regex alternative)."""
    pieces = sorted({_piece(term) for term in terms}, key=len, reverse=True)
    if extra:
        pieces.append(extra)
    if not pieces:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(pieces) + r")(?![a-z0-9])")


class Lexicon:
    """Compiled vocabularies; `scan(normalised_text)` lists every hit."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.benign = compile_terms(data.get("benign", []))
        self.sets = {
            name: compile_terms(terms, extra=MINOR_AGE if name == "minor" else None)
            for name, terms in data.get("sets", {}).items()
        }
        self.rules: list[_Rule] = []
        self.combos: list[_Combo] = []
        for name, entry in data.get("categories", {}).items():
            if name not in CATEGORIES:
                raise ValueError(f"lexicon: unknown category {name!r}")
            category = cast(Category, name)
            for level, score in LEVELS.items():
                if entry.get(level):
                    self.rules.append(_Rule(category, score, compile_terms(entry[level])))
            for combo in entry.get("combos", []):
                missing = [s for s in combo["all"] if s not in self.sets]
                if missing:
                    raise ValueError(f"lexicon: {name} combo names unknown sets {missing}")
                gap = combo.get("within")
                self.combos.append(_Combo(category, float(combo["score"]), tuple(combo["all"]),
                                          None if gap is None else int(gap)))

    def without_benign(self, text: str) -> str:
        """`text` (normalised) with innocent phrases replaced by a neutral marker."""
        return self.benign.sub(" , ", text)

    def scan(self, text: str, *, blocked_terms: Sequence[str] = ()) -> list[Hit]:
        """Every hit in normalised `text`; `blocked_terms` are an organisation's own.

        An organisation's terms match the whole text, benign phrases included (a school may
        refuse "water gun"); they count as `illicit`, the category of forbidden objects.
        """
        own = compile_terms(blocked_terms).search(text) if blocked_terms else None
        text = self.without_benign(text)
        hits = []
        for rule in self.rules:
            match = rule.pattern.search(text)
            if match:
                hits.append(Hit(rule.category, rule.score, match.group(0)))
        found: dict[str, list[re.Match[str]]] = {}
        for name, pattern in self.sets.items():
            matches = list(pattern.finditer(text))
            if matches:
                found[name] = matches
        for combo in self.combos:
            if not all(name in found for name in combo.sets):
                continue
            chain = [found[name][0] for name in combo.sets]
            if combo.gap is not None:
                chain = _in_order(text, [found[name] for name in combo.sets], combo.gap)
            if chain:
                words = " + ".join(match.group(0) for match in chain)
                hits.append(Hit(combo.category, combo.score, words))
        if own:
            hits.append(Hit("illicit", 1.0, f"{own.group(0)} (an organisation rule)"))
        return hits


def _in_order(text: str, candidates: list[list[re.Match[str]]],
              gap: int) -> list[re.Match[str]]:
    """One match per set, each starting after the previous one, at most `gap` words apart."""
    chain: list[re.Match[str]] = []
    for matches in candidates:
        previous = chain[-1] if chain else None
        for match in matches:
            if previous is None:
                chain.append(match)
                break
            between = text[previous.end():match.start()]
            if match.start() >= previous.end() and between.count(" ") <= gap + 1:
                chain.append(match)
                break
        else:
            return []
    return chain


@cache
def load_lexicon() -> Lexicon:
    """The shipped vocabularies, compiled once."""
    raw = resources.files("cinestra.safety").joinpath("data/lexicon.json").read_text("utf-8")
    return Lexicon(json.loads(raw))
