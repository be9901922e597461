"""Each normalisation step on its own, then the whole chain on evasions."""

from __future__ import annotations

import pytest

from cinestra.safety.normalize import (
    fold_case,
    fold_homoglyphs,
    join_spaced_letters,
    normalize,
    readable,
    squeeze_repeats,
    strip_accents,
    strip_invisible,
    undo_leetspeak,
)


def test_strip_invisible_removes_zero_width_and_soft_hyphens() -> None:
    assert strip_invisible("nu\u200bd\u200ce\u200d\u2060\ufeff") == "nude"
    assert strip_invisible("por\u00adn") == "porn"


def test_fold_homoglyphs_maps_cyrillic_greek_and_full_width() -> None:
    assert fold_homoglyphs("nаkеd") == "naked"  # Cyrillic а and е
    assert fold_homoglyphs("nοde") == "node"  # Greek omicron
    assert fold_homoglyphs("ｐｏｒｎ") == "porn"  # full-width
    assert fold_homoglyphs("ТЕЅТ") == "TEST"  # Cyrillic capitals


def test_fold_case() -> None:
    assert fold_case("NuDe") == "nude"


def test_strip_accents_keeps_letters() -> None:
    assert strip_accents("Élysée égorgé cœur") == "Elysee egorge cœur"


@pytest.mark.parametrize(("text", "expected"), [
    ("s3x", "sex"), ("n@k3d", "naked"), ("k1ll", "kill"), ("5u1c1d3", "suicide"),
    ("0bama", "obama"), ("porn0", "porno"), ("a$$hole", "asshole"),
])
def test_undo_leetspeak(text: str, expected: str) -> None:
    assert undo_leetspeak(text) == expected


@pytest.mark.parametrize("text", ["3 balls", "a 3d scene", "at 10am", "1080p", "wow!", "4k"])
def test_undo_leetspeak_leaves_numbers_and_punctuation(text: str) -> None:
    assert undo_leetspeak(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("n u d e", "nude"), ("n.u.d.e", "nude"), ("n-u-d-e", "nude"), ("nu-de", "nude"),
    ("n_u_d_e beach", "nude beach"), ("b a r a c k  o b a m a", "barack obama"),
    ("h.e.i.l. .h.i.t.l.e.r", "heil hitler"),
])
def test_join_spaced_letters(text: str, expected: str) -> None:
    assert join_spaced_letters(text) == expected


def test_join_spaced_letters_leaves_ordinary_words() -> None:
    assert join_spaced_letters("a dog and a cat") == "a dog and a cat"


def test_squeeze_repeats() -> None:
    assert squeeze_repeats("nuuuuude") == "nude"
    assert squeeze_repeats("kill") == "kil"  # vocabularies are squeezed the same way


def test_readable_keeps_accents_and_spacing() -> None:
    assert readable("Une  Scène\u200b") == "une  scène"


@pytest.mark.parametrize(("text", "expected"), [
    ("N U D E woman", "nude woman"),
    ("ｎａｋｅｄ", "naked"),
    ("nаkеd", "naked"),
    ("p\u200bo\u200br\u200bn", "porn"),
    ("s3x   scene!!!", "sex scene"),
    ("l'enfant", "l enfant"),
    ("Émmanuel   Macrоn", "emanuel macron"),  # Cyrillic о
])
def test_normalize_chain(text: str, expected: str) -> None:
    assert normalize(text) == expected
