"""camera_path: frame the named subjects by shot size and angle, then move as the shot asks."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Mapping
from fractions import Fraction
from typing import Literal

import numpy as np

from cinestra.plan.storyboard import Camera
from cinestra.world.camera.framing import (
    CLOSE_SIZES,
    SHOT_SIZES,
    Boxes,
    Subject,
    describe,
    fill,
    framed_parts,
    union,
)
from cinestra.world.camera.lens import depth_of_field, lens_fov
from cinestra.world.camera.moves import Stage, build
from cinestra.world.camera.placement import Bounds, aim, clamp, shake
from cinestra.world.camera.view import Array, Path, inside
from cinestra.world.timeline import CameraKey, Vec3

logger = logging.getLogger(__name__)

FOLLOW_SIGMA_S = 0.35  # the look-at point trails the action by a Gaussian this wide (s)
MAX_FOV = 120.0
STEP_SCALE = 1.08  # each refit backs the camera off this much...
STEP_ZOOM = 1.06  # ...or, against a wall, widens the lens this much
MAX_REFITS = 60
POV_APART = 1.0  # m across the ground between the looker and the looked-at, for a POV
WIDE_FOR_AERIAL = ("extreme_wide", "wide")
WhipAt = Literal["start", "middle", "end"]


def camera_path(camera: Camera, subjects: Mapping[str, Boxes], *, frame_count: int,
                aspect: Fraction, fps: int = 24, seed: int = 0,
                set_bounds: tuple[Vec3, Vec3] | None = None, indoor: bool = False,
                look: str = "natural",
                heads: Mapping[str, Boxes] | None = None,
                facings: Mapping[str, Array] | None = None,
                whip_at: WhipAt = "middle") -> list[CameraKey]:
    """One CameraKey per frame for `camera`'s shot size, angle, lens, focus and move.

    `subjects` maps each named subject id, main subject first, to its per-frame boxes
    ``(frame_count, 2, 3)`` (low and high corners, world metres). `heads` (same shape) and
    `facings` (``(frame_count, 3)`` horizontal directions) sharpen close shots and the side
    the camera stands on; `subject_boxes` computes all three from a Timeline's bodies. The
    camera stays inside `set_bounds` indoors and above its floor outdoors; the documentary
    look shakes every move by hand. `whip_at` places a whip pan: "start" when the shot comes
    in on a whip-pan transition, "end" when it leads into one.
    """
    # 1. Check inputs
    described = _check(camera, subjects, frame_count=frame_count, fps=fps, heads=heads,
                       figure=True)
    ratio = float(aspect)
    rng = np.random.default_rng(zlib.crc32(f"camera:{seed}".encode()))
    size = camera.shot_size
    if camera.move == "aerial" and size not in WIDE_FOR_AERIAL:
        size = "wide"  # a drone sees the place
    ground = _ground(subjects, set_bounds)
    bounds = Bounds(low=np.asarray(set_bounds[0], dtype=np.float64),
                    high=np.asarray(set_bounds[1], dtype=np.float64),
                    indoor=indoor, ground=ground) if set_bounds else Bounds(
                        low=None, high=None, indoor=False, ground=ground)

    # 2. What must stay in frame
    looked_at = dict(described)
    first = next(iter(described.values()), None)
    pov = camera.angle in ("pov", "over_the_shoulder") and _apart(described)
    if pov:  # the first subject looks; the camera frames the others
        looked_at.pop(next(iter(described)))
    parts = framed_parts(looked_at, size) if looked_at else [_empty_stage(frame_count, ground)]
    framed = union(parts)
    main = next(iter(looked_at.values()), None)
    fill_v = fill(main, size) if main else 0.5
    fill_h = min(0.9, 1.5 * fill_v)

    # 3. Where the camera stands
    fov = lens_fov(camera.lens)
    main_name = next(iter(looked_at), None)
    facing = facings.get(main_name) if facings is not None and main_name else None
    stage = aim(camera, framed=framed, parts=parts, main=main, viewer=first if pov else None,
                facing=facing, fov=fov, aspect=ratio, fill=(fill_v, fill_h), bounds=bounds,
                rng=rng, fps=fps, sigma_frames=FOLLOW_SIGMA_S * fps)

    # 4. Move, backed off (or widened against a wall) until every subject stays in frame
    path = _fitted(camera.move, stage, parts, bounds=bounds, whip_at=whip_at)

    # 5. Handheld shake, depth of field, keys
    if camera.move == "handheld" or look == "documentary":
        path = shake(path, fps=fps, rng=rng)
    main_distance = np.linalg.norm(parts[0].mean(axis=1) - path.positions, axis=1)
    second = list(looked_at.values())[1] if len(looked_at) > 1 else None
    second_distance = (np.linalg.norm(second.boxes.mean(axis=1) - path.positions, axis=1)
                       if second is not None else None)
    focus, aperture = depth_of_field(camera.focus, look=look, close=size in CLOSE_SIZES
                                     or size == "medium_close_up", fovs=path.fovs,
                                     main=main_distance, second=second_distance)
    return _keys(path, focus, aperture)


def _check(camera: Camera, subjects: Mapping[str, Boxes], *, frame_count: int, fps: int,
           heads: Mapping[str, Boxes] | None, figure: bool) -> dict[str, Subject]:
    if fps < 1:
        raise ValueError(f"fps: expected a positive rate, got {fps}")
    if frame_count < 1:
        raise ValueError(f"frame_count: expected at least 1, got {frame_count}")
    if camera.shot_size not in SHOT_SIZES:
        raise ValueError(f"camera.shot_size: unknown size {camera.shot_size!r}")
    described: dict[str, Subject] = {}
    for name, boxes in subjects.items():
        array = np.asarray(boxes, dtype=np.float64)
        if array.shape != (frame_count, 2, 3):
            raise ValueError(f"subjects[{name!r}]: expected shape ({frame_count}, 2, 3), "
                             f"got {array.shape}")
        head = None if heads is None or name not in heads else np.asarray(heads[name],
                                                                           dtype=np.float64)
        if head is not None and head.shape != array.shape:
            raise ValueError(f"heads[{name!r}]: expected shape {array.shape}, got {head.shape}")
        described[name] = describe(array, head, figure=figure)
    return described


def _apart(subjects: Mapping[str, Subject]) -> bool:
    """Two subjects far enough apart for one to look at the other (not a cat on a head)."""
    if len(subjects) < 2:
        return False
    first, second = (subject.boxes.mean(axis=1) for subject in list(subjects.values())[:2])
    across = np.linalg.norm((first - second)[:, :2], axis=1)
    return bool(np.median(across) >= POV_APART)


def _ground(subjects: Mapping[str, Boxes], set_bounds: tuple[Vec3, Vec3] | None) -> float:
    if set_bounds is not None:
        return float(set_bounds[0][2])
    lowest = [float(np.min(np.asarray(boxes)[:, 0, 2])) for boxes in subjects.values()]
    return min([0.0, *lowest])


def _empty_stage(frame_count: int, ground: float) -> Boxes:
    """Nothing named: frame a person-sized space in the middle of the set."""
    box = np.array([[-1.0, -1.0, ground], [1.0, 1.0, ground + 1.8]])
    return np.tile(box, (frame_count, 1, 1))


def _fitted(move: str, stage: Stage, parts: list[Boxes], *, bounds: Bounds, whip_at: str
            ) -> Path:
    scale, zoom = 1.0, 1.0
    path = None
    for _ in range(MAX_REFITS):
        raw, free = build(move, stage, scale=scale, zoom=zoom, whip_at=whip_at)
        path, walled = clamp(raw, bounds)
        framed = np.ones(stage.frames, dtype=bool)
        for part in parts:
            framed &= inside(path, part, aspect=stage.aspect)
        if bool(np.all(framed | free)):
            return path
        if walled and float(np.max(path.fovs)) < MAX_FOV:
            zoom *= STEP_ZOOM
        else:
            scale *= STEP_SCALE
    logger.warning("camera: %s could not keep every subject in frame", move)
    assert path is not None, "MAX_REFITS is positive"
    return path


def _keys(path: Path, focus: Array | None, aperture: Array) -> list[CameraKey]:
    keys = []
    for index in range(len(path.positions)):
        keys.append(CameraKey(
            position=_rounded(path.positions[index]),
            target=_rounded(path.targets[index]),
            fov_deg=round(float(min(path.fovs[index], MAX_FOV)), 6),
            roll_deg=round(float(path.rolls[index]), 6),
            focus_m=None if focus is None else round(float(focus[index]), 6),
            aperture_m=round(float(aperture[index]), 6),
        ))
    return keys


def _rounded(vector: Array) -> tuple[float, float, float]:
    return (round(float(vector[0]), 6), round(float(vector[1]), 6), round(float(vector[2]), 6))

