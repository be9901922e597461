"""Speech for dialogue lines: a distinct voice per character, placed at the line's start.

`speak(timeline)` voices every `DialogueLine`: English with piper's packaged voice, French
with espeak-ng. Each character gets a voice from its gender, age and id (pitch and formant
shifts resynthesised with WORLD, `pyworld`), so two characters never share one. The line's
first audible sample lands exactly on `line.start`; a line longer than its slot is spoken
faster, never moved. Phoneme timings come back as Timeline visemes for lip sync.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy import signal

from cinestra.sound.loudness import frame_power
from cinestra.sound.soundtrack import SAMPLE_RATE
from cinestra.sound.visemes import visemes_for
from cinestra.sound.voices import Utterance, espeak_say, piper_say
from cinestra.world.timeline import DialogueLine, Timeline, Viseme

ONSET_DB = -28.0  # a line starts at its first sample this far under its own peak
FADE_IN_S = 0.002
TAIL_DB = -40.0  # a line lasts until its last millisecond this far under its loudest
MIN_SPEED = 0.7  # length_scale floor: faster than this and words blur
FRAME_PERIOD_MS = 5.0


@dataclass(frozen=True)
class Voice:
    """How one character sounds: which synthesiser, then a WORLD pitch and formant shift."""

    female: bool  # espeak-ng picks a female variant; piper has one (male) voice
    pitch: float  # F0 multiplier
    formant: float  # spectral envelope stretch (> 1: a smaller vocal tract)
    # espeak-ng's variants already sound female or male: only the per-character step.
    espeak_pitch: float = 1.0
    espeak_formant: float = 1.0


@dataclass(frozen=True)
class VoicedLine:
    line: DialogueLine
    samples: np.ndarray  # mono float64 at 48 kHz; sample 0 plays at line.start and is > 0
    visemes: list[Viseme]


@dataclass(frozen=True)
class Speech:
    lines: list[VoicedLine]

    @property
    def visemes(self) -> list[Viseme]:
        return [viseme for voiced in self.lines for viseme in voiced.visemes]


# Pitch and formant per voice range; piper's voice is an adult man (F0 ~ 110-140 Hz).
RANGES: dict[str, tuple[bool, float, float]] = {
    "male": (False, 1.0, 1.0),
    "female": (True, 1.65, 1.17),
    "child": (True, 2.0, 1.25),
    "elderly_male": (False, 0.9, 0.97),
    "elderly_female": (True, 1.45, 1.12),
}
# Characters of the same range differ by a step of these (id 1, 2, 3... of a kind).
VARIANTS = ((1.0, 1.0), (0.84, 0.95), (1.18, 1.05), (0.92, 1.08))


def voice_for(line: DialogueLine) -> Voice:
    """The voice of `line.speaker`, the same in every shot (it comes from the id alone)."""
    if line.age in ("baby", "child"):
        key = "child"
    elif line.age == "elderly":
        key = "elderly_female" if line.gender == "female" else "elderly_male"
    else:
        key = "female" if line.gender == "female" else "male"
    female, pitch, formant = RANGES[key]
    number = re.search(r"(\d+)$", line.speaker)
    # "man_2" is the second man: a variant; ids with no number (narrator) hash to one.
    index = int(number.group(1)) - 1 if number else zlib.crc32(line.speaker.encode())
    step_pitch, step_formant = VARIANTS[index % len(VARIANTS)]
    young = 1.2 if key == "child" else 1.0
    return Voice(female=female, pitch=pitch * step_pitch, formant=formant * step_formant,
                 espeak_pitch=young * step_pitch, espeak_formant=young * step_formant)


def speak(timeline: Timeline) -> Speech:
    """Every dialogue line of `timeline`, voiced, trimmed to its onset and timed."""
    return Speech(lines=[voice_line(line) for line in timeline.dialogue])


def voice_line(line: DialogueLine) -> VoicedLine:
    """`line` in its character's voice at 48 kHz, trimmed to its onset, with its visemes."""
    # 1. Synthesise; once more, faster, if the line would overrun its slot.
    voice = voice_for(line)
    slot = float(line.end - line.start)
    speed = 1.0
    utterance = _say(line, voice=voice, speed=speed)
    for _ in range(3):  # the voice's pace is not exactly proportional to its speed setting
        spoken = _spoken_seconds(utterance)
        if spoken <= slot or slot <= 0 or speed >= 1.0 / MIN_SPEED:
            break
        speed = min(speed * 1.03 * spoken / slot, 1.0 / MIN_SPEED)
        utterance = _say(line, voice=voice, speed=speed)

    # 2. The character's pitch and formants, then 48 kHz.
    if line.language == "en":
        pitch, formant = voice.pitch, voice.formant
    else:
        pitch, formant = voice.espeak_pitch, voice.espeak_formant
    samples = _shift(utterance.samples, rate=utterance.sample_rate, pitch=pitch, formant=formant)
    up, down = _ratio(utterance.sample_rate)
    samples = signal.resample_poly(samples, up, down)

    # 3. Trim to the first audible sample, so it plays exactly at line.start.
    first = _onset(samples)
    samples = samples[first:]
    fade = min(len(samples), round(FADE_IN_S * SAMPLE_RATE))
    samples[:fade] *= np.linspace(0.05, 1.0, fade)
    if samples.size and samples[0] == 0.0:
        samples[0] = 1e-6  # a placed sound never starts on a zero

    # 4. Phoneme times -> visemes on the shot clock.
    scale = Fraction(up, down * SAMPLE_RATE)
    offset = Fraction(first, SAMPLE_RATE)
    timed = [(name, line.start + start * scale - offset, line.start + end * scale - offset)
             for name, start, end in utterance.phonemes]
    timed = [(name, max(start, line.start), end) for name, start, end in timed if end > line.start]
    return VoicedLine(line=line, samples=np.asarray(samples, dtype=np.float64),
                      visemes=visemes_for(timed, speaker=line.speaker))


def _say(line: DialogueLine, *, voice: Voice, speed: float) -> Utterance:
    if line.language == "en":
        return piper_say(line.text, length_scale=1.0 / speed)
    return espeak_say(line.text, language=line.language, female=voice.female, speed=speed)


def _spoken_seconds(utterance: Utterance) -> float:
    """From the onset to the end of the last millisecond within TAIL_DB of the peak."""
    x = utterance.samples
    hop = max(1, utterance.sample_rate // 1000)
    n = len(x) // hop
    if n == 0:
        return 0.0
    energy = np.mean(x[: n * hop].reshape(n, hop) ** 2, axis=1)
    peak = float(energy.max())
    if peak <= 0.0:
        return 0.0
    start = int(np.flatnonzero(energy >= peak * 10 ** (ONSET_DB / 10))[0])
    end = int(np.flatnonzero(energy >= peak * 10 ** (TAIL_DB / 10))[-1]) + 1
    return (end - start) * hop / utterance.sample_rate


def _shift(samples: np.ndarray, *, rate: int, pitch: float, formant: float) -> np.ndarray:
    """WORLD analysis and resynthesis with F0 × pitch and the envelope stretched by formant."""
    if (pitch == 1.0 and formant == 1.0) or samples.size < rate // 10:
        return samples
    import pyworld

    x = np.ascontiguousarray(samples, dtype=np.float64)
    f0, times = pyworld.dio(x, rate, frame_period=FRAME_PERIOD_MS)
    f0 = pyworld.stonemask(x, f0, times, rate)
    envelope = pyworld.cheaptrick(x, f0, times, rate)
    aperiodicity = pyworld.d4c(x, f0, times, rate)
    # Formants move up by `formant`: the new envelope at f is the old one at f / formant.
    bins = np.arange(envelope.shape[1], dtype=np.float64)
    source = np.clip(bins / formant, 0, envelope.shape[1] - 1)
    low = np.floor(source).astype(int)
    high = np.minimum(low + 1, envelope.shape[1] - 1)
    weight = source - low
    warped = envelope[:, low] * (1.0 - weight) + envelope[:, high] * weight
    out = pyworld.synthesize(f0 * pitch, np.ascontiguousarray(warped),
                             aperiodicity, rate, FRAME_PERIOD_MS)
    return np.asarray(out[: len(samples)], dtype=np.float64)


def _ratio(rate: int) -> tuple[int, int]:
    g = np.gcd(SAMPLE_RATE, rate)
    return SAMPLE_RATE // int(g), rate // int(g)


def _onset(samples: np.ndarray) -> int:
    """First sample of the line's 1 ms envelope that reaches ONSET_DB under its peak."""
    if samples.size == 0:
        return 0
    hop = SAMPLE_RATE // 1000
    envelope = np.sqrt(frame_power(samples, hop=hop))
    if envelope.size == 0:
        return 0
    threshold = envelope.max() * 10 ** (ONSET_DB / 20)
    loud = np.flatnonzero(envelope >= threshold)
    hop_start = int(loud[0]) * hop if loud.size else 0
    # Inside that millisecond, the first sample that is itself above the line.
    inside = np.flatnonzero(np.abs(samples[hop_start : hop_start + hop]) >= threshold)
    return hop_start + (int(inside[0]) if inside.size else 0)
