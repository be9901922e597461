"""Rule-based English/French planner: prompt text -> Storyboard.

Per shot: `text.clause_tokens` keeps punctuation and quotes as tokens, `recognise` turns
tokens into typed items from the catalog (longest phrase first), `ShotBuilder` folds the
items into subjects, actions, relations, dialogue and the scalar fields. Subjects keep
their id across shots; the setting and the look carry over until a shot names new ones.
"""

from __future__ import annotations

import logging
from fractions import Fraction

from cinestra.errors import InvalidRequest
from cinestra.plan.catalog import load_catalog
from cinestra.plan.nearest import Guess, TermResolver, shared_resolver
from cinestra.plan.recognise import recognise
from cinestra.plan.shots import ShotBuilder
from cinestra.plan.storyboard import (
    Action,
    Camera,
    Setting,
    Shot,
    Storyboard,
    Style,
    WordGuess,
)
from cinestra.plan.subjects import Registry
from cinestra.plan.text import Segment, clause_tokens, detect_language, split_shots

logger = logging.getLogger(__name__)

DEFAULT_PLACE = "floor"  # what a prompt that names no place (and no city) stands on
DEFAULT_TIME = "afternoon"


def shot_durations(segments: list[Segment], seconds: Fraction) -> list[Fraction]:
    """Per-shot lengths: those the prompt gives ("Shot 1 (3s):"), the rest shared equally.

    They always add up to `seconds`; lengths that cannot are scaled, with a warning.
    """
    given = [segment.seconds for segment in segments]
    known = sum((value for value in given if value is not None), Fraction(0))
    missing = sum(value is None for value in given)
    if missing == len(given):
        return [seconds / len(given)] * len(given)
    if missing and known < seconds:
        share = (seconds - known) / missing
        return [value if value is not None else share for value in given]
    if not missing and known == seconds:
        return [value for value in given if value is not None]
    logger.warning("shot lengths %s do not fit %s s: scaled to fit",
                   [str(value) for value in given], seconds)
    if missing:
        return [seconds / len(given)] * len(given)
    return [value * seconds / known for value in given if value is not None]


def _setting(builder: ShotBuilder, earlier: Setting | None) -> Setting:
    catalog = load_catalog()
    scalars = builder.scalars
    city = scalars.get("cities", earlier.city if earlier else None)
    if builder.places:
        place = builder.places[0]
        indoor = catalog.places[place].indoor
    elif earlier is not None:
        place, indoor = earlier.place, earlier.indoor
    else:
        place, indoor = DEFAULT_PLACE, city is None  # a city without a place: outdoors
    hours = catalog.places[place].hours or DEFAULT_TIME  # the hour the place suggests
    return Setting(
        place=place,
        city=city,
        time_of_day=scalars.get("times", earlier.time_of_day if earlier else hours),
        weather=scalars.get("weather", earlier.weather if earlier else None),
        indoor=indoor,
        wet=builder.wet or (earlier.wet if earlier is not None else False),
        ground=builder.ground or (earlier.ground if earlier is not None else None),
    )


def _shot(builder: ShotBuilder, *, index: int, start: Fraction, duration: Fraction, text: str,
          previous: Shot | None) -> Shot:
    scalars = builder.scalars
    look = scalars.get("styles", previous.style.look if previous else "natural")
    ids = {draft.id for draft in builder.subjects}
    actions = [a for a in builder.actions if a.subject in ids]
    return Shot(
        index=index,
        start=start,
        duration=duration,
        description=text,
        subjects=[draft.subject() for draft in builder.subjects],
        actions=[Action(subject=a.subject, verb=a.verb,
                        target=a.target if a.target in ids else None) for a in actions],
        relations=builder.relations,
        setting=_setting(builder, previous.setting if previous else None),
        camera=Camera(
            shot_size=scalars.get("shot_sizes", "medium"),
            angle=scalars.get("angles", "eye_level"),
            move=scalars.get("moves", "static"),
            lens=scalars.get("lenses"),
            focus=scalars.get("focus"),
        ),
        style=Style(look=look, speed=builder.speed(), lighting=builder.lighting),
        cues=builder.cues,
    )


def make_storyboard(prompt: str, *, seconds: Fraction, seed: int = 0,
                    resolver: TermResolver | None = None) -> Storyboard:
    """Understand `prompt` (English or French) as one or more shots lasting `seconds` in all.

    Words the catalog does not list are matched to its nearest entry by `resolver` (the
    process-wide one by default); the sure matches are read as that entry and listed in
    `Storyboard.guesses`, the rest in `Storyboard.unresolved`.
    """
    # 1. Check inputs
    text = prompt.strip()
    if not text:
        raise InvalidRequest("prompt: must not be empty")
    if seconds <= 0:
        raise InvalidRequest(f"seconds: must be positive, got {seconds}")

    # 2. Split into shots and give each its length
    segments = split_shots(text, headings=load_catalog().index_of("shot_sizes"))
    if not segments:
        raise InvalidRequest(f"prompt: no words to plan in {prompt!r}")
    durations = shot_durations(segments, Fraction(seconds))

    # 3. Tokens; the language first: a form of the other language yields to one of the
    # prompt's
    tokenised = [clause_tokens(segment.text) for segment in segments]
    language = detect_language([token for tokens, _ in tokenised for token in tokens])

    # 4. Catalog items; words the catalog does not list are read as their nearest entry
    # when the model is sure, and only then are the segments recognised again
    recognised = [recognise(tokens, language) for tokens, _ in tokenised]
    guesses = _sure_guesses([unknown for _, unknown in recognised], language, resolver)
    if guesses:
        tokenised = [(_read_as(tokens, guesses), quotes) for tokens, quotes in tokenised]
        recognised = [recognise(tokens, language) for tokens, _ in tokenised]

    # 5. Parse shot by shot; subjects keep their ids, the setting carries over
    registry = Registry()
    shots: list[Shot] = []
    unresolved: list[str] = []
    start = Fraction(0)
    for index, (segment, duration) in enumerate(zip(segments, durations, strict=True)):
        quotes = tokenised[index][1]
        items, unknown = recognised[index]
        builder = ShotBuilder(registry)
        builder.feed(items, quotes)
        shots.append(_shot(builder, index=index, start=start, duration=duration,
                           text=segment.text, previous=shots[-1] if shots else None))
        start += duration
        unresolved += [word for word in unknown if word not in unresolved]

    return Storyboard(
        prompt=text,
        language="fr" if language == "fr" else "en",
        seconds=Fraction(seconds),
        seed=seed,
        shots=shots,
        unresolved=unresolved,
        guesses=[WordGuess(word=g.word, domain=g.domain, name=g.name,
                           confidence=g.confidence) for g in guesses.values()],
    )


def _sure_guesses(unknown_per_segment: list[list[str]], language: str,
                  resolver: TermResolver | None) -> dict[str, Guess]:
    """Unknown word -> its nearest catalog entry, for the words the model is sure of."""
    unknown: list[str] = []
    for words in unknown_per_segment:
        unknown += [word for word in words if word not in unknown]
    if not unknown:
        return {}
    guesses = (resolver or shared_resolver()).guess(unknown, language=language)
    return {guess.word: guess for guess in guesses if guess.usable}


def _read_as(tokens: list[str], guesses: dict[str, Guess]) -> list[str]:
    """`tokens` with each guessed word replaced by the tokens of its catalog form."""
    out: list[str] = []
    for token in tokens:
        guess = guesses.get(token)
        out += guess.form.split() if guess else [token]
    return out
