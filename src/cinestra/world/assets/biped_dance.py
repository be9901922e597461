"""Dancing: a sequence of moves on a 120 bpm beat, chosen by the seed and blended.

Moves last four beats (2 s) and fade into the next over a quarter of a second, so two
dancers with different seeds do different moves at the same moment.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cinestra.world.assets import Clock
from cinestra.world.assets.biped_poses import arms, squat
from cinestra.world.assets.cycles import Array, Channels, seed_offset, smooth, wave

BEAT = 0.5  # s
MOVE = 4 * BEAT
FADE = 0.25  # s


def sway(ch: Channels, beat: Array) -> None:
    """Hips side to side, arms swinging low, a step touch."""
    ch.add("pelvis", "x", 0.1 * wave(beat, 0.5))
    ch.add("spine", "x", -0.14 * wave(beat, 0.5))
    for name, sign in (("l", 1.0), ("r", -1.0)):
        ch.add(f"thigh_{name}", "x", 0.1 * wave(beat, 0.5))
        ch.add(f"foot_{name}", "x", -0.1 * wave(beat, 0.5))
        arms(ch, forward=0.5 + 0.4 * sign * wave(beat, 0.5), out=0.3, elbow=1.2, side=name)


def arm_waves(ch: Channels, beat: Array) -> None:
    """Both arms up, waving over the head, bouncing on the beat."""
    squat(ch, 0.18 * (0.5 + 0.5 * wave(beat, 1, 0.25)))
    for name, sign in (("l", 1.0), ("r", -1.0)):
        arms(ch, out=2.5 + 0.25 * wave(beat, 0.5, 0.25 * sign), elbow=0.4, side=name)
        ch.add(f"forearm_{name}", "x", sign * 0.4 * wave(beat, 0.5))


def bounce(ch: Channels, beat: Array) -> None:
    """Knees pumping with fists pumping up on alternate beats."""
    squat(ch, 0.3 * (0.5 + 0.5 * wave(beat, 1, 0.25)))
    for name, sign in (("l", 1.0), ("r", -1.0)):
        pump = 0.5 + 0.5 * sign * wave(beat, 0.5)
        arms(ch, forward=0.6 + 1.8 * pump, out=0.3, elbow=1.6 - 1.2 * pump, side=name)
    ch.add("head", "y", 0.15 * wave(beat, 1))


def point(ch: Channels, beat: Array) -> None:
    """Disco: the right arm points up across, then down across, hips rocking."""
    up = wave(beat, 0.5)
    arms(ch, forward=1.2 + 1.4 * up, out=-0.5 * up, elbow=0.1, side="r")
    arms(ch, forward=0.3, out=0.2, elbow=1.8, side="l")
    ch.add("pelvis", "z", 0.2 * up)
    ch.add("chest", "z", -0.15 * up)
    ch.add("head", "z", 0.3 * up)
    squat(ch, 0.12 + 0.08 * wave(beat, 1))


def twirl(ch: Channels, beat: Array) -> None:
    """Arms out wide, rising on the toes (the turn itself is added by `dance`)."""
    arms(ch, out=1.4, elbow=0.3)
    ch.add("head", "y", -0.15)
    squat(ch, 0.1 * (0.5 + 0.5 * wave(beat, 1)))


MOVES: tuple[Callable[[Channels, Array], None], ...] = (sway, arm_waves, bounce, point, twirl)


def dance(ch: Channels, clock: Clock) -> None:
    times = clock.times + seed_offset(clock.seed) * 8 * BEAT
    beat = times / BEAT
    segment = np.floor(times / MOVE).astype(int)
    rng = np.random.default_rng(clock.seed)
    order = rng.permutation(len(MOVES) * 4) % len(MOVES)  # every move, in a seeded order
    chosen = order[np.mod(segment, len(order))]
    into = times - segment * MOVE  # seconds into the current move
    fade_in = smooth(into / FADE)
    previous = order[np.mod(segment - 1, len(order))]
    for index, move in enumerate(MOVES):
        weight = np.where(chosen == index, fade_in, 0.0) + \
            np.where(previous == index, 1.0 - fade_in, 0.0)
        if not np.any(weight > 0):
            continue
        part = Channels(ch.frames)
        move(part, beat)
        _accumulate(ch, part, weight)
    # A whole turn in the middle of each twirl; earlier twirls' turns stay done.
    twirls = (chosen == MOVES.index(twirl))
    turn = np.where(twirls, smooth((into - 0.5) / 1.0), 0.0)
    ch.move("yaw", 2 * np.pi * turn)


def _accumulate(ch: Channels, part: Channels, weight: Array) -> None:
    for (joint, axis), angle in part.angles.items():
        ch.add(joint, axis, angle * weight)
    for channel, value in part.root.items():
        ch.move(channel, value * weight)
