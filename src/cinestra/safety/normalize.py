"""Text normalisation against filter evasion, applied to prompts and vocabularies alike.

Each step is a small public function, tested on its own; `normalize` chains them:

1. `strip_invisible`: zero-width spaces/joiners, soft hyphens, BOM, bidi marks removed;
2. `fold_homoglyphs`: NFKC (full-width → ASCII), then Cyrillic/Greek look-alikes → Latin;
3. `fold_case` and `strip_accents` ("Élysée" → "elysee");
4. `undo_leetspeak`: digits and symbols inside words ("s3x", "n@ked", "k1ll") → letters;
5. `join_spaced_letters`: "n u d e", "n.u.d.e", "n-u-d-e" → "nude"; "nu-de" → "nude";
6. `squeeze_repeats`: every run of one letter → one letter ("nuuuude" → "nude",
   "kill" → "kil"). Vocabularies go through the same steps, so both sides agree.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e"
             "\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066"
             "\u2067\u2068\u2069\u3164\ufeff\uffa0"),
    None,
)

# Cyrillic and Greek letters that look like Latin ones (after lower-casing).
HOMOGLYPHS = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "и": "u", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ь": "b", "ы": "bi", "г": "r",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s", "σ": "o", "μ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes outside ASCII
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
})

# Leetspeak, applied only next to letters so that "3 balls" or "50 cm" stay numbers.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
        "@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "+": "t"}
_LEET_CHARS = re.escape("".join(LEET))
_DIGIT_LEET = re.escape("01345789@$€")
_LEET_TOKEN = re.compile(rf"[a-z{_LEET_CHARS}]+")
_LEET_INNER = re.compile(rf"(?<=[a-z])[{_LEET_CHARS}]+(?=[a-z])")
_LEET_LEAD = re.compile(rf"^[{_LEET_CHARS}]+")
_LEET_TRAIL = re.compile(rf"[{_DIGIT_LEET}]+$")
_SEPARATORS = r"[\s.\-_*·•~'^/\\]+"
# Three or more single characters separated by spaces or punctuation: "n u d e", "s.e.x".
_SPACED = re.compile(rf"(?<![a-z0-9])(?:[a-z0-9]{_SEPARATORS}){{2,}}[a-z0-9](?![a-z0-9])")
_SPLIT_SEP = re.compile(_SEPARATORS)
_WORD_GAP = re.compile(r"\s{2,}|\s*[/\\]\s*")
_PUNCT_GAP = re.compile(r"[^\s\w]*\s+[^\s\w]*")
# A dot, dash, underscore or star between two letters inside a word: "nu-de", "s*x".
_INNER = re.compile(r"(?<=[a-z])[.\-_*·](?=[a-z])")
_REPEATS = re.compile(r"([a-z])\1+")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


def strip_invisible(text: str) -> str:
    """Remove zero-width and other invisible format characters."""
    return text.translate(INVISIBLE)


def fold_homoglyphs(text: str) -> str:
    """Full-width and compatibility forms to ASCII (NFKC), Cyrillic/Greek look-alikes to Latin.

    Letters are folded only inside words that also hold Latin letters or that are made
    entirely of look-alikes: a whole Russian or Greek sentence is still mangled, which is
    harmless for matching English and French vocabularies.
    """
    return unicodedata.normalize("NFKC", text).translate(HOMOGLYPHS)


def fold_case(text: str) -> str:
    return text.casefold()


def strip_accents(text: str) -> str:
    """"Élysée" → "Elysee": decompose and drop combining marks."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def undo_leetspeak(text: str) -> str:
    """Digits and symbols standing for letters: "s3x" → "sex", "5u1c1d3" → "suicide".

    Only in words with at least two letters: symbols between letters always, a leading
    run when three letters follow ("0bama", not "3d" or "10am"), a trailing run of digits
    or @$€ after letters ("porn0", not "wow!").
    """

    def letters(match: re.Match[str]) -> str:
        return "".join(LEET[char] for char in match.group(0))

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        count = sum(char.isalpha() for char in token)
        if count < 2 or count == len(token):
            return token
        fixed = _LEET_INNER.sub(letters, token)
        if count >= 3:
            fixed = _LEET_LEAD.sub(letters, fixed)
        if fixed[0].isalpha():
            fixed = _LEET_TRAIL.sub(letters, fixed)
        return fixed

    return _LEET_TOKEN.sub(word, text)


def join_spaced_letters(text: str) -> str:
    """Join letters split by separators ("n u d e" → "nude") and inner dots/dashes in words."""

    def glue(match: re.Match[str]) -> str:
        # A wider gap ("B a r a c k  O b a m a") still separates two words, and so does
        # a space where letters are otherwise split by punctuation ("h.e.i.l. .h.i.t.l.e.r").
        run = match.group(0)
        gap = _WORD_GAP
        if any(not separator.isspace() for separator in _SPLIT_SEP.findall(run)):
            gap = _PUNCT_GAP
        return " ".join(_SPLIT_SEP.sub("", word) for word in gap.split(run))

    return _INNER.sub("", _SPACED.sub(glue, text))


def squeeze_repeats(text: str) -> str:
    """Runs of one letter become one letter: "nuuuude" → "nude" (and "kill" → "kil")."""
    return _REPEATS.sub(r"\1", text)


def readable(text: str) -> str:
    """Steps 1–3 only: the text the embedding model sees (accents and spacing kept)."""
    return fold_case(fold_homoglyphs(strip_invisible(text)))


def normalize(text: str) -> str:
    """All steps; the result holds only a-z, 0-9 and single spaces."""
    text = strip_accents(readable(text)).replace("’", "'")
    text = undo_leetspeak(text)
    text = join_spaced_letters(text)
    text = _NON_WORD.sub(" ", text)
    text = squeeze_repeats(text)
    return _SPACES.sub(" ", text).strip()
