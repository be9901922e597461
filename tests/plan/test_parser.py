from fractions import Fraction

import pytest

from cinestra.errors import InvalidRequest
from cinestra.plan import make_storyboard


def plan(prompt: str, seconds: int = 4):
    return make_storyboard(prompt, seconds=Fraction(seconds))


def test_issue_prompt_english():
    board = plan("a ball bouncing on a wet floor")
    assert board.language == "en"
    (shot,) = board.shots
    assert [(s.kind, s.count) for s in shot.subjects] == [("ball", 1)]
    assert shot.actions[0].verb == "bounce"
    assert shot.setting.place == "floor" and shot.setting.wet and shot.setting.indoor
    assert shot.camera.move == "static"
    assert board.unresolved == []


def test_french_counts_colours_materials_and_camera():
    board = plan("trois balles rouges rebondissent sur un sol en bois mouillé, "
                 "au ralenti, gros plan, la nuit")
    assert board.language == "fr"
    (shot,) = board.shots
    (ball,) = shot.subjects
    assert (ball.kind, ball.count, ball.color) == ("ball", 3, "red")
    assert shot.actions[0].verb == "bounce"
    assert shot.setting.ground == "wood" and shot.setting.wet
    assert shot.setting.time_of_day == "night"
    assert shot.camera.shot_size == "close_up"
    assert shot.style.speed == Fraction(1, 4)


@pytest.mark.parametrize(
    ("prompt", "kinds"),
    [
        ("two glass bottles and a metal can on a table", [("bottle", 2), ("can", 1)]),
        ("une boîte en carton et quatre cubes", [("box", 1), ("cube", 4)]),
        ("a pair of bricks fall", [("brick", 2)]),
        ("des billes roulent", [("marble", 3)]),
        ("bouncing balls", [("ball", 3)]),
        ("12 dice tumble onto the table", [("die", 12)]),
    ],
)
def test_props_and_counts(prompt, kinds):
    (shot,) = plan(prompt).shots
    assert [(s.kind, s.count) for s in shot.subjects] == kinds


def test_material_before_prop_is_a_material():
    (shot,) = plan("a glass ball and a glass").shots
    assert [(s.kind, s.material) for s in shot.subjects] == [("ball", "glass"), ("glass", None)]


def test_can_as_verb_is_not_a_prop():
    (shot,) = plan("a ball can roll").shots
    assert [s.kind for s in shot.subjects] == ["ball"]
    assert shot.actions[0].verb == "roll"


@pytest.mark.parametrize(
    ("words", "place", "indoor"),
    [("on the floor", "floor", True), ("on a table", "table", True),
     ("in the street", "street", False), ("dans le parc", "park", False),
     ("dans la rue", "street", False), ("sur la table", "table", True)],
)
def test_settings(words, place, indoor):
    setting = plan(f"a ball bounces {words}").shots[0].setting
    assert (setting.place, setting.indoor) == (place, indoor)


@pytest.mark.parametrize(
    ("words", "time"),
    [("at dawn", "dawn"), ("in the morning", "morning"), ("at noon", "noon"),
     ("at golden hour", "golden_hour"), ("au coucher du soleil", "sunset"),
     ("at dusk", "dusk"), ("la nuit", "night"), ("à midi", "noon")],
)
def test_time_of_day(words, time):
    assert plan(f"a ball {words}").shots[0].setting.time_of_day == time


@pytest.mark.parametrize(
    ("words", "size", "angle", "move"),
    [("static wide shot", "wide", "eye_level", "static"),
     ("slow dolly in, close-up", "close_up", "eye_level", "dolly_in"),
     ("travelling arrière, plan large", "wide", "eye_level", "dolly_out"),
     ("pan left, low angle", "medium", "low", "pan_left"),
     ("panoramique vers la droite en contre-plongée", "medium", "low", "pan_right"),
     ("plongée, plan fixe", "medium", "high", "static"),
     ("extreme close-up, zoom out", "extreme_close_up", "eye_level", "zoom_out"),
     ("orbiting camera, overhead", "medium", "overhead", "orbit")],
)
def test_camera_language(words, size, angle, move):
    camera = plan(f"a red ball on the floor, {words}").shots[0].camera
    assert (camera.shot_size, camera.angle, camera.move) == (size, angle, move)


def test_slow_motion_and_looks():
    shot = plan("a ball falls in slow motion, film noir").shots[0]
    assert shot.style.speed == Fraction(1, 4)
    assert shot.style.look == "noir"
    assert plan("une balle, style vintage").shots[0].style.look == "vintage"


def test_unknown_words_are_reported_not_dropped():
    board = plan("a zorblax plays saxophone next to a ball")
    assert [s.kind for s in board.shots[0].subjects] == ["saxophone", "ball"]
    assert board.unresolved == ["zorblax"]


def test_shots_split_keep_subject_ids_and_add_up():
    board = plan("Shot 1: a red ball on a table at night. Cut to: the ball falls. "
                 "Shot 3: a box slides", seconds=7)
    assert len(board.shots) == 3
    assert sum(shot.duration for shot in board.shots) == 7
    assert [shot.start for shot in board.shots] == [0, Fraction(7, 3), Fraction(14, 3)]
    assert board.shots[0].subjects[0].id == board.shots[1].subjects[0].id == "ball_1"
    assert board.shots[1].actions[0].verb == "fall"
    assert board.shots[1].setting.place == "table"  # the set carries over
    assert board.shots[1].setting.time_of_day == "night"


def test_dialogue_is_a_cue_with_speaker():
    shot = plan('a ball bounces. The chef says "play on"').shots[0]
    assert [(c.kind, c.text, c.speaker) for c in shot.cues] == [("dialogue", "play on", "chef_1")]
    shot = plan("une balle. Le chat dit « bonjour »").shots[0]
    assert [(c.text, c.speaker) for c in shot.cues] == [("bonjour", "cat_1")]
    shot = plan('a ball bounces. Someone whispers "shh"').shots[0]
    assert [(c.text, c.speaker) for c in shot.cues] == [("shh", "person_1")]


def test_json_uses_plain_english_names_and_round_trips():
    board = plan("une balle rouge rebondit, travelling avant")
    text = board.model_dump_json()
    assert '"kind":"ball"' in text and '"move":"dolly_in"' in text
    assert type(board).model_validate_json(text) == board


def test_deterministic():
    prompt = "five boxes topple on a table at sunset, orbit"
    assert plan(prompt).model_dump_json() == plan(prompt).model_dump_json()


def test_empty_prompt_is_rejected():
    with pytest.raises(InvalidRequest, match="prompt"):
        plan("   ")
