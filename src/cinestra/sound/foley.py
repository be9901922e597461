"""Foley beyond single impacts: footsteps, rolling and sliding, cloth, instruments played.

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
CLOTH_LEVEL = 0.25  # rustle RMS for a sheet moving at 1 m/s, 2 m away (a jacket is heard)
CLOTH_BAND = (900.0, 7000.0)  # Hz: fabric rubbing is airy, with little low end


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
    bodies = {body.id: body for body in timeline.bodies}
    for index, track in enumerate(timeline.tracks):
        body = bodies[track.body]
        if body.static or body.animated or len(track.poses) < 3:  # parts have their own foley
            continue
        positions = np.array([pose.pos for pose in track.poses], dtype=np.float64)
        velocity = np.gradient(positions, 1.0 / timeline.fps, axis=0)  # video m/s: as seen
        low = positions[:, 2] - positions[:, 2].min() < CONTACT_TOLERANCE_M
        on_ground = low & (np.abs(velocity[:, 2]) < 0.2)
        speed = np.where(on_ground, np.hypot(velocity[:, 0], velocity[:, 1]), 0.0)
        if float(speed.max()) < 0.05:
            continue
        times = frame_times[: len(speed)]
        envelope = _smooth_envelope(np.interp(sample_times, times, speed, right=0.0), n_samples)
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


def _smooth_envelope(envelope: np.ndarray, n_samples: int) -> np.ndarray:
    """A 30 ms moving average: no edge of a motion can sound like a hit."""
    smooth = max(1, round(0.03 * SAMPLE_RATE))
    total = np.concatenate([[0.0], np.cumsum(np.pad(envelope, (smooth // 2, smooth)))])
    return np.asarray((total[smooth : smooth + n_samples] - total[:n_samples]) / smooth)


def cloth_bus(timeline: Timeline, *, n_samples: int) -> np.ndarray:
    """Rustle of every cloth (a curtain in the wind, a jacket): airy band-passed noise that
    follows how fast the cloth moves, frame by frame."""
    bus = np.zeros((n_samples, 2))
    if n_samples == 0:
        return bus
    camera = _camera(timeline)
    sample_times = np.arange(n_samples) / SAMPLE_RATE
    for index, cloth in enumerate(timeline.cloths):
        points = np.asarray(cloth.frames, dtype=np.float64)  # (frames, vertices, 3)
        if len(points) < 3:
            continue
        speed = np.linalg.norm(np.gradient(points, 1.0 / timeline.fps, axis=0), axis=2)
        motion = speed.mean(axis=1)  # m/s, the sheet's mean vertex speed
        times = np.arange(len(motion)) / timeline.fps
        envelope = _smooth_envelope(np.interp(sample_times, times, motion, right=0.0),
                                    n_samples)
        rng = np.random.default_rng([timeline.shot_index & 0xFFFFFFFF, index, 11])
        noise = signal.sosfilt(butter_sos(2, (CLOTH_BAND[0], CLOTH_BAND[1]), "band"),
                               rng.standard_normal(n_samples))
        noise /= max(float(np.sqrt(np.mean(noise**2))), 1e-12)
        # Cloth crackles: the rustle comes in little bursts, not as a steady hiss.
        grains = signal.sosfilt(butter_sos(1, 30.0, "low"), rng.standard_normal(n_samples))
        grains = np.abs(grains) / max(float(np.abs(grains).max()), 1e-12)
        sound = noise * (0.4 + grains) * np.minimum(envelope, 2.0) * CLOTH_LEVEL
        middle = points[len(points) // 2].mean(axis=0)
        left, right = place((float(middle[0]), float(middle[1]), float(middle[2])), camera,
                            aspect=float(timeline.aspect))
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
