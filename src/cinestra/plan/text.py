"""Text handling before parsing: tokens, quoted dialogue, shot markers, durations, language."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from cinestra.plan import lexicon

_TOKEN = re.compile(r"[0-9]+|[a-zà-öø-ÿœæ&]+")
_QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|«\s*([^»]+?)\s*»")
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]…]+")
# "Shot 2:", "Shot 1 (3s):", "Plan 2 (3 s) :", "Cut to:", "Coupe sur :"; and, at the start of
# a sentence only, "Then", "Puis", "Ensuite" (inside a sentence they order actions).
_DURATION = r"(?:\s*\(\s*(\d+(?:[.,]\d+)?)\s*(?:s|sec|secs|seconds|secondes)\s*\))?"
_SHOT_MARKER = re.compile(
    r"\b(?:shot|plan)\s*\d+" + _DURATION + r"\s*[:.-]"
    r"|\b(?:cut\s+to|coupe\s+sur)\s*:?"
    r"|(?:^|(?<=[.!?»\"”]))\s*(?:then|puis|ensuite)\b\s*,?",
    re.IGNORECASE,
)
# "Wide shot:", "Gros plan :" opening a sentence after the first: a heading, checked against
# the shot sizes `split_shots` is given; the heading stays in the shot, which reads its size.
_HEADING = re.compile(r"(?<=[.!?»\"”])\s*([^\W\d_][^.!?:\"“”«»\d]{0,40}?)\s*:")
# "8 seconds:" names the clip's length (a request field), not a count of anything.
_LENGTH = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:s|sec|secs|seconds|secondes)\b\s*:?", re.IGNORECASE)

QUOTE_MARK = "\x00"  # a quote's token starts with it, so no catalog form can match it
BREAK = ","  # the token for punctuation: clauses end there


@dataclass(frozen=True)
class Segment:
    text: str
    seconds: Fraction | None  # "Shot 1 (3s):" gives this shot's length


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and apostrophes separate words ("close-up" -> close, up)."""
    return _TOKEN.findall(text.lower().replace("’", " ").replace("'", " ").replace("-", " "))


def split_shots(text: str, headings: Collection[str] = ()) -> list[Segment]:
    """Split at shot markers and at sentence-opening `headings` ("wide shot", as `tokenize`
    joins them); no marker means one shot. Empty pieces are dropped."""
    segments: list[Segment] = []
    cursor = 0
    seconds: Fraction | None = None
    for match in _SHOT_MARKER.finditer(text):
        _append_headed(segments, text[cursor : match.start()], seconds, headings)
        found = match.group(1)
        seconds = Fraction(found.replace(",", ".")) if found else None
        cursor = match.end()
    _append_headed(segments, text[cursor:], seconds, headings)
    return segments


def _append_headed(segments: list[Segment], piece: str, seconds: Fraction | None,
                   headings: Collection[str]) -> None:
    # A heading starts a new shot; the piece's own length stays with its first part.
    cursor = 0
    for match in _HEADING.finditer(piece):
        if " ".join(tokenize(match.group(1))) in headings:
            _append(segments, piece[cursor : match.start()], seconds)
            seconds, cursor = None, match.start()
    _append(segments, piece[cursor:], seconds)


def _append(segments: list[Segment], piece: str, seconds: Fraction | None) -> None:
    piece = piece.strip(" \t\n.,;")
    if piece:
        segments.append(Segment(text=piece, seconds=seconds))


def clause_tokens(text: str) -> tuple[list[str], list[str]]:
    """Tokens of `text` with punctuation as `BREAK` and each quote as one placeholder token.

    Returns the tokens and the quoted texts; placeholder ``QUOTE_MARK + "3"`` stands for
    the fourth quote.
    """
    quotes: list[str] = []
    tokens: list[str] = []
    cursor = 0
    for match in _QUOTE.finditer(text):
        tokens += _plain_tokens(text[cursor : match.start()])
        spoken = next(group for group in match.groups() if group is not None)
        tokens.append(f"{QUOTE_MARK}{len(quotes)}")
        quotes.append(spoken.strip())
        cursor = match.end()
    tokens += _plain_tokens(text[cursor:])
    return tokens, quotes


def _plain_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for index, piece in enumerate(_PUNCTUATION.split(_LENGTH.sub(",", text))):
        if index:
            tokens.append(BREAK)
        tokens += tokenize(piece)
    return tokens


def detect_language(tokens: list[str]) -> str:
    french = sum(token in lexicon.FRENCH_HINTS for token in tokens)
    english = sum(token in lexicon.ENGLISH_HINTS for token in tokens)
    if french == english:
        return "fr" if any(ch in "éèêàâçùûîôœ" for token in tokens for ch in token) else "en"
    return "fr" if french > english else "en"
