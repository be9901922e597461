"""Text handling before parsing: tokens, quoted dialogue, shot markers, language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cinestra.plan import lexicon

_TOKEN = re.compile(r"[0-9]+|[a-zà-öø-ÿœæ&]+")
_QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|«\s*([^»]+?)\s*»")
_SPEAKER = re.compile(
    r"(?:\b(?:the|le|la|l')\s*)?(\w+)\s+(?:says|said|asks|shouts|whispers|replies|answers|"
    r"dit|demande|crie|murmure|répond|chuchote)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_SHOT_MARKER = re.compile(
    r"\b(?:shot\s*\d+\s*[:.-]|cut\s+to\s*:?|plan\s*\d+\s*[:.-]|coupe\s+sur\s*:?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and apostrophes separate words ("close-up" -> close, up)."""
    return _TOKEN.findall(text.lower().replace("’", " ").replace("'", " ").replace("-", " "))


def split_shots(text: str) -> list[str]:
    """Split at "Shot 2:", "Cut to", "Plan 2 :", "Coupe sur"; no marker means one shot."""
    parts = [part.strip(" \t\n.,;") for part in _SHOT_MARKER.split(text)]
    return [part for part in parts if part]


def extract_quotes(text: str) -> tuple[str, list[Quote]]:
    """Remove quoted dialogue (and "X says") from `text`; return the rest and the quotes."""
    quotes: list[Quote] = []
    rest: list[str] = []
    cursor = 0
    for match in _QUOTE.finditer(text):
        before = text[cursor : match.start()]
        speaker_match = _SPEAKER.search(before)
        speaker = speaker_match.group(1).lower() if speaker_match else None
        if speaker_match:
            before = before[: speaker_match.start()]
        rest.append(before)
        spoken = next(group for group in match.groups() if group is not None)
        quotes.append(Quote(text=spoken.strip(), speaker=speaker))
        cursor = match.end()
    rest.append(text[cursor:])
    return " ".join(rest), quotes


def detect_language(tokens: list[str]) -> str:
    french = sum(token in lexicon.FRENCH_HINTS for token in tokens)
    english = sum(token in lexicon.ENGLISH_HINTS for token in tokens)
    if french == english:
        return "fr" if any(ch in "éèêàâçùûîôœ" for token in tokens for ch in token) else "en"
    return "fr" if french > english else "en"
