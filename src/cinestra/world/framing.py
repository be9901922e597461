"""Framing the shot for every named subject: the size a prompt leaves open, the room the
camera must stay in, and where sound and weather are placed around what is framed."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cinestra.plan.storyboard import Shot
from cinestra.world.camera.view import keys_path, screen_share
from cinestra.world.sets import Set
from cinestra.world.staging import Role, framed_camera, size_named, subject_of
from cinestra.world.timeline import Actor, CameraKey, Vec3

# Framing: a subject's box outline must cover this share of the frame (its pixels then cover
# about 1%, what the issue calls visible); up to MAX_TIGHTER sizes tighter are tried.
SEEN_SHARE = 0.03
MAX_TIGHTER = 3
TIGHTER = ("extreme_wide", "wide", "full", "medium", "medium_close_up", "close_up")


def frame_every_subject(shot: Shot, roles: list[Role], boxes: dict[str, np.ndarray],
                        path: Callable[[str | None], list[CameraKey]], *, aspect: float,
                        parts: dict[str, list[np.ndarray]] | None = None
                        ) -> list[CameraKey]:
    """The camera for the shot's size, or a tighter one when that leaves a named subject
    too small to see (a cat on a skater's head, a saxophone in an elephant's trunk).

    Only when the prompt names no size: each step tighter is tried while some subject's
    outline covers under `SEEN_SHARE` of the frame in more than a tenth of the frames, and
    the camera that shows the least visible subject best is kept.
    """
    keys = path(None)
    if size_named(shot) or not boxes:
        return keys
    sizes = list(TIGHTER)
    start = framed_camera(shot, roles).shot_size
    tighter = sizes[sizes.index(start) + 1 :] if start in sizes else []
    best, best_seen = keys, _least_seen(keys, boxes, aspect=aspect, parts=parts)
    for size in tighter[:MAX_TIGHTER]:
        if best_seen[0] >= 0.95:
            break
        candidate = path(size)
        seen = _least_seen(candidate, boxes, aspect=aspect, parts=parts)
        if seen > best_seen:
            best, best_seen = candidate, seen
    return best


def _least_seen(keys: list[CameraKey], boxes: dict[str, np.ndarray], *, aspect: float,
                parts: dict[str, list[np.ndarray]] | None = None) -> tuple[float, float]:
    """For the least visible subject: the share of frames in which its outline is big
    enough, then its median outline share (which still tells two too-small framings apart)."""
    path = keys_path(np.array([k.position for k in keys]), np.array([k.target for k in keys]),
                     np.array([k.fov_deg for k in keys]), np.array([k.roll_deg for k in keys]))
    groups: dict[str, np.ndarray] = {}
    for subject, box in boxes.items():  # instances of one subject count together
        share = screen_share(path, box, aspect=aspect)
        if parts and subject in parts:  # what the parts cover, at most the outline
            share = np.minimum(share, sum(screen_share(path, part, aspect=aspect)
                                          for part in parts[subject]))
        name = subject_of(subject)
        groups[name] = groups.get(name, 0.0) + share
    return min((float(np.mean(share >= SEEN_SHARE)), float(np.median(share)))
               for share in groups.values())


def set_bounds(the_set: Set) -> tuple[Vec3, Vec3]:
    """What the camera must stay inside: the room's walls indoors, the set's ground outside."""
    low = np.full(3, np.inf)
    high = np.full(3, -np.inf)
    for body in the_set.bodies:
        pos, half = np.asarray(body.pose.pos), np.asarray(body.size)
        low, high = np.minimum(low, pos - half), np.maximum(high, pos + half)
    if not np.all(np.isfinite(low)):
        return ((-50.0, -50.0, 0.0), (50.0, 50.0, 50.0))
    return ((float(low[0]), float(low[1]), float(low[2])),
            (float(high[0]), float(high[1]), float(high[2])))


def seen_area(camera: list[CameraKey], boxes: dict[str, np.ndarray]) -> tuple[Vec3, Vec3]:
    """A box around the action and the camera, where weather must fall to be seen."""
    points = [np.array([key.position for key in camera]), np.array([key.target for key in camera])]
    points += [box.reshape(-1, 3) for box in boxes.values()]
    stack = np.concatenate(points)
    low, high = stack.min(axis=0) - 3.0, stack.max(axis=0) + 3.0
    low[2], high[2] = 0.0, max(high[2], 4.0)
    return ((float(low[0]), float(low[1]), float(low[2])),
            (float(high[0]), float(high[1]), float(high[2])))


def centre(boxes: dict[str, np.ndarray]) -> Vec3:
    if not boxes:
        return (0.0, 0.0, 1.0)
    points = np.concatenate([box.reshape(-1, 3) for box in boxes.values()])
    centre = (points.min(axis=0) + points.max(axis=0)) / 2
    return (float(centre[0]), float(centre[1]), float(centre[2]))


def mouths(actors: list[Actor]) -> dict[str, Vec3]:
    """Where each named subject is heard from at the start: near the top of its first
    instance (a voice comes from the head, a saxophone from where it is held)."""
    heard: dict[str, Vec3] = {}
    for actor in actors:
        x, y, z, _ = actor.path[0]
        heard.setdefault(subject_of(actor.subject), (x, y, round(z + 0.9 * actor.height, 4)))
    return heard
