"""When a shot continues the picture of the shot before.

A neural engine can start a shot from the last frames of the previous one (VACE keeps them
and generates what follows), but only when that picture really goes on: the same world
(the Timelines' environments are equal: place, time of day, weather, look) seen from the
same camera (where the previous shot's camera ended, this one's begins: same position,
direction and field of view, within a small tolerance). A cut to another angle, another
place or another hour starts afresh, whatever its transition: conditioning a close-up on a
wide shot's last frames would pull the close-up back to the wide framing.
"""

from __future__ import annotations

import math

import numpy as np

from cinestra.world.timeline import CameraKey, Timeline

POSITION_SHARE = 0.05  # of the distance to the target the camera may have moved
MAX_TURN_DEG = 3.0
MAX_FOV_RATIO = 1.05


def same_view(end: CameraKey, start: CameraKey) -> bool:
    """True when `start` sees what `end` saw: a camera that did not jump."""
    eye_end, eye_start = np.asarray(end.position), np.asarray(start.position)
    look_end = np.asarray(end.target) - eye_end
    look_start = np.asarray(start.target) - eye_start
    reach = max(float(np.linalg.norm(look_end)), 1e-6)
    if float(np.linalg.norm(eye_start - eye_end)) > POSITION_SHARE * reach:
        return False
    cosine = float(look_end @ look_start) / (reach * max(float(np.linalg.norm(look_start)),
                                                         1e-6))
    if math.degrees(math.acos(max(-1.0, min(1.0, cosine)))) > MAX_TURN_DEG:
        return False
    if abs(end.roll_deg - start.roll_deg) > MAX_TURN_DEG:
        return False
    wider = max(end.fov_deg, start.fov_deg) / max(min(end.fov_deg, start.fov_deg), 1e-6)
    return wider <= MAX_FOV_RATIO


def continues(previous: Timeline | None, timeline: Timeline) -> bool:
    """True when `timeline` goes on from where `previous` (the shot before it) ended."""
    if previous is None or not previous.camera or not timeline.camera:
        return False
    if previous.environment != timeline.environment:
        return False
    return same_view(previous.camera[-1], timeline.camera[0])
