"""Unknown words against the catalog with the shipped multilingual model."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cinestra.config import Settings
from cinestra.plan import make_storyboard
from cinestra.plan.catalog import load_catalog
from cinestra.plan.nearest import DOMAINS, TermResolver, reference_forms


@pytest.fixture(scope="module")
def resolver() -> TermResolver:
    # The session's data dir (tests/conftest.py): later pipeline tests reuse its cache.
    resolver = TermResolver()
    resolver.warm_up()
    return resolver


def test_typos_and_variants_reach_their_entry(resolver: TermResolver) -> None:
    guesses = resolver.guess(["saxophon", "skyscrapper", "umbrela", "giraffes"])
    assert [(g.domain, g.name) for g in guesses] == [
        ("subjects", "saxophone"), ("subjects", "skyscraper"), ("subjects", "umbrella"),
        ("subjects", "giraffe")]
    assert all(g.usable for g in guesses), guesses


def test_words_with_no_catalog_meaning_stay_unresolved(resolver: TermResolver) -> None:
    guesses = resolver.guess(["blorf", "perfect", "the", "york", "parfaite", "vraiment"])
    assert not any(g.usable for g in guesses), guesses
    assert all(0.0 <= g.confidence < 0.3 for g in guesses)


def test_only_the_prompt_language_competes(resolver: TermResolver) -> None:
    # Across languages look-alikes win: "ramp" is nearest to the French "ramper" (crawl).
    assert resolver.guess(["ramp"])[0].name == "crawl"
    english = resolver.guess(["ramp"], language="en")[0]
    assert english.name != "crawl" and not english.usable
    assert resolver.guess(["gratte ciels"], language="fr")[0].name == "skyscraper"


def test_reference_embeddings_are_read_back_from_the_disk_cache(
        resolver: TermResolver, monkeypatch: pytest.MonkeyPatch) -> None:
    forms = sum(len(reference_forms(entry)) for domain in DOMAINS
                for entry in getattr(load_catalog(), domain).values())
    assert len(list((Settings().data_dir / "cache").glob("plan-catalog-*.npy"))) == 1
    again = TermResolver()
    embed = again._embedder.embed
    batches: list[int] = []
    monkeypatch.setattr(again._embedder, "embed",
                        lambda texts: batches.append(len(texts)) or embed(texts))
    assert again.guess(["saxophon"])[0].name == "saxophone"
    assert batches == [1]  # only the word: the catalog's forms came from the cache
    assert len(again._references()[0]) == forms


def test_planner_reads_sure_guesses_and_reports_the_rest(resolver: TermResolver) -> None:
    board = make_storyboard("a cat plays the saxophon next to a zorblax under a skyscrapper",
                            seconds=Fraction(4), resolver=resolver)
    kinds = {subject.kind for subject in board.shots[0].subjects}
    assert {"cat", "saxophone", "skyscraper"} <= kinds
    assert [(g.word, g.name) for g in board.guesses] == [("saxophon", "saxophone"),
                                                         ("skyscrapper", "skyscraper")]
    assert board.unresolved == ["zorblax"]
    notes = board.understanding_notes()
    assert notes[0].startswith("read 'saxophon' as saxophone")
    assert notes[-1] == "not understood, left out of the scene: zorblax"
