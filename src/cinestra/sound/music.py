"""Procedural score: a short piece per genre and mood, one phrase per shot.

The MusicCue gives genre, tempo, key and mode (chosen by the world stage from the
Storyboard's cues and seed, so every shot of a clip plays the same piece). A shot starts a
phrase on its first sample: bar 1 of a 4-bar chord progression lands on the cut, and the
shot's `section` picks which progression, so consecutive shots move on rather than repeat.
Notes are placed at exact samples from the tempo; the same cue gives the same samples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import signal

from cinestra.sound import instruments as ins
from cinestra.sound.filters import butter_sos
from cinestra.sound.soundtrack import SAMPLE_RATE
from cinestra.world.timeline import MusicCue

CLEAR_BEFORE_S = 0.06
CLEAR_AFTER_S = 0.01
LEVEL_DBFS = -34.0  # RMS of the score before ducking: under dialogue and foley
MAJOR = (0, 2, 4, 5, 7, 9, 11)
MINOR = (0, 2, 3, 5, 7, 8, 10)
# Scale degrees (0 = I) of the chord roots, one per bar; a section takes the next one.
PROGRESSIONS = {
    "major": ((0, 5, 3, 4), (0, 3, 4, 0), (5, 3, 0, 4), (1, 4, 0, 0)),
    "minor": ((0, 5, 2, 6), (0, 3, 4, 0), (0, 6, 5, 4), (3, 4, 0, 0)),
}

Note = tuple[float, float, float]  # start beat, length in beats, MIDI pitch


def chord(root_degree: int, scale: tuple[int, ...], tonic: int, *, sevenths: bool) -> list[int]:
    """The diatonic triad (or seventh chord) on `root_degree`, as MIDI pitches."""
    steps = (0, 2, 4, 6) if sevenths else (0, 2, 4)
    out = []
    for step in steps:
        degree = root_degree + step
        out.append(tonic + 12 * (degree // 7) + scale[degree % 7])
    return out


def score(cue: MusicCue, *, n_samples: int, clear: Sequence[int] = ()) -> np.ndarray:
    """(n_samples, 2) float64 score for one shot, at LEVEL_DBFS RMS.

    `clear` are samples where something on screen hits: no note of the score starts in the
    CLEAR_BEFORE_S before one (nor just after), so no beat can blur a hit's onset.
    """
    if n_samples <= 0:
        return np.zeros((0, 2))
    beat_s = 60.0 / cue.tempo_bpm
    bars = int(np.ceil(n_samples / SAMPLE_RATE / (4 * beat_s))) + 1
    scale = MAJOR if cue.mode == "major" else MINOR
    progressions = PROGRESSIONS[cue.mode]
    rng = np.random.default_rng([cue.seed, cue.section])
    roots = [progressions[(cue.section + bar // 4) % len(progressions)][bar % 4]
             for bar in range(bars)]
    arrange = ARRANGEMENTS[cue.genre]
    out = np.zeros((n_samples + SAMPLE_RATE * 3, 2))
    hits = np.sort(np.asarray(clear, dtype=np.int64))
    before, after = round(CLEAR_BEFORE_S * SAMPLE_RATE), round(CLEAR_AFTER_S * SAMPLE_RATE)
    for instrument, notes, gain, pan in arrange(roots, scale, cue.tonic, rng):
        for start, length, pitch in notes:
            first = round(start * beat_s * SAMPLE_RATE)
            if first >= n_samples:
                continue
            nearest = int(np.searchsorted(hits, first - after))  # first hit at or after it
            if nearest < len(hits) and hits[nearest] - first <= before:
                continue
            note = gain * instrument(pitch, length * beat_s)
            end = min(len(out), first + len(note))
            out[first:end, 0] += note[: end - first] * (1.0 - pan)
            out[first:end, 1] += note[: end - first] * pan
    out = out[:n_samples]
    if cue.genre == "lofi":  # dusty: no top end
        sos = butter_sos(2, 3500.0, "low")
        out = signal.sosfilt(sos, out, axis=0)
    rms = float(np.sqrt(np.mean(out**2)))
    return out * (10.0 ** (LEVEL_DBFS / 20.0) / rms) if rms > 0 else out


Part = tuple[Callable[[float, float], np.ndarray], list[Note], float, float]


DRUM_VARIANTS = 8  # hits cycle through this many noise seeds: alive, and cheap to cache


def _drum(hit: Callable[[int], np.ndarray]) -> Callable[[float, float], np.ndarray]:
    def play(pitch: float, seconds: float) -> np.ndarray:
        return hit(int(pitch) % DRUM_VARIANTS)

    return play


def _kick(pitch: float, seconds: float) -> np.ndarray:
    return ins.kick()


def _chords(roots: list[int], scale: tuple[int, ...], tonic: int, *, sevenths: bool,
            octave: int, beats: float = 4.0, every: float = 4.0) -> list[Note]:
    notes: list[Note] = []
    for bar, root in enumerate(roots):
        for onset in np.arange(0.0, 4.0, every):
            for pitch in chord(root, scale, tonic + 12 * octave, sevenths=sevenths):
                notes.append((bar * 4 + float(onset), beats, float(pitch)))
    return notes


def _bass_line(roots: list[int], scale: tuple[int, ...], tonic: int, *, per_bar: int,
               walk: bool = False) -> list[Note]:
    notes: list[Note] = []
    length = 4.0 / per_bar
    for bar, root in enumerate(roots):
        tones = chord(root, scale, tonic - 12, sevenths=True)
        for k in range(per_bar):
            pitch = tones[k % len(tones)] if walk else tones[0]
            notes.append((bar * 4 + k * length, length * 0.9, float(pitch)))
    return notes


def _hits(bars: int, beats: list[float], *, seed: int) -> list[Note]:
    return [(bar * 4 + beat, 0.25, float(seed + bar * 16 + k))
            for bar in range(bars) for k, beat in enumerate(beats)]


def _jazz(roots: list[int], scale: tuple[int, ...], tonic: int,
          rng: np.random.Generator) -> list[Part]:
    swing = [0.0, 1.0, 1.66, 2.0, 3.0, 3.66]  # ding, ding-da-ding
    return [
        (ins.electric_piano, _chords(roots, scale, tonic, sevenths=True, octave=0, beats=1.2,
                                     every=2.0), 0.25, 0.4),
        (ins.bass, _bass_line(roots, scale, tonic, per_bar=4, walk=True), 0.8, 0.5),
        (_drum(ins.ride), _hits(len(roots), swing, seed=1), 0.12, 0.65),
    ]


def _orchestral(roots: list[int], scale: tuple[int, ...], tonic: int,
                rng: np.random.Generator) -> list[Part]:
    melody = [(bar * 4 + beat, 1.0, float(chord(root, scale, tonic + 12, sevenths=False)[
        int(rng.integers(0, 3))])) for bar, root in enumerate(roots) for beat in (0.0, 2.0)]
    return [
        (ins.pad, _chords(roots, scale, tonic, sevenths=False, octave=0), 0.5, 0.45),
        (ins.pad, [(b, 1.9, p + 12) for b, _, p in melody], 0.25, 0.6),
        (ins.bass, _bass_line(roots, scale, tonic, per_bar=1), 0.7, 0.5),
    ]


def _electronic(roots: list[int], scale: tuple[int, ...], tonic: int,
                rng: np.random.Generator) -> list[Part]:
    arp = [(bar * 4 + k * 0.5, 0.4, float(chord(root, scale, tonic + 12, sevenths=True)[k % 4]))
           for bar, root in enumerate(roots) for k in range(8)]
    return [
        (_kick, _hits(len(roots), [0.0, 1.0, 2.0, 3.0], seed=0), 0.9, 0.5),
        (_drum(ins.hihat), _hits(len(roots), [0.5, 1.5, 2.5, 3.5], seed=2), 0.25, 0.6),
        (ins.lead, arp, 0.3, 0.45),
        (ins.bass, _bass_line(roots, scale, tonic, per_bar=8), 0.6, 0.5),
    ]


def _lofi(roots: list[int], scale: tuple[int, ...], tonic: int,
          rng: np.random.Generator) -> list[Part]:
    return [
        (_kick, _hits(len(roots), [0.0, 2.5], seed=0), 0.8, 0.5),
        (_drum(ins.snare), _hits(len(roots), [1.0, 3.0], seed=3), 0.3, 0.5),
        (_drum(ins.hihat), _hits(len(roots), [0.0, 0.66, 1.0, 1.66, 2.0, 2.66, 3.0, 3.66],
                                 seed=4), 0.12, 0.6),
        (ins.electric_piano, _chords(roots, scale, tonic, sevenths=True, octave=0), 0.3, 0.4),
        (ins.bass, _bass_line(roots, scale, tonic, per_bar=2), 0.6, 0.5),
    ]


def _ambient(roots: list[int], scale: tuple[int, ...], tonic: int,
             rng: np.random.Generator) -> list[Part]:
    bells = [(bar * 4 + float(rng.choice([0.0, 1.5, 2.5])), 2.0,
              float(tonic + 24 + scale[int(rng.integers(0, 7))])) for bar in range(len(roots))]
    return [
        (ins.pad, _chords(roots, scale, tonic, sevenths=True, octave=0), 0.5, 0.5),
        (ins.piano, bells, 0.15, 0.6),
    ]


def _rock(roots: list[int], scale: tuple[int, ...], tonic: int,
          rng: np.random.Generator) -> list[Part]:
    power = [(bar * 4 + k * 0.5, 0.45, float(tonic - 12 + scale[root % 7]))
             for bar, root in enumerate(roots) for k in range(8)]
    return [
        (_kick, _hits(len(roots), [0.0, 1.5, 2.0], seed=0), 0.9, 0.5),
        (_drum(ins.snare), _hits(len(roots), [1.0, 3.0], seed=5), 0.5, 0.5),
        (_drum(ins.hihat), _hits(len(roots), [k * 0.5 for k in range(8)], seed=6), 0.15, 0.6),
        (ins.guitar, power, 0.25, 0.35),
        (ins.bass, _bass_line(roots, scale, tonic, per_bar=8), 0.6, 0.5),
    ]


ARRANGEMENTS: dict[str, Callable[..., list[Part]]] = {
    "jazz": _jazz, "orchestral": _orchestral, "electronic": _electronic, "lofi": _lofi,
    "ambient": _ambient, "rock": _rock,
}


def performance(instrument: str, *, tonic: int, minor: bool, seconds: float,
                seed: int) -> list[tuple[float, np.ndarray]]:
    """Notes of an on-screen instrument being played: (start s, mono note) phrases in key."""
    play = ins.INSTRUMENTS.get(instrument, ins.piano)
    scale = MINOR if minor else MAJOR
    rng = np.random.default_rng(seed)
    notes: list[tuple[float, np.ndarray]] = []
    time = 0.25
    degree = 7
    while time < seconds - 0.2:
        length = float(rng.choice([0.25, 0.25, 0.5, 0.75]))
        degree = int(np.clip(degree + rng.integers(-2, 3), 0, 13))
        pitch = tonic + 12 + 12 * (degree // 7) + scale[degree % 7]
        notes.append((time, play(pitch, min(length, seconds - time))))
        time += length + (0.5 if rng.random() < 0.12 else 0.0)  # a breath between phrases
    return notes
