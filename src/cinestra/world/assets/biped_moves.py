"""Biped cycles: locomotion by inverse kinematics, poses and gestures by joint angles.

Signs (see cycles.py): an arm or leg swings forward with a negative "y" angle; the left
arm rises sideways with a positive "x" angle, the right with a negative one; a knee
bends with a positive "y", an elbow with a negative "y"; the head nods down with "y" > 0.
"""

from __future__ import annotations

import math

import numpy as np

from cinestra.world.assets import Clock
from cinestra.world.assets import biped_poses as poses
from cinestra.world.assets.cycles import (
    Array,
    Channels,
    Gait,
    Leg,
    leg_of,
    locomote,
    phase,
    resolve,
    strikes,
    wave,
)
from cinestra.world.assets.rig import Motion, Rig

LOCOMOTION = {"walk", "run", "race", "skate"}
CYCLES = frozenset({"idle", "walk", "run", "race", "skate"} | set(poses.POSES))
ALIASES = {
    "stand": "idle", "smile": "idle", "rest": "idle", "cross": "walk", "chase": "run",
    "gallop": "run", "perch": "sit", "peck": "eat", "drink": "eat", "ride": "drive",
    "read": "hold", "give": "hold", "carry": "hold", "catch": "throw", "kiss": "hug",
    "pull": "push", "open": "push", "close": "push", "cook": "play", "dive": "jump",
    "float": "swim", "topple": "fall", "roll": "fall", "bounce": "jump", "flutter": "fly",
    "swing": "dance", "slide": "skate", "surf": "surf",
}
VERBS = frozenset(CYCLES | set(ALIASES)) - {"idle", "play_seated"}
SEATED_PLAYERS = frozenset({"pianist", "drummer"})


def legs(rig: Rig) -> list[Leg]:
    return [leg_of(rig, f"thigh_{side}", f"shin_{side}", f"foot_{side}", offset=offset)
            for side, offset in (("l", 0.0), ("r", 0.5))]


def gait(rig: Rig, cycle: str) -> Gait:
    """Stride timing for a leg of this rig's length (longer legs: slower, longer strides)."""
    leg = legs(rig)[0]
    length = leg.upper + leg.lower
    slow = math.sqrt(length / 0.85)
    if cycle == "walk":
        return Gait(period=1.05 * slow, duty=0.6, step=0.92 * length, lift=0.12 * length)
    if cycle == "race":
        return Gait(period=0.62 * slow, duty=0.34, step=1.15 * length, lift=0.4 * length,
                    crouch=0.06 * length)
    if cycle == "skate":
        return Gait(period=1.6 * slow, duty=0.6, step=0.0, lift=0.0)
    return Gait(period=0.7 * slow, duty=0.38, step=1.0 * length, lift=0.32 * length,
                crouch=0.05 * length)


def gait_speed(rig: Rig, verb: str | None) -> float:
    """Ground speed (m/s) the cycle is made for; 0 for cycles done on the spot."""
    cycle = resolve(verb, CYCLES, ALIASES)
    if cycle == "skate":
        return 3.0 * math.sqrt(legs(rig)[0].upper / 0.44)
    if cycle in ("walk", "run", "race"):
        return gait(rig, cycle).speed
    if cycle == "crawl":
        return 0.3 * rig.height / 1.7
    if cycle in ("swim", "fly"):
        return 1.2 * rig.height / 1.7
    return 0.0


def footfalls(rig: Rig, verb: str | None, clock: Clock) -> list[tuple[float, str]]:
    """(simulated time, foot joint) of each heel strike of a walking or running cycle."""
    cycle = resolve(verb, CYCLES, ALIASES)
    if cycle not in ("walk", "run", "race"):
        return []
    timing = gait(rig, cycle)
    falls = [(time, leg.foot) for leg in legs(rig)
             for time in strikes(clock, timing.period, leg.offset)]
    return sorted(falls)


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    """`rig` doing `verb` (None: idle) over the clock's frames."""
    cycle = resolve(verb, CYCLES, ALIASES)
    if cycle == "play" and rig.kind in SEATED_PLAYERS:
        cycle = "play_seated"
    ch = Channels(clock.frame_count)
    breathe(ch, clock)
    if cycle in ("walk", "run", "race"):
        stride(ch, rig, clock, cycle)
        return ch.motion(rig, keep_heights=True)
    if cycle == "skate":
        skate(ch, rig, clock)
    elif cycle == "idle":
        idle(ch, clock)
    else:
        poses.POSES[cycle](ch, clock)
    if rig.kind == "dinosaur":
        tail(ch, clock)
    return ch.motion(rig)


def breathe(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 3.6)
    ch.add("chest", "y", -0.025 * wave(ph))
    ch.add("shoulder_l", "x", 0.02 * wave(ph))
    ch.add("shoulder_r", "x", -0.02 * wave(ph))


def idle(ch: Channels, clock: Clock) -> None:
    """Standing: weight shifting from foot to foot, the head looking around."""
    ph = phase(clock, 4.8)
    ch.add("head", "z", 0.35 * wave(ph) * np.abs(wave(ph, 0.5)))
    ch.add("head", "y", 0.05 * wave(ph, 2, 0.2))
    ch.add("pelvis", "x", 0.03 * wave(ph))
    ch.add("spine", "x", -0.03 * wave(ph))
    for side, sign in (("l", 1.0), ("r", -1.0)):
        ch.add(f"upper_arm_{side}", "x", sign * 0.08)
        ch.add(f"forearm_{side}", "y", -0.15 - 0.05 * wave(ph, 1, 0.3))
        ch.add(f"thigh_{side}", "x", -0.03 * wave(ph))
        ch.add(f"foot_{side}", "x", 0.03 * wave(ph))


def stride(ch: Channels, rig: Rig, clock: Clock, cycle: str) -> None:
    timing = gait(rig, cycle)
    left = locomote(ch, legs(rig), timing, clock, hop=cycle != "walk")[0]
    running = cycle != "walk"
    swing = 0.85 if running else 0.45
    for side, sign in (("l", 1.0), ("r", -1.0)):
        arm = np.cos(2 * np.pi * left) * sign  # the left arm goes back as the left foot lands
        ch.add(f"upper_arm_{side}", "y", swing * arm)
        ch.add(f"upper_arm_{side}", "x", sign * 0.1)
        ch.add(f"forearm_{side}", "y", -(1.5 if running else 0.35) + 0.2 * arm)
    ch.add("pelvis", "z", 0.06 * np.sin(2 * np.pi * left))
    ch.add("chest", "z", -0.18 * np.sin(2 * np.pi * left))
    ch.add("spine", "y", 0.22 if running else 0.04)
    ch.add("head", "y", -0.15 if running else -0.02)


def skate(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Gliding on one bent leg while the other pushes out and back, then the other way."""
    ph = phase(clock, gait(rig, "skate").period)
    push_l = np.clip(wave(ph), 0.0, None)
    push_r = np.clip(-wave(ph), 0.0, None)
    ch.add("spine", "y", 0.35)
    ch.add("head", "y", -0.3)
    for side, sign, push in (("l", 1.0, push_l), ("r", -1.0, push_r)):
        ch.add(f"thigh_{side}", "y", -0.5 + 0.8 * push)
        ch.add(f"thigh_{side}", "x", sign * 0.45 * push)
        ch.add(f"shin_{side}", "y", 0.8 - 0.6 * push)
        ch.add(f"foot_{side}", "y", -0.3 - 0.2 * push)
        ch.add(f"foot_{side}", "x", -sign * 0.45 * push)
        ch.add(f"upper_arm_{side}", "x", sign * (0.5 + 0.3 * push))
        ch.add(f"upper_arm_{side}", "y", -0.3 * sign * wave(ph))
    ch.add("chest", "z", 0.25 * wave(ph))


def tail(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 2.2)
    for index in range(1, 5):
        ch.add(f"tail_{index}", "z", 0.12 * wave(ph, 1, -0.1 * index))
        ch.add(f"tail_{index}", "y", -0.03)


__all__ = ["ALIASES", "CYCLES", "VERBS", "Array", "animate", "footfalls", "gait_speed"]
