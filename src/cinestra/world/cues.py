"""What a shot says and plays: dialogue lines, the score, footsteps and instrument playing.

The Storyboard's cues carry no times; here they get exact ones on the shot's clock, so
picture (lips, steps, hands on keys) and sound (voices, foley, notes) read the same numbers.
Lines are laid out one after another from an estimate of how long each takes to say; the
sound stage speeds a line up when its voice would overrun the slot, never moves its start.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal

from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Cue, Shot
from cinestra.world.timeline import (
    DialogueLine,
    Footstep,
    Gait,
    MusicCue,
    Performance,
    Vec3,
)

FIRST_LINE_S = Fraction(3, 10)  # a beat of picture before the first word
LINE_GAP_S = Fraction(1, 4)  # the pause between two lines
SECONDS_PER_CHAR = Fraction(13, 200)  # ~15 characters a second, the packaged voice's pace
LINE_OVERHEAD_S = Fraction(3, 10)
STEP_SECONDS: dict[Gait, Fraction] = {"walk": Fraction(11, 20), "run": Fraction(8, 25)}
GAIT_VERBS: dict[str, Gait] = {"walk": "walk", "cross": "walk", "dance": "walk",
                               "run": "run", "race": "run", "chase": "run", "gallop": "run"}
PERSON_KG = 70.0
ANIMAL_KG = {"quadruped": 25.0, "bird": 0.5}

# The six scores the sound stage plays; other genres take the nearest, moods pick a genre
# when the prompt names none.
GENRES = ("jazz", "orchestral", "electronic", "lofi", "ambient", "rock")
GENRE_STAND_INS = {"classical": "orchestral", "hip_hop": "lofi", "pop": "electronic",
                   "folk": "orchestral", "blues": "jazz", "latin": "jazz"}
MOOD_GENRES = {"happy": "electronic", "sad": "orchestral", "tense": "electronic",
               "epic": "orchestral", "romantic": "jazz", "calm": "ambient",
               "mysterious": "ambient", "playful": "lofi"}
GENRE_TEMPO = {"jazz": 120, "orchestral": 84, "electronic": 124, "lofi": 80, "ambient": 66,
               "rock": 132}
MOOD_TEMPO = {"happy": 1.1, "sad": 0.8, "tense": 1.05, "epic": 1.0, "romantic": 0.85,
              "calm": 0.85, "mysterious": 0.9, "playful": 1.1}
MINOR_MOODS = ("sad", "tense", "mysterious", "epic")


def dialogue_lines(shot: Shot, *, language: Literal["en", "fr"], position: Vec3,
                   positions: Mapping[str, Vec3] | None = None) -> list[DialogueLine]:
    """The shot's quoted lines in order, each in its own slot of the shot's duration.

    A line is heard from its speaker's mouth (`positions`, by subject id) when the world
    placed the speaker, else from `position` (the middle of the action; the narrator).
    """
    cues = [cue for cue in shot.cues if cue.kind == "dialogue" and cue.text.strip()]
    if not cues:
        return []
    wanted = [LINE_OVERHEAD_S + SECONDS_PER_CHAR * len(cue.text) for cue in cues]
    room = shot.duration - FIRST_LINE_S - LINE_GAP_S * len(cues)
    # Too many words for the shot: every slot shrinks alike (the voice will speak faster).
    squeeze = min(Fraction(1), room / sum(wanted)) if room > 0 else Fraction(1, 2)
    subjects = {subject.id: subject.kind for subject in shot.subjects}
    kinds = load_catalog().subjects
    lines: list[DialogueLine] = []
    start = FIRST_LINE_S
    for cue, seconds in zip(cues, wanted, strict=True):
        end = min(shot.duration, start + seconds * squeeze + LINE_GAP_S)
        if start >= shot.duration:
            break
        speaker = cue.speaker or "narrator"
        kind = kinds.get(subjects.get(speaker, ""))
        lines.append(DialogueLine(
            speaker=speaker, language=language, text=cue.text.strip(), start=start, end=end,
            gender=kind.gender if kind else None, age=kind.age if kind else None,
            position=(positions or {}).get(speaker, position),
        ))
        start = end
    return lines


def music_cue(cues: Sequence[Cue], *, section: int, seed: int) -> MusicCue | None:
    """The score for the music cues (genre and/or mood names); None for none or silence."""
    names = [cue.text for cue in cues if cue.kind == "music"]
    catalog = load_catalog()
    genres = [name for name in names if name in catalog.music and name != "silence"]
    moods = [name for name in names if name in catalog.moods]
    if "silence" in names or not (genres or moods):
        return None
    mood = moods[0] if moods else "calm"
    genre = genres[0] if genres else MOOD_GENRES.get(mood, "ambient")
    genre = GENRE_STAND_INS.get(genre, genre)
    if genre not in GENRES:
        genre = "ambient"
    # Tempo and key come from the cues and the clip's seed, not the shot: every shot of a
    # clip plays the same piece.
    key = zlib.crc32(f"{seed}|{genre}|{mood}".encode())
    tempo = round(GENRE_TEMPO[genre] * MOOD_TEMPO.get(mood, 1.0))
    return MusicCue(genre=genre, mood=mood, tempo_bpm=tempo, tonic=48 + key % 12,
                    mode="minor" if mood in MINOR_MOODS else "major", section=section,
                    seed=key & 0x7FFFFFFF)


def footsteps(shot: Shot, *, surface: str, position: Vec3, seed: int) -> list[Footstep]:
    """Steps of every walking or running subject, on a steady cadence over the shot."""
    kinds = load_catalog().subjects
    steps: list[Footstep] = []
    for order, action in enumerate(shot.actions):
        gait = GAIT_VERBS.get(action.verb)
        subject = next((s for s in shot.subjects if s.id == action.subject), None)
        if gait is None or subject is None:
            continue
        family = kinds[subject.kind].family
        if family not in ("biped", "quadruped"):
            continue
        weight = PERSON_KG if family == "biped" else ANIMAL_KG["quadruped"]
        period = STEP_SECONDS[gait] * (Fraction(1, 2) if family == "quadruped" else 1)
        # Several walkers do not step together: each starts at its own phase.
        phase = Fraction(zlib.crc32(f"{seed}|{subject.id}".encode()) % 1000, 1000) * period
        for instance in range(subject.count):
            time = Fraction(1, 5) + phase + period * Fraction(instance, max(1, subject.count))
            side = 0.15 * (order + instance) * (1 if (order + instance) % 2 else -1)
            while time < shot.duration:
                steps.append(Footstep(time=time, subject=subject.id, surface=surface, gait=gait,
                                      weight_kg=weight,
                                      position=(position[0] + side, position[1], position[2])))
                time += period
    return sorted(steps, key=lambda step: step.time)


def performances(shot: Shot, *, position: Vec3,
                 positions: Mapping[str, Vec3] | None = None) -> list[Performance]:
    """Instruments being played: by "X plays the piano", or an instrument that "plays";
    heard from the instrument where the world placed it (`positions`)."""
    kinds = load_catalog().subjects
    instruments = {s.id: s.kind for s in shot.subjects if kinds[s.kind].family == "instrument"}
    played: list[Performance] = []
    for action in shot.actions:
        if action.verb != "play":
            continue
        instrument = instruments.get(action.target or "") or instruments.get(action.subject)
        if instrument is None and action.target is None and len(instruments) == 1:
            instrument = next(iter(instruments.values()))  # "plays saxophone": the only one
        if instrument is None:
            continue
        where = (positions or {}).get(action.target or action.subject, position)
        played.append(Performance(subject=action.subject, instrument=instrument,
                                  start=Fraction(0), end=shot.duration, position=where))
    return played
