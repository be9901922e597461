"""`mix(timeline) -> Soundtrack`: one shot's foley, voices, ambience and score, in place.

Buses, each placed from the Timeline's exact times: foley (impacts, footsteps, rolling,
instruments played), dialogue (`speech.speak`), ambience and music. Foley and voices
share a reverb send for the environment. Dialogue ducks ambience and music (they dip
before a line starts, so the first word stands clear); every impact briefly ducks the
music, and the score starts no note in the 60 ms before one, so no beat can hide a hit.
Loudness is set for the whole clip afterwards (`mastering.master`); here only the peaks
are kept under -1 dBFS.
"""

from __future__ import annotations

import logging
import math
import zlib
from fractions import Fraction

import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.sound.ambience import room_tone
from cinestra.sound.foley import cloth_bus, footstep_bus, playing_bus, rolling_bus
from cinestra.sound.limiter import soft_limit
from cinestra.sound.loudness import frame_power
from cinestra.sound.materials import Material, material
from cinestra.sound.modal import MAX_SIZE_M, HitBody, impact_sound
from cinestra.sound.music import score
from cinestra.sound.reverb import reverberate
from cinestra.sound.soundtrack import SAMPLE_RATE, Soundtrack, sample_index
from cinestra.sound.space import place
from cinestra.sound.speech import Speech, speak
from cinestra.world.timeline import Body, CameraKey, Impact, Timeline

logger = logging.getLogger(__name__)

REFERENCE_IMPULSE = 0.5  # N·s, about a tennis ball dropped from 1 m
REFERENCE_AMPLITUDE = 0.3  # peak of a reference hit 2 m from the camera (about -10 dBFS)
LOUDNESS_EXPONENT = 0.7  # amplitude ∝ impulse ** 0.7 (Stevens-like loudness growth)
MIN_AMPLITUDE = 1e-3
MAX_AMPLITUDE = 0.9
DIALOGUE_RMS = 10.0 ** (-24.0 / 20.0)  # a voice 1-2 m away: 25 dB over a quiet room
DIALOGUE_DUCK_DB = -14.0  # ambience and music under a line
DUCK_LEAD_S = 0.15
HIT_DUCK_DB = -20.0  # music around an impact: a hit is never masked by a beat
HIT_DUCK_S = Fraction(3, 25)  # 120 ms
HIT_LEAD_S = 0.05


def mix(timeline: Timeline, *, speech: Speech | None = None) -> Soundtrack:
    """The shot's soundtrack: exactly round(duration * 48000) stereo samples at 48 kHz.

    Every impact's sound starts exactly at ``sample_index(impact.time)``, every line's
    first voiced sample at ``sample_index(line.start)``; the same timeline always gives
    the same samples; the peak stays at or under -1 dBFS. `speech` is the shot's voiced
    dialogue when the caller already has it (`speak(timeline)`), else it is voiced here.
    """
    # 1. Check the timeline.
    n_samples = sample_index(timeline.duration)
    if n_samples < 0:
        raise InvalidRequest(f"timeline.duration must be >= 0, got {timeline.duration!r}")

    # 2. Foley and voices, dry, then the room they are heard in.
    foley = impact_bus(timeline, n_samples=n_samples)
    foley += footstep_bus(timeline, n_samples=n_samples)
    foley += rolling_bus(timeline, n_samples=n_samples)
    foley += playing_bus(timeline, n_samples=n_samples)
    foley += cloth_bus(timeline, n_samples=n_samples)
    if timeline.dialogue and speech is None:
        speech = speak(timeline)
    voices = dialogue_bus(timeline, speech, n_samples=n_samples)
    dry = foley + voices
    bus = dry + reverberate(dry.mean(axis=1), timeline.environment)

    # 3. Ambience and music, ducked under the lines and (music) around each hit.
    under_lines = duck_envelope([(line.start, line.end) for line in timeline.dialogue],
                                n_samples=n_samples, depth_db=DIALOGUE_DUCK_DB)
    bus += room_tone(timeline.environment, n_samples=n_samples,
                     seed=timeline.shot_index) * under_lines[:, None]
    if timeline.music is not None:
        hits = [(impact.time, impact.time + HIT_DUCK_S) for impact in timeline.impacts]
        around_hits = duck_envelope(hits, n_samples=n_samples, depth_db=HIT_DUCK_DB,
                                    lead_s=HIT_LEAD_S)
        clear = [sample_index(impact.time) for impact in timeline.impacts]
        clear += [sample_index(step.time) for step in timeline.footsteps]
        music = score(timeline.music, n_samples=n_samples, clear=clear)
        bus += music * (under_lines * around_hits)[:, None]

    # 4. Keep the peaks under -1 dBFS without moving any onset.
    limited = soft_limit(bus)
    return Soundtrack(samples=limited.astype(np.float32))


def dialogue_bus(timeline: Timeline, speech: Speech | None, *, n_samples: int) -> np.ndarray:
    """(n_samples, 2): each voiced line at DIALOGUE_RMS, panned from where its speaker is."""
    bus = np.zeros((n_samples, 2))
    if speech is None:
        return bus
    camera = timeline.camera[0] if timeline.camera else None
    for voiced in speech.lines:
        start = sample_index(voiced.line.start)
        stop = min(n_samples, start + len(voiced.samples))
        if not 0 <= start < n_samples:
            logger.warning("line %r starts outside the shot: not heard", voiced.line.text)
            continue
        part = voiced.samples[: stop - start]
        voiced_rms = _voiced_rms(voiced.samples)
        gain = DIALOGUE_RMS / max(voiced_rms, 1e-9)
        left, right = place(voiced.line.position, camera, aspect=float(timeline.aspect))
        # Voices stay near the front: distance changes their level less than a hit's.
        norm = np.hypot(left, right) / np.sqrt(0.5) or 1.0
        bus[start:stop, 0] += part * gain * left / norm ** 0.5
        bus[start:stop, 1] += part * gain * right / norm ** 0.5
    return bus


def duck_envelope(spans: list[tuple[Fraction, Fraction]], *, n_samples: int, depth_db: float,
                  lead_s: float = DUCK_LEAD_S) -> np.ndarray:
    """Gain per sample: 1, dipping to depth_db from lead_s before each span to its end."""
    down = np.zeros(n_samples)
    for start, end in spans:
        first = max(0, sample_index(start) - round(lead_s * SAMPLE_RATE))
        down[first : max(first, min(n_samples, sample_index(end)))] = 1.0
    if not down.any():
        return np.ones(n_samples)
    # Smooth over the lead time (a moving mean, by cumulative sums), so the dip is complete
    # as the span starts and eases back after it.
    width = max(1, round(lead_s * SAMPLE_RATE))
    total = np.concatenate([[0.0], np.cumsum(np.concatenate([np.zeros(width), down]))])
    smooth = (total[width + 1 :] - total[1 : n_samples + 1]) / width
    smooth = np.maximum(smooth, down)
    return np.asarray(10.0 ** (depth_db * smooth / 20.0))


def _voiced_rms(samples: np.ndarray) -> float:
    """RMS of the parts of a line louder than 30 dB under its peak (pauses left out)."""
    if samples.size == 0:
        return 0.0
    energy = frame_power(samples, hop=SAMPLE_RATE // 100)
    if energy.size == 0:
        return float(np.sqrt(np.mean(samples**2)))
    loud = energy[energy > energy.max() * 1e-3]
    return float(np.sqrt(loud.mean()))


def impact_bus(timeline: Timeline, *, n_samples: int) -> np.ndarray:
    """(n_samples, 2) float64: every impact's sound, panned, its first sample at its time."""
    bus = np.zeros((n_samples, 2))
    bodies = {body.id: body for body in timeline.bodies}
    materials: dict[str, Material] = {}  # resolve each name once: one warning per unknown name
    for index, impact in enumerate(timeline.impacts):
        start = sample_index(impact.time)
        if not 0 <= start < n_samples:
            logger.warning(
                "impact %d at %s s is outside the shot (0..%s s): not heard",
                index,
                impact.time,
                timeline.duration,
            )
            continue
        a, b = _hit_bodies(impact, bodies=bodies, materials=materials)
        rng = np.random.default_rng([timeline.shot_index & 0xFFFFFFFF, index, _key(impact)])
        sound = impact_sound(a=a, b=b, speed=impact.speed, rng=rng)
        left, right = place(impact.position, _camera_at(timeline, impact),
                            aspect=float(timeline.aspect))
        amplitude = impact_amplitude(impact.impulse)
        stop = min(n_samples, start + len(sound))
        part = sound[: stop - start] * amplitude
        bus[start:stop, 0] += part * left
        bus[start:stop, 1] += part * right
    return bus


def impact_amplitude(impulse: float) -> float:
    """Peak amplitude of a hit 2 m away: grows as impulse ** 0.7, clamped."""
    ratio = max(impulse, 0.0) / REFERENCE_IMPULSE
    amplitude = REFERENCE_AMPLITUDE * ratio**LOUDNESS_EXPONENT
    return float(np.clip(amplitude, MIN_AMPLITUDE, MAX_AMPLITUDE))


def body_size(body: Body) -> float:
    """Characteristic size in metres: sphere diameter, middle extent of a box, plane = large."""
    if body.shape == "plane":
        return MAX_SIZE_M
    extents = sorted(2.0 * abs(v) for v in body.size)
    return extents[1]


def _hit_bodies(
    impact: Impact, *, bodies: dict[str, Body], materials: dict[str, Material]
) -> tuple[HitBody, HitBody]:
    """Both bodies of `impact`; the smaller one gets impact.size (the contract's number)."""
    hits = []
    for body_id, name in ((impact.body_a, impact.material_a), (impact.body_b, impact.material_b)):
        if name not in materials:
            materials[name] = material(name)
        body = bodies.get(body_id)
        size = body_size(body) if body is not None else impact.size
        wet = body is not None and body.wet
        hits.append(HitBody(material=materials[name], size_m=size, wet=wet))
    a, b = hits
    if a.size_m <= b.size_m:
        a = HitBody(material=a.material, size_m=impact.size, wet=a.wet)
    else:
        b = HitBody(material=b.material, size_m=impact.size, wet=b.wet)
    return a, b


def _camera_at(timeline: Timeline, impact: Impact) -> CameraKey | None:
    if not timeline.camera:
        return None
    frame = math.floor(impact.time * timeline.fps)
    return timeline.camera[min(max(frame, 0), len(timeline.camera) - 1)]


def _key(impact: Impact) -> int:
    """A stable (process-independent) integer from the impact's identity."""
    text = f"{impact.time}|{impact.body_a}|{impact.body_b}|{impact.material_a}|{impact.material_b}"
    return zlib.crc32(text.encode())
