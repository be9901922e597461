"""Four-legged animals: one parametric body (quadruped_kinds.Spec) with the kind's features.

Skeleton: pelvis (root) -> spine -> chest -> neck_1 -> neck_2 -> head; pelvis -> tail_1..3;
chest -> front_upper -> front_lower -> front_paw and pelvis -> hind_upper -> hind_lower ->
hind_paw on each side (_l, _r); the elephant adds trunk_1..4 on its head.
"""

from __future__ import annotations

import math

from cinestra.world.assets import Look
from cinestra.world.assets import colors as c
from cinestra.world.assets import quadruped_moves as moves
from cinestra.world.assets.quadruped_features import features, markings
from cinestra.world.assets.quadruped_kinds import GENERIC, SPECS, Spec
from cinestra.world.assets.rig import Joint, Part, Rig
from cinestra.world.assets.shapes import ball, finished, mirrored, rod, spike
from cinestra.world.timeline import Vec3

KINDS = frozenset(SPECS)
VERBS = moves.VERBS


def skeleton(spec: Spec) -> tuple[list[Joint], dict[str, float]]:
    s, radius = spec.shoulder, spec.girth * spec.shoulder
    front = s - 1.3 * radius  # front leg length
    hind = front * spec.hind
    joints = [Joint("pelvis", None, (-spec.length / 2, 0.0, hind + 0.3 * radius)),
              Joint("spine", "pelvis", (spec.length / 2, 0.0, (front - hind) / 2)),
              Joint("chest", "spine", (spec.length / 2, 0.0, (front - hind) / 2))]
    up = math.radians(spec.neck_up)
    neck = spec.neck * s
    step = (0.5 * neck * math.cos(up), 0.0, 0.5 * neck * math.sin(up))
    joints += [Joint("neck_1", "chest", (0.5 * radius, 0.0, 0.45 * radius)),
               Joint("neck_2", "neck_1", step), Joint("head", "neck_2", step)]
    tail = 0.3 * spec.length if spec.tail in ("long", "bushy", "croc", "thick") else \
        0.12 * spec.length
    joints += [Joint("tail_1", "pelvis", (-0.8 * radius, 0.0, 0.35 * radius)),
               Joint("tail_2", "tail_1", (-tail / 3, 0.0, 0.0)),
               Joint("tail_3", "tail_2", (-tail / 3, 0.0, 0.0))]
    for side, sign in (("l", 1.0), ("r", -1.0)):
        for end, parent, length in (("front", "chest", front), ("hind", "pelvis", hind)):
            joints += [
                Joint(f"{end}_upper_{side}", parent, (0.0, sign * 0.6 * radius, -0.3 * radius)),
                Joint(f"{end}_lower_{side}", f"{end}_upper_{side}", (0.0, 0.0, -0.5 * length)),
                Joint(f"{end}_paw_{side}", f"{end}_lower_{side}", (0.0, 0.0, -0.45 * length)),
            ]
    if "trunk" in spec.features:
        head = spec.head * s
        joints.append(Joint("trunk_1", "head", (1.0 * head, 0.0, -0.1 * head)))
        for index in range(2, 5):
            joints.append(Joint(f"trunk_{index}", f"trunk_{index - 1}",
                                (0.0, 0.0, -0.32 * front)))
    return joints, {"radius": radius, "front": front, "hind": hind, "neck": neck, "tail": tail}


def body_parts(spec: Spec, size: dict[str, float], coat: Vec3) -> list[Part]:
    radius, s = size["radius"], spec.shoulder
    belly = spec.belly or c.shade(coat, 1.1)
    half = spec.length / 2 + 0.75 * radius
    parts = [
        ball("body", "spine", (half, 0.85 * radius, radius), coat, "fur"),
        ball("belly", "spine", (0.8 * half, 0.7 * radius, 0.8 * radius), belly, "fur",
             at=(0.0, 0.0, -0.25 * radius)),
        ball("chest", "chest", (0.8 * radius, 0.85 * radius, 0.95 * radius), coat, "fur"),
        ball("hips", "pelvis", (0.8 * radius, 0.85 * radius, 0.95 * radius), coat, "fur"),
    ]
    neck_radius = max(0.35 * radius, 0.6 * spec.head * s)
    if size["neck"] > 0.05 * s:
        parts.append(rod("neck", "neck_1", length=size["neck"] * 1.1, radius=neck_radius * 0.8,
                         color=coat, material="fur",
                         direction=(math.cos(math.radians(spec.neck_up)), 0.0,
                                    math.sin(math.radians(spec.neck_up)))))
    head = spec.head * s
    parts.append(ball("head", "head", (1.05 * head, 0.85 * head, 0.9 * head), coat, "fur"))
    snout = spec.snout * head
    tip = 0.7 * head + snout
    if snout > 0:
        parts.append(ball("snout", "head", (0.5 * snout + 0.3 * head, 0.5 * head, 0.45 * head),
                          belly if spec.marks != "panda" else c.WHITE, "fur",
                          at=(0.4 * head + 0.5 * snout, 0.0, -0.2 * head)))
        nose = c.srgb("#e090a0") if "flat_nose" in spec.features else c.BLACK
        parts.append(ball("nose", "head", (0.12 * head, 0.18 * head, 0.12 * head), nose,
                          "skin", at=(tip + 0.1 * head, 0.0, -0.05 * head)))
    parts.append(ball("mouth", "head", (0.35 * snout + 0.25 * head, 0.3 * head, 0.12 * head),
                      c.MOUTH, "skin", at=(0.35 * head + 0.55 * snout, 0.0, -0.48 * head)))
    eye = 0.2 * head * (1.6 if "bulging_eyes" in spec.features else 1.0)
    eye_z = 0.25 * head + (0.5 * head if "bulging_eyes" in spec.features else 0.0)
    side_parts = [
        ball("eye", "head", (0.7 * eye, eye, eye), c.WHITE, "glass",
             at=(0.75 * head, 0.42 * head, eye_z)),
        ball("pupil", "head", (0.4 * eye, 0.65 * eye, 0.75 * eye), c.PUPIL, "glass",
             at=(0.75 * head + 0.45 * eye, 0.45 * head, eye_z)),
    ]
    side_parts += ears(spec, head, coat)
    side_parts += legs(spec, size, coat)
    for side in ("l", "r"):
        parts += [mirrored(part, side) for part in side_parts]
    return parts + tail_parts(spec, size, coat)


def ears(spec: Spec, head: float, coat: Vec3) -> list[Part]:
    inner = c.srgb("#e8a0a0")
    if spec.ears == "pointy":
        return [spike("ear_l", "head", length=0.7 * head, radius=0.3 * head, color=coat,
                      material="fur", start=(0.05 * head, 0.45 * head, 0.6 * head),
                      direction=(0.05, 0.3, 1.0), radius_y=0.12 * head)]
    if spec.ears == "floppy":
        return [ball("ear_l", "head", (0.3 * head, 0.12 * head, 0.55 * head),
                     c.shade(coat, 0.7), "fur", at=(-0.1 * head, 0.8 * head, 0.0))]
    if spec.ears == "long":
        return [ball("ear_l", "head", (0.22 * head, 0.1 * head, 0.9 * head), coat, "fur",
                     at=(-0.1 * head, 0.35 * head, 1.4 * head)),
                ball("ear_inner_l", "head", (0.12 * head, 0.1 * head, 0.7 * head), inner,
                     "skin", at=(-0.05 * head, 0.37 * head, 1.4 * head))]
    if spec.ears == "big":  # the elephant's: a flat flap hanging behind the head
        return [ball("ear_l", "head", (0.6 * head, 0.1 * head, 1.1 * head),
                     c.shade(coat, 0.9), "skin", at=(-0.35 * head, 0.85 * head, -0.1 * head))]
    if spec.ears in ("round", "small"):
        size = 0.3 if spec.ears == "round" else 0.2
        color = c.BLACK if spec.marks == "panda" else coat
        return [ball("ear_l", "head", (0.12 * head, size * head, size * head), color, "fur",
                     at=(-0.15 * head, 0.55 * head, 0.7 * head))]
    return []


def legs(spec: Spec, size: dict[str, float], coat: Vec3) -> list[Part]:
    thick = 0.22 * size["radius"] * spec.legs
    paw = c.srgb("#2a2420") if "hooves" in spec.features else coat
    if spec.marks == "panda":
        coat = paw = c.BLACK
    parts = []
    for end, length in (("front", size["front"]), ("hind", size["hind"])):
        scale = 1.3 if end == "hind" else 1.0
        parts += [
            rod(f"{end}_thigh_l", f"{end}_upper_l", length=0.55 * length,
                radius=thick * scale * 1.15, color=coat, material="fur",
                start=(0.0, 0.0, 0.1 * length)),
            rod(f"{end}_leg_l", f"{end}_lower_l", length=0.45 * length, radius=thick * 0.8,
                color=coat, material="fur"),
            ball(f"{end}_paw_l", f"{end}_paw_l", (1.5 * thick, 1.1 * thick, 0.06 * length),
                 paw, "fur", at=(0.5 * thick, 0.0, -0.04 * length)),
        ]
    return parts


def tail_parts(spec: Spec, size: dict[str, float], coat: Vec3) -> list[Part]:
    radius, tail = size["radius"], size["tail"]
    kind = spec.tail
    if kind == "none":
        return []
    if kind == "curl":
        return [ball("tail", "tail_1", (0.1 * radius,) * 3, coat, "skin",
                     at=(-0.05 * radius, 0.0, 0.1 * radius))]
    if kind == "puff":
        return [ball("tail", "tail_1", (0.3 * radius,) * 3, c.WHITE, "fur")]
    thick = {"bushy": 0.35, "thick": 0.3, "croc": 0.45}.get(kind, 0.12) * radius
    parts = []
    for index in (1, 2, 3):
        taper = thick * (1.15 - 0.3 * index) if kind in ("thick", "croc") else thick
        direction = (-1.0, 0.0, -0.5 if kind not in ("croc", "thick") else -0.15)
        parts.append(rod(f"tail_{index}", f"tail_{index}", length=tail / 3 * 1.15,
                         radius=max(taper, 0.03 * radius), color=coat, material="fur",
                         direction=direction))
    if kind == "bushy":
        parts.append(ball("tail_tip", "tail_3", (tail / 3, thick * 1.3, thick * 1.3),
                          c.WHITE if spec.belly == c.WHITE else coat, "fur",
                          at=(-tail / 4, 0.0, -0.05 * tail)))
    if kind == "tuft":
        parts.append(ball("tail_tip", "tail_3", (thick * 1.5, thick * 1.5, tail / 4),
                          c.shade(coat, 0.4), "fur", at=(-0.15 * tail, 0.0, -0.25 * tail)))
    return parts


def build(kind: str, look: Look) -> Rig:
    """The rig of a four-legged `kind` (unknown kinds: a generic dog-like animal)."""
    spec = SPECS.get(kind, GENERIC)
    coat = look.color or spec.coat
    if kind in ("cat", "kitten", "dog", "puppy", "horse") and look.color is None:
        coats = (spec.coat, c.srgb("#2a2a2a"), c.srgb("#e8e0d0"), c.srgb("#8a6a4a"))
        coat = c.pick(coats, look.seed, 8)
    joints, size = skeleton(spec)
    parts = body_parts(spec, size, coat) + markings(spec, size, look.seed) + \
        features(spec, size, coat, look.seed)
    head = spec.head * spec.shoulder
    front = size["front"]
    sockets = {
        "head_top": ("head", (0.0, 0.0, 0.9 * head)),
        "back": ("spine", (0.0, 0.0, size["radius"])),
        "mouth": ("head", (0.7 * head + spec.snout * head, 0.0, -0.4 * head)),
        "hand_r": ("trunk_4", (0.0, 0.0, -0.3 * front)) if "trunk" in spec.features
        else ("front_paw_r", (0.0, 0.0, 0.0)),
        "hand_l": ("front_paw_l", (0.0, 0.0, 0.0)),
        "seat": ("spine", (0.0, 0.0, size["radius"])),
    }
    return finished(kind=kind, family="quadruped", joints=joints, parts=parts,
                    sockets=sockets, mass=spec.mass, scale=look.scale)


# The family's cycles live in its moves module; the asset registry reads them here.
animate = moves.animate
gait_speed = moves.gait_speed
footfalls = moves.footfalls

