"""Bird cycles: walking on two legs by inverse kinematics (a pigeon's head bobbing),
flying (wings unfolded and flapping, off the ground), pecking, swimming, perching.

Wings: "z" unfolds a folded bird wing (left negative), "y" flaps it (up positive);
insects' open wings flap with "x" (left up positive).
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

SIDES = (("l", 1.0), ("r", -1.0))
INSECTS = frozenset({"butterfly", "bee"})


def legs(rig: Rig) -> list[Leg]:
    return [leg_of(rig, f"thigh_{side}", f"shin_{side}", f"foot_{side}", offset=offset,
                   knee_sign=-1.0) for side, offset in (("l", 0.0), ("r", 0.5))]


def gait(rig: Rig, cycle: str) -> Gait:
    leg = legs(rig)[0]
    length = leg.upper + leg.lower
    slow = math.sqrt(length / 0.1)
    if cycle == "walk":
        return Gait(period=0.55 * slow, duty=0.6, step=0.8 * length, lift=0.25 * length)
    return Gait(period=0.35 * slow, duty=0.45, step=1.0 * length, lift=0.3 * length)


def cycle_of(rig: Rig, verb: str | None) -> str:
    cycle = resolve(verb, CYCLES, ALIASES)
    if rig.kind in INSECTS and cycle in ("walk", "run", "jump", "dance", "swim"):
        return "fly"
    return cycle


def gait_speed(rig: Rig, verb: str | None) -> float:
    cycle = cycle_of(rig, verb)
    if cycle in ("walk", "run"):
        return gait(rig, cycle).speed
    if cycle == "fly":
        return 3.0 * math.sqrt(rig.length / 0.3)
    if cycle == "swim":
        return 0.5
    return 0.0


def footfalls(rig: Rig, verb: str | None, clock: Clock) -> list[tuple[float, str]]:
    cycle = cycle_of(rig, verb)
    if cycle not in ("walk", "run"):
        return []
    timing = gait(rig, cycle)
    return sorted((time, leg.foot) for leg in legs(rig)
                  for time in strikes(clock, timing.period, leg.offset))


def animate(rig: Rig, verb: str | None, clock: Clock) -> Motion:
    cycle = cycle_of(rig, verb)
    ch = Channels(clock.frame_count)
    if cycle in ("walk", "run"):
        ph = locomote(ch, legs(rig), gait(rig, cycle), clock)[0]
        ch.add("neck", "y", 0.25 * wave(ph, 2))  # the head bob of a walking pigeon
        ch.add("head", "y", -0.25 * wave(ph, 2))
        ch.add("tail", "z", 0.1 * wave(ph))
        return ch.motion(rig, keep_heights=True)
    POSES[cycle](ch, rig, clock)
    return ch.motion(rig)


def flap(ch: Channels, rig: Rig, clock: Clock, *, beat: float, amplitude: float) -> None:
    ph = phase(clock, beat)
    for side, sign in SIDES:
        if rig.kind in INSECTS:
            ch.add(f"wing_{side}", "x", sign * amplitude * (0.5 + 0.5 * wave(ph)))
            continue
        ch.add(f"wing_{side}", "z", -sign * 1.35)
        ch.add(f"wing_{side}", "y", amplitude * wave(ph))
        ch.add(f"wing_tip_{side}", "y", 0.4 * amplitude * wave(ph, 1, -0.15))


def idle(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 2.5)
    ch.add("head", "z", 0.6 * np.sign(wave(ph)) * np.abs(wave(ph)) ** 0.3)
    ch.add("tail", "y", 0.1 * wave(ph, 2))
    if rig.kind in INSECTS:
        flap(ch, rig, clock, beat=1.5, amplitude=0.9)


def fly(ch: Channels, rig: Rig, clock: Clock) -> None:
    insect = rig.kind in INSECTS
    beat = 0.05 if rig.kind in ("bee", "hummingbird") else (0.3 if insect else
                                                              0.25 * math.sqrt(rig.length / 0.3))
    flap(ch, rig, clock, beat=beat, amplitude=1.2 if insect else 0.9)
    for side, _ in SIDES:
        ch.add(f"thigh_{side}", "y", 1.1)
        ch.add(f"shin_{side}", "y", -1.6)
    ch.add("neck", "y", 0.2)
    ph = phase(clock, 4 * beat)
    ch.move("lift", max(1.2, 6 * rig.height) + 0.05 * max(rig.height, 0.1) * wave(ph))


def peck(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 0.9)
    down = smooth(wave(ph) * 3 - 1.5)
    ch.add("neck", "y", 1.3 * down)
    ch.add("head", "y", 0.5 * down)
    ch.add("pelvis", "y", 0.35 * down)


def swim(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Floating: legs tucked under, paddling, the body level on the water."""
    ph = phase(clock, 0.9)
    for side, sign in SIDES:
        ch.add(f"thigh_{side}", "y", 0.9 + 0.4 * sign * wave(ph))
        ch.add(f"shin_{side}", "y", -1.4)
    ch.add("head", "z", 0.3 * wave(ph, 0.25))


def perch(ch: Channels, rig: Rig, clock: Clock) -> None:
    """Sitting down on its folded legs, looking around."""
    ph = phase(clock, 3.0)
    for side, _ in SIDES:
        ch.add(f"thigh_{side}", "y", -0.9)
        ch.add(f"shin_{side}", "y", 2.0)
        ch.add(f"foot_{side}", "y", -1.1)
    ch.add("head", "z", 0.7 * np.sign(wave(ph)) * np.abs(wave(ph)) ** 0.3)


def sleep(ch: Channels, rig: Rig, clock: Clock) -> None:
    perch(ch, rig, Clock(clock.frame_count, clock.fps, 0.0, clock.seed))
    ch.add("neck", "y", 0.8)
    ch.add("head", "z", 2.2)


def dance(ch: Channels, rig: Rig, clock: Clock) -> None:
    beat = clock.times / 0.5 + 0.41 * clock.seed
    flap(ch, rig, clock, beat=0.5, amplitude=0.6 * float(rig.kind not in INSECTS))
    for side, sign in SIDES:
        bob = 0.25 * (0.5 + 0.5 * wave(beat, 1, 0.25))
        ch.add(f"thigh_{side}", "y", -bob * sign * wave(beat, 0.5))
    ch.add("neck", "y", 0.3 * wave(beat))
    ch.move("yaw", 0.5 * wave(beat, 0.25))
    ch.move("lift", 0.15 * rig.height * np.abs(wave(beat, 0.5)))


def spin(ch: Channels, rig: Rig, clock: Clock) -> None:
    ch.move("yaw", 2 * np.pi * clock.times)
    flap(ch, rig, clock, beat=0.5, amplitude=0.4)


def hop(ch: Channels, rig: Rig, clock: Clock) -> None:
    period, flight = 0.8, 0.35
    t = phase(clock, period) * period
    crouch = 0.5 * np.exp(-((t - 0.08) / 0.08) ** 2) + 0.5 * np.exp(-((t - 0.5) / 0.08) ** 2)
    for side, _ in SIDES:
        ch.add(f"thigh_{side}", "y", -crouch)
        ch.add(f"shin_{side}", "y", 2 * crouch)
        ch.add(f"foot_{side}", "y", -crouch)
    flap(ch, rig, clock, beat=period, amplitude=0.4)
    ch.move("lift", ballistic(t - 0.1, flight))


def talk(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 0.8)
    ch.add("neck", "y", -0.3 + 0.15 * wave(ph, 2))
    ch.add("head", "y", -0.3)
    ch.add("head", "z", 0.3 * wave(ph))


def wave_wing(ch: Channels, rig: Rig, clock: Clock) -> None:
    ph = phase(clock, 0.6)
    ch.add("wing_r", "z", 1.35)
    ch.add("wing_r", "y", 0.8 + 0.4 * wave(ph))
    ch.add("head", "z", 0.2)


def fall(ch: Channels, rig: Rig, clock: Clock) -> None:
    roll = smooth(clock.times / 0.6) ** 2
    ch.move("roll", 1.4 * roll)
    flap(ch, rig, clock, beat=0.2, amplitude=0.8 * float(np.mean(1 - roll)))


POSES: dict[str, Callable[[Channels, Rig, Clock], None]] = {
    "idle": idle, "fly": fly, "peck": peck, "swim": swim, "perch": perch, "sleep": sleep,
    "dance": dance, "spin": spin, "jump": hop, "talk": talk, "wave": wave_wing, "fall": fall,
}
CYCLES = frozenset({"walk", "run"} | set(POSES))
ALIASES = {
    "stand": "idle", "rest": "idle", "look": "idle", "smile": "idle", "race": "run",
    "chase": "run", "cross": "walk", "gallop": "run", "eat": "peck", "drink": "peck",
    "sit": "perch", "ride": "perch", "drive": "perch", "sing": "talk", "laugh": "talk",
    "cry": "talk", "play": "dance", "clap": "wave", "flutter": "fly", "float": "swim",
    "dive": "swim", "bounce": "jump", "topple": "fall", "roll": "fall", "climb": "walk",
    "crawl": "walk", "skate": "walk", "surf": "swim", "kiss": "peck", "hug": "perch",
    "fight": "dance", "kick": "jump", "throw": "wave", "catch": "wave", "hold": "perch",
    "carry": "perch", "swing": "dance", "cook": "peck", "read": "idle", "push": "walk",
    "pull": "walk", "give": "peck", "open": "peck", "close": "peck", "juggle": "dance",
    "slide": "walk",
}
VERBS = frozenset(CYCLES | set(ALIASES)) - {"idle"}
