"""world.cues: dialogue slots, the score's cue, footsteps and playing, on the shot's clock."""

from __future__ import annotations

import itertools
from fractions import Fraction

from cinestra.plan import make_storyboard
from cinestra.world import simulate
from cinestra.world.cues import music_cue

ASPECT = Fraction(16, 9)


def test_lines_follow_each_other_inside_the_shot() -> None:
    board = make_storyboard('a woman and a man in a jazz club. The woman says "Where were you '
                            'last night?" The man replies "At the station, waiting for you."',
                            seconds=Fraction(5))
    timeline = simulate(board.shots[0], fps=24, aspect=ASPECT, seed=0, language=board.language)
    first, second = timeline.dialogue
    assert (first.speaker, first.gender) == ("woman_1", "female")
    assert (second.speaker, second.gender) == ("man_1", "male")
    assert 0 < first.start < first.end <= second.start < second.end <= timeline.duration
    assert timeline.environment.setting == "jazz_club" == timeline.environment.place
    heard = {line.speaker: line.position[0] for line in timeline.dialogue}
    placed = {actor.subject: actor.path[0][0] for actor in timeline.actors}
    assert heard == placed  # each voice comes from where its speaker stands


def test_a_long_speech_is_squeezed_into_a_short_shot() -> None:
    text = "This is a very long line that nobody could ever say in two seconds flat, surely."
    board = make_storyboard(f'a man says "{text}"', seconds=Fraction(4))
    shot = board.shots[0].model_copy(update={"duration": Fraction(2)})
    timeline = simulate(shot, fps=24, aspect=ASPECT, seed=0)
    assert timeline.dialogue[0].end <= Fraction(2)


def test_music_cue_from_genre_or_mood_and_the_same_piece_in_every_shot() -> None:
    board = make_storyboard("Shot 1 (2s): a ball bounces, sad orchestral music. "
                            "Shot 2 (2s): the ball rolls", seconds=Fraction(4))
    music = [cue for shot in board.shots for cue in shot.cues if cue.kind == "music"]
    first, second = (simulate(shot, fps=24, aspect=ASPECT, seed=3, clip_music=music).music
                     for shot in board.shots)
    assert first is not None and second is not None
    assert (first.genre, first.mood, first.mode) == ("orchestral", "sad", "minor")
    assert (first.tempo_bpm, first.tonic, first.seed) == (second.tempo_bpm, second.tonic,
                                                          second.seed)
    assert (first.section, second.section) == (0, 1)  # a new phrase at the cut
    mood_only = make_storyboard("a ball bounces, calm music", seconds=Fraction(2)).shots[0]
    assert music_cue(mood_only.cues, section=0, seed=0) is not None
    silent = make_storyboard("a ball bounces, no music", seconds=Fraction(2)).shots[0]
    assert music_cue(silent.cues, section=0, seed=0) is None


def test_walkers_step_on_the_ground_and_players_play() -> None:
    board = make_storyboard("a man walks in the street and a woman plays the piano",
                            seconds=Fraction(4))
    timeline = simulate(board.shots[0], fps=24, aspect=ASPECT, seed=0)
    steps = timeline.footsteps
    assert len(steps) >= 5 and {s.gait for s in steps} == {"walk"}
    assert {s.surface for s in steps} == {timeline.bodies[0].material}
    # Steps come from the walk cycle's foot strikes: a steady cadence, at the walker's feet.
    gaps = [float(b.time - a.time) for a, b in itertools.pairwise(steps)]
    assert min(gaps) > 0.35 and max(gaps) < 0.8 and max(gaps) - min(gaps) < 0.05
    assert all(abs(step.position[2]) < 0.1 for step in steps)
    walker = next(actor for actor in timeline.actors if actor.subject == "man_1")
    for step in steps:
        x = walker.path[round(float(step.time) * timeline.fps)][0]
        assert abs(step.position[0] - x) < 0.6  # under the walker, not at the stage's middle
    assert [(p.subject, p.instrument) for p in timeline.performances] == [("woman_1", "piano")]
