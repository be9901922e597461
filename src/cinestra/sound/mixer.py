"""`mix(timeline) -> Soundtrack`: room tone plus one placed impact sound per impact event."""

from __future__ import annotations

import logging
import math
import zlib

import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.sound.ambience import room_tone
from cinestra.sound.limiter import soft_limit
from cinestra.sound.materials import Material, material
from cinestra.sound.modal import MAX_SIZE_M, HitBody, impact_sound
from cinestra.sound.soundtrack import Soundtrack, sample_index
from cinestra.sound.space import place
from cinestra.world.timeline import Body, CameraKey, Impact, Timeline

logger = logging.getLogger(__name__)

REFERENCE_IMPULSE = 0.5  # N·s, about a tennis ball dropped from 1 m
REFERENCE_AMPLITUDE = 0.3  # peak of a reference hit 2 m from the camera (about -10 dBFS)
LOUDNESS_EXPONENT = 0.7  # amplitude ∝ impulse ** 0.7 (Stevens-like loudness growth)
MIN_AMPLITUDE = 1e-3
MAX_AMPLITUDE = 0.9


def mix(timeline: Timeline) -> Soundtrack:
    """The shot's soundtrack: exactly round(duration * 48000) stereo samples at 48 kHz.

    Every impact's sound starts exactly at ``sample_index(impact.time)``; the same
    timeline always gives the same samples; the peak stays at or under -1 dBFS.
    """
    # 1. Check the timeline.
    n_samples = sample_index(timeline.duration)
    if n_samples < 0:
        raise InvalidRequest(f"timeline.duration must be >= 0, got {timeline.duration!r}")

    # 2. Room tone under everything.
    bus = room_tone(timeline.environment, n_samples=n_samples, seed=timeline.shot_index)

    # 3. One sound per impact, placed at its exact sample.
    bus += impact_bus(timeline, n_samples=n_samples)

    # 4. Keep the peaks under -1 dBFS without moving any onset.
    limited = soft_limit(bus)
    return Soundtrack(samples=limited.astype(np.float32))


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
