"""Weather particles: rain falls at its speed inside the area, snow drifts, steam rises."""

from __future__ import annotations

import numpy as np
import pytest

from cinestra.plan.storyboard import Setting
from cinestra.world.timeline import Particles, Vec3
from cinestra.world.weather import source_particles, weather_particles

AREA: tuple[Vec3, Vec3] = ((-8.0, -4.0, 0.0), (8.0, 12.0, 9.0))


def outdoors(weather: str | None) -> Setting:
    return Setting(place="park", time_of_day="noon", weather=weather, indoor=False)


def field(weather: str, kind: str) -> Particles:
    fields = weather_particles(outdoors(weather), area=AREA, seed=3)
    return next(f for f in fields if f.kind == kind)


def velocities(particles: Particles, t: float, dt: float = 0.01) -> np.ndarray:
    """Per-particle velocity from two states, keeping those not reborn in between."""
    before, age_before = particles.state(t)
    after, age_after = particles.state(t + dt)
    alive = age_after > age_before
    return (after - before)[alive] / dt


@pytest.mark.parametrize("weather", ["rain", "storm"])
def test_rain_falls_at_its_speed_and_stays_in_the_area(weather: str) -> None:
    rain = field(weather, "rain")
    speeds = -velocities(rain, 0.7)[:, 2]
    assert 6.5 <= -rain.velocity[2] <= 9.5
    assert speeds.mean() == pytest.approx(-rain.velocity[2], abs=0.05)
    assert np.all(np.abs(speeds + rain.velocity[2]) <= rain.spread + 1e-6)
    low, high = np.asarray(AREA[0]), np.asarray(AREA[1])
    for t in np.linspace(0.0, 3.0, 13):
        positions, _ = rain.state(float(t))
        assert np.all(positions >= low - 1e-9) and np.all(positions <= high + 1e-9)


def test_drops_reach_the_ground_and_splash() -> None:
    rain = field("rain", "rain")
    lowest = min(float(rain.state(float(t))[0][:, 2].min()) for t in np.linspace(0, 2, 40))
    assert lowest < AREA[0][2] + 0.6
    splash = field("rain", "splash")
    assert splash.lifetime < 0.5 and splash.velocity[2] > 0
    assert np.all(splash.state(0.3)[0][:, 2] < AREA[0][2] + 0.5)


def test_counts_scale_with_intensity() -> None:
    rain = field("rain", "rain")
    storm = field("storm", "rain")
    assert storm.count > rain.count * 1.4


def test_snow_drifts_down_slowly() -> None:
    snow = field("snow", "snow")
    falling = velocities(snow, 1.0)
    assert 0.6 <= -falling[:, 2].mean() <= 1.4
    assert np.abs(falling[:, :2]).mean() > 0.05  # drifts sideways too


def test_clear_skies_and_indoor_rain_make_nothing() -> None:
    assert weather_particles(outdoors(None), area=AREA, seed=1) == []
    assert weather_particles(outdoors("clear"), area=AREA, seed=1) == []
    indoors = Setting(place="room", time_of_day="noon", weather="rain", indoor=True)
    assert weather_particles(indoors, area=AREA, seed=1) == []
    club = Setting(place="jazz_club", time_of_day="night", weather="smoke", indoor=True)
    assert [f.kind for f in weather_particles(club, area=AREA, seed=1)] == ["smoke"]


def test_steam_rises_grows_and_fades() -> None:
    steam = source_particles("steam", (0.0, 2.0, 0.95), seed=4)
    rising = velocities(steam, 0.5)[:, 2]
    assert 0.3 <= rising.mean() <= 0.6
    positions, ages = steam.state(1.3)
    old, young = ages > 0.7, ages < 0.3
    assert positions[old, 2].mean() > positions[young, 2].mean() + 0.3
    assert steam.growth > 0 and steam.opacity < 1
    with pytest.raises(ValueError, match="kind"):
        source_particles("lava", (0.0, 0.0, 0.0), seed=1)


def test_fields_are_deterministic_by_seed() -> None:
    first = weather_particles(outdoors("rain"), area=AREA, seed=9)
    again = weather_particles(outdoors("rain"), area=AREA, seed=9)
    other = weather_particles(outdoors("rain"), area=AREA, seed=10)
    assert first == again
    assert not np.allclose(first[0].state(0.5)[0], other[0].state(0.5)[0])


def test_a_backwards_area_is_refused() -> None:
    with pytest.raises(ValueError, match="area"):
        weather_particles(outdoors("rain"), area=(AREA[1], AREA[0]), seed=1)
