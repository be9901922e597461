"""Where the camera stands before it moves: angle, side, distance; the set's walls; a hand's
shake."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cinestra.plan.storyboard import Camera
from cinestra.world.camera.framing import Boxes, Subject, eye_height
from cinestra.world.camera.moves import Stage
from cinestra.world.camera.view import Array, Path, direction, needed_distance, yaw_pitch

# Elevation of the camera above the subject, degrees (eye level and dutch: at its eyes).
ELEVATION = {"eye_level": 0.0, "low": -22.0, "high": 35.0, "overhead": 87.0, "dutch": 0.0,
             "pov": 0.0, "over_the_shoulder": 0.0}
AERIAL_ELEVATION = 40.0
DUTCH_ROLL = 20.0
RACK_ASIDE = math.radians(20.0)
LOOK_UP = math.radians(6.0)  # a low angle looks up at least this much, even at a ball
THREE_QUARTER = math.radians(25.0)  # off the subject's nose: faces read best a little turned
WALL_CLEARANCE = 0.25  # m the camera keeps from walls and ceiling
FLOOR_CLEARANCE = 0.1  # m above the ground
SHOULDER_BACK = 0.45  # m behind the first subject's head, over the shoulder...
SHOULDER_SIDE = 0.3  # ...and beside it
# Handheld: a few slow sways, as a person holds a camera (Hz), and how far they move it.
SHAKE_HZ = (0.5, 3.0)
SHAKE_POSITION = 0.015  # m, largest displacement
SHAKE_ANGLE = math.radians(0.5)  # largest turn, each of yaw and pitch
SHAKE_ROLL = 0.4  # degrees


@dataclass(frozen=True)
class Bounds:
    low: Array | None  # set's walls, floor and ceiling (indoors) or extent (outdoors)
    high: Array | None
    indoor: bool
    ground: float  # z of the ground


def aim(camera: Camera, *, framed: Boxes, parts: Sequence[Boxes], main: Subject | None,
        viewer: Subject | None,
        facing: Array | None, fov: float, aspect: float, fill: tuple[float, float],
        bounds: Bounds, rng: np.random.Generator, fps: int, sigma_frames: float) -> Stage:
    """The Stage a move starts from: what it looks at, from which side, how far."""
    centres = framed.mean(axis=1)
    smoothed = smooth(centres, sigma_frames)
    anchor = (framed[:, 0].min(axis=0) + framed[:, 1].max(axis=0)) / 2
    size = float(np.median(np.max(framed[:, 1] - framed[:, 0], axis=1)))
    drift = float(np.max(np.linalg.norm(smoothed - smoothed[0], axis=1)))
    travels = drift > max(0.15, 0.35 * size)
    follow = smoothed if travels else np.tile(anchor, (len(framed), 1))
    roll = DUTCH_ROLL * float(rng.choice([-1.0, 1.0])) if camera.angle == "dutch" else 0.0

    def staged(anchor: Array, follow: Array, away: Array, distance: float) -> Stage:
        return Stage(anchor=anchor, follow=follow, away=away, distance=distance, fov=fov,
                     roll=roll, aspect=aspect, fps=fps, framed=framed, travels=travels)

    if viewer is not None:
        position = _beside(viewer, anchor, shoulder=camera.angle == "over_the_shoulder")
        offset = position - anchor
        distance = float(np.linalg.norm(offset))
        return staged(anchor, follow, offset / distance, distance)

    elevation = math.radians(AERIAL_ELEVATION if camera.move == "aerial"
                             and camera.angle != "overhead" else ELEVATION[camera.angle])
    azimuth = _azimuth(parts, facing, rng, in_depth=camera.focus == "rack_focus")
    targets = follow if travels else np.tile(anchor, (len(framed), 1))
    distance = 1.0
    for _ in range(2):  # eye level depends on the distance, the distance on the elevation
        if camera.angle in ("eye_level", "dutch") and main is not None \
                and camera.move != "aerial":
            elevation = math.atan2(eye_height(main) - anchor[2], distance * math.cos(elevation))
        away = direction(np.array([azimuth]), np.array([elevation]))[0]
        distance = needed_distance(framed, targets, away, fov_deg=fov, aspect=aspect,
                                   fill_v=fill[0], fill_h=fill[1])
    if bounds.indoor and bounds.low is not None and bounds.high is not None:
        azimuth = _roomiest(anchor, azimuth, distance * math.cos(elevation), bounds)
        away = direction(np.array([azimuth]), np.array([elevation]))[0]
    if camera.angle == "low":
        anchor, follow, away, distance = _looking_up(anchor, follow, away, distance, bounds)
    return staged(anchor, follow, away, distance)


def smooth(values: Array, sigma: float) -> Array:
    """Gaussian smoothing along frames; the ends are extended by odd reflection, so a steady
    walk is followed without lag."""
    count = len(values)
    if sigma < 0.5 or count < 3:
        return values.copy()
    pad = min(int(3 * sigma) + 1, count - 1)
    head = 2 * values[0] - values[1:pad + 1][::-1]
    tail = 2 * values[-1] - values[-pad - 1:-1][::-1]
    padded = np.concatenate([head, values, tail])
    offsets = np.arange(-pad, pad + 1)
    kernel = np.exp(-0.5 * (offsets / sigma) ** 2)
    kernel /= kernel.sum()
    return np.stack([np.convolve(padded[:, axis], kernel, mode="valid")
                     for axis in range(values.shape[1])], axis=1)


def _azimuth(parts: Sequence[Boxes], facing: Array | None, rng: np.random.Generator, *,
             in_depth: bool) -> float:
    """Side the camera stands on (radians, counter-clockwise from +x, seen from above):
    three-quarter front of a main subject that faces somewhere, else the set's front (-y),
    turned so that several subjects stand side by side; for a rack focus, one behind the
    other (the first near, the second far, a little aside so it is not hidden)."""
    default = -math.pi / 2 + float(rng.uniform(-0.17, 0.17))
    if in_depth and len(parts) >= 2:
        near, far = (part.mean(axis=(0, 1)) for part in parts[:2])
        if math.hypot(near[0] - far[0], near[1] - far[1]) > 0.3:
            return math.atan2(near[1] - far[1], near[0] - far[0]) + RACK_ASIDE
    if facing is not None:
        mean = np.asarray(facing, dtype=np.float64).reshape(-1, 3).mean(axis=0)
        if math.hypot(mean[0], mean[1]) > 0.1:
            side = float(rng.choice([-1.0, 1.0]))
            return math.atan2(mean[1], mean[0]) + side * THREE_QUARTER
    points = np.array([part.mean(axis=(0, 1))[:2] for part in parts])
    if len(points) < 2:
        return default
    offsets = points - points.mean(axis=0)
    if float(np.max(np.linalg.norm(offsets, axis=1))) < 0.5:
        return default
    axis = np.linalg.svd(offsets, full_matrices=False)[2][0]
    across = math.atan2(axis[1], axis[0]) + math.pi / 2
    if abs(math.remainder(across - default, 2 * math.pi)) > math.pi / 2:
        across += math.pi  # of the two sides, the one nearer the set's front
    return across


def _roomiest(anchor: Array, azimuth: float, needed: float, bounds: Bounds) -> float:
    """The side nearest `azimuth` with room for the camera between subject and wall."""
    assert bounds.low is not None and bounds.high is not None, "indoor bounds"
    candidates = [azimuth + math.radians(step) for step in
                  (0, 30, -30, 60, -60, 90, -90, 120, -120, 180)]
    rooms = [_room(anchor, angle, bounds.low, bounds.high) for angle in candidates]
    for angle, room in zip(candidates, rooms, strict=True):
        if room >= needed:
            return angle
    return candidates[int(np.argmax(rooms))]


def _room(anchor: Array, azimuth: float, low: Array, high: Array) -> float:
    """Horizontal distance from `anchor` to the nearest wall along `azimuth`."""
    room = math.inf
    for axis, step in ((0, math.cos(azimuth)), (1, math.sin(azimuth))):
        if step > 1e-9:
            room = min(room, (high[axis] - WALL_CLEARANCE - anchor[axis]) / step)
        elif step < -1e-9:
            room = min(room, (low[axis] + WALL_CLEARANCE - anchor[axis]) / step)
    return max(0.0, room)


def _looking_up(anchor: Array, follow: Array, away: Array, distance: float, bounds: Bounds
                ) -> tuple[Array, Array, Array, float]:
    """A low angle: the camera sits under the subject's middle (at worst on the floor) and
    looks up; the aim is lifted if the subject is too low to be looked up at."""
    position = anchor + away * distance
    position[2] = max(position[2], bounds.ground + FLOOR_CLEARANCE)
    flat = math.hypot(float(away[0]), float(away[1])) * distance
    lift = max(0.0, position[2] + math.tan(LOOK_UP) * flat - anchor[2])
    anchor = anchor + np.array([0.0, 0.0, lift])
    offset = position - anchor
    new_distance = float(np.linalg.norm(offset))
    return anchor, follow + np.array([0.0, 0.0, lift]), offset / new_distance, new_distance


def _beside(viewer: Subject, anchor: Array, *, shoulder: bool) -> Array:
    """Over the first subject's shoulder, or at its eyes (point of view), facing the anchor."""
    head = viewer.head if viewer.head is not None else viewer.boxes
    center = head.mean(axis=1).mean(axis=0)
    height = float(np.mean(head[:, 1, 2] - head[:, 0, 2]))
    back = center - anchor
    back[2] = 0.0
    back /= max(float(np.linalg.norm(back)), 1e-9)
    if shoulder:
        side = np.cross(np.array([0.0, 0.0, 1.0]), back)
        lift = np.array([0.0, 0.0, 0.25 * height])
        return np.asarray(center + back * SHOULDER_BACK + side * SHOULDER_SIDE + lift)
    lift = np.array([0.0, 0.0, 0.1 * height])
    return np.asarray(center - back * 0.6 * height + lift)  # just in front of the eyes


def clamp(path: Path, bounds: Bounds) -> tuple[Path, bool]:
    """Keep the camera inside the room (indoors) and above the ground; say if a wall or the
    ceiling stopped it."""
    positions = path.positions.copy()
    walled = False
    if bounds.indoor and bounds.low is not None and bounds.high is not None:
        low = bounds.low + WALL_CLEARANCE
        high = bounds.high - WALL_CLEARANCE
        middle = (bounds.low + bounds.high) / 2
        low, high = np.where(low > high, middle, low), np.where(low > high, middle, high)
        clipped = np.clip(positions, low, high)
        walled = bool(np.any(clipped[:, :2] != positions[:, :2])
                      or np.any(clipped[:, 2] < positions[:, 2]))
        positions = clipped
    positions[:, 2] = np.maximum(positions[:, 2], bounds.ground + FLOOR_CLEARANCE)
    return Path(positions, path.targets, path.fovs, path.rolls), walled


def shake(path: Path, *, fps: int, rng: np.random.Generator) -> Path:
    """A hand-held camera: slow seeded sways of position (~1.5 cm) and aim (~0.5 degrees)."""
    frames = len(path.positions)
    times = np.arange(frames) / fps
    offsets = np.stack([_sway(times, rng) for _ in range(3)], axis=1)
    peak = float(np.max(np.linalg.norm(offsets, axis=1)))
    positions = path.positions + offsets * (SHAKE_POSITION / max(peak, 1e-9))
    yaw, pitch = yaw_pitch(path.positions, path.targets)
    reach = np.linalg.norm(path.targets - path.positions, axis=1, keepdims=True)
    turn_yaw = _sway(times, rng) * SHAKE_ANGLE
    turn_pitch = _sway(times, rng) * SHAKE_ANGLE
    targets = positions + direction(yaw + turn_yaw, pitch + turn_pitch) * reach
    rolls = path.rolls + _sway(times, rng) * SHAKE_ROLL
    return Path(positions, targets, path.fovs, rolls)


def _sway(times: Array, rng: np.random.Generator) -> Array:
    """Three sines between 0.5 and 3 Hz with seeded phases, scaled to a peak of 1."""
    hertz = rng.uniform(SHAKE_HZ[0], SHAKE_HZ[1], 3)
    phases = rng.uniform(0.0, 2 * math.pi, 3)
    weights = np.array([1.0, 0.6, 0.35])
    wave = (weights[:, None] * np.sin(2 * math.pi * hertz[:, None] * times + phases[:, None]))
    total = wave.sum(axis=0)
    return np.asarray(total / max(float(np.max(np.abs(total))), 1e-9), dtype=np.float64)
