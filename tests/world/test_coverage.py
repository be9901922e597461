"""world.coverage: every Storyboard reaches the world; what it approximates is said, not hidden."""

from fractions import Fraction
from pathlib import Path

import pytest
from bench.plan_eval import load_rows

from cinestra.pipeline import generate
from cinestra.plan import make_storyboard
from cinestra.plan.catalog import load_catalog
from cinestra.render.previz import LOOKS, STAND_INS
from cinestra.render.previz.lighting import TIMES_OF_DAY
from cinestra.request import check_request
from cinestra.world import simulate
from cinestra.world.assets import FAMILY_MODULES, Look, build_rig, family_module
from cinestra.world.camera import ELEVATION, FILL
from cinestra.world.coverage import MATERIAL_STAND_INS, adapt
from cinestra.world.props import MATERIALS
from cinestra.world.sets import PLACE_SETS
from cinestra.world.staging import subject_of

ASPECT = Fraction(16, 9)


def test_every_catalog_name_has_a_builder() -> None:
    catalog = load_catalog()
    assert set(catalog.places) <= set(PLACE_SETS)
    assert set(catalog.shot_sizes) <= set(FILL) and set(catalog.angles) <= set(ELEVATION)
    assert set(catalog.styles) <= set(LOOKS) | set(STAND_INS)
    assert set(catalog.times) == set(TIMES_OF_DAY)
    assert set(catalog.materials) <= set(MATERIALS) | set(MATERIAL_STAND_INS)
    for kind, entry in catalog.subjects.items():  # a model of its own for every kind
        assert kind in family_module(entry.family).KINDS, (kind, entry.family)


def test_an_unknown_kind_falls_back_to_the_nearest_family_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    rig, warnings = build_rig("kitty_cat", None, Look())  # spelled like a quadruped's kinds
    assert rig.family == "quadruped" and rig.parts
    assert warnings == ["subject kitty cat: unknown family None, built as a quadruped",
                        "subject kitty cat: no model of its own, shown as a generic quadruped"]
    rig, warnings = build_rig("wombat", "quadruped", Look())
    assert rig.family == "quadruped" and rig.height > 0.1
    assert warnings == ["subject wombat: no model of its own, shown as a generic quadruped"]
    rig, warnings = build_rig("zzzz", "martian", Look())  # nothing close: a prop
    assert rig.parts and warnings[0].endswith("built as a prop")
    assert any("wombat" in record.message for record in caplog.records)


def test_every_family_module_answers_for_any_verb() -> None:
    for family in FAMILY_MODULES:
        module = family_module(family)
        assert set(load_catalog().actions) >= module.VERBS, family


def test_approximations_are_reported() -> None:
    board = make_storyboard("a turquoise leather ball and a cow in a tuxedo in a jazz club, "
                            "neon lighting, thunder, timelapse", seconds=Fraction(2))
    adapted = adapt(board.shots[0])
    assert "colour turquoise: shown as blue by the previz engine" in adapted.warnings
    assert "material leather: shown as rubber by the previz engine" in adapted.warnings
    assert "cow in tuxedo: clothing is shown on people and birds only" in adapted.warnings
    assert "neon light: lighting is not shown yet" in adapted.warnings
    assert "speed x60: shown at x2" in adapted.warnings
    assert adapted.shot.style.speed == 2


def test_verbs_without_a_motion_are_reported_and_played_idle() -> None:
    board = make_storyboard("a piano kisses a lamp", seconds=Fraction(1))
    adapted = adapt(board.shots[0])
    assert any("kiss: no such motion for a instrument" in note or "kiss" in note
               for note in adapted.warnings)


def test_every_labelled_prompt_reaches_the_world() -> None:
    # The planner's whole range, briefly: one second at 8 fps per prompt.
    for row in load_rows():
        board = make_storyboard(row["prompt"], seconds=Fraction(1))
        previous = None
        for shot in board.shots:
            timeline = simulate(shot, fps=8, aspect=ASPECT, seed=0, previous=previous)
            assert timeline.frame_count >= 1
            named = {subject.id for subject in shot.subjects}
            built = {subject_of(body.subject) for body in timeline.bodies if body.subject}
            built |= {cloth.subject for cloth in timeline.cloths if cloth.subject}
            assert named <= built | _set_subjects(shot), (row["prompt"], named - built)
            previous = timeline


def _set_subjects(shot) -> set[str]:
    """Subjects the set itself is: the building someone stands on (its roof is the stage)."""
    return {relation.target for relation in shot.relations if relation.relation == "on"}


def test_generate_reports_what_the_previz_engine_approximates(tmp_path: Path) -> None:
    request = check_request(prompt="a penguin and a blue box under the sea, neon lighting",
                            seconds=4, size="640x360", fps=24)
    result = generate(request, output=tmp_path / "sea.mp4")
    assert "no underwater set yet: shown as a beach" in " ".join(result.warnings)
    assert "neon light: lighting is not shown yet" in result.warnings
    kinds = {body.subject for body in result.timelines[0].bodies if body.subject}
    assert {"penguin_1", "box_1"} <= kinds
