"""People (and robots, and a T-rex): a humanoid skeleton dressed by kind and Look.

Skeleton: pelvis (root) -> spine -> chest -> neck -> head; chest -> shoulder -> upper_arm ->
forearm -> hand on each side; pelvis -> thigh -> shin -> foot. Proportions follow age
(a baby's head is a quarter of its height) and gender; clothes come from `biped_dress`,
cycles from `biped_moves`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cinestra.world.assets import Look
from cinestra.world.assets import biped_moves as moves
from cinestra.world.assets.biped_dress import dress, face, outfit_for
from cinestra.world.assets.rig import Joint, Rig
from cinestra.world.assets.shapes import finished

KIND_AGE = {"baby": "baby", "child": "child", "boy": "child", "girl": "child",
            "teenager": "teen", "student": "teen", "old_man": "elderly", "old_woman": "elderly"}
KIND_GENDER = {"man": "male", "boy": "male", "old_man": "male", "king": "male",
               "woman": "female", "girl": "female", "old_woman": "female", "queen": "female",
               "ballerina": "female", "nurse": "female", "figure_skater": "female"}
KINDS = frozenset({
    "person", "man", "woman", "child", "boy", "girl", "baby", "teenager", "old_man",
    "old_woman", "chef", "dancer", "ballerina", "figure_skater", "skateboarder", "musician",
    "singer", "pianist", "guitarist", "violinist", "drummer", "saxophonist", "astronaut",
    "police_officer", "firefighter", "doctor", "nurse", "waiter", "student", "teacher",
    "farmer", "runner", "cyclist", "swimmer", "surfer", "boxer", "football_player", "clown",
    "magician", "knight", "pirate", "cowboy", "king", "queen", "robot", "dinosaur",
})
VERBS = moves.VERBS


@dataclass(frozen=True)
class Build:
    """Body measurements of one person, metres."""

    height: float
    head: float  # head radius (half its height)
    hip: float  # hip joint height
    thigh: float
    shin: float
    ankle: float  # ankle joint above the sole
    shoulder: float  # half the distance between the shoulder joints
    upper_arm: float
    forearm: float
    hip_width: float  # half
    girth: float  # torso thickness factor (1 normal)


def measurements(kind: str, look: Look) -> Build:
    age = look.age or KIND_AGE.get(kind, "adult")
    gender = look.gender or KIND_GENDER.get(kind) or ("female" if look.seed % 2 else "male")
    height, head_ratio, legs = {"baby": (0.72, 0.25, 0.34), "child": (1.22, 0.17, 0.45),
                                "teen": (1.62, 0.14, 0.5), "elderly": (1.66, 0.13, 0.5)
                                }.get(age, (1.76 if gender == "male" else 1.66, 0.13, 0.52))
    if kind == "robot":
        height, head_ratio = 1.8, 0.14
    height *= 1.0 + 0.03 * ((look.seed * 37) % 5 - 2) / 2  # ±3 % between people
    wide = 1.08 if gender == "male" else 0.94
    hip = legs * height
    ankle = 0.045 * height
    return Build(height=height, head=head_ratio * height / 2, hip=hip,
                 thigh=0.52 * (hip - ankle), shin=0.48 * (hip - ankle), ankle=ankle,
                 shoulder=0.1 * height * wide * (1.15 if age == "baby" else 1.0),
                 upper_arm=0.175 * height, forearm=0.15 * height,
                 hip_width=0.05 * height * (1.1 if gender == "female" else 1.0),
                 girth=(1.25 if age == "baby" else 1.0) * (1.1 if kind == "robot" else 1.0))


def skeleton(b: Build) -> list[Joint]:
    head_joint = b.height - 2 * b.head - 0.02 * b.height
    torso = head_joint - b.hip
    joints = [
        Joint("pelvis", None, (0.0, 0.0, b.hip)),
        Joint("spine", "pelvis", (0.0, 0.0, 0.2 * torso)),
        Joint("chest", "spine", (0.0, 0.0, 0.3 * torso)),
        Joint("neck", "chest", (0.0, 0.0, 0.4 * torso)),
        Joint("head", "neck", (0.0, 0.0, 0.1 * torso)),
    ]
    for side, sign in (("l", 1.0), ("r", -1.0)):
        joints += [
            Joint(f"shoulder_{side}", "chest", (0.0, sign * 0.35 * b.shoulder, 0.34 * torso)),
            Joint(f"upper_arm_{side}", f"shoulder_{side}", (0.0, sign * 0.65 * b.shoulder, 0.0)),
            Joint(f"forearm_{side}", f"upper_arm_{side}", (0.0, 0.0, -b.upper_arm)),
            Joint(f"hand_{side}", f"forearm_{side}", (0.0, 0.0, -b.forearm)),
            Joint(f"thigh_{side}", "pelvis", (0.0, sign * b.hip_width, -0.02 * b.height)),
            Joint(f"shin_{side}", f"thigh_{side}", (0.0, 0.0, -b.thigh)),
            Joint(f"foot_{side}", f"shin_{side}", (0.0, 0.0, -b.shin)),
        ]
    return joints


def build(kind: str, look: Look) -> Rig:
    """The rig of a person of `kind` (unknown kinds: a person in everyday clothes)."""
    if kind == "dinosaur":
        from cinestra.world.assets.biped_dino import dinosaur

        return dinosaur(look)
    b = measurements(kind, look)
    joints = skeleton(b)
    outfit = outfit_for(kind, look)
    parts = dress(b, outfit, look) + face(b, kind, look, outfit)
    head_top = 2 * b.head + 0.02 * b.height + (0.08 * b.height if outfit.hat else 0.0)
    sockets = {
        "head_top": ("head", (0.0, 0.0, head_top)),
        "mouth": ("head", (0.9 * b.head, 0.0, 0.45 * b.head)),
        "hand_r": ("hand_r", (0.0, 0.0, -0.05 * b.height)),
        "hand_l": ("hand_l", (0.0, 0.0, -0.05 * b.height)),
        "back": ("chest", (-0.08 * b.height, 0.0, 0.05 * b.height)),
        "seat": ("pelvis", (0.0, 0.0, -0.06 * b.height)),
    }
    mass = 72.0 * (b.height / 1.75) ** 3 * (2.0 if kind == "robot" else 1.0)
    return finished(kind=kind, family="biped", joints=joints, parts=parts, sockets=sockets,
                    mass=mass, scale=look.scale)


# The family's cycles live in its moves module; the asset registry reads them here.
animate = moves.animate
gait_speed = moves.gait_speed
footfalls = moves.footfalls
