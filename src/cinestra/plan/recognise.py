"""Tokens -> typed items: the longest catalog or grammar phrase first, ambiguity by context.

A form may belong to several domains ("porte" is a door and "carries", "glass" a material
and a glass, "rock" a stone and a music); `_choose` settles it from the neighbouring words.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache

from cinestra.plan import lexicon
from cinestra.plan.catalog import Catalog, load_catalog
from cinestra.plan.text import BREAK, QUOTE_MARK

# Catalog domains the parser reads, as item kinds; order breaks ties between equal phrases.
DOMAINS = (
    "shot_sizes", "angles", "moves", "lenses", "focus", "styles", "lighting", "speeds",
    "times", "weather", "cities", "places", "subjects", "actions", "colors", "sizes",
    "materials", "clothing", "states", "music", "moods", "effects", "relations",
)
GRAMMAR: tuple[tuple[str, Collection[str]], ...] = (
    ("filler", lexicon.FILLERS | lexicon.PROGRESSIVE),
    ("self", lexicon.SELF_WORDS),
    ("speech", lexicon.SPEECH_VERBS),
    ("do", lexicon.DO_VERBS),
    ("count", lexicon.COUNTS),
    ("pronoun", lexicon.PRONOUNS),
    ("definite", lexicon.DEFINITE),
    ("relative", lexicon.RELATIVES),
    ("clause", lexicon.CLAUSE_BREAKS),
    ("and", lexicon.AND_WORDS),
)
DETERMINERS = set(lexicon.COUNTS) | lexicon.DEFINITE
EN, FR, BOTH = frozenset({"en"}), frozenset({"fr"}), frozenset({"en", "fr"})
ARTICLES_EN = {"a", "an", "the"}


@dataclass(frozen=True)
class Meaning:
    domain: str  # a catalog domain ("subjects") or a grammar kind ("count")
    name: str  # the catalog entry name, or the phrase itself for grammar
    tags: frozenset[str] = frozenset()  # subjects: "many", "m", "f"; actions: form types
    languages: frozenset[str] = BOTH  # the languages the form belongs to


@dataclass(frozen=True)
class Item:
    domain: str
    name: str
    words: str
    start: int  # token index in the segment
    tags: frozenset[str] = frozenset()


@dataclass
class _Index:
    meanings: dict[str, list[Meaning]] = field(default_factory=dict)

    def add(self, form: str, meaning: Meaning) -> None:
        same = self.meanings.setdefault(form, [])
        for index, known in enumerate(same):
            if (known.domain, known.name) == (meaning.domain, meaning.name):
                same[index] = Meaning(known.domain, known.name, known.tags | meaning.tags,
                                      known.languages | meaning.languages)
                return
        same.append(meaning)


def _subject_forms(catalog: Catalog, index: _Index) -> None:
    for name, kind in catalog.subjects.items():
        for tags, language, forms in (
            ({"one"}, EN, kind.en.one), ({"many"}, EN, kind.en.many),
            ({"one", "m"}, FR, kind.fr.m), ({"one", "f"}, FR, kind.fr.f),
            ({"many", "m"}, FR, kind.fr.m_many), ({"many", "f"}, FR, kind.fr.f_many),
        ):
            for form in forms:
                index.add(form, Meaning("subjects", name, frozenset(tags), language))


def _action_forms(catalog: Catalog, index: _Index) -> None:
    for name, action in catalog.actions.items():
        en, fr = action.en, action.fr
        for tags, language, forms in (
            ({"finite", "base"}, EN, en.base), ({"finite"}, EN, en.third),
            ({"gerund"}, EN, en.gerund), ({"past"}, EN, en.past), ({"noun"}, EN, en.noun),
            ({"finite"}, FR, fr.present + fr.present_plural), ({"infinitive"}, FR, fr.infinitive),
            ({"gerund"}, FR, fr.participle), ({"past"}, FR, fr.past_participle),
            ({"noun"}, FR, fr.noun),
        ):
            for form in forms:
                index.add(form, Meaning("actions", name, frozenset(tags), language))


@cache
def _index() -> dict[str, list[Meaning]]:
    catalog = load_catalog()
    index = _Index()
    _subject_forms(catalog, index)
    _action_forms(catalog, index)
    for domain in DOMAINS:
        if domain in ("subjects", "actions"):
            continue
        entries = getattr(catalog, domain)
        for name, entry in entries.items():
            for language, forms in ((EN, entry.en), (FR, entry.fr)):
                for form in forms:
                    index.add(form, Meaning(domain, name, languages=language))
    for kind, table in GRAMMAR:
        for form in table:
            index.add(form, Meaning(kind, form))
    order = {domain: rank for rank, domain in enumerate(DOMAINS + tuple(k for k, _ in GRAMMAR))}
    return {form: sorted(meanings, key=lambda m: order[m.domain])
            for form, meanings in index.meanings.items()}


def _previous(tokens: list[str], start: int) -> str:
    return tokens[start - 1] if start > 0 else ""


def _next(tokens: list[str], start: int) -> str:
    return tokens[start] if start < len(tokens) else ""


def _starts_subject(tokens: list[str], start: int) -> bool:
    index = _index()
    return any(
        any(m.domain == "subjects" for m in index.get(" ".join(tokens[start : start + n]), ()))
        for n in range(1, lexicon.MAX_PHRASE + 1)
    )


def _determined(tokens: list[str], start: int) -> bool:
    """Whether a determiner, a number or a modifier comes just before `start`."""
    previous = _previous(tokens, start)
    modifier = any(m.domain in ("colors", "sizes", "materials")
                   for m in _index().get(previous, ()))
    return previous in DETERMINERS or previous.isdigit() or modifier


def _after(tokens: list[str], start: int, words: Collection[str],
           skipping: tuple[str, ...] = ("colors", "sizes", "materials", "states")) -> bool:
    """Whether one of `words` comes before `start`, past determiners and the modifiers of
    the `skipping` domains ("in a blue jacket", "sur un vieux pont")."""
    index = _index()
    position = start - 1
    while position >= 0:
        token = tokens[position]
        if token in words:
            return True
        meanings = index.get(token, ())
        if token in DETERMINERS or any(m.domain in skipping for m in meanings):
            position -= 1
            continue
        return False
    return False


def _choose(meanings: list[Meaning], tokens: list[str], start: int, length: int) -> Meaning:
    domains = {m.domain for m in meanings}
    after_determiner = _previous(tokens, start) in DETERMINERS
    by_domain = {m.domain: m for m in meanings}
    if "clothing" in domains and _after(tokens, start, lexicon.WEARING,
                                        skipping=("colors", "sizes")):
        return by_domain["clothing"]  # "in a jacket", "en veste"
    if "materials" in domains and "subjects" in domains:
        # "a glass vase" (a material) but "a glass" (the thing)
        material = _starts_subject(tokens, start + length)
        return by_domain["materials"] if material else by_domain["subjects"]
    if "places" in domains and "subjects" in domains:
        # "on a bridge" is where the shot happens; "crossing a bridge", the thing crossed
        where = _after(tokens, start, lexicon.ON_PLACE)
        return by_domain["places"] if where else by_domain["subjects"]
    if "subjects" in domains and "music" in domains:
        # "rock music" and "musique rock" are music; "a mossy rock" is a stone
        neighbours = {_previous(tokens, start), _next(tokens, start + length)}
        music = bool(neighbours & lexicon.MUSIC_WORDS)
        return by_domain["music"] if music else by_domain["subjects"]
    if "subjects" in domains and "actions" in domains:
        # "sur le lit" is a bed, "elle lit" reads
        return by_domain["subjects"] if after_determiner else by_domain["actions"]
    if "places" in domains and "actions" in domains:
        # "une ferme" is a farm, "il ferme la porte" closes it
        return by_domain["places"] if after_determiner else by_domain["actions"]
    if "states" in domains and "actions" in domains:
        # "opened the box", "a ouvert la porte" act on an object; "an open door", "the
        # door is closed", "une fenêtre ouverte" describe one
        acting = _next(tokens, start + length) in DETERMINERS
        return by_domain["actions"] if acting else by_domain["states"]
    if "effects" in domains and "actions" in domains:
        # "waves crashing" opens a clause: the sound; "one of them waves": the verb
        opening = _previous(tokens, start) in ("", BREAK) or after_determiner
        return by_domain["effects"] if opening else by_domain["actions"]
    if "actions" in domains and "clothing" in domains:
        return by_domain["actions"]
    return meanings[0]


def recognise(tokens: list[str], language: str) -> tuple[list[Item], list[str]]:
    """Typed items, longest phrase first, and the content words nothing recognised."""
    items: list[Item] = []
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        item = _special(token, i) or _longest(tokens, i, language)
        if item is None and token not in lexicon.STOPWORDS and len(token) > 1:
            item = Item(domain="unknown", name=token, words=token, start=i)
        if item is None:
            i += 1
        elif item.domain == "unknown":
            # Kept as an item too: a modifier after an unknown noun is not the earlier noun's.
            items.append(item)
            unknown.append(item.words)
            i += 1
        else:
            items.append(item)
            i += len(item.words.split()) if item.domain not in ("break", "quote") else 1
    return items, unknown


def _special(token: str, start: int) -> Item | None:
    if token == BREAK:
        return Item(domain="break", name=BREAK, words=BREAK, start=start)
    if token.startswith(QUOTE_MARK):
        return Item(domain="quote", name=token[1:], words=token, start=start)
    if token.isdigit():
        return Item(domain="number", name=token, words=token, start=start)
    return None


def _longest(tokens: list[str], start: int, language: str) -> Item | None:
    index = _index()
    for length in range(min(lexicon.MAX_PHRASE, len(tokens) - start), 0, -1):
        phrase = " ".join(tokens[start : start + length])
        meanings = index.get(phrase)
        if not meanings:
            continue
        own = [m for m in meanings if language in m.languages]
        if not own and phrase in lexicon.STOPWORDS:
            continue  # "pour" in a French prompt is "for", not to pour
        meaning = _choose(own or meanings, tokens, start, length)
        if meaning.domain == "subjects" and phrase in lexicon.NOUN_AFTER_DETERMINER and not (
            _determined(tokens, start)
        ):
            continue  # "a ball can roll": a verb here
        tags = meaning.tags
        if meaning.domain == "actions" and "base" in tags and _previous(tokens, start) in (
            ARTICLES_EN
        ):
            tags = frozenset({"noun"})  # English verbs name their action: "a race", "a jump"
        elif _unknown_noun(meaning, tokens, start):
            # An action form used as a noun the catalog lacks ("une rampe"): not understood.
            return Item(domain="unknown", name=phrase, words=phrase, start=start)
        return Item(domain=meaning.domain, name=meaning.name, words=phrase, start=start,
                    tags=tags)
    return None


def _unknown_noun(meaning: Meaning, tokens: list[str], start: int) -> bool:
    if meaning.domain != "actions" or "noun" in meaning.tags:
        return False
    previous = _previous(tokens, start)
    if previous == "l" and "finite" in meaning.tags:
        return False  # "l'attrape", "l'ouvre": an object pronoun before the verb
    return previous in DETERMINERS and previous not in ("de", "du", "d")
