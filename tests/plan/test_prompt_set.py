"""The labelled prompt set (tests/data/plan_prompts.jsonl) speaks only the catalog's names."""

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from cinestra.plan.catalog import Catalog, load_catalog
from cinestra.plan.text import tokenize

PROMPT_SET = Path(__file__).parents[1] / "data" / "plan_prompts.jsonl"
EXPECTED_KEYS = {"subjects", "actions", "setting", "city", "time_of_day", "weather", "camera",
                 "style", "shots", "dialogue"}
ATTRIBUTE_DOMAINS = {"color": "colors", "size": "sizes", "material": "materials",
                     "clothing": "clothing"}
SCALAR_DOMAINS = {"setting": "places", "city": "cities", "time_of_day": "times",
                  "weather": "weather", "style": "styles"}
CAMERA_DOMAINS = {"shot_size": "shot_sizes", "angle": "angles", "move": "moves"}
CAMEO_WORDS = {"me", "je"}  # the user's own cameo: a person the prompt does not name
LONGEST_FORM = 6  # words


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PROMPT_SET.read_text("utf-8").splitlines()]


def _prompt_id(row: dict[str, Any]) -> str:
    return str(row["prompt"][:40])


def _named(catalog: Catalog, domain: str, tokens: list[str]) -> set[str]:
    """Entries of `domain` that some run of words in the prompt is a form of."""
    names = set()
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + LONGEST_FORM, len(tokens)) + 1):
            name = catalog.find(domain, " ".join(tokens[start:end]))
            if name is not None:
                names.add(name)
    return names


def test_set_is_large_and_half_french():
    rows = _rows()
    assert len(rows) >= 80
    assert 2 * sum(row["lang"] == "fr" for row in rows) >= len(rows)
    assert {row["lang"] for row in rows} == {"en", "fr"}
    assert len({row["prompt"] for row in rows}) == len(rows)


@pytest.mark.parametrize("row", _rows(), ids=_prompt_id)
def test_expected_values_are_catalog_names(row):
    catalog = load_catalog()
    assert set(row) == {"lang", "prompt", "seconds", "expected"}
    assert row["seconds"] > 0
    expected = row["expected"]
    assert set(expected) - {"durations"} == EXPECTED_KEYS

    kinds = [subject["kind"] for subject in expected["subjects"]]
    assert len(kinds) == len(set(kinds)), "each subject is listed once"
    for subject in expected["subjects"]:
        assert subject["kind"] in catalog.subjects
        assert isinstance(subject["count"], int) and subject["count"] >= 1
        for key, value in subject.items():
            if key not in ("kind", "count"):
                assert value in getattr(catalog, ATTRIBUTE_DOMAINS[key]), (key, value)
    for action in expected["actions"]:
        assert set(action) == {"subject", "verb"}
        assert action["subject"] in kinds
        assert action["verb"] in catalog.actions
    for key, domain in SCALAR_DOMAINS.items():
        assert expected[key] is None or expected[key] in getattr(catalog, domain), key
    assert set(expected["camera"]) == set(CAMERA_DOMAINS)
    for key, domain in CAMERA_DOMAINS.items():
        value = expected["camera"][key]
        assert value is None or value in getattr(catalog, domain), key

    assert isinstance(expected["shots"], int) and expected["shots"] >= 1
    if "durations" in expected:
        assert len(expected["durations"]) == expected["shots"]
        assert sum(map(Fraction, expected["durations"])) == Fraction(row["seconds"])
    for line in expected["dialogue"]:
        assert set(line) == {"speaker", "text"}
        assert line["speaker"] is None or line["speaker"] in kinds
        assert line["text"] and line["text"] in row["prompt"]


@pytest.mark.parametrize("row", _rows(), ids=_prompt_id)
def test_expected_values_are_named_in_the_prompt(row):
    # Guards the labels against typos: every value has a surface form in the prompt's words.
    catalog = load_catalog()
    tokens = tokenize(row["prompt"])
    expected = row["expected"]
    labels = [("subjects", subject["kind"]) for subject in expected["subjects"]]
    labels += [(ATTRIBUTE_DOMAINS[key], value) for subject in expected["subjects"]
               for key, value in subject.items() if key in ATTRIBUTE_DOMAINS]
    labels += [("actions", action["verb"]) for action in expected["actions"]]
    labels += [(SCALAR_DOMAINS[key], expected[key]) for key in SCALAR_DOMAINS if expected[key]]
    labels += [(CAMERA_DOMAINS[key], value) for key, value in expected["camera"].items() if value]
    for domain, name in labels:
        if (domain, name) == ("subjects", "person") and CAMEO_WORDS & set(tokens):
            continue
        assert name in _named(catalog, domain, tokens), f"no form of {domain}.{name} in the prompt"
