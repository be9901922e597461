"""The dinosaur: a T-rex-like biped on the person skeleton, body level, with a tail.

It shares the joint names of a person (so every biped cycle plays on it) and adds a
four-joint tail; its arms are tiny and its head is big, with teeth along the jaw.
"""

from __future__ import annotations

from cinestra.world.assets import Look
from cinestra.world.assets import colors as c
from cinestra.world.assets.rig import Joint, Part, Rig
from cinestra.world.assets.shapes import ball, euler, finished, mirrored, rod, spike

GREENS = (c.srgb("#4f7a32"), c.srgb("#6a8a3a"), c.srgb("#7a6a3a"), c.srgb("#3a6a5a"))


def dinosaur(look: Look) -> Rig:
    skin = look.color or c.pick(GREENS, look.seed)
    belly = c.shade(skin, 1.5)
    thigh, shin = 0.8, 0.75
    joints = [
        Joint("pelvis", None, (0.0, 0.0, 1.7)),
        Joint("spine", "pelvis", (0.35, 0.0, 0.1)),
        Joint("chest", "spine", (0.45, 0.0, 0.15)),
        Joint("neck", "chest", (0.35, 0.0, 0.3)),
        Joint("head", "neck", (0.2, 0.0, 0.25)),
        Joint("tail_1", "pelvis", (-0.45, 0.0, 0.05)),
        Joint("tail_2", "tail_1", (-0.6, 0.0, -0.05)),
        Joint("tail_3", "tail_2", (-0.55, 0.0, -0.08)),
        Joint("tail_4", "tail_3", (-0.5, 0.0, -0.08)),
    ]
    for side, sign in (("l", 1.0), ("r", -1.0)):
        joints += [
            Joint(f"shoulder_{side}", "chest", (0.2, sign * 0.15, -0.05)),
            Joint(f"upper_arm_{side}", f"shoulder_{side}", (0.0, sign * 0.1, 0.0)),
            Joint(f"forearm_{side}", f"upper_arm_{side}", (0.0, 0.0, -0.18)),
            Joint(f"hand_{side}", f"forearm_{side}", (0.0, 0.0, -0.15)),
            Joint(f"thigh_{side}", "pelvis", (0.0, sign * 0.28, -0.1)),
            Joint(f"shin_{side}", f"thigh_{side}", (0.0, 0.0, -thigh)),
            Joint(f"foot_{side}", f"shin_{side}", (0.0, 0.0, -shin)),
        ]
    parts: list[Part] = [
        ball("hips", "pelvis", (0.55, 0.36, 0.42), skin, "skin"),
        ball("belly", "spine", (0.5, 0.4, 0.45), skin, "skin", at=(0.1, 0.0, 0.0)),
        ball("belly_front", "spine", (0.4, 0.3, 0.3), belly, "skin", at=(0.25, 0.0, -0.2)),
        ball("torso", "chest", (0.4, 0.33, 0.38), skin, "skin", at=(0.05, 0.0, 0.05)),
        rod("neck", "neck", length=0.4, radius=0.2, color=skin, material="skin",
            start=(-0.1, 0.0, -0.1), direction=(0.5, 0.0, 1.0)),
        ball("head", "head", (0.42, 0.22, 0.24), skin, "skin", at=(0.25, 0.0, 0.12)),
        ball("snout", "head", (0.3, 0.17, 0.13), skin, "skin", at=(0.5, 0.0, 0.05)),
        ball("mouth", "head", (0.28, 0.15, 0.07), c.MOUTH, "skin", at=(0.52, 0.0, -0.06)),
        ball("jaw", "head", (0.3, 0.14, 0.07), belly, "skin", at=(0.45, 0.0, -0.13)),
    ]
    for index, (length, radius) in enumerate(((0.65, 0.3), (0.6, 0.22), (0.55, 0.15),
                                              (0.55, 0.09)), start=1):
        parts.append(spike(f"tail_{index}", f"tail_{index}", length=length + 0.15,
                           radius=radius, color=skin, material="skin",
                           start=(0.1, 0.0, 0.0), direction=(-1.0, 0.0, -0.12)))
    for along in (0.38, 0.5, 0.62, 0.72):
        for sign in (1.0, -1.0):
            parts.append(spike("tooth", "head", length=0.06, radius=0.02, color=c.WHITE,
                               material="bone", start=(along, sign * 0.12, -0.02),
                               direction=(0.0, 0.0, -1.0)))
    limbs = [
        ball("eye", "head", (0.04, 0.05, 0.05), c.WHITE, "glass", at=(0.35, 0.19, 0.24)),
        ball("pupil", "head", (0.03, 0.03, 0.035), c.PUPIL, "glass", at=(0.37, 0.225, 0.24)),
        rod("arm_l", "upper_arm_l", length=0.2, radius=0.06, color=skin, material="skin"),
        rod("forearm_l", "forearm_l", length=0.16, radius=0.045, color=skin, material="skin",
            direction=(0.5, 0.0, -1.0)),
        spike("claw_l", "hand_l", length=0.08, radius=0.03, color=c.WHITE, material="bone",
              start=(0.05, 0.0, 0.0), direction=(1.0, 0.0, -0.5)),
        ball("thigh_l", "thigh_l", (0.3, 0.2, 0.5), skin, "skin", at=(0.05, 0.0, -0.35)),
        rod("shin_l", "shin_l", length=shin, radius=0.12, color=skin, material="skin"),
        ball("foot_l", "foot_l", (0.3, 0.14, 0.1), skin, "skin", at=(0.12, 0.0, -0.05),
             rotation=euler()),
    ]
    for side in ("l", "r"):
        parts += [mirrored(part, side) for part in limbs]
    sockets = {"head_top": ("head", (0.2, 0.0, 0.36)), "mouth": ("head", (0.6, 0.0, -0.06)),
               "hand_r": ("hand_r", (0.0, 0.0, -0.05)), "hand_l": ("hand_l", (0.0, 0.0, -0.05)),
               "back": ("spine", (0.0, 0.0, 0.45)), "seat": ("pelvis", (0.0, 0.0, -0.3))}
    return finished(kind="dinosaur", family="biped", joints=joints, parts=parts,
                    sockets=sockets, mass=6000.0, scale=look.scale)
