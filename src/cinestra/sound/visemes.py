"""Phonemes to mouth shapes: the seven visemes the Timeline carries for lip sync.

The groups follow the usual visual classes (bilabials close the lips, labiodentals show
the teeth, rounded vowels purse, open vowels drop the jaw); IPA from piper and espeak-ng
both land here. Stress and length marks are dropped before the lookup.
"""

from __future__ import annotations

from fractions import Fraction

from cinestra.world.timeline import Viseme, VisemeShape

SHAPES: dict[str, VisemeShape] = {}
for _shape, _phonemes in (
    ("closed", "p b m"),
    ("teeth", "f v"),
    ("round", "u ʊ o ɔ w ɒ y ʏ ø œ ɔ̃ ʃ ʒ ɥ ɵ"),
    ("open", "a ɑ æ ʌ ɐ ɑ̃ aɪ aʊ ɜ ɝ ɚ"),
    ("wide", "i ɪ e ɛ ɛ̃ eɪ j ə ɘ ɨ œ̃"),
    ("tongue", "t d n l ɾ θ ð s z k g ɡ ŋ ɹ r ʁ h x tʃ dʒ ɲ ʔ"),
):
    for _phoneme in _phonemes.split():
        SHAPES[_phoneme] = _shape  # type: ignore[assignment]

MARKS = "ˈˌːˑ-_ "  # stress and length marks, espeak's syllable marks, word spaces


def shape_of(phoneme: str) -> VisemeShape:
    """The mouth shape for one IPA phoneme; silence, pauses and punctuation are "rest"."""
    if phoneme in SHAPES:
        return SHAPES[phoneme]
    bare = phoneme.strip("ˈˌːˑ-_ ")
    if bare in SHAPES:
        return SHAPES[bare]
    for length in (2, 1):  # diphthongs and affricates not listed: their first sound
        if bare[:length] in SHAPES:
            return SHAPES[bare[:length]]
    return "rest"


def visemes_for(phonemes: list[tuple[str, Fraction, Fraction]], *, speaker: str) -> list[Viseme]:
    """One Viseme per run of phonemes with the same shape.

    Stress marks and word spaces carry no shape of their own: they lengthen the one before
    (the mouth does not close between words); punctuation and silence are "rest".
    """
    runs: list[tuple[VisemeShape, Fraction, Fraction, str]] = []
    for phoneme, start, end in phonemes:
        if end <= start:
            continue
        if runs and phoneme and phoneme.strip(MARKS) == "":
            runs[-1] = (runs[-1][0], runs[-1][1], end, runs[-1][3])
            continue
        shape = shape_of(phoneme)
        if runs and runs[-1][0] == shape:
            runs[-1] = (shape, runs[-1][1], end, runs[-1][3])
            continue
        runs.append((shape, start, end, phoneme.strip()))
    return [Viseme(speaker=speaker, start=start, end=end, shape=shape, phoneme=phoneme)
            for shape, start, end, phoneme in runs]
