"""The scenes of the seed documents: every one plans, in both languages, to the same scene."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from cinestra.plan import make_storyboard

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "prompts" / "seed-prompts.tsv"


def seed_pairs() -> list[tuple[str, str]]:
    if not SEEDS.exists():
        return []
    rows = [line.rstrip("\n").split("\t", 1) for line in SEEDS.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    by_language: dict[str, list[str]] = {"en": [], "fr": []}
    for language, prompt in rows:
        by_language[language].append(prompt)
    return list(zip(by_language["fr"], by_language["en"], strict=True))


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/prompts is not beside the checkout")
@pytest.mark.parametrize(("french", "english"), seed_pairs())
def test_seed_scene_plans_the_same_in_both_languages(french: str, english: str) -> None:
    scenes = []
    for prompt in (french, english):
        board = make_storyboard(prompt, seconds=Fraction(8))
        subjects = {s.kind for shot in board.shots for s in shot.subjects}  # counts differ
        verbs = {a.verb for shot in board.shots for a in shot.actions}
        assert subjects, prompt
        assert not board.guesses, (prompt, board.guesses)  # every named thing is a catalog word
        scenes.append((subjects, verbs, board.shots[0].setting.place))
    assert scenes[0] == scenes[1], (french, english)
