"""The rest of the sound stage: ambience by place and weather, the score, ducking, foley
from the Timeline's footsteps and tracks, and determinism with everything on."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from cinestra.sound import SAMPLE_RATE, mix, sample_index, speak
from cinestra.sound.ambience import room_tone
from cinestra.sound.foley import footstep_bus
from cinestra.sound.music import score
from cinestra.world.timeline import DialogueLine, Environment, Footstep, MusicCue
from tests.utils.audio import onset_times, spectral_centroid
from tests.utils.timelines import make_timeline

GENRES = ("jazz", "orchestral", "electronic", "lofi", "ambient", "rock")
N = 4 * SAMPLE_RATE


def _env(setting: str, *, indoor: bool, weather: str | None = None,
         rain: float = 0.0) -> Environment:
    place = "room" if indoor else "park"
    return Environment(place=place, time_of_day="noon", indoor=indoor, wet=rain > 0,
                       look="natural", setting=setting, weather=weather, rain=rain)


def _rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.asarray(x, dtype=np.float64) ** 2)))


def _cue(genre: str, *, section: int = 0, mood: str = "calm") -> MusicCue:
    return MusicCue(genre=genre, mood=mood, tempo_bpm=110, tonic=50, mode="major",
                    section=section, seed=7)


def test_places_sound_like_themselves() -> None:
    beds = {name: room_tone(_env(name, indoor=indoor), n_samples=N, seed=0)
            for name, indoor in (("room", True), ("jazz_club", True), ("beach", False),
                                 ("space", True))}
    levels = {name: _rms_db(bed) for name, bed in beds.items()}
    assert levels["beach"] > levels["jazz_club"] > levels["room"] > levels["space"] + 20
    # A murmuring crowd sits in the voice band, far above a room's air handling.
    assert spectral_centroid(beds["jazz_club"], SAMPLE_RATE) > 2 * spectral_centroid(
        beds["room"], SAMPLE_RATE)


def test_rain_is_louder_and_brighter_and_snow_is_duller() -> None:
    dry = room_tone(_env("park", indoor=False), n_samples=N, seed=0)
    rain = room_tone(_env("park", indoor=False, weather="rain", rain=0.6), n_samples=N, seed=0)
    storm = room_tone(_env("park", indoor=False, weather="storm", rain=1.0), n_samples=N, seed=0)
    snow = room_tone(_env("park", indoor=False, weather="snow"), n_samples=N, seed=0)
    assert _rms_db(storm) > _rms_db(rain) > _rms_db(dry) > _rms_db(snow)
    assert spectral_centroid(rain, SAMPLE_RATE) > spectral_centroid(dry, SAMPLE_RATE)
    assert spectral_centroid(snow, SAMPLE_RATE) < spectral_centroid(dry, SAMPLE_RATE)


@pytest.mark.parametrize("genre", GENRES)
def test_every_genre_plays_a_phrase_from_the_cut(genre: str) -> None:
    music = score(_cue(genre), n_samples=N)
    assert music.shape == (N, 2)
    assert abs(_rms_db(music) - -34.0) < 0.5
    assert np.abs(music[: SAMPLE_RATE // 20]).max() > 0.0  # bar 1 starts on the cut
    assert np.array_equal(music, score(_cue(genre), n_samples=N))
    assert not np.array_equal(music, score(_cue(genre, section=1), n_samples=N))


def test_genres_differ() -> None:
    centroids = {genre: spectral_centroid(score(_cue(genre), n_samples=N), SAMPLE_RATE)
                 for genre in GENRES}
    assert centroids["rock"] > 1.5 * centroids["ambient"]  # distorted guitar, hi-hats
    assert len({round(c, -1) for c in centroids.values()}) == len(GENRES)


def test_dialogue_ducks_the_music() -> None:
    line = DialogueLine(speaker="woman_1", gender="female", language="en",
                        text="The coffee is still hot.", start=Fraction(2), end=Fraction(4),
                        position=(0.0, 0.0, 1.0))
    base = make_timeline([], duration=Fraction(4), place="room")
    music = base.model_copy(update={"music": _cue("ambient")})
    with_line = music.model_copy(update={"dialogue": [line]})
    quiet = mix(music).samples
    ducked = mix(with_line, speech=speak(with_line)).samples
    before = slice(sample_index(Fraction(1, 2)), sample_index(Fraction(3, 2)))
    lead = slice(sample_index(Fraction(195, 100)), sample_index(Fraction(2)))
    assert np.array_equal(quiet[before], ducked[before])  # untouched well before the line
    # Just before the first word, music and ambience are already 14 dB down.
    assert _rms_db(ducked[lead]) < _rms_db(quiet[lead]) - 12.0


def test_footsteps_are_heard_at_their_times_on_their_surface() -> None:
    times = [Fraction(1, 2) + Fraction(11, 20) * k for k in range(5)]

    def steps(surface: str) -> list[Footstep]:
        return [Footstep(time=t, subject="man_1", surface=surface, gait="walk",
                         weight_kg=70.0, position=(0.0, 0.0, 0.0)) for t in times]

    wood = make_timeline([], duration=Fraction(4)).model_copy(update={"footsteps": steps("wood")})
    tile = wood.model_copy(update={"footsteps": steps("tile")})
    bus = footstep_bus(wood, n_samples=sample_index(wood.duration))
    onsets = onset_times(bus, SAMPLE_RATE)
    assert len(onsets) == len(times)
    assert all(abs(onset - float(t)) <= 0.001 for onset, t in zip(onsets, times, strict=True))
    tile_bus = footstep_bus(tile, n_samples=sample_index(tile.duration))
    assert spectral_centroid(tile_bus, SAMPLE_RATE) > spectral_centroid(bus, SAMPLE_RATE)


def test_cloth_flesh_and_fur_sound_duller_than_wood() -> None:
    from cinestra.sound.materials import material
    from cinestra.sound.modal import HitBody, impact_sound

    def centroid(name: str) -> float:
        body = HitBody(material=material(name), size_m=0.1)
        sound = impact_sound(a=body, b=body, speed=2.0, rng=np.random.default_rng(0))
        return spectral_centroid(sound[: SAMPLE_RATE // 20], SAMPLE_RATE)

    wood = centroid("wood")
    for name in ("cloth", "flesh", "fur"):
        assert centroid(name) < wood
