"""world.coverage: every Storyboard reaches the world; what it cannot show is said, not hidden."""

from fractions import Fraction
from pathlib import Path

import pytest
from bench.plan_eval import load_rows

from cinestra.pipeline import generate
from cinestra.plan import make_storyboard
from cinestra.plan.catalog import load_catalog
from cinestra.render.previz.lighting import TIMES_OF_DAY
from cinestra.request import check_request
from cinestra.world import simulate
from cinestra.world.camera import ELEVATION, FILL
from cinestra.world.coverage import (
    ANGLE_STAND_INS,
    ANGLES,
    LOOK_STAND_INS,
    LOOKS,
    MATERIAL_STAND_INS,
    MOVE_STAND_INS,
    MOVES,
    PLACE_STAND_INS,
    PLACES,
    SHOT_SIZE_STAND_INS,
    SHOT_SIZES,
    adapt,
)
from cinestra.world.props import MATERIALS

ASPECT = Fraction(16, 9)


@pytest.mark.parametrize(
    ("domain", "shown", "stand_ins"),
    [
        ("places", PLACES, PLACE_STAND_INS),
        ("shot_sizes", SHOT_SIZES, SHOT_SIZE_STAND_INS),
        ("angles", ANGLES, ANGLE_STAND_INS),
        ("moves", MOVES, MOVE_STAND_INS),
        ("styles", LOOKS, LOOK_STAND_INS),
        ("materials", tuple(MATERIALS), MATERIAL_STAND_INS),
    ],
)
def test_every_catalog_name_is_shown_or_has_a_stand_in(domain, shown, stand_ins):
    names = set(getattr(load_catalog(), domain))
    assert names <= set(shown) | set(stand_ins), names - set(shown) - set(stand_ins)
    assert set(stand_ins.values()) <= set(shown)  # a stand-in is something the world shows


def test_the_world_tables_know_what_coverage_calls_shown():
    assert set(SHOT_SIZES) == set(FILL) and set(ANGLES) == set(ELEVATION)
    assert set(load_catalog().times) == set(TIMES_OF_DAY)


def test_unmodelled_subjects_are_left_out_with_a_warning():
    board = make_storyboard("an elephant and a red ball bounce in a jazz club, anime style, "
                            "crane up, dutch angle, jazz music", seconds=Fraction(2))
    adapted = adapt(board.shots[0])
    assert [s.kind for s in adapted.shot.subjects] == ["ball"]
    assert [(a.subject, a.verb) for a in adapted.shot.actions] == [("ball_1", "bounce")]
    assert adapted.warnings == [
        "elephant: not shown by the previz engine yet",
        "place jazz club: shown as room by the previz engine",
        "angle dutch: shown as eye level by the previz engine",
        "move crane up: shown as dolly out by the previz engine",
        "style anime: shown as natural by the previz engine",
    ]
    timeline = simulate(board.shots[0], fps=12, aspect=ASPECT, seed=0)
    assert [b.kind for b in timeline.bodies if not b.static] == ["ball"]
    assert (timeline.environment.place, timeline.environment.look) == ("room", "natural")
    assert timeline.impacts  # the ball still bounces
    assert timeline.music is not None and timeline.music.genre == "jazz"  # scored, not dropped
    assert timeline.environment.setting == "jazz_club"  # heard as a club, shown as a room


def test_verbs_a_prop_cannot_do_are_reported():
    board = make_storyboard("two glasses clink and fall", seconds=Fraction(1))
    adapted = adapt(board.shots[0])
    assert [(a.subject, a.verb) for a in adapted.shot.actions] == [("glass_1", "fall")]
    assert adapted.warnings == ["glasses clink: not shown by the previz engine yet"]


def test_a_city_without_a_place_is_its_streets():
    board = make_storyboard("a taxi in Tokyo at night, rain", seconds=Fraction(2))
    adapted = adapt(board.shots[0])
    assert adapted.shot.setting.place == "street"
    assert "tokyo: the city's look is not shown yet" in adapted.warnings
    assert "rain: weather is not shown yet" in adapted.warnings


def test_timelapse_is_played_as_fast_as_the_physics_allows():
    board = make_storyboard("a ball rolls, timelapse", seconds=Fraction(1))
    adapted = adapt(board.shots[0])
    assert adapted.shot.style.speed == 2
    assert "speed x60: shown at x2" in adapted.warnings


def test_every_labelled_prompt_reaches_the_world():
    # The planner's whole range, briefly: one second at 8 fps per prompt.
    for row in load_rows():
        board = make_storyboard(row["prompt"], seconds=Fraction(1))
        for shot in board.shots:
            timeline = simulate(shot, fps=8, aspect=ASPECT, seed=0)
            assert timeline.frame_count >= 1


def test_generate_reports_what_the_previz_engine_approximates(tmp_path: Path):
    request = check_request(prompt="a penguin and a blue box on the beach, watercolor",
                            seconds=4, size="640x360", fps=24)
    result = generate(request, output=tmp_path / "beach.mp4")
    assert "penguin: not shown by the previz engine yet" in result.warnings
    assert "place beach: shown as park by the previz engine" in result.warnings
    assert "style watercolor: shown as vintage by the previz engine" in result.warnings
    assert [b.kind for b in result.timelines[0].bodies if not b.static] == ["box"]
