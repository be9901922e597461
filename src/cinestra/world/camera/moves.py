"""Camera moves: each turns the framed stage into a per-frame Path, eased at both ends.

A move is built at a `scale` of the framing distance and a `zoom` factor on the tangent of
the half field of view; `camera_path` raises either until every subject stays in frame.
Each move keeps what its name promises fixed: a pan or tilt only turns the camera, a zoom
only changes the field of view, a dolly keeps the direction to the subject, an orbit its
distance, a tracking shot its distance to a walking subject.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cinestra.world.camera.view import Array, Path, corners, direction, yaw_pitch

MIN_PAN = math.radians(10.0)  # half of the smallest pan sweep
MIN_TILT = math.radians(8.0)
ZOOM_RATIO = 1.8  # tangent ratio between the ends of a zoom (about a 2x zoom)
DOLLY_RATIO = 1.6  # distance ratio between the ends of a dolly
ORBIT_SWEEP = math.radians(120.0)
AERIAL_SWEEP = math.radians(24.0)
AERIAL_APPROACH = 1.3
WHIP_SECONDS = 0.25
WHIP_ANGLE = math.radians(90.0)
WHIP_AROUND_SECONDS = 0.42  # a whip pan in mid-shot turns all the way round, back on the action
CRANE_RISE = 0.8  # of the horizontal distance, at least 1 m
DOLLY_ZOOM_RATIO = 1.8


@dataclass(frozen=True)
class Stage:
    """The framing a move starts from."""

    anchor: Array  # (3,) centre of what is framed, over the whole shot
    follow: Array  # (frames, 3) smoothed centre per frame (the anchor when nothing travels)
    away: Array  # (3,) unit vector from the anchor to the camera
    distance: float  # m from the anchor, at scale 1
    fov: float  # degrees, vertical, at zoom 1
    roll: float  # degrees
    aspect: float
    fps: int
    framed: Array  # (frames, 2, 3): box around everything to keep in frame
    travels: bool  # the subjects cross the set: moves follow them along

    @property
    def frames(self) -> int:
        return len(self.follow)


def eased(frames: int) -> Array:
    """Smoothstep from 0 to 1 over the shot: moves start and stop gently."""
    u = np.linspace(0.0, 1.0, frames) if frames > 1 else np.zeros(1)
    return u * u * (3.0 - 2.0 * u)


def zoomed(fov: float, factor: Array | float) -> Array:
    """Field of view whose half-angle tangent is `factor` times that of `fov`."""
    tangent = math.tan(math.radians(fov) / 2) * np.asarray(factor, dtype=np.float64)
    return np.asarray(np.degrees(2 * np.arctan(tangent)), dtype=np.float64)


def build(move: str, stage: Stage, *, scale: float, zoom: float, whip_at: str
          ) -> tuple[Path, NDArray[np.bool_]]:
    """The Path of `move`, and the frames where subjects may leave the frame (a whip)."""
    n = stage.frames
    e = eased(n)
    fov = float(zoomed(stage.fov, zoom))
    distance = stage.distance * scale
    rolls = np.full(n, stage.roll)
    fovs = np.full(n, fov)
    free = np.zeros(n, dtype=bool)
    tripod = np.tile(stage.anchor + stage.away * distance, (n, 1))
    if move in ("pan_left", "pan_right"):
        targets = _panned(stage, tripod[0], fov, e, right=move == "pan_right")
        return Path(tripod, targets, fovs, rolls), free
    if move in ("tilt_up", "tilt_down"):
        targets = _tilted(stage, tripod[0], fov, e, up=move == "tilt_up")
        return Path(tripod, targets, fovs, rolls), free
    if move in ("zoom_in", "zoom_out"):
        ratio = ZOOM_RATIO - (ZOOM_RATIO - 1) * (e if move == "zoom_in" else 1 - e)
        return Path(tripod, stage.follow.copy(), zoomed(fov, ratio), rolls), free
    if move in ("dolly_in", "dolly_out"):
        ratio = DOLLY_RATIO - (DOLLY_RATIO - 1) * (e if move == "dolly_in" else 1 - e)
        positions = stage.follow + stage.away * (distance * ratio)[:, None]
        return Path(positions, stage.follow.copy(), fovs, rolls), free
    if move == "dolly_zoom":  # vertigo: in while zooming out, the subject keeps its size
        ratio = DOLLY_ZOOM_RATIO - (DOLLY_ZOOM_RATIO - 1) * e
        positions = stage.follow + stage.away * (distance * ratio)[:, None]
        return Path(positions, stage.follow.copy(), zoomed(fov, 1 / ratio), rolls), free
    if move == "orbit":
        azimuths = ORBIT_SWEEP * (e - 0.5)
        positions = stage.follow + _turned(stage.away, azimuths) * distance
        return Path(positions, stage.follow.copy(), fovs, rolls), free
    if move == "aerial":
        azimuths = AERIAL_SWEEP * (e - 0.5)
        ratio = AERIAL_APPROACH - (AERIAL_APPROACH - 1) * e
        positions = stage.follow + _turned(stage.away, azimuths) * (distance * ratio)[:, None]
        return Path(positions, stage.follow.copy(), fovs, rolls), free
    if move in ("crane_up", "crane_down"):
        flat = stage.away * np.array([1.0, 1.0, 0.0])
        rise = max(1.0, CRANE_RISE * distance * float(np.linalg.norm(flat)))
        lift = rise * (e if move == "crane_up" else 1 - e)
        positions = stage.follow + stage.away * distance
        positions[:, 2] += lift
        return Path(positions, stage.follow.copy(), fovs, rolls), free
    if move == "tracking":
        return _tracking(stage, distance, fov, e), free
    if move == "whip_pan":
        return _whip(stage, tripod, fovs, rolls, whip_at)
    # static and handheld (whose shake `camera_path` adds): a tripod that turns to follow
    return Path(tripod, stage.follow.copy(), fovs, rolls), free


def _turned(away: Array, azimuths: Array) -> Array:
    """`away` turned about the vertical by each azimuth: (frames, 3)."""
    cos, sin = np.cos(azimuths), np.sin(azimuths)
    return np.stack([cos * away[0] - sin * away[1], sin * away[0] + cos * away[1],
                     np.full_like(azimuths, away[2])], axis=-1)


def _angular_half(stage: Stage, position: Array, axis: str) -> float:
    """Largest angle (radians) between the view of the anchor and of any framed corner,
    sideways (`axis` "yaw") or up and down ("pitch"), seen from `position`."""
    points = corners(stage.framed).reshape(-1, 3)
    yaw, pitch = yaw_pitch(np.tile(position, (len(points), 1)), points)
    yaw0, pitch0 = yaw_pitch(position[None, :], stage.anchor[None, :])
    if axis == "yaw":
        return float(np.max(np.abs(np.angle(np.exp(1j * (yaw - yaw0[0]))))))
    return float(np.max(np.abs(pitch - pitch0[0])))


def _panned(stage: Stage, position: Array, fov: float, e: Array, *, right: bool) -> Array:
    """Targets of a pan: the heading sweeps, the pitch and the position stay."""
    n = stage.frames
    half_h = math.atan(math.tan(math.radians(fov) / 2) * stage.aspect)
    sweep = max(MIN_PAN, 0.85 * half_h - _angular_half(stage, position, "yaw"))
    here = np.tile(position, (n, 1))
    yaw_follow, _ = yaw_pitch(here, stage.follow)
    _, pitch = yaw_pitch(position[None, :], stage.anchor[None, :])
    sign = -1.0 if right else 1.0  # turning right is clockwise seen from above
    travelled = (yaw_follow[-1] - yaw_follow[0]) * sign
    offset = np.zeros(n) if travelled >= 2 * sweep else sign * sweep * (2 * e - 1)
    reach = float(np.linalg.norm(stage.anchor - position))
    return here + direction(yaw_follow + offset, np.full(n, pitch[0])) * reach


def _tilted(stage: Stage, position: Array, fov: float, e: Array, *, up: bool) -> Array:
    """Targets of a tilt: the pitch sweeps, the heading and the position stay."""
    n = stage.frames
    sweep = max(MIN_TILT, 0.85 * math.radians(fov) / 2 - _angular_half(stage, position, "pitch"))
    yaw, pitch = yaw_pitch(position[None, :], stage.anchor[None, :])
    pitches = pitch[0] + (1.0 if up else -1.0) * sweep * (2 * e - 1)
    reach = float(np.linalg.norm(stage.anchor - position))
    return position + direction(np.full(n, yaw[0]), pitches) * reach


def _tracking(stage: Stage, distance: float, fov: float, e: Array) -> Path:
    """Side-on beside a travelling subject at a constant distance; a truck past a still one."""
    n = stage.frames
    flat = stage.away * np.array([1.0, 1.0, 0.0])
    flat_norm = float(np.linalg.norm(flat))
    elevation = math.atan2(float(stage.away[2]), flat_norm)
    fovs, rolls = np.full(n, fov), np.full(n, stage.roll)
    if stage.travels:
        travel = stage.follow[-1] - stage.follow[0]
        side = np.array([-travel[1], travel[0], 0.0]) / max(math.hypot(travel[0], travel[1]), 1e-9)
        if flat_norm > 1e-9 and float(side @ flat) < 0:  # stay on the side the shot began on
            side = -side
        away = side * math.cos(elevation) + np.array([0.0, 0.0, math.sin(elevation)])
        positions = stage.follow + away * distance
        return Path(positions, stage.follow.copy(), fovs, rolls)
    lateral = np.cross(np.array([0.0, 0.0, 1.0]), stage.away)
    lateral /= max(float(np.linalg.norm(lateral)), 1e-9)
    half_width = distance * math.tan(math.radians(fov) / 2) * stage.aspect
    spread = float(np.max(np.abs((corners(stage.framed) - stage.anchor) @ lateral)))
    reach = max(0.1 * half_width, 0.85 * half_width - spread)
    shift = (reach * (2 * e - 1))[:, None] * lateral
    positions = stage.anchor + stage.away * distance + shift
    return Path(positions, stage.anchor + shift, fovs, rolls)


def _whip(stage: Stage, tripod: Array, fovs: Array, rolls: Array, whip_at: str
          ) -> tuple[Path, NDArray[np.bool_]]:
    """A fast pan to the right: whips away at the end, whips in at the start, or whips all
    the way round in the middle, back onto the action."""
    n, fps = stage.frames, stage.fps
    offsets = np.zeros(n)
    if whip_at == "middle":
        length = max(3, round(WHIP_AROUND_SECONDS * fps))
        first = max(0, (n - length) // 2)
        angle = 2 * math.pi
    else:
        length = max(3, round(WHIP_SECONDS * fps))
        first = max(0, n - length) if whip_at == "end" else 0
        angle = WHIP_ANGLE
    count = min(length, n - first)
    u = np.arange(1, count + 1) / length
    turn = angle * u * u * (3 - 2 * u)
    offsets[first:first + count] = -turn
    offsets[first + count:] = -angle
    if whip_at == "start":  # arrive on the action: the turn ends where the shot frames it
        offsets += angle
    elif whip_at == "middle":
        offsets[first + count:] = 0.0  # a full turn: back where it began
    yaw, pitch = yaw_pitch(tripod, stage.follow)
    reach = np.linalg.norm(stage.follow - tripod, axis=1, keepdims=True)
    targets = tripod + direction(yaw + offsets, pitch) * reach
    away_from_action = np.abs(np.angle(np.exp(1j * offsets))) > 1e-6
    return Path(tripod, targets, fovs, rolls), away_from_action
