import tomllib
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import ValidationError

from cinestra.plan import lexicon
from cinestra.plan.catalog import Catalog, Family, Term, load_catalog
from cinestra.plan.text import tokenize
from cinestra.world.coverage import PHYSICS_VERBS
from cinestra.world.props import PROPS

SEED_PROMPTS = Path(__file__).parents[3] / "shared" / "prompts" / "seed-prompts.tsv"

# What each seed prompt names, as (words in the prompt, domain, entry).
SEED_TERMS: dict[str, list[tuple[str, str, str]]] = {
    "un chat perché sur la tête d'une patineuse artistique exécutant une pirouette parfaite": [
        ("chat", "subjects", "cat"), ("perché", "actions", "perch"),
        ("sur la tête d", "relations", "on_head"),
        ("patineuse artistique", "subjects", "figure_skater"), ("pirouette", "actions", "spin"),
    ],
    "a cat perched on the head of a figure skater doing a perfect pirouette": [
        ("cat", "subjects", "cat"), ("perched", "actions", "perch"),
        ("on the head of", "relations", "on_head"),
        ("figure skater", "subjects", "figure_skater"), ("pirouette", "actions", "spin"),
    ],
    "un éléphant jouant du saxophone dans un club de jazz new-yorkais enfumé": [
        ("éléphant", "subjects", "elephant"), ("jouant", "actions", "play"),
        ("saxophone", "subjects", "saxophone"), ("club de jazz", "places", "jazz_club"),
        ("new yorkais", "cities", "new_york"), ("enfumé", "weather", "smoke"),
    ],
    "an elephant playing saxophone in a smoky New York jazz club": [
        ("elephant", "subjects", "elephant"), ("playing", "actions", "play"),
        ("saxophone", "subjects", "saxophone"), ("smoky", "weather", "smoke"),
        ("new york", "cities", "new_york"), ("jazz club", "places", "jazz_club"),
    ],
    "une course de canetons géants traversant une ville en miniature": [
        ("course", "actions", "race"), ("canetons", "subjects", "duckling"),
        ("géants", "sizes", "giant"), ("traversant", "actions", "cross"),
        ("ville", "places", "city"), ("en miniature", "sizes", "tiny"),
    ],
    "a race of giant ducklings crossing a miniature city": [
        ("race", "actions", "race"), ("giant", "sizes", "giant"),
        ("ducklings", "subjects", "duckling"), ("crossing", "actions", "cross"),
        ("miniature", "sizes", "tiny"), ("city", "places", "city"),
    ],
    "un ours polaire marchant sur un gratte-ciel enneigé à Tokyo, au coucher du soleil": [
        ("ours polaire", "subjects", "polar_bear"), ("marchant", "actions", "walk"),
        ("gratte ciel", "subjects", "skyscraper"), ("enneigé", "weather", "snow"),
        ("tokyo", "cities", "tokyo"), ("coucher du soleil", "times", "sunset"),
    ],
    "a polar bear walking on a snowy skyscraper in Tokyo at sunset": [
        ("polar bear", "subjects", "polar_bear"), ("walking", "actions", "walk"),
        ("snowy", "weather", "snow"), ("skyscraper", "subjects", "skyscraper"),
        ("tokyo", "cities", "tokyo"), ("sunset", "times", "sunset"),
    ],
    "le rebond d'une balle sur un sol mouillé": [
        ("rebond", "actions", "bounce"), ("balle", "subjects", "ball"),
        ("sol", "places", "floor"), ("mouillé", "states", "wet"),
    ],
    "a ball bouncing on a wet floor": [
        ("ball", "subjects", "ball"), ("bouncing", "actions", "bounce"),
        ("wet", "states", "wet"), ("floor", "places", "floor"),
    ],
    "un rideau soufflé par le vent devant une fenêtre ouverte": [
        ("rideau", "subjects", "curtain"), ("soufflé", "actions", "flutter"),
        ("vent", "weather", "wind"), ("devant", "relations", "in_front_of"),
        ("fenêtre", "subjects", "window"), ("ouverte", "states", "open"),
    ],
    "a curtain blown by the wind in front of an open window": [
        ("curtain", "subjects", "curtain"), ("blown", "actions", "flutter"),
        ("wind", "weather", "wind"), ("in front of", "relations", "in_front_of"),
        ("open", "states", "open"), ("window", "subjects", "window"),
    ],
    "une scène de cuisine avec un plat qui mijote dans une casserole, avec de la vapeur": [
        ("cuisine", "places", "kitchen"), ("plat", "subjects", "dish"),
        ("mijote", "actions", "simmer"), ("casserole", "subjects", "pot"),
        ("vapeur", "weather", "steam"),
    ],
    "a kitchen scene with a dish simmering in a pot, steam rising": [
        ("kitchen", "places", "kitchen"), ("dish", "subjects", "dish"),
        ("simmering", "actions", "simmer"), ("pot", "subjects", "pot"),
        ("steam", "weather", "steam"),
    ],
    "une averse traverse un parc urbain où deux personnes dansent": [
        ("averse", "weather", "rain"), ("traverse", "actions", "cross"),
        ("parc urbain", "places", "park"), ("personnes", "subjects", "person"),
        ("dansent", "actions", "dance"),
    ],
    "a rain shower crosses an urban park where two people dance": [
        ("rain shower", "weather", "rain"), ("crosses", "actions", "cross"),
        ("urban park", "places", "park"), ("people", "subjects", "person"),
        ("dance", "actions", "dance"),
    ],
    "je danse sur les toits de Paris avec des pigeons en smoking": [
        ("danse", "actions", "dance"), ("toits", "places", "rooftop"),
        ("paris", "cities", "paris"), ("pigeons", "subjects", "pigeon"),
        ("smoking", "clothing", "tuxedo"),
    ],
    "me dancing on the rooftops of Paris with pigeons in tuxedos (with my cameo)": [
        ("dancing", "actions", "dance"), ("rooftops", "places", "rooftop"),
        ("paris", "cities", "paris"), ("pigeons", "subjects", "pigeon"),
        ("tuxedos", "clothing", "tuxedo"),
    ],
    "un verre qui s'entrechoque, le froissement d'une veste, travelling avant, "
    "lumière de fin de journée": [
        ("verre", "subjects", "glass"), ("s entrechoque", "actions", "clink"),
        ("froissement", "actions", "rustle"), ("veste", "subjects", "jacket"),
        ("travelling avant", "moves", "dolly_in"), ("fin de journée", "times", "golden_hour"),
    ],
    "two glasses clinking and a jacket rustling, dolly in, late afternoon light": [
        ("glasses", "subjects", "glass"), ("clinking", "actions", "clink"),
        ("jacket", "subjects", "jacket"), ("rustling", "actions", "rustle"),
        ("dolly in", "moves", "dolly_in"), ("late afternoon light", "times", "golden_hour"),
    ],
}

def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [form for item in value.values() for form in _strings(item)]
    if isinstance(value, list | tuple):
        return [form for item in value for form in _strings(item)]
    return []


def _domains(catalog: Catalog) -> dict[str, dict[str, Any]]:
    return {domain: getattr(catalog, domain) for domain in type(catalog).model_fields}


def _raw_tables() -> dict[str, Any]:
    tables: dict[str, Any] = {}
    data = resources.files("cinestra.plan").joinpath("data")
    for item in data.iterdir():
        if item.name.endswith(".toml"):
            tables.update(tomllib.loads(item.read_text("utf-8")))
    return tables


def test_coverage_counts():
    catalog = load_catalog()
    assert len(catalog.subjects) >= 120
    assert len(catalog.actions) >= 40
    assert len(catalog.places) >= 30
    assert len(catalog.styles) >= 8
    assert {kind.family for kind in catalog.subjects.values()} == set(get_args(Family))
    assert {action.physics for action in catalog.actions.values()} == {True, False}
    for domain in ("times", "weather", "shot_sizes", "angles", "moves", "lenses", "focus",
                   "lighting", "speeds", "music", "effects", "colors", "sizes", "materials",
                   "clothing", "relations", "cities"):
        assert getattr(catalog, domain), domain


def test_every_entry_has_english_and_french_forms():
    for domain, entries in _domains(load_catalog()).items():
        for name, entry in entries.items():
            forms = entry.model_dump(include={"en", "fr"})
            assert _strings(forms["en"]), f"{domain}.{name} has no English form"
            assert _strings(forms["fr"]), f"{domain}.{name} has no French form"


def test_subjects_have_singular_and_plural_in_both_languages():
    for name, kind in load_catalog().subjects.items():
        assert kind.en.one and (kind.fr.m or kind.fr.f), name
        if kind.family != "landmark":
            assert kind.en.many and (kind.fr.m_many or kind.fr.f_many), name


def test_no_form_names_two_entries_in_a_domain():
    for domain, entries in _domains(load_catalog()).items():
        owners: dict[str, set[str]] = {}
        for name, entry in entries.items():
            for form in entry.forms():
                owners.setdefault(form, set()).add(name)
        shared = {form: names for form, names in owners.items() if len(names) > 1}
        assert not shared, f"{domain}: {shared}"


def test_loader_refuses_a_form_shared_by_two_entries():
    tables = _raw_tables()
    tables["colors"]["red"]["en"] = [*tables["colors"]["red"]["en"], "navy"]
    with pytest.raises(ValidationError, match="'navy' names both"):
        Catalog.model_validate(tables)


def test_forms_must_be_written_as_the_tokeniser_sees_them():
    with pytest.raises(ValidationError, match="'close up'"):
        Term(en=("close-up",), fr=("gros plan",))
    with pytest.raises(ValidationError, match="'gros plan'"):
        Term(en=("close up",), fr=("Gros plan",))


def test_city_must_name_known_places_and_landmarks():
    tables = _raw_tables()
    tables["cities"]["paris"]["landmarks"] = ["eiffel_tower", "cat"]
    with pytest.raises(ValidationError, match="'cat' is not a landmark"):
        Catalog.model_validate(tables)


def test_find_normalises_like_the_tokeniser():
    catalog = load_catalog()
    assert catalog.find("shot_sizes", "Close-Up") == "close_up"
    assert catalog.find("subjects", "Gratte-ciel") == "skyscraper"
    assert catalog.find("subjects", "patineuses artistiques") == "figure_skater"
    assert catalog.find("subjects", "unicorn") is None


def test_the_world_kinds_and_verbs_are_catalog_names():
    # The planner now reads only the catalog; the world's props and physics verbs must
    # stay entries of it, and the lexicon holds function words only.
    catalog = load_catalog()
    for kind in PROPS:
        assert catalog.subjects[kind].family == "prop"
    for verb in PHYSICS_VERBS:
        assert catalog.actions[verb].physics, verb
    assert catalog.speeds["slow_motion"].rate == Fraction(1, 4)
    assert not hasattr(lexicon, "PROPS") and not hasattr(lexicon, "ACTIONS")


def _seed_prompts() -> list[str]:
    rows = [line.split("\t") for line in SEED_PROMPTS.read_text("utf-8").splitlines()]
    return [row[1] for row in rows if row[0] in ("en", "fr")]


@pytest.mark.skipif(not SEED_PROMPTS.exists(), reason="needs ../shared/prompts")
def test_every_seed_prompt_has_its_terms_listed():
    assert set(_seed_prompts()) == set(SEED_TERMS)


@pytest.mark.parametrize("prompt", list(SEED_TERMS))
def test_seed_prompt_terms_are_found(prompt):
    catalog = load_catalog()
    words = " ".join(tokenize(prompt))
    for phrase, domain, name in SEED_TERMS[prompt]:
        assert f" {phrase} " in f" {words} ", f"{phrase!r} is not in the prompt"
        assert catalog.find(domain, phrase) == name, (phrase, domain)
