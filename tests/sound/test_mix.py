"""sound.mix: placement, loudness, timbre, space, room tone, limiting, determinism."""

from __future__ import annotations

import logging
from fractions import Fraction

import numpy as np
import pytest

from cinestra.sound import SAMPLE_RATE, Soundtrack, mix, sample_index
from cinestra.sound.limiter import soft_limit
from cinestra.sound.mixer import impact_bus
from cinestra.world.timeline import CameraKey, Cloth
from tests.utils.audio import onset_times, spectral_centroid
from tests.utils.timelines import make_impact, make_timeline

CEILING = 10.0 ** (-1.0 / 20.0)
# Times that do not fall on a 1 ms grid, nor (1/3) on a sample.
TIMES = [Fraction(1, 4), Fraction(2, 3), Fraction(1003, 1000), Fraction(7, 5), Fraction(17, 10)]
SHORT_TAILED = ["rubber", "wood", "stone", "plastic", "cardboard"]


def _window(samples: np.ndarray, time: Fraction, seconds: float) -> np.ndarray:
    start = sample_index(time)
    return samples[start : start + round(seconds * SAMPLE_RATE)]


def test_length_is_exactly_duration_times_48k() -> None:
    for duration in (Fraction(2), Fraction(7, 3), Fraction(1001, 1000), Fraction(1, 24)):
        soundtrack = mix(make_timeline([], duration=duration))
        assert isinstance(soundtrack, Soundtrack)
        assert soundtrack.samples.shape == (round(duration * 48000), 2)
        assert soundtrack.samples.dtype == np.float32


def test_every_impact_has_an_onset_within_1_ms() -> None:
    impacts = [
        make_impact(time, material_a=name, impulse=0.3 + 0.2 * k)
        for k, (time, name) in enumerate(zip(TIMES, SHORT_TAILED, strict=True))
    ]
    samples = mix(make_timeline(impacts)).samples

    onsets = onset_times(samples, SAMPLE_RATE)

    assert len(onsets) == len(impacts)
    for onset, impact in zip(onsets, impacts, strict=True):
        assert abs(onset - float(impact.time)) <= 0.001


@pytest.mark.parametrize("name", ["rubber", "glass", "metal", "grass", "water", "unobtainium"])
def test_first_non_zero_sample_is_the_impact_sample(name: str) -> None:
    time = Fraction(1, 3)
    timeline = make_timeline([make_impact(time, material_a=name, material_b=name)])

    bus = impact_bus(timeline, n_samples=sample_index(timeline.duration))

    for channel in range(2):
        assert np.flatnonzero(bus[:, channel])[0] == sample_index(time)


def test_bigger_impulse_is_louder() -> None:
    peaks = []
    for impulse in (0.05, 0.2, 0.8, 3.0):
        samples = mix(make_timeline([make_impact(Fraction(1, 2), impulse=impulse)])).samples
        peaks.append(float(np.abs(_window(samples, Fraction(1, 2), 0.05)).max()))
    assert peaks == sorted(peaks)
    assert peaks[-1] > 4.0 * peaks[0]


def test_spectral_centroid_glass_over_metal_over_wood_over_rubber() -> None:
    time = Fraction(1, 4)
    centroids = {}
    for name in ("glass", "metal", "wood", "rubber"):
        impact = make_impact(time, impulse=2.0, material_a=name, material_b=name)
        timeline = make_timeline([impact], ball_material=name, floor_material=name)
        samples = mix(timeline).samples
        # 30 ms: a rubber thud is over by then and the room tone would take over.
        centroids[name] = spectral_centroid(_window(samples, time, 0.03), SAMPLE_RATE)
    assert centroids["glass"] > centroids["metal"] > centroids["wood"] > centroids["rubber"]


def test_wet_floor_sounds_brighter() -> None:
    time = Fraction(1, 4)
    dry = mix(make_timeline([make_impact(time)], indoor=False, place="street")).samples
    wet = mix(make_timeline([make_impact(time)], indoor=False, place="street", wet=True)).samples
    dry_centroid = spectral_centroid(_window(dry, time, 0.05), SAMPLE_RATE)
    wet_centroid = spectral_centroid(_window(wet, time, 0.05), SAMPLE_RATE)
    assert wet_centroid > 1.5 * dry_centroid


def test_unknown_material_falls_back_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    impacts = [make_impact(t, material_a="unobtainium") for t in TIMES[:2]]
    with caplog.at_level(logging.WARNING, logger="cinestra.sound"):
        samples = mix(make_timeline(impacts)).samples
    warnings = [r for r in caplog.records if "unobtainium" in r.getMessage()]
    assert len(warnings) == 1  # once per mix, not once per impact
    assert len(onset_times(samples, SAMPLE_RATE)) == 2


def test_same_timeline_same_samples() -> None:
    impacts = [make_impact(time, material_a="glass") for time in TIMES]
    first = mix(make_timeline(impacts, place="park", indoor=False)).samples
    second = mix(make_timeline(impacts, place="park", indoor=False)).samples
    other_shot = mix(make_timeline(impacts, place="park", indoor=False, shot_index=1)).samples
    assert np.array_equal(first, second)
    assert not np.array_equal(first, other_shot)


def test_twenty_simultaneous_hard_impacts_do_not_clip() -> None:
    time = Fraction(1, 2)
    impacts = [
        make_impact(time, impulse=20.0, material_a=name, material_b="metal", position=(x, 0.0, 0.0))
        for name in ("metal", "glass", "ceramic", "stone")
        for x in (-0.4, -0.2, 0.0, 0.2, 0.4)
    ]
    samples = mix(make_timeline(impacts)).samples

    assert float(np.abs(samples).max()) <= CEILING
    onsets = onset_times(samples, SAMPLE_RATE)
    assert len(onsets) == 1
    assert abs(onsets[0] - float(time)) <= 0.001


def test_soft_limit_keeps_zeros_and_nonzeros() -> None:
    rng = np.random.default_rng(0)
    loud = np.zeros((4800, 2))
    loud[1000:] = 3.0 * rng.standard_normal((3800, 2))
    limited = soft_limit(loud)
    assert float(np.abs(limited).max()) <= CEILING
    assert np.array_equal(limited[:1000], loud[:1000])
    assert np.all((limited[1000:] != 0.0) == (loud[1000:] != 0.0))


def test_impact_on_the_right_of_the_screen_is_louder_on_the_right() -> None:
    time = Fraction(1, 2)
    # The camera looks along +y from y = -3, so +x is screen right (x = 1.6 m: 80 % out).
    for x, louder in ((1.6, 1), (-1.6, 0)):
        samples = mix(make_timeline([make_impact(time, position=(x, 0.0, 0.0))])).samples
        energy = np.sum(_window(samples, time, 0.05).astype(np.float64) ** 2, axis=0)
        assert energy[louder] > 4.0 * energy[1 - louder]


def test_pan_follows_the_camera() -> None:
    time = Fraction(1, 2)
    facing_back = CameraKey(position=(0.0, 3.0, 1.0), target=(0.0, 0.0, 0.2), fov_deg=40.0)
    timeline = make_timeline([make_impact(time, position=(1.6, 0.0, 0.0))], camera=facing_back)
    energy = np.sum(_window(mix(timeline).samples, time, 0.05).astype(np.float64) ** 2, axis=0)
    assert energy[0] > 4.0 * energy[1]  # seen from the other side, +x is on the left


def test_farther_from_the_camera_is_quieter() -> None:
    time = Fraction(1, 2)
    peaks = []
    for y in (0.0, 4.0, 12.0):
        samples = mix(make_timeline([make_impact(time, position=(0.0, y, 0.0))])).samples
        peaks.append(float(np.abs(_window(samples, time, 0.05)).max()))
    assert peaks[0] > peaks[1] > peaks[2]


@pytest.mark.parametrize(("place", "indoor"), [("room", True), ("street", False), ("park", False)])
def test_room_tone_is_quiet_and_everywhere(place: str, indoor: bool) -> None:
    samples = mix(make_timeline([], place=place, indoor=indoor)).samples.astype(np.float64)
    rms_db = 10.0 * np.log10(np.mean(samples**2))
    assert -51.0 < rms_db < -49.0
    quarter = len(samples) // 4
    for part in np.split(samples[: 4 * quarter], 4):  # present all along, not a burst
        assert np.sqrt(np.mean(part**2)) > 10.0 ** (-60.0 / 20.0)


def test_park_wind_is_airier_than_room_tone() -> None:
    room = mix(make_timeline([], place="room", indoor=True)).samples
    park = mix(make_timeline([], place="park", indoor=False)).samples
    assert spectral_centroid(park, SAMPLE_RATE) > 2.0 * spectral_centroid(room, SAMPLE_RATE)


def test_pan_follows_the_frame_shape() -> None:
    """The same hit, a little right of centre, sits further right in a vertical frame,
    whose edges are closer to the middle."""
    time = Fraction(1, 2)
    hit = make_timeline([make_impact(time, position=(0.3, 0.0, 0.0))])
    ratios = []
    for aspect in (Fraction(16, 9), Fraction(9, 16)):
        timeline = hit.model_copy(update={"aspect": aspect})
        energy = np.sum(_window(mix(timeline).samples, time, 0.05).astype(np.float64) ** 2,
                        axis=0)
        ratios.append(energy[1] / energy[0])
    assert ratios[1] > 2.0 * ratios[0] > 2.0


def test_cloth_rustles_while_it_moves_and_is_quiet_when_still() -> None:
    """A jacket shaken for the first second, then hanging still: the rustle follows it."""
    base = make_timeline([], duration=Fraction(2))
    rows, columns = 4, 4
    grid = [(0.1 * c, 0.0, 1.5 - 0.1 * r) for r in range(rows) for c in range(columns)]
    frames = []
    for index in range(base.frame_count):
        sway = 0.05 * np.sin(2 * np.pi * 3 * index / base.fps) if index < base.fps else 0.0
        frames.append([(x + sway * (z < 1.45), y, z) for x, y, z in grid])
    jacket = Cloth(id="jacket", kind="jacket", rows=rows, columns=columns,
                   color=(0.3, 0.2, 0.1), material="fabric", frames=frames)
    samples = mix(base.model_copy(update={"cloths": [jacket]})).samples.mean(axis=1)
    moving = samples[SAMPLE_RATE // 4 : 3 * SAMPLE_RATE // 4]
    still = samples[5 * SAMPLE_RATE // 4 :]
    spectrum = np.abs(np.fft.rfft(moving))
    centroid = float(np.sum(np.fft.rfftfreq(len(moving), 1 / SAMPLE_RATE) * spectrum)
                     / np.sum(spectrum))
    assert 20 * np.log10(np.std(moving) / np.std(still)) > 15.0  # well over the room tone
    assert centroid > 1500.0  # airy, not a rumble
