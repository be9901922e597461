"""The planner on director-style prompts, in English and French: what each rule reads.

The prompts here are not in tests/data/plan_prompts.jsonl: they check the rules on wording
the labelled set does not use.
"""

from fractions import Fraction

import pytest

from cinestra.plan import Storyboard, make_storyboard
from cinestra.plan.storyboard import Shot


def plan(prompt: str, seconds: int = 6) -> Storyboard:
    return make_storyboard(prompt, seconds=Fraction(seconds))


def subjects(shot: Shot) -> list[tuple[str, int]]:
    return [(s.kind, s.count) for s in shot.subjects]


def verbs(board: Storyboard) -> set[tuple[str, str]]:
    kinds = {s.id: s.kind for shot in board.shots for s in shot.subjects}
    return {(kinds[a.subject], a.verb) for shot in board.shots for a in shot.actions}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("three owls and a pair of foxes", [("owl", 3), ("fox", 2)]),
        ("trois hiboux et une paire de renards", [("owl", 3), ("fox", 2)]),
        ("a dozen eggs on a table", [("egg", 12)]),
        ("des chats dorment", [("cat", 3)]),
        ("kittens sleeping", [("kitten", 3)]),
        ("four apples", [("apple", 4)]),  # "four" is an oven in French, a count here
        ("un four et deux pommes", [("stove", 1), ("apple", 2)]),
    ],
)
def test_counts(prompt, expected):
    assert subjects(plan(prompt).shots[0]) == expected


def test_attributes_colour_size_material_and_clothing():
    (shot,) = plan("a giant green frog and a tiny robot in a silver tuxedo, "
                   "a wooden boat").shots
    frog, robot, boat = shot.subjects
    assert (frog.kind, frog.size, frog.color) == ("frog", "giant", "green")
    assert (robot.size, robot.clothing, robot.color) == ("tiny", "tuxedo", "silver")
    assert (boat.kind, boat.material) == ("boat", "wood")
    (shot,) = plan("une grenouille verte géante et un robot miniature en smoking").shots
    frog, robot = shot.subjects
    assert (frog.size, frog.color) == ("giant", "green")
    assert (robot.size, robot.clothing) == ("tiny", "tuxedo")


@pytest.mark.parametrize(
    ("prompt", "relation"),
    [
        ("a parrot on the head of a pirate", ("parrot", "on_head", "pirate")),
        ("un perroquet sur la tête d'un pirate", ("parrot", "on_head", "pirate")),
        ("a dog sleeping behind a sofa", ("dog", "behind", "sofa")),
        ("un chien qui dort derrière un canapé", ("dog", "behind", "sofa")),
        ("a lamp next to a bed", ("lamp", "next_to", "bed")),
        ("une lampe à côté d'un lit", ("lamp", "next_to", "bed")),
    ],
)
def test_spatial_relations(prompt, relation):
    (shot,) = plan(prompt).shots
    kinds = {s.id: s.kind for s in shot.subjects}
    assert [(kinds[r.subject], r.relation, kinds[r.target]) for r in shot.relations] == [
        relation]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("a dog chases a cat while a bird sings", {("dog", "chase"), ("bird", "sing")}),
        ("un chien poursuit un chat pendant qu'un oiseau chante",
         {("dog", "chase"), ("bird", "sing")}),
        ("une femme en train de lire un livre", {("woman", "read")}),
        ("un garçon qui mange une pomme", {("boy", "eat")}),
        ("deux chats se battent", {("cat", "fight")}),
        ("a horse and a dog running", {("horse", "run"), ("dog", "run")}),
        ("a clown juggling and a dancer doing a pirouette", {("clown", "juggle"),
                                                             ("dancer", "spin")}),
    ],
)
def test_who_does_what(prompt, expected):
    assert verbs(plan(prompt)) == expected


def test_the_object_of_a_verb_is_its_target():
    (shot,) = plan("a girl kicks a ball").shots
    assert [(a.subject, a.verb, a.target) for a in shot.actions] == [("girl_1", "kick", "ball_1")]


@pytest.mark.parametrize(
    ("prompt", "lines"),
    [
        ('A knight says "Follow me!" and a dragon roars.', [("knight_1", "Follow me!")]),
        ("Le chevalier répond « Jamais ! »", [("knight_1", "Jamais !")]),
        ('A cat and a dog. The dog asks "Hungry?" The cat answers "Always."',
         [("dog_1", "Hungry?"), ("cat_1", "Always.")]),
        ("Une reine entre. « Silence ! » crie-t-elle.", [("queen_1", "Silence !")]),
        ('An old man sits. "Come," he whispers.', [("old_man_1", "Come,")]),
        ('Two robots. Robot 1: "Hello." Robot 2: "Hi."',
         [("robot_1", "Hello."), ("robot_1", "Hi.")]),
        ('"Who is there?"', [(None, "Who is there?")]),
    ],
)
def test_dialogue_and_speakers(prompt, lines):
    board = plan(prompt)
    assert [(c.speaker, c.text) for shot in board.shots for c in shot.cues
            if c.kind == "dialogue"] == lines


@pytest.mark.parametrize(
    "prompt",
    [
        "Shot 1: a cat sleeps. Shot 2: the cat wakes up",
        "a cat sleeps. Cut to: the cat jumps",
        "A cat sleeps. Then the cat jumps.",
        "Un chat dort. Puis le chat saute.",
        "Plan 1 : un chat dort. Plan 2 : le chat saute.",
        "Un chat dort. Ensuite, il saute.",
    ],
)
def test_shot_markers_and_one_id_across_shots(prompt):
    board = plan(prompt)
    assert len(board.shots) == 2
    assert [s.id for shot in board.shots for s in shot.subjects] == ["cat_1", "cat_1"]


def test_then_inside_a_sentence_orders_actions_in_one_shot():
    board = plan("a ball rolls across the table, then falls and bounces")
    assert len(board.shots) == 1
    assert [a.verb for a in board.shots[0].actions] == ["roll", "fall", "bounce"]


def test_pronouns_keep_the_subject_across_shots():
    board = plan("Shot 1: a woman walks her dog. Shot 2: she sits. Shot 3: it sleeps.")
    speakers = [[(a.subject, a.verb) for a in shot.actions] for shot in board.shots]
    assert speakers == [[("woman_1", "walk")], [("woman_1", "sit")], [("dog_1", "sleep")]]
    board = plan("Plan 1 : des enfants jouent. Plan 2 : ils dansent.")
    assert [[a.subject for a in shot.actions] for shot in board.shots] == [["child_1"],
                                                                          ["child_1"]]


def test_per_shot_durations_add_up():
    board = plan("Shot 1 (1s): a cat. Shot 2: a dog. Shot 3 (2 s): a bird", seconds=6)
    assert [shot.duration for shot in board.shots] == [1, 3, 2]
    assert [shot.start for shot in board.shots] == [0, 1, 4]
    board = plan("Plan 1 (3 s) : un chat. Plan 2 (6 s) : un chien", seconds=6)
    assert [shot.duration for shot in board.shots] == [2, 4]  # scaled to the request


@pytest.mark.parametrize(
    ("prompt", "kinds", "move"),
    [
        ("a frying pan on a stove", ["frying_pan", "stove"], "static"),
        ("a chef holds a frying pan, pan left", ["chef", "frying_pan"], "pan_left"),
        ("a tracking shot of a runner", ["runner"], "tracking"),
        ("un chat sur le lit", ["cat", "bed"], "static"),
        ("la porte d'une maison", ["door", "house"], "static"),
        ("a frog on a rock, rock music", ["frog", "rock"], "static"),
    ],
)
def test_ambiguous_words(prompt, kinds, move):
    (shot,) = plan(prompt).shots
    assert [s.kind for s in shot.subjects] == kinds
    assert shot.camera.move == move


def test_ambiguous_verbs():
    assert verbs(plan("une vieille dame lit un journal")) == {("old_woman", "read")}
    assert verbs(plan("un serveur porte un plateau")) == {("waiter", "carry")}
    cues = plan("a frog on a rock, rock music").shots[0].cues
    assert [(c.kind, c.text) for c in cues] == [("music", "rock")]


def test_setting_city_weather_camera_style_and_sound():
    (shot,) = plan("a fox in a snowy forest near London at night, overhead drone shot, "
                   "telephoto lens, shallow depth of field, watercolor, timelapse, "
                   "moonlight, thunder").shots
    setting, camera, style = shot.setting, shot.camera, shot.style
    assert (setting.place, setting.city, setting.time_of_day, setting.weather) == (
        "forest", "london", "night", "snow")
    assert (camera.angle, camera.move, camera.lens, camera.focus) == (
        "overhead", "aerial", "telephoto", "shallow")
    assert (style.look, style.speed, style.lighting) == ("watercolor", 60, ["moonlight"])
    assert [(c.kind, c.text) for c in shot.cues] == [("sfx", "thunder")]


def test_an_object_pronoun_is_not_the_verb_s_own_agent():
    board = plan("Shot 1: a man waits. Shot 2: his dog runs in and jumps on him.")
    kinds = {s.id: s.kind for shot in board.shots for s in shot.subjects}
    relations = [(kinds[r.subject], r.relation, kinds[r.target]) for r in board.shots[1].relations]
    assert relations == [("dog", "on", "man")]
    (shot,) = plan("A cat watches a fish in a bowl. The cat tries to catch it.").shots
    assert [(a.verb, a.target) for a in shot.actions] == [("look", "fish_1"), ("catch", "fish_1")]


def test_the_speaker_is_someone_not_something():
    (shot,) = plan("Le chef goûte la soupe et dit « Parfait ! »").shots
    assert [(c.speaker, c.text) for c in shot.cues] == [("chef_1", "Parfait !")]


@pytest.mark.parametrize("prompt", ["a ball falls into a puddle",
                                    "un ballon tombe dans une flaque"])
def test_a_puddle_wets_the_ground_not_the_subject(prompt):
    (shot,) = plan(prompt).shots
    assert shot.setting.wet and shot.subjects[0].states == []


@pytest.mark.parametrize(
    "prompt",
    [
        "a ball rolls, falls, and bounces",
        "une balle roule, tombe et rebondit",
        "a wooden box slides, tips over, and rests",
        "une boîte glisse, bascule, puis reste immobile",
    ],
)
def test_every_verb_of_a_list_is_the_same_subject_s(prompt):
    (shot,) = plan(prompt).shots
    (subject,) = shot.subjects
    assert len(shot.actions) == 3
    assert {a.subject for a in shot.actions} == {subject.id}


def test_a_verb_list_keeps_its_subject_apart_from_the_next_one():
    (shot,) = plan("a dog runs, jumps, and a cat sleeps").shots
    assert [(a.subject, a.verb) for a in shot.actions] == [
        ("dog_1", "run"), ("dog_1", "jump"), ("cat_1", "sleep")]


@pytest.mark.parametrize(
    ("prompt", "sizes"),
    [
        ("A fox sits in the snow. Close-up: the fox yawns.", ["medium", "close_up"]),
        ("Un renard est assis dans la neige. Gros plan : le renard dort.",
         ["medium", "close_up"]),
        ("Close-up: a fox sleeps. Wide shot: the fox runs into the forest.",
         ["close_up", "wide"]),
        ("Gros plan : un renard dort. Plan large : le renard court dans la forêt.",
         ["close_up", "wide"]),
    ],
)
def test_a_shot_size_heading_starts_a_new_shot(prompt, sizes):
    board = plan(prompt)
    assert [shot.camera.shot_size for shot in board.shots] == sizes
    assert [s.id for shot in board.shots for s in shot.subjects] == ["fox_1", "fox_1"]


@pytest.mark.parametrize(
    ("prompt", "count"),
    [
        ("a fox runs, wide shot: very fast", 1),  # inside a sentence: no new shot
        ("Shot 1: a fox. Shot 2: Close-up: the fox sleeps.", 2),
        ("Un renard dort. Ensuite, gros plan : il se réveille.", 2),
    ],
)
def test_a_heading_inside_a_sentence_or_after_a_marker_adds_no_shot(prompt, count):
    assert len(plan(prompt).shots) == count


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("a girl gives a flower to a boy who smiles", {("girl", "give"), ("boy", "smile")}),
        ("une fille donne une fleur à un garçon qui sourit",
         {("girl", "give"), ("boy", "smile")}),
        ("a man opens the door and closes the window", {("man", "open"), ("man", "close")}),
        ("un homme ouvre la porte et ferme la fenêtre", {("man", "open"), ("man", "close")}),
        ("a boy throws a ball and a girl catches it", {("boy", "throw"), ("girl", "catch")}),
        ("un garçon lance un ballon et une fille l'attrape",
         {("boy", "throw"), ("girl", "catch")}),
        ("a woman pushes a cart while a man pulls a sled",
         {("woman", "push"), ("man", "pull")}),
        ("une femme pousse un chariot pendant qu'un homme tire une luge",
         {("woman", "push"), ("man", "pull")}),
        ("a child climbs, sings, laughs and cries", {("child", v) for v in (
            "climb", "sing", "laugh", "cry")}),
        ("un enfant grimpe, chante, rit et pleure", {("child", v) for v in (
            "climb", "sing", "laugh", "cry")}),
        ("a man and a woman hug and kiss", {(k, v) for k in ("man", "woman")
                                           for v in ("hug", "kiss")}),
        ("un homme et une femme s'enlacent et s'embrassent", {(k, v) for k in ("man", "woman")
                                                            for v in ("hug", "kiss")}),
    ],
)
def test_people_actions(prompt, expected):
    assert verbs(plan(prompt)) == expected


@pytest.mark.parametrize(
    ("prompt", "place", "indoor"),
    [
        ("a goat on a hill", "hill", False),
        ("une chèvre sur une colline", "hill", False),
        ("a truck on the highway", "highway", False),
        ("un camion sur l'autoroute", "highway", False),
        ("a kite high in the sky", "sky", False),
        ("un cerf-volant dans le ciel", "sky", False),
        ("a cat in the garden", "garden", False),
        ("un chat dans le jardin", "garden", False),
        ("a cat on a bridge", "bridge", False),
        ("un chat sur un vieux pont", "bridge", False),
        ("a dog on the road", "street", False),
        ("un chien sur la route", "street", False),
    ],
)
def test_new_places(prompt, place, indoor):
    setting = plan(prompt).shots[0].setting
    assert (setting.place, setting.indoor) == (place, indoor)


@pytest.mark.parametrize(
    ("prompt", "states"),
    [
        ("an old car and an empty bottle", [["old"], ["empty"]]),
        ("une vieille voiture et une bouteille vide", [["old"], ["empty"]]),
        ("a mossy rock and a crowded bus", [["mossy"], ["busy"]]),
        ("un rocher moussu et un bus bondé", [["mossy"], ["busy"]]),
        ("an open door and a closed box", [["open"], ["closed"]]),
        ("une porte ouverte et une boîte fermée", [["open"], ["closed"]]),
    ],
)
def test_new_states(prompt, states):
    board = plan(prompt)
    assert [s.states for s in board.shots[0].subjects] == states
    assert board.unresolved == []


def test_a_busy_or_empty_place_is_understood():
    for prompt in ("a busy street, an empty highway", "une rue animée, une autoroute déserte"):
        board = plan(prompt)
        assert board.shots[0].setting.place == "street"
        assert board.unresolved == []


@pytest.mark.parametrize(
    ("prompt", "kinds", "place", "actions"),
    [
        ("un fermier dort dans une ferme", ["farmer"], "field", {("farmer", "sleep")}),
        ("le fermier ferme la porte", ["farmer", "door"], "floor", {("farmer", "close")}),
        ("un serveur porte un gâteau", ["waiter", "cake"], "floor", {("waiter", "carry")}),
        ("une femme en pull ouvre la porte", ["woman", "door"], "floor", {("woman", "open")}),
        ("un oiseau vole au-dessus de la porte", ["bird", "door"], "floor", {("bird", "fly")}),
    ],
)
def test_french_homographs_by_context(prompt, kinds, place, actions):
    board = plan(prompt)
    (shot,) = board.shots
    assert [s.kind for s in shot.subjects] == kinds
    assert shot.setting.place == place
    assert verbs(board) == actions


@pytest.mark.parametrize("prompt", ["a bus crosses a bridge", "un bus traverse un pont"])
def test_a_bridge_acted_on_is_a_thing(prompt):
    (shot,) = plan(prompt).shots
    assert [s.kind for s in shot.subjects] == ["bus", "bridge"]
    assert shot.setting.place == "floor"


def test_a_chosen_look_replaces_every_shot_look():
    board = make_storyboard("Shot 1: a ball in a park, film noir. Shot 2: a dog runs, anime",
                            seconds=Fraction(8), seed=0)
    assert [shot.style.look for shot in board.shots] == ["noir", "anime"]
    chosen = board.with_look("vintage")
    assert [shot.style.look for shot in chosen.shots] == ["vintage", "vintage"]
    assert [shot.subjects for shot in chosen.shots] == [shot.subjects for shot in board.shots]
    with pytest.raises(ValueError, match="sepia"):
        board.with_look("sepia")
