"""Foley beyond single impacts: footsteps, rolling and sliding, instruments being played.

Footsteps are two modal hits (heel, then toe) of a shoe sole on the surface, louder and
closer together when running. Rolling and sliding come from the tracks: while a body moves
along the ground, a low rumble (rolling) or a brighter scrape (sliding boxes) follows its
speed frame by frame, fading in and out smoothly so it never reads as a new hit. Played
instruments sound their notes in the score's key (C major without one).
"""

from __future__ import annotations

import zlib

import numpy as np
from scipy import signal

from cinestra.sound.filters import butter_sos
from cinestra.sound.materials import material
from cinestra.sound.modal import HitBody, impact_sound
from cinestra.sound.music import performance
from cinestra.sound.soundtrack import SAMPLE_RATE, sample_index
from cinestra.sound.space import place
from cinestra.world.timeline import CameraKey, Timeline

STEP_AMPLITUDE = {"walk": 0.06, "run": 0.12}  # peak at 2 m for a 70 kg walker
TOE_DELAY_S = {"walk": 0.045, "run": 0.025}
ROLL_LEVEL = 0.02  # rumble RMS at 1 m/s, 2 m away
CONTACT_TOLERANCE_M = 0.01
PLAYING_LEVEL = 0.08


def _camera(timeline: Timeline) -> CameraKey | None:
    return timeline.camera[0] if timeline.camera else None


def footstep_bus(timeline: Timeline, *, n_samples: int) -> np.ndarray:
    bus = np.zeros((n_samples, 2))
    sole = material("rubber")
    camera = _camera(timeline)
    for index, step in enumerate(timeline.footsteps):
        start = sample_index(step.time)
        if not 0 <= start < n_samples:
            continue
        rng = np.random.default_rng([timeline.shot_index & 0xFFFFFFFF, index,
                                     zlib.crc32(step.subject.encode())])
        surface = HitBody(material=material(step.surface), size_m=0.3)
        heel = impact_sound(a=HitBody(material=sole, size_m=0.08), b=surface,
                            speed=1.5 if step.gait == "walk" else 3.0, rng=rng)
        toe = 0.5 * impact_sound(a=HitBody(material=sole, size_m=0.06), b=surface, speed=1.0,
                                 rng=rng)
        delay = round(TOE_DELAY_S[step.gait] * SAMPLE_RATE)
        sound = np.zeros(max(len(heel), delay + len(toe)))
        sound[: len(heel)] += heel
        sound[delay : delay + len(toe)] += toe
        amplitude = STEP_AMPLITUDE[step.gait] * (step.weight_kg / 70.0) ** 0.5
        amplitude *= float(rng.uniform(0.8, 1.1))
        left, right = place(step.position, camera, aspect=float(timeline.aspect))
        stop = min(n_samples, start + len(sound))
        bus[start:stop, 0] += sound[: stop - start] * amplitude * left
        bus[start:stop, 1] += sound[: stop - start] * amplitude * right
    return bus


def rolling_bus(timeline: Timeline, *, n_samples: int) -> np.ndarray:
    """Rumble or scrape of every moving body while it stays on the ground."""
    bus = np.zeros((n_samples, 2))
    if n_samples == 0 or not timeline.tracks:
        return bus
    camera = _camera(timeline)
    frame_times = np.arange(len(timeline.camera) or timeline.frame_count) / timeline.fps
    sample_times = np.arange(n_samples) / SAMPLE_RATE
    for index, track in enumerate(timeline.tracks):
        body = timeline.body(track.body)
        if body.static or len(track.poses) < 3:
            continue
        positions = np.array([pose.pos for pose in track.poses], dtype=np.float64)
        velocity = np.gradient(positions, 1.0 / timeline.fps, axis=0)  # video m/s: as seen
        low = positions[:, 2] - positions[:, 2].min() < CONTACT_TOLERANCE_M
        on_ground = low & (np.abs(velocity[:, 2]) < 0.2)
        speed = np.where(on_ground, np.hypot(velocity[:, 0], velocity[:, 1]), 0.0)
        if float(speed.max()) < 0.05:
            continue
        times = frame_times[: len(speed)]
        envelope = np.interp(sample_times, times, speed, right=0.0)
        smooth = max(1, round(0.03 * SAMPLE_RATE))  # 30 ms: no edge can sound like a hit
        total = np.concatenate([[0.0], np.cumsum(np.pad(envelope, (smooth // 2, smooth)))])
        envelope = (total[smooth : smooth + n_samples] - total[:n_samples]) / smooth
        rolling = body.shape in ("sphere", "cylinder")
        low, high = (60.0, 600.0) if rolling else (800.0, 5000.0)
        rng = np.random.default_rng([timeline.shot_index & 0xFFFFFFFF, index, 7])
        sos = butter_sos(2, (low, high), "band")
        noise = signal.sosfilt(sos, rng.standard_normal(n_samples))
        noise /= max(float(np.sqrt(np.mean(noise**2))), 1e-12)
        level = ROLL_LEVEL * (1.0 if rolling else 0.6)
        middle = tuple(float(v) for v in positions[len(positions) // 2])
        left, right = place((middle[0], middle[1], middle[2]), camera,
                            aspect=float(timeline.aspect))
        sound = noise * envelope * level
        bus[:, 0] += sound * left
        bus[:, 1] += sound * right
    return bus


def playing_bus(timeline: Timeline, *, n_samples: int) -> np.ndarray:
    bus = np.zeros((n_samples, 2))
    camera = _camera(timeline)
    cue = timeline.music
    for index, played in enumerate(timeline.performances):
        seconds = float(played.end - played.start)
        seed = zlib.crc32(f"{timeline.shot_index}|{index}|{played.instrument}".encode())
        left, right = place(played.position, camera, aspect=float(timeline.aspect))
        for start_s, note in performance(played.instrument, tonic=cue.tonic if cue else 60,
                                         minor=bool(cue and cue.mode == "minor"),
                                         seconds=seconds, seed=seed):
            first = sample_index(played.start) + round(start_s * SAMPLE_RATE)
            stop = min(n_samples, first + len(note))
            if first >= stop:
                continue
            bus[first:stop, 0] += PLAYING_LEVEL * note[: stop - first] * left
            bus[first:stop, 1] += PLAYING_LEVEL * note[: stop - first] * right
    return bus
