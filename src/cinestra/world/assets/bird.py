"""Birds (and the butterfly and the bee): body, neck, head with a beak, wings with a
shoulder and a tip joint, two legs, a tail; clothes work on them too (a pigeon in a tuxedo).

Skeleton: pelvis (root, the body) -> neck -> head; pelvis -> wing_l/r -> wing_tip_l/r;
pelvis -> thigh_l/r -> shin_l/r -> foot_l/r; pelvis -> tail. A bird's wing lies folded
back along its body at rest; insects' wings rest open.
"""

from __future__ import annotations

import math

from cinestra.world.assets import Look
from cinestra.world.assets import bird_moves as moves
from cinestra.world.assets import colors as c
from cinestra.world.assets.bird_kinds import GENERIC, SPECS, BirdSpec
from cinestra.world.assets.rig import Joint, Part, Rig
from cinestra.world.assets.shapes import aligned, ball, euler, finished, mirrored, rod, spike
from cinestra.world.timeline import Vec3

KINDS = frozenset(SPECS)
VERBS = moves.VERBS


def skeleton(spec: BirdSpec) -> list[Joint]:
    b, r = spec.body, spec.fat * spec.body
    tilt = math.radians(spec.tilt)
    legs = spec.legs * b
    joints = [Joint("pelvis", None, (0.0, 0.0, legs + 0.5 * r)),
              Joint("neck", "pelvis", (0.75 * b * math.cos(tilt), 0.0,
                                       0.75 * b * math.sin(tilt) + 0.3 * r)),
              Joint("head", "neck", (0.15 * spec.neck * b, 0.0, spec.neck * b)),
              Joint("tail", "pelvis", (-0.85 * b * math.cos(tilt), 0.0,
                                       -0.85 * b * math.sin(tilt)))]
    for side, sign in (("l", 1.0), ("r", -1.0)):
        wing = spec.wing * b
        joints += [
            Joint(f"wing_{side}", "pelvis", (0.3 * b * math.cos(tilt), sign * 0.85 * r,
                                             0.3 * b * math.sin(tilt) + 0.35 * r)),
            Joint(f"wing_tip_{side}", f"wing_{side}", (-0.5 * wing, 0.0, 0.0)
                  if "insect" not in spec.features else (0.0, sign * 0.5 * wing, 0.0)),
            Joint(f"thigh_{side}", "pelvis", (0.0, sign * 0.4 * r, -0.5 * r)),
            Joint(f"shin_{side}", f"thigh_{side}", (0.0, 0.0, -0.5 * legs)),
            Joint(f"foot_{side}", f"shin_{side}", (0.0, 0.0, -0.5 * legs)),
        ]
    return joints


def body_parts(spec: BirdSpec, look: Look) -> list[Part]:
    b, r = spec.body, spec.fat * spec.body
    plumage = look.color or spec.plumage
    wings = spec.wings or c.shade(plumage, 0.85)
    head_color = spec.head_color or plumage
    tilt = euler(y=-spec.tilt)
    hr = spec.head * b
    f = spec.features
    parts = [ball("body", "pelvis", (b, r, r), plumage, "feathers", rotation=tilt),
             ball("head", "head", (1.05 * hr, hr, hr), head_color, "feathers")]
    if spec.belly is not None:
        parts.append(ball("belly", "pelvis", (0.8 * b, 0.85 * r, 0.85 * r), spec.belly,
                          "feathers", at=(0.12 * b, 0.0, -0.18 * r), rotation=tilt))
    if spec.neck > 0.2:
        parts.append(rod("neck", "neck", length=spec.neck * b * 1.05, radius=0.55 * hr,
                         color=head_color, material="feathers", start=(0.0, 0.0, -0.1 * b),
                         direction=(0.15, 0.0, 1.0)))
    if spec.beak > 0:
        beak = spec.beak * hr
        direction = (1.0, 0.0, -0.6 if "hooked" in f or "bent_beak" in f else -0.15)
        if "flat_beak" in f:
            parts.append(ball("beak", "head", (0.55 * beak, 0.4 * hr, 0.15 * hr),
                              spec.beak_color, "bone", at=(0.85 * hr + 0.4 * beak, 0.0,
                                                           -0.2 * hr)))
        else:
            parts.append(spike("beak", "head", length=beak, radius=0.28 * hr,
                               color=spec.beak_color, material="bone",
                               start=(0.8 * hr, 0.0, -0.1 * hr), direction=direction,
                               radius_y=0.22 * hr))
    parts.append(ball("mouth", "head", (0.2 * hr, 0.18 * hr, 0.06 * hr), c.MOUTH, "skin",
                      at=(0.85 * hr, 0.0, -0.28 * hr)))
    parts += _sides(spec, wings, hr)
    parts += _tail(spec, plumage, wings)
    parts += _features(spec, hr, r)
    return parts


def _sides(spec: BirdSpec, wings: Vec3, hr: float) -> list[Part]:
    b, r = spec.body, spec.fat * spec.body
    wing, legs = spec.wing * b, spec.legs * b
    f = spec.features
    eye = (0.3 if "big_eyes" in f else 0.2) * hr
    eye_at = (0.75 * hr, 0.4 * hr, 0.2 * hr) if "big_eyes" in f else \
        (0.45 * hr, 0.78 * hr, 0.2 * hr)
    eye_dir = (1.0, 0.0, 0.0) if "big_eyes" in f else (0.4, 1.0, 0.0)
    out = aligned(eye_dir)
    pupil_at = tuple(a + 0.5 * eye * d / math.hypot(*eye_dir) for a, d in zip(
        eye_at, eye_dir, strict=True))
    side: list[Part] = [
        ball("eye", "head", (eye, eye, 0.6 * eye), c.WHITE if "big_eyes" in f else c.BLACK,
             "glass", at=eye_at, rotation=out),
        ball("pupil", "head", (0.5 * eye, 0.5 * eye, 0.4 * eye),
             c.PUPIL if "big_eyes" in f else c.WHITE, "glass",
             at=(pupil_at[0], pupil_at[1], pupil_at[2]) if "big_eyes" in f else
             (eye_at[0] + 0.3 * eye, eye_at[1] + 0.35 * eye, eye_at[2] + 0.3 * eye),
             rotation=out),
        rod("shin_l", "shin_l", length=0.5 * legs, radius=max(0.06 * r, 0.0015),
            color=spec.leg_color, material="skin"),
        rod("leg_l", "foot_l", length=0.1 * legs, radius=max(0.05 * r, 0.0012),
            color=spec.leg_color, material="skin", start=(0.0, 0.0, 0.5 * legs),
            direction=(0.0, 0.0, -1.0)),
        ball("foot_l", "foot_l", (max(0.35 * r, 0.002), max(0.22 * r, 0.0015),
                                  max(0.04 * r, 0.001)), spec.leg_color, "skin",
             at=(0.2 * r, 0.0, -max(0.04 * r, 0.001))),
    ]
    if "insect" in f:
        for name, scale, swept in (("wing_l", 1.0, 0.35), ("hind_wing_l", 0.7, -0.45)):
            side.append(ball(name, "wing_l", (0.5 * wing * scale * 0.6, 0.5 * wing * scale,
                                              0.01 * wing), wings, "feathers",
                             at=(swept * wing * 0.45, 0.5 * wing * scale, 0.0)))
        return side
    flat = 0.12 * r
    side += [ball("wing_l", "wing_l", (0.3 * wing, 0.4 * r, flat), wings, "feathers",
                  at=(-0.25 * wing, 0.0, 0.0)),
             ball("wing_tip_l", "wing_tip_l", (0.3 * wing, 0.28 * r, flat * 0.8),
                  c.BLACK if "black_tips" in f else wings, "feathers",
                  at=(-0.25 * wing, 0.0, 0.0))]
    if "wing_bars" in f:
        side.append(ball("wing_bar", "wing_l", (0.04 * wing, 0.35 * r, flat * 1.2), c.BLACK,
                         "feathers", at=(-0.35 * wing, 0.0, 0.0)))
    return side


def _tail(spec: BirdSpec, plumage: Vec3, wings: Vec3) -> list[Part]:
    b, r = spec.body, spec.fat * spec.body
    if "insect" in spec.features:
        return []
    parts = [ball("tail", "tail", (0.45 * b, 0.5 * r, 0.1 * r), wings, "feathers",
                  at=(-0.3 * b, 0.0, 0.05 * b), rotation=euler(y=-20))]
    if "long_tail" in spec.features:
        parts.append(ball("tail", "tail", (1.0 * b, 0.2 * r, 0.05 * r), wings, "feathers",
                          at=(-0.9 * b, 0.0, -0.25 * b), rotation=euler(y=15)))
    if "tail_plume" in spec.features:
        for angle, color in ((-70, c.srgb("#1a3a2a")), (-45, c.BLACK), (-20, c.srgb("#1a3a2a"))):
            parts.append(ball("tail_plume", "tail", (0.6 * b, 0.15 * r, 0.1 * r), color,
                              "feathers", at=(-0.3 * b, 0.0, 0.4 * b),
                              rotation=euler(y=angle)))
    return parts


def _features(spec: BirdSpec, hr: float, r: float) -> list[Part]:
    f, b = spec.features, spec.body
    parts: list[Part] = []
    if "comb" in f:
        size = 1.6 if "big_comb" in f else 1.0
        for x in (-0.3, 0.0, 0.3):
            parts.append(ball("comb", "head", (0.22 * hr, 0.08 * hr, 0.3 * hr * size), c.RED,
                              "skin", at=(x * hr + 0.1 * hr, 0.0, 0.9 * hr)))
        parts.append(ball("wattle", "head", (0.12 * hr, 0.08 * hr, 0.25 * hr * size), c.RED,
                          "skin", at=(0.7 * hr, 0.0, -0.75 * hr)))
    if "ear_tufts" in f:
        for sign in (1.0, -1.0):
            parts.append(spike("ear_tuft", "head", length=0.6 * hr, radius=0.2 * hr,
                               color=spec.plumage, material="feathers",
                               start=(0.0, sign * 0.55 * hr, 0.65 * hr),
                               direction=(0.0, sign * 0.4, 1.0)))
    if "iridescent" in f:
        parts.append(rod("neck_sheen", "neck", length=0.6 * spec.neck * b, radius=0.7 * hr,
                         color=c.srgb("#4a8a6a"), material="feathers",
                         start=(0.0, 0.0, -0.05 * b), direction=(0.15, 0.0, 1.0)))
    if "collar" in f:
        parts.append(rod("collar", "neck", length=0.08 * b, radius=0.6 * hr, color=c.WHITE,
                         material="feathers", start=(0.0, 0.0, -0.02 * b),
                         direction=(0.15, 0.0, 1.0)))
    if "fluffy" in f:
        for x, z in ((0.5, 0.5), (-0.5, 0.6), (0.0, -0.6)):
            parts.append(ball("fluff", "pelvis", (0.5 * r,) * 3, spec.plumage, "feathers",
                              at=(x * b, 0.0, z * r)))
    if "bee" in f:
        for x in (-0.5, 0.0, 0.5):
            parts.append(rod("stripe", "pelvis", length=0.22 * b, radius=1.02 * r *
                             math.sqrt(1 - x * x), color=c.BLACK, material="fur",
                             start=(x * b - 0.11 * b, 0.0, 0.0), direction=(1.0, 0.0, 0.0)))
        parts.append(spike("stinger", "pelvis", length=0.4 * b, radius=0.15 * r,
                           color=c.BLACK, material="bone", start=(-0.95 * b, 0.0, 0.0),
                           direction=(-1.0, 0.0, 0.0)))
    if "insect" in f:
        for sign in (1.0, -1.0):
            parts.append(rod("antenna", "head", length=2.5 * hr, radius=0.06 * hr,
                             color=c.BLACK, material="bone", start=(0.5 * hr, sign * 0.3 * hr,
                                                                   0.5 * hr),
                             direction=(1.0, sign * 0.4, 1.0)))
    return parts


def build(kind: str, look: Look) -> Rig:
    """The rig of a bird `kind` (unknown kinds: a small generic bird)."""
    from cinestra.world.assets.bird_dress import clothes

    spec = SPECS.get(kind, GENERIC)
    parts = body_parts(spec, look)
    side = [part for part in parts if part.name.endswith("_l") or part.joint.endswith("_l")
            or part.name in ("eye", "pupil")]
    parts = [part for part in parts if part not in side]
    for name in ("l", "r"):
        parts += [mirrored(part, name) for part in side]
    parts += clothes(spec, look)
    hr = spec.head * spec.body
    sockets = {"head_top": ("head", (0.0, 0.0, hr)), "back": ("pelvis", (0.0, 0.0,
                                                                        spec.fat * spec.body)),
               "mouth": ("head", (0.9 * hr + 0.5 * spec.beak * hr, 0.0, -0.15 * hr))}
    return finished(kind=kind, family="bird", joints=skeleton(spec), parts=parts,
                    sockets=sockets, mass=spec.mass, scale=look.scale)


# The family's cycles live in its moves module; the asset registry reads them here.
animate = moves.animate
gait_speed = moves.gait_speed
footfalls = moves.footfalls
