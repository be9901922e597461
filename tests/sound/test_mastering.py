"""sound.mastering and the whole sound stage: -14 LUFS integrated, true peak <= -1 dBTP.

Loudness is measured with pyloudnorm (an independent BS.1770 meter) and the true peak
on a 4x oversampled copy (scipy's polyphase resampler), not with the stage's own meters.
"""

from __future__ import annotations

import logging
from fractions import Fraction

import numpy as np
import pyloudnorm
import pytest
from scipy import signal

from cinestra.plan import make_storyboard
from cinestra.sound import SAMPLE_RATE, Soundtrack, master, mix, sound_clip
from cinestra.sound.loudness import integrated_loudness, true_peak_dbtp
from cinestra.world import simulate
from tests.utils.audio import onset_times

PROMPTS = [  # ten settings: club, kitchen, street in the rain, beach, forest, park, classroom,
    # snow, a French café, a city with footsteps
    'a woman and a man in a jazz club at night, jazz music. The woman says "Where were you?" '
    'The man replies "At the station, waiting for you."',
    "three glass bottles fall on a table in a kitchen",
    "a ball bounces on a street in the rain, epic orchestral music",
    "a dog runs on the beach at sunset, calm ambient music",
    "a man walks in a forest, lofi music",
    "a red ball rolls in a park, electronic music",
    "a metal can falls on the floor in a classroom, rock music",
    "a ball bounces in the snow",
    "une femme dit « Bonjour, je suis contente de te voir » dans un café",
    "a man runs in the city at night, tense music",
]

log = logging.getLogger(__name__)  # measured numbers: pytest --log-cli-level=INFO


def stage_output(prompt: str, *, seconds: int = 6) -> Soundtrack:
    """What the pipeline's sound step gives for `prompt`, before the watermark."""
    board = make_storyboard(prompt, seconds=Fraction(seconds), seed=0)
    music = [cue for shot in board.shots for cue in shot.cues if cue.kind == "music"]
    return sound_clip([simulate(shot, fps=24, aspect=Fraction(16, 9), seed=0,
                                language=board.language, clip_music=music)
                       for shot in board.shots]).soundtrack


def reference_true_peak(samples: np.ndarray) -> float:
    oversampled = signal.resample_poly(samples.astype(np.float64), 4, 1, axis=0)
    return float(20.0 * np.log10(np.abs(oversampled).max()))


@pytest.mark.parametrize("prompt", PROMPTS, ids=[p[:24] for p in PROMPTS])
def test_ten_settings_meet_loudness_and_true_peak(prompt: str) -> None:
    samples = stage_output(prompt).samples.astype(np.float64)
    loudness = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples)
    peak = reference_true_peak(samples)
    log.info("%s", f"{prompt[:40]!r}: {loudness:.2f} LUFS, {peak:.2f} dBTP")
    assert abs(loudness - -14.0) <= 1.0
    assert peak <= -1.0


def test_space_stays_silent_and_is_not_blown_up() -> None:
    samples = stage_output("an astronaut floats in space", seconds=4).samples
    assert 20.0 * np.log10(np.abs(samples).max()) < -50.0


def test_own_meters_agree_with_the_references() -> None:
    rng = np.random.default_rng(3)
    t = np.arange(3 * SAMPLE_RATE) / SAMPLE_RATE
    x = np.stack([0.3 * np.sin(2 * np.pi * 997 * t), 0.1 * rng.standard_normal(len(t))], axis=1)
    x[:, 0] += 0.4 * np.sin(2 * np.pi * 11_999 * t + 0.7)
    assert abs(integrated_loudness(x)
               - pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(x)) < 0.1
    assert abs(true_peak_dbtp(x) - reference_true_peak(x)) < 0.1


def test_master_is_a_smooth_positive_gain() -> None:
    """Mastering multiplies by a smooth positive gain: no impact's first sample moves, and
    it adds no onset of its own (it may soften one: limiting lowers the loudest hits)."""
    shot = make_storyboard("three glass bottles fall on a table", seconds=Fraction(4),
                           seed=0).shots[0]
    timeline = simulate(shot, fps=24, aspect=Fraction(16, 9), seed=0)
    raw = mix(timeline).samples.astype(np.float64)
    mastered = master(Soundtrack(samples=raw)).samples.astype(np.float64)
    assert np.array_equal(raw == 0.0, mastered == 0.0)
    audible = np.abs(raw[:, 0]) > 1e-4  # float32 rounding aside
    ratio = mastered[audible, 0] / raw[audible, 0]
    assert ratio.min() > 0.0  # raised or lowered to -14 LUFS, never inverted
    gain_db = 20 * np.log10(ratio)
    step = np.abs(np.diff(gain_db[: 48_000]))  # neighbouring audible samples
    assert float(step.max()) < 0.5
    before = onset_times(raw, SAMPLE_RATE)
    after = onset_times(mastered, SAMPLE_RATE)
    assert len(before) >= 3 and len(after) >= len(before) - 1
    for onset in after:
        assert min(abs(onset - other) for other in before) <= 0.001
