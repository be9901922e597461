"""Quadruped cycles: walk, trot and gallop by inverse kinematics on four legs; sitting,
begging, playing (sitting up, an elephant's trunk curled to its mouth), eating, lying.

Front legs fold forward at the wrist (knee sign -1), hind legs like a knee; a negative
root pitch raises the front of the body.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from cinestra.world.assets import Clock
from cinestra.world.assets.cycles import (
    Channels,
    Gait,
    Leg,
    ballistic,
    leg_of,
    locomote,
    phase,
    resolve,
    smooth,
    strikes,
    wave,
)
from cinestra.world.assets.rig import Motion, Rig

# phase offsets of (hind_l, front_l, hind_r, front_r)
PATTERNS = {"walk": (0.0, 0.25, 0.5, 0.75), "run": (0.0, 0.5, 0.5, 0.0),
            "race": (0.0, 0.45, 0.1, 0.55)}
HOPPERS = frozenset({"kangaroo", "frog", "rabbit"})
SIDES = (("l", 1.0), ("r", -1.0))


def legs(rig: Rig, cycle: str) -> list[Leg]:
    hind_l, front_l, hind_r, front_r = PATTERNS.get(cycle, PATTERNS["walk"])
    return [leg_of(rig, f"{end}_upper_{side}", f"{end}_lower_{side}", f"{end}_paw_{side}",
                   offset=offset, knee_sign=-1.0 if end == "front" else 1.0)
            for end, side, offset in (("hind", "l", hind_l), ("front", "l", front_l),
                                      ("hind", "r", hind_r), ("front", "r", front_r))]


def gait(rig: Rig, cycle: str) -> Gait:
    leg = legs(rig, "walk")[1]
    length = leg.upper + leg.lower
    slow = math.sqrt(length / 0.5)
    if cycle == "walk":
        return Gait(period=0.8 * slow, duty=0.65, step=0.9 * length, lift=0.15 * length)
    if cycle == "race":
        return Gait(period=0.5 * slow, duty=0.4, step=1.1 * length, lift=0.3 * length,
                    crouch=0.05 * length)
    return Gait(period=0.55 * slow, duty=0.45, step=1.0 * length, lift=0.25 * length)


def cycle_of(rig: Rig, verb: str | None) -> str:
    cycle = resolve(verb, CYCLES, ALIASES)
    if rig.kind in HOPPERS and cycle in ("walk", "run", "race"):
        return "hop"
    return cycle


def gait_speed(rig: Rig, verb: str | None) -> float:
    cycle = cycle_of(rig, verb)
    if cycle in ("walk", "run", "race"):
        return gait(rig, cycle).speed
    if cycle == "hop":
        return 2.2 * rig.height
    if cycle == "swim":
        return 0.4 * rig.length
    return 0.0


def footfalls(rig: Rig, verb: str | None, clock: Clock) -> list[tuple[float, str]]:
    cycle = cycle_of(rig, verb)
    if cycle not in ("walk", "run", "race"):
        return []
    timing = gait(rig, cycle)
    return sorted((time, leg.foot) for leg in legs(rig, cycle)
                  for time in strikes(clock, timing.period, leg.offset))


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    cycle = cycle_of(rig, verb)
    ch = Channels(clock.frame_count)
    alive(ch, rig, clock)
    if cycle in ("walk", "run", "race"):
        ph = locomote(ch, legs(rig, cycle), gait(rig, cycle), clock)[0]
        if cycle == "race":
            ch.add("spine", "y", 0.15 * wave(ph))
        ch.add("neck_1", "y", 0.06 * wave(ph, 2))
        return ch.motion(rig, keep_heights=True)
    POSES[cycle](ch, rig, clock)
    return ch.motion(rig)


def alive(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Breathing, a swaying tail, an elephant's trunk swinging."""
    ph = phase(clock, 3.0)
    ch.add("spine", "x", 0.015 * wave(ph))
    for index in (1, 2, 3):
        ch.add(f"tail_{index}", "z", 0.25 * wave(ph, 1.5, -0.12 * index))
    if any(joint.name == "trunk_1" for joint in rig.joints):
        for index in range(1, 5):
            ch.add(f"trunk_{index}", "y", -0.05 - 0.08 * wave(ph, 1, -0.1 * index))


def idle(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 5.0)
    ch.add("head", "z", 0.4 * wave(ph) * np.abs(wave(ph, 0.5)))
    ch.add("neck_1", "y", 0.08 * wave(ph, 2))


def sit(ch: Channels, rig: Rig, clock: Clock, *, pitch: float = 0.6) -> None:
    """On the haunches, front legs straight down, tail curled round, head turning."""
    ph = phase(clock, 4.0)
    ch.move("pitch", -pitch)
    for side, _ in SIDES:
        ch.add(f"hind_upper_{side}", "y", -1.3 + pitch)
        ch.add(f"hind_lower_{side}", "y", 2.5)
        ch.add(f"hind_paw_{side}", "y", -1.2)
        ch.add(f"front_upper_{side}", "y", pitch)
    ch.add("neck_1", "y", 0.7 * pitch)
    ch.add("head", "z", 0.5 * wave(ph))
    for index in (1, 2, 3):
        ch.add(f"tail_{index}", "z", 0.6)
        ch.add(f"tail_{index}", "y", 0.3)


def play(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Sitting up on the hind legs, front legs forward holding something at the chest;
    an elephant curls its trunk up to its mouth (a saxophone held there)."""
    ph = phase(clock, 1.0)
    sit(ch, rig, clock, pitch=1.15)
    for side, sign in SIDES:
        ch.add(f"front_upper_{side}", "y", -1.2 - 0.08 * wave(ph, 2, 0.25 * sign))
        ch.add(f"front_lower_{side}", "y", -0.9 + 0.1 * wave(ph, 4))
    ch.add("neck_1", "y", -0.3)
    ch.add("head", "y", 0.1 * wave(ph, 2))
    for index in range(1, 5):
        ch.add(f"trunk_{index}", "y", -0.3 + 0.05 * wave(ph, 2))


def beg(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Sitting up with one front paw waving."""
    ph = phase(clock, 0.8)
    sit(ch, rig, clock, pitch=1.0)
    ch.add("front_upper_r", "y", -1.6 - 0.3 * wave(ph))
    ch.add("front_upper_l", "y", -0.6)
    ch.add("neck_1", "y", -0.3)


def eat(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 1.2)
    ch.add("neck_1", "y", 0.9 + 0.08 * wave(ph))
    ch.add("neck_2", "y", 0.5)
    ch.add("head", "y", 0.3 + 0.15 * wave(ph, 2))
    for index in range(1, 5):
        ch.add(f"trunk_{index}", "y", 0.1)


def sleep(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 4.0)
    for side, _ in SIDES:
        ch.add(f"front_upper_{side}", "y", -1.35)
        ch.add(f"front_lower_{side}", "y", -0.2)
        ch.add(f"hind_upper_{side}", "y", -1.2)
        ch.add(f"hind_lower_{side}", "y", 2.4)
    ch.add("neck_1", "y", 0.5)
    ch.add("head", "y", 0.1 + 0.02 * wave(ph))
    ch.add("spine", "y", 0.02 * wave(ph))


def jump(ch: Channels, rig: Rig, clock: Clock) -> None:
    period, flight = 1.4, 0.5
    t = phase(clock, period) * period
    crouch = 0.6 * (np.exp(-((t - 0.3) / 0.12) ** 2) + np.exp(-((t - 0.9) / 0.12) ** 2))
    stretch = smooth((t - 0.35) / 0.1) * (1 - smooth((t - 0.8) / 0.1))
    for side, _ in SIDES:
        ch.add(f"hind_upper_{side}", "y", -crouch + 0.5 * stretch)
        ch.add(f"hind_lower_{side}", "y", 2 * crouch)
        ch.add(f"front_upper_{side}", "y", 0.5 * crouch - 0.7 * stretch)
        ch.add(f"front_lower_{side}", "y", -crouch - 0.5 * stretch)
    ch.move("pitch", -0.25 * stretch)
    ch.move("lift", ballistic(t - 0.35, flight))


def hop(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Kangaroo, frog and rabbit travel in bounds."""
    period, flight = 0.7, 0.4
    t = phase(clock, period) * period
    tuck = 1 - smooth(t / 0.15) * (1 - smooth((t - 0.45) / 0.15))
    for side, _ in SIDES:
        ch.add(f"hind_upper_{side}", "y", -0.9 * tuck + 0.5 * (1 - tuck))
        ch.add(f"hind_lower_{side}", "y", 1.8 * tuck)
        ch.add(f"front_upper_{side}", "y", -0.4)
    ch.move("lift", ballistic(t - 0.1, flight))


def dance(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Bouncing and swaying on the beat; every other bar it rears up on the hind legs."""
    beat = clock.times / 0.5 + 0.37 * clock.seed
    rear = smooth(np.abs(wave(beat / 8)) * 3 - 1.5)
    for side, sign in SIDES:
        bounce = 0.25 * (0.5 + 0.5 * wave(beat, 1, 0.25))
        ch.add(f"hind_upper_{side}", "y", -bounce - 0.9 * rear)
        ch.add(f"hind_lower_{side}", "y", 2 * bounce + 1.2 * rear)
        ch.add(f"front_upper_{side}", "y", bounce - 1.2 * rear * (1 + 0.2 * sign *
                                                                  wave(beat, 0.5)))
        ch.add(f"front_lower_{side}", "y", -2 * bounce)
    ch.move("pitch", -0.9 * rear)
    ch.move("roll", 0.08 * wave(beat, 0.5))
    ch.add("head", "x", 0.25 * wave(beat, 0.5))
    ch.add("neck_1", "y", 0.6 * rear)


def spin(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Chasing its own tail: turning on the spot."""
    ch.move("yaw", 2 * np.pi * clock.times)
    ch.add("neck_1", "z", 0.5)
    ch.add("spine", "z", 0.3)


def swim(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 0.8)
    ch.move("pitch", -0.2)
    for side, sign in SIDES:
        ch.add(f"front_upper_{side}", "y", -0.6 * wave(ph, 1, 0.25 * (1 + sign)))
        ch.add(f"hind_upper_{side}", "y", 0.6 * wave(ph, 1, 0.25 * (1 - sign)))
    ch.add("neck_1", "y", -0.3)


def fall(ch: Channels, rig: Rig, clock: Clock) -> None:
    roll = smooth(clock.times / 0.8) ** 2
    ch.move("roll", 1.5 * roll)
    for side, _ in SIDES:
        ch.add(f"front_upper_{side}", "y", -0.4 * roll)
        ch.add(f"hind_upper_{side}", "y", 0.4 * roll)


def talk(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 1.5)
    ch.add("neck_1", "y", -0.3 + 0.1 * wave(ph, 2))
    ch.add("head", "z", 0.25 * wave(ph))


def look(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 4.0)
    ch.add("neck_1", "y", -0.2)
    ch.add("neck_1", "z", 0.7 * wave(ph))
    ch.add("head", "z", 0.3 * wave(ph))


def fight(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 0.8)
    sit(ch, rig, clock, pitch=0.9)
    for side, sign in SIDES:
        ch.add(f"front_upper_{side}", "y", -1.6 - 0.5 * wave(ph, 1, 0.25 * (1 + sign)))
    ch.add("neck_1", "y", -0.2)


def kick(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 1.2)
    up = smooth(wave(ph) * 2 - 1)
    ch.move("pitch", 0.25 * up)
    for side, _ in SIDES:
        ch.add(f"hind_upper_{side}", "y", 1.0 * up)
        ch.add(f"front_upper_{side}", "y", -0.3 * up)


def crawl(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Stalking low, one slow paw after another."""
    ph = phase(clock, 1.6)
    for side, sign in SIDES:
        ch.add(f"hind_upper_{side}", "y", -0.6 + 0.2 * sign * wave(ph))
        ch.add(f"hind_lower_{side}", "y", 1.2)
        ch.add(f"front_upper_{side}", "y", 0.7 - 0.2 * sign * wave(ph))
        ch.add(f"front_lower_{side}", "y", -1.3)
    ch.add("neck_1", "y", 0.35)


POSES: dict[str, Callable[[Channels, Rig, Clock], None]] = {
    "idle": idle, "sit": sit, "play": play, "wave": beg, "eat": eat, "sleep": sleep,
    "jump": jump, "hop": hop, "dance": dance, "spin": spin, "swim": swim, "fall": fall,
    "talk": talk, "look": look, "fight": fight, "kick": kick, "crawl": crawl,
}
CYCLES = frozenset({"walk", "run", "race"} | set(POSES))
ALIASES = {
    "stand": "idle", "rest": "idle", "smile": "idle", "cross": "walk", "chase": "run",
    "gallop": "race", "perch": "sit", "peck": "eat", "drink": "eat", "cook": "eat",
    "sing": "talk", "laugh": "talk", "cry": "talk", "hug": "play", "clap": "play",
    "hold": "play", "carry": "play", "juggle": "play", "catch": "play", "throw": "play",
    "fly": "jump", "dive": "jump", "bounce": "jump", "float": "swim", "topple": "fall",
    "roll": "fall", "climb": "walk", "read": "look", "push": "walk", "pull": "walk",
    "skate": "run", "surf": "idle", "drive": "sit", "ride": "sit", "kiss": "eat",
    "give": "play", "open": "play", "close": "play", "flutter": "jump", "swing": "dance",
    "slide": "run",
}
VERBS = frozenset(CYCLES | set(ALIASES)) - {"idle", "hop"}
