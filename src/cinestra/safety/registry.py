"""Likeness registry: real people who may appear only through their own cameo.

`data/people.tsv` lists well-known people (name, aliases, role, year of death); an
operator's policy adds names and estate opt-outs. `find_people` looks every name and
alias up among the word n-grams of the normalised prompt, written with or without
spaces ("B a r a c k  O b a m a" and "barackobama" both match), then applies context
rules: a name given to an animal or a thing ("a parrot called Obama"), a style or a work
("in the style of Van Gogh", "a Picasso painting") and a place named after someone
("rue Victor Hugo", "Charles de Gaulle airport") are not a depiction of the person.
Short or ambiguous one-word names ("Prince", "Drake", "Cher", "BTS") count only when
written with a capital letter and without an article before them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cinestra.safety.normalize import fold_homoglyphs, normalize, strip_accents, strip_invisible

MAX_WORDS = 6


def _words(text: str) -> frozenset[str]:
    """Whitespace-separated words, normalised like prompts."""
    return frozenset(normalize(word) for word in text.split())


# One-word names that are also ordinary words, first names or acronyms.
AMBIGUOUS = _words("""
    prince drake cher sting madonna usher soprano adele ninja speed rosalia angele jul gims
    louane slimane vianney cyprien zaz kobe kaka canelo bowie einstein hawking elvis lemmy
    evita ye mao bono trump kanye shaq oprah barbara madiba bts sch pnl aoc mbs mbz sbf srk
    rdj mlk jfk fdr vge amlo cr7 r9 xqc lula mooji nagui giannis wemby zizou kobe ozzy
    melania malala tupac ronaldinho neymar lincoln churchill napoleon gandhi lenin picasso
    shakespeare kasparov zidane cantona mourinho prigozhin reagan nixon bolsonaro
""")
DETERMINERS = _words(
    "a an the this that one some my your his her our their un une le la les ce cette mon ma "
    "ton ta son sa du des petit petite young little jeune")
NAMING = _words(
    "called named nicknamed dubbed nome nomme nommee appele appelee surnomme surnommee "
    "prenomme prenommee baptise baptisee")
NON_HUMAN = _words("""
    parrot dog puppy cat kitten bird horse pony donkey hamster fish goldfish turtle tortoise
    rabbit bunny mouse rat snake lizard pig cow goat chicken duck sheep monkey elephant lion
    tiger bear giraffe dragon dinosaur robot alien doll teddy toy plant cactus ball boat
    ship car truck bike spaceship pet perroquet chien chiot chat chaton oiseau cheval poney
    ane poisson tortue lapin souris serpent lezard cochon vache chevre poule canard mouton
    singe elephant tigre ours girafe dinosaure poupee peluche jouet plante bateau voiture
    camion velo fusee street road avenue square school college bar restaurant cafe hotel
    shop store company band team city town village planet star rue route place ecole
    magasin boutique societe groupe equipe ville village planete etoile
""")
STYLE_BEFORE = tuple(normalize(phrase) for phrase in (
                "style of", "in the style of", "style", "a la maniere de", "facon",
                "inspired by", "inspire de", "inspiree de", "like a painting by",
                "rue", "avenue", "boulevard", "place", "lycee", "college", "ecole", "aeroport",
                "gare", "stade", "pont", "quai", "station", "musee", "universite", "hopital"))
STYLE_AFTER = _words("""
    painting paintings style play plays novel novels song songs album albums poem poems
    quote quotes tableau tableaux piece roman chanson chansons film movie cake airport street
    avenue boulevard station museum university school bridge square stadium hospital
    biography costume costumes mask poster posters impression impersonator
""")


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    role: str
    died: int | None  # year of death; None while alive

    @property
    def deceased(self) -> bool:
        return self.died is not None


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    written: str  # the words of the prompt that named them (normalised)


class Registry:
    """Names and aliases indexed by their normalised form (with and without spaces)."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people: list[Person] = []
        self.index: dict[str, Person] = {}
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        self.people.append(person)
        for written in (person.name, *person.aliases):
            key = normalize(written)
            if not key:
                continue
            self.index.setdefault(key, person)
            if " " in key:
                self.index.setdefault(key.replace(" ", ""), person)

    def lookup(self, name: str) -> Person | None:
        key = normalize(name)
        return self.index.get(key) or self.index.get(key.replace(" ", ""))

    def find(self, text: str) -> list[PersonMatch]:
        """Every person named in `text` (the raw prompt), context rules applied."""
        words = normalize(text).split()
        cased = set(_cased_words(text))
        found: dict[str, PersonMatch] = {}
        start = 0
        while start < len(words):
            step = 1
            for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
                gram = words[start:start + size]
                person = self.index.get(" ".join(gram)) or self.index.get("".join(gram))
                if person is None or not _depicts(words, start, size, cased):
                    continue
                found.setdefault(person.name, PersonMatch(person, " ".join(gram)))
                step = size
                break
            start += step
        return list(found.values())


def _cased_words(text: str) -> list[str]:
    """Words that start with a capital letter, normalised (for ambiguous one-word names)."""
    plain = strip_accents(fold_homoglyphs(strip_invisible(text)))
    return [normalize(word) for word in re.findall(r"\b[A-Z][\w'-]*", plain)]


def _depicts(words: Sequence[str], start: int, size: int, cased: set[str]) -> bool:
    """False when context shows the name is not the person themselves."""
    before = words[max(0, start - 4):start]
    after = words[start + size:start + size + 2]
    short = size == 1 and (words[start] in AMBIGUOUS or len(words[start]) <= 4)
    if short and (words[start] not in cased or (before and before[-1] in DETERMINERS)):
        return False
    if len(before) >= 2 and before[-1] in NAMING and (
            set(before[:-1]) & NON_HUMAN):
        return False
    head = " " + " ".join(before)
    if any(head.endswith(" " + phrase) for phrase in STYLE_BEFORE):
        return False
    next_words = [word for word in after if word != "s"]
    return not (next_words and next_words[0] in STYLE_AFTER)


def _read_people() -> list[Person]:
    text = resources.files("cinestra.safety").joinpath("data/people.tsv").read_text("utf-8")
    people = []
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        aliases = tuple(alias for alias in row["aliases"].split("|") if alias)
        died = int(row["died"]) if row["died"] else None
        people.append(Person(row["name"], aliases, row["role"], died))
    return people


@cache
def shipped_people() -> tuple[Person, ...]:
    """The people listed in the package's `data/people.tsv`."""
    return tuple(_read_people())


def build_registry(extra: Iterable[Person] = ()) -> Registry:
    """The shipped registry plus an operator's extra people."""
    return Registry([*shipped_people(), *extra])
