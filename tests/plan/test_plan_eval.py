"""bench/plan_eval.py's arithmetic on hand-made Storyboards: the counts, not the planner."""

from fractions import Fraction
from typing import Any

import pytest
from bench.plan_eval import FIELDS, RENAMES, Counts, score, score_prompt
from pydantic import ValidationError

from cinestra.plan.storyboard import (
    Action,
    Camera,
    Cue,
    Setting,
    Shot,
    Storyboard,
    Style,
    Subject,
)

BALL = Subject(id="ball_1", kind="ball", family="prop", count=2, color="red", words="balls")


def board(*, subjects: list[Subject], actions: list[Action], setting: Setting | None = None,
          camera: Camera | None = None, style: Style | None = None,
          cues: list[Cue] | None = None, shots: int = 1) -> Storyboard:
    """`shots` copies of one shot; the defaults are what the planner writes for "a ball"."""
    one = Shot(
        index=0, start=Fraction(0), duration=Fraction(1), description="hand made",
        subjects=subjects, actions=actions,
        setting=setting or Setting(place="floor", time_of_day="afternoon", indoor=True),
        camera=camera or Camera(), style=style or Style(), cues=cues or [],
    )
    copies = [one.model_copy(update={"index": i, "start": Fraction(i)}) for i in range(shots)]
    return Storyboard(prompt="hand made", language="en", seconds=Fraction(shots), seed=0,
                      shots=copies, unresolved=[])


def label(**fields: Any) -> dict[str, Any]:
    """A label that names nothing but one shot, then `fields` (camera keys at the top level)."""
    camera = {key: fields.pop(key, None) for key in ("shot_size", "angle", "move")}
    expected: dict[str, Any] = {
        "subjects": [], "actions": [], "setting": None, "city": None, "time_of_day": None,
        "weather": None, "camera": camera, "style": None, "shots": 1, "dialogue": [],
    }
    expected.update(fields)
    return expected


def counts(scores: dict[str, Counts]) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) of every field that counted something."""
    return {name: (c.tp, c.fp, c.fn) for name, c in scores.items() if c.tp or c.fp or c.fn}


def test_score_counts_sets_and_ratios():
    result = score({"a", "b", "c"}, {"b", "c", "d", "e"})
    assert (result.tp, result.fp, result.fn) == (2, 1, 2)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(2 / 4)
    assert result.support == 4
    assert score(set(), set()).precision is None
    assert score(set(), set()).recall is None


def test_perfect_match_is_a_true_positive_per_field():
    storyboard = board(
        subjects=[BALL], actions=[Action(subject="ball_1", verb="bounce")],
        setting=Setting(place="table", city="paris", time_of_day="night", weather="rain",
                        indoor=True),
        camera=Camera(shot_size="close_up", angle="low", move="orbit"),
        style=Style(look="noir"),
        cues=[Cue(kind="dialogue", text="Boing!", speaker="ball_1")],
    )
    expected = label(
        subjects=[{"kind": "ball", "count": 2, "color": "red"}],
        actions=[{"subject": "ball", "verb": "bounce"}],
        setting="table", city="paris", time_of_day="night", weather="rain",
        shot_size="close_up", angle="low", move="orbit", style="noir",
        dialogue=[{"speaker": "ball", "text": "Boing!"}],
    )
    scores = score_prompt(storyboard, expected)
    assert set(scores) == set(FIELDS)
    assert counts(scores) == {name: (1, 0, 0) for name in FIELDS}


def test_miss_counts_false_negatives_and_defaults_are_no_prediction():
    # The planner's defaults (floor, afternoon, medium, static, natural, "rest") against
    # labels that say something else: misses, not wrong predictions.
    storyboard = board(subjects=[BALL], actions=[Action(subject="ball_1", verb="rest")])
    expected = label(
        subjects=[{"kind": "cat", "count": 1}], actions=[{"subject": "cat", "verb": "walk"}],
        setting="kitchen", city="paris", time_of_day="night", weather="rain",
        shot_size="wide", move="handheld", style="anime", shots=2,
        dialogue=[{"speaker": "cat", "text": "Meow"}],
    )
    assert counts(score_prompt(storyboard, expected)) == {
        "subjects": (0, 1, 1), "kinds": (0, 1, 1), "actions": (0, 0, 1),
        "setting": (0, 0, 1), "city": (0, 0, 1), "time_of_day": (0, 0, 1),
        "weather": (0, 0, 1), "shot_size": (0, 0, 1), "move": (0, 0, 1), "style": (0, 0, 1),
        "shots": (0, 1, 1), "dialogue": (0, 0, 1), "dialogue_text": (0, 0, 1),
    }


def test_extra_counts_false_positives_against_null_labels():
    storyboard = board(
        subjects=[BALL], actions=[Action(subject="ball_1", verb="bounce")],
        setting=Setting(place="street", time_of_day="night", indoor=False),
        camera=Camera(move="pan_right"),
        cues=[Cue(kind="dialogue", text="Hi", speaker=None)],
    )
    expected = label(subjects=[{"kind": "ball", "count": 2}])
    assert counts(score_prompt(storyboard, expected)) == {
        "subjects": (1, 0, 0), "kinds": (1, 0, 0), "actions": (0, 1, 0), "setting": (0, 1, 0),
        "time_of_day": (0, 1, 0), "move": (0, 1, 0), "shots": (1, 0, 0),
        "dialogue": (0, 1, 0), "dialogue_text": (0, 1, 0),
    }


def test_default_equal_to_the_label_and_first_named_value_across_shots():
    storyboard = board(subjects=[BALL], actions=[Action(subject="ball_1", verb="rest")],
                       shots=2)
    later = storyboard.shots[1].model_copy(update={"camera": Camera(shot_size="close_up")})
    storyboard = storyboard.model_copy(update={"shots": [storyboard.shots[0], later]})
    expected = label(subjects=[{"kind": "ball", "count": 2}],
                     actions=[{"subject": "ball", "verb": "rest"}],
                     setting="floor", shot_size="close_up", shots=2)
    assert counts(score_prompt(storyboard, expected)) == {
        "subjects": (1, 0, 0), "kinds": (1, 0, 0), "actions": (1, 0, 0), "setting": (1, 0, 0),
        "shot_size": (1, 0, 0), "shots": (1, 0, 0),
    }


def test_storyboard_values_are_catalog_names_so_nothing_is_renamed():
    # The contract validates every named value against the catalog, so the bench needs no
    # renaming table; a value outside the catalog cannot reach it.
    assert RENAMES == {}
    with pytest.raises(ValidationError, match="not a catalog moves name"):
        Camera(move="moonwalk")
    with pytest.raises(ValidationError, match="not a catalog subjects name"):
        Subject(id="x_1", kind="unicorn", family="quadruped", count=1, words="unicorn")
