"""Reverb by environment: the room the sound is heard in (club, street, room, outdoors).

One mono send (foley and voices) goes through pedalboard's Freeverb with the
environment's size, damping and level; the right channel hears the tail a few
milliseconds later, which widens it without a second reverb. A reverb only adds after
each sound starts (it is causal), so it never moves an onset.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cinestra.sound.soundtrack import SAMPLE_RATE
from cinestra.world.timeline import Environment

WIDEN_S = 0.011


@dataclass(frozen=True)
class Room:
    size: float  # pedalboard room_size 0..1
    damping: float  # 0..1: high frequencies die first
    level: float  # wet gain relative to the dry send


CLUB = Room(size=0.75, damping=0.5, level=0.28)
HALL = Room(size=0.85, damping=0.35, level=0.3)
ROOM = Room(size=0.35, damping=0.6, level=0.16)
STREET = Room(size=0.5, damping=0.3, level=0.12)
OUTDOORS = Room(size=0.2, damping=0.8, level=0.04)
ROOMS = {
    "jazz_club": CLUB, "stage": CLUB, "restaurant": CLUB, "gym": HALL, "museum": HALL,
    "train_station": HALL, "airport": HALL, "cave": HALL, "swimming_pool": HALL,
    "ice_rink": HALL, "street": STREET, "city": STREET, "alley": STREET, "market": STREET,
    "bridge": STREET, "rooftop": STREET,
}


def room_for(environment: Environment) -> Room | None:
    """The acoustic of the heard place; None where there is no air to carry sound."""
    place = environment.heard_place
    if place in ("space", "moon"):
        return None
    if place in ROOMS:
        return ROOMS[place]
    return ROOM if environment.indoor else OUTDOORS


def reverberate(send: np.ndarray, environment: Environment) -> np.ndarray:
    """(n, 2) wet signal for the mono `send`: the environment's tail, without the dry sound."""
    room = room_for(environment)
    out = np.zeros((len(send), 2))
    if room is None or len(send) == 0 or not np.any(send):
        return out
    from pedalboard import Reverb

    effect = Reverb(room_size=room.size, damping=room.damping, wet_level=1.0, dry_level=0.0,
                    width=0.0)
    wet = effect(send.astype(np.float32)[None, :], SAMPLE_RATE)[0].astype(np.float64)
    shift = round(WIDEN_S * SAMPLE_RATE)
    out[:, 0] = room.level * wet
    out[shift:, 1] = room.level * wet[: len(wet) - shift]
    return out
