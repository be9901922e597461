"""Biped cycles done on the spot: gestures, seated poses, jumps, spins, dances.

Each writes joint angles into Channels (signs as in biped_moves.py); the grounding in
`Channels.motion` then puts the lowest part on the ground (or at the cycle's `lift`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cinestra.world.assets import Clock
from cinestra.world.assets.cycles import Array, Channels, ballistic, phase, smooth, wave

SIDES = (("l", 1.0), ("r", -1.0))


def arms(ch: Channels, *, forward: float | Array = 0.0, out: float | Array = 0.0,
         elbow: float | Array = 0.0, side: str | None = None) -> None:
    """Both arms (or one `side`) raised `forward` and `out` (rad), elbows bent `elbow`."""
    for name, sign in SIDES:
        if side in (None, name):
            ch.add(f"upper_arm_{name}", "y", -np.asarray(forward))
            ch.add(f"upper_arm_{name}", "x", sign * np.asarray(out))
            ch.add(f"forearm_{name}", "y", -np.asarray(elbow))


def squat(ch: Channels, depth: float | Array, side: str | None = None) -> None:
    """Knees bent with the feet flat: hips back, knees forward (depth in rad at the hip)."""
    for name, _ in SIDES:
        if side in (None, name):
            ch.add(f"thigh_{name}", "y", -np.asarray(depth))
            ch.add(f"shin_{name}", "y", 2 * np.asarray(depth))
            ch.add(f"foot_{name}", "y", -np.asarray(depth))
    ch.add("spine", "y", 0.5 * np.asarray(depth))


def seated(ch: Channels) -> None:
    """Thighs level, shins down: the hips at seat height, the feet on the floor."""
    for name, _ in SIDES:
        ch.add(f"thigh_{name}", "y", -1.5)
        ch.add(f"shin_{name}", "y", 1.5)


def jump(ch: Channels, clock: Clock) -> None:
    """Crouch, a ballistic leap (g = 9.81 m/s² in simulated time), land, straighten."""
    period, flight = 1.5, 0.55
    t = phase(clock, period) * period
    crouch = 0.7 * (np.exp(-((t - 0.3) / 0.12) ** 2) + np.exp(-((t - 0.95) / 0.12) ** 2))
    crouch = np.where((t > 0.38) & (t < 0.9), 0.1, crouch)
    squat(ch, crouch)
    up = smooth((t - 0.3) / 0.15) * (1 - smooth((t - 0.85) / 0.2))
    arms(ch, forward=2.6 * up - 0.5 * crouch, out=0.3 * up, elbow=0.3)
    ch.move("lift", ballistic(t - 0.35, flight))


def spin(ch: Channels, clock: Clock) -> None:
    """A pirouette: on one leg, the other foot at the knee, arms over the head, 1.25 rev/s."""
    ch.move("yaw", 2 * np.pi * 1.25 * clock.times)
    ch.add("thigh_r", "x", 0.09)  # the standing foot comes under the body's centre
    ch.add("foot_r", "x", -0.09)
    ch.add("thigh_l", "y", -1.1)
    ch.add("thigh_l", "z", 0.9)
    ch.add("shin_l", "y", 2.2)
    ch.add("foot_l", "y", -0.6)
    arms(ch, out=2.75, elbow=0.35, forward=0.15)
    ch.add("head", "y", -0.1)


def wave_hand(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 0.8)
    arms(ch, out=2.3, elbow=0.0, side="r")
    ch.add("forearm_r", "x", -0.45 - 0.45 * wave(ph))
    arms(ch, out=0.1, elbow=0.2, side="l")
    ch.add("head", "x", 0.1 * wave(ph, 0.5))


def talk(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 2.4)
    ch.add("head", "y", 0.08 * wave(ph, 3))
    ch.add("head", "z", 0.2 * wave(ph))
    for name, sign in SIDES:
        beat = wave(ph, 2, 0.25 * sign)
        arms(ch, forward=0.35 + 0.15 * beat, out=0.15, elbow=1.2 + 0.3 * beat, side=name)
        ch.add(f"hand_{name}", "x", sign * 0.3 * beat)


def sing(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 2.0)
    arms(ch, forward=0.5, elbow=1.9, side="r")  # a hand at the chin: the microphone
    arms(ch, forward=0.6 + 0.4 * wave(ph), out=0.7, elbow=0.3, side="l")
    ch.add("head", "y", -0.2 + 0.05 * wave(ph, 2))
    ch.add("pelvis", "x", 0.04 * wave(ph))
    ch.add("spine", "z", 0.1 * wave(ph))


def play(ch: Channels, clock: Clock) -> None:
    """Hands forward at chest height, fingers and forearms moving with the beat."""
    ph = phase(clock, 1.0)
    for name, sign in SIDES:
        arms(ch, forward=0.75 + 0.06 * wave(ph, 2, 0.3 * sign), out=-0.15,
             elbow=1.3 + 0.12 * wave(ph, 4, 0.2 * sign), side=name)
        ch.add(f"hand_{name}", "y", 0.2 * wave(ph, 4, 0.5 * sign))
    ch.add("head", "y", 0.08 * wave(ph, 2))
    ch.add("spine", "y", 0.04 * wave(ph, 1))


def play_seated(ch: Channels, clock: Clock) -> None:
    seated(ch)
    play(ch, clock)
    ch.add("spine", "y", 0.1)


def sit(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 5.0)
    seated(ch)
    arms(ch, forward=0.55, elbow=0.5)
    ch.add("head", "z", 0.4 * wave(ph))


def drive(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 3.0)
    seated(ch)
    arms(ch, forward=1.1, elbow=0.6, out=0.05)
    ch.add("chest", "z", 0.06 * wave(ph))
    ch.add("head", "z", 0.15 * wave(ph, 0.5))


def eat(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 2.0)
    to_mouth = smooth(np.abs(wave(ph, 0.5)) * 1.6 - 0.3)
    arms(ch, forward=0.5 + 0.25 * to_mouth, elbow=0.9 + 1.45 * to_mouth, out=-0.1, side="r")
    arms(ch, forward=0.5, elbow=1.2, side="l")
    ch.add("head", "y", 0.2 - 0.15 * to_mouth)


def horizontal(ch: Channels, clock: Clock, *, lift: float, kicks: bool) -> Array:
    """Body level and face down (swimming, flying); returns the stroke phase."""
    ph = phase(clock, 1.4)
    ch.move("pitch", 1.45)
    ch.add("head", "y", -0.9)
    if kicks:
        for name, sign in SIDES:
            ch.add(f"thigh_{name}", "y", 0.25 * sign * wave(ph, 3))
    ch.move("lift", lift + 0.03 * wave(ph, 2))
    return ph


def swim(ch: Channels, clock: Clock) -> None:
    ph = horizontal(ch, clock, lift=0.15, kicks=True)
    ch.add("upper_arm_l", "y", -2 * np.pi * ph)
    ch.add("upper_arm_r", "y", -2 * np.pi * ph - np.pi)
    arms(ch, out=0.2, elbow=0.3)


def fly(ch: Channels, clock: Clock) -> None:
    ph = horizontal(ch, clock, lift=1.2, kicks=False)
    arms(ch, forward=2.9, out=0.2 + 0.05 * wave(ph))


def crawl(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 1.2)
    ch.move("pitch", 1.35)
    ch.add("head", "y", -1.1)
    for name, sign in SIDES:
        step = 0.25 * sign * wave(ph)
        ch.add(f"thigh_{name}", "y", -1.45 + step)
        ch.add(f"shin_{name}", "y", 1.5)
        arms(ch, forward=1.3 - step, side=name)


def climb(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 1.6)
    for name, sign in SIDES:
        reach = 0.5 + 0.5 * sign * wave(ph)
        arms(ch, forward=2.3 + 0.5 * reach, elbow=1.2 - 1.0 * reach, out=0.2, side=name)
        ch.add(f"thigh_{name}", "y", -1.2 * (1 - reach))
        ch.add(f"shin_{name}", "y", 1.6 * (1 - reach))
    ch.move("lift", 0.0)


def fall(ch: Channels, clock: Clock) -> None:
    """Tipping over backwards, landing flat after ~0.9 s, then lying there."""
    tip = smooth(clock.times / 0.9) ** 2
    ch.move("pitch", -1.5 * tip)
    arms(ch, forward=2.0 * tip * (1.2 - tip), out=0.9 * tip)
    squat(ch, 0.4 * tip * (1 - tip))


def sleep(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 4.0)
    ch.move("pitch", -1.55)
    ch.add("chest", "y", -0.03 * wave(ph))
    arms(ch, out=0.15, elbow=0.2)
    ch.add("head", "z", 0.4)


def clap(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 0.5)
    apart = 0.5 + 0.5 * wave(ph)
    arms(ch, forward=0.9, out=-0.35 + 0.45 * apart, elbow=1.0)
    ch.add("head", "y", 0.04 * wave(ph))


def hug(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 3.0)
    arms(ch, forward=1.35, out=0.2 - 0.25 * (0.5 + 0.5 * wave(ph)), elbow=0.9)
    ch.add("spine", "y", 0.1)
    ch.add("head", "z", 0.25)


def fight(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 0.9)
    squat(ch, 0.25 + 0.05 * wave(ph, 2))
    for name, sign in SIDES:
        punch = smooth(wave(ph, 1, 0.25 * (1 + sign)) * 2.5 - 1.5)
        arms(ch, forward=1.2 + 0.3 * punch, out=-0.2, elbow=2.0 * (1 - punch) + 0.1,
             side=name)
    ch.add("chest", "z", 0.3 * wave(ph))


def kick(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 1.4)
    up = smooth(wave(ph) * 2.0 - 0.6)
    ch.add("thigh_r", "y", -1.4 * up)
    ch.add("shin_r", "y", 1.0 * (1 - up) * smooth(wave(ph) * 2.0))
    arms(ch, out=0.7 + 0.3 * up, elbow=0.3)
    ch.add("spine", "y", -0.2 * up)


def throw(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 1.6)
    wind = np.sin(np.pi * smooth(ph / 0.5))  # arm back, then fast over the shoulder
    release = smooth((ph - 0.5) / 0.2) * (1 - smooth((ph - 0.85) / 0.15))
    arms(ch, forward=-0.8 * wind + 2.2 * release, out=0.6 * wind, elbow=1.2 * wind, side="r")
    arms(ch, forward=0.8 * wind, elbow=0.4, side="l")
    ch.add("chest", "z", -0.5 * wind + 0.4 * release)


def hold(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 3.0)
    arms(ch, forward=0.55, out=-0.1, elbow=1.1 + 0.05 * wave(ph))
    ch.add("head", "y", 0.25)


def look(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 5.0)
    ch.add("head", "z", 0.8 * wave(ph))
    ch.add("chest", "z", 0.2 * wave(ph))
    arms(ch, forward=1.1, out=0.6, elbow=2.3, side="r")  # a hand shading the eyes


def laugh(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 0.3)
    ch.add("head", "y", -0.35)
    ch.add("chest", "y", -0.1 + 0.05 * wave(ph))
    arms(ch, forward=0.45, out=-0.2, elbow=1.3)


def cry(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 0.6)
    ch.add("head", "y", 0.45)
    ch.add("chest", "y", 0.15 + 0.04 * wave(ph))
    arms(ch, forward=0.8, out=-0.25, elbow=2.35)


def push(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 2.0)
    ch.add("thigh_l", "y", -0.5)
    ch.add("shin_l", "y", 0.6)
    ch.add("thigh_r", "y", 0.35)
    ch.add("spine", "y", 0.3 + 0.05 * wave(ph))
    arms(ch, forward=1.3, elbow=0.3 + 0.15 * wave(ph))


def juggle(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 0.7)
    for name, sign in SIDES:
        arms(ch, forward=0.7 + 0.2 * wave(ph, 1, 0.5 * (sign > 0)), out=0.15, elbow=1.3,
             side=name)
    ch.add("head", "y", -0.35)


def surf(ch: Channels, clock: Clock) -> None:
    ph = phase(clock, 2.5)
    ch.move("yaw", np.pi / 2)
    for name, sign in SIDES:
        ch.add(f"thigh_{name}", "x", sign * 0.35)
        ch.add(f"foot_{name}", "x", -sign * 0.35)
    squat(ch, 0.35 + 0.1 * wave(ph))
    arms(ch, out=1.2 + 0.2 * wave(ph), elbow=0.2)
    ch.add("head", "z", -1.2)


def dance(ch: Channels, clock: Clock) -> None:
    from cinestra.world.assets.biped_dance import dance as choreography

    choreography(ch, clock)


POSES: dict[str, Callable[[Channels, Clock], None]] = {
    "jump": jump, "spin": spin, "wave": wave_hand, "talk": talk, "sing": sing, "play": play,
    "play_seated": play_seated, "sit": sit, "drive": drive, "eat": eat, "swim": swim,
    "fly": fly, "crawl": crawl, "climb": climb, "fall": fall, "sleep": sleep, "clap": clap,
    "hug": hug, "fight": fight, "kick": kick, "throw": throw, "hold": hold, "look": look,
    "laugh": laugh, "cry": cry, "push": push, "juggle": juggle, "surf": surf, "dance": dance,
}
