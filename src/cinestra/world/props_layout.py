"""Simulated props on the stage: their bodies, where they start and how they are launched,
and the pieces of the set they can reach (what physics needs to know of the set)."""

from __future__ import annotations

import math

import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Subject
from cinestra.world.physics import Launch
from cinestra.world.props import COLORS, MATERIALS, PROPS
from cinestra.world.staging import Role
from cinestra.world.timeline import Body, Pose

DROP_HEIGHT = 0.8  # m above the support for bouncing and falling props (a ball stays big
# enough on screen while the camera holds its whole bounce)
ROLL_SPEED = 1.4  # m/s
SLIDE_SPEED = 1.8  # m/s
TOPPLE_TILT = 0.25  # rad of lean to start from
TOPPLE_MARGIN = 1.25  # spin above the least that tips the prop over
CLINK_GAP = 0.12  # m between two glasses pushed together
CLINK_SPEED = 0.45  # m/s each: a toast, not a crash
COLLIDER_REACH_M = 3.0  # scenery farther than this from every prop cannot be hit in a shot


def _subject_body(subject: Subject, instance: int) -> Body:
    if subject.kind not in PROPS:
        raise InvalidRequest(f"subject kind: no physical model for {subject.kind!r}")
    spec = PROPS[subject.kind]
    scale = load_catalog().sizes[subject.size].scale
    material = subject.material or spec.material
    if subject.color is not None:
        color = COLORS[subject.color]
    elif subject.material is not None:
        color = MATERIALS[material].color
    else:
        color = spec.color or MATERIALS[material].color
    body_id = subject.id if subject.count == 1 else f"{subject.id}-{instance + 1}"
    size = (spec.size[0] * scale, spec.size[1] * scale, spec.size[2] * scale)
    return Body(
        id=body_id, kind=subject.kind, shape=spec.shape, size=size, color=color,
        material=material, mass=round(spec.mass * scale**3, 6), static=False,
        pose=Pose(pos=(0.0, 0.0, 0.0)), subject=body_id,
    )


def _random_quat(rng: np.random.Generator) -> tuple[float, float, float, float]:
    q = rng.normal(size=4)
    q /= np.linalg.norm(q)
    return (float(q[0]), float(q[1]), float(q[2]), float(q[3]))


def _rest_height(body: Body) -> float:
    """Half height of a body standing upright."""
    return body.size[2] if body.shape in ("box", "cylinder") else body.size[0]


def _topple(body: Body, tilt: float) -> tuple[Launch, float]:
    """Lean `body` by `tilt` about y on its +x bottom edge and swing it past its balance point.

    Returns the launch (a rotation about that edge) and the height of the centre of mass.
    """
    half_w, half_h = body.size[0], _rest_height(body)
    pivot_x = half_w * math.cos(tilt) - half_h * math.sin(tilt)  # edge, relative to the centre
    height = half_w * math.sin(tilt) + half_h * math.cos(tilt)
    diagonal2 = half_w**2 + half_h**2
    climb = math.sqrt(diagonal2) - height  # the centre must rise this much to tip over
    # Kinetic energy about the edge (I = 4/3 m d²) pays for the climb, with a margin.
    spin = TOPPLE_MARGIN * math.sqrt(2 * 9.81 * max(climb, 0.0) / (4 / 3 * diagonal2))
    linear = (spin * height, 0.0, spin * pivot_x)  # (0, w, 0) x (centre - edge)
    return Launch(linear=linear, angular=(0.0, spin, 0.0)), height


def place_props(roles: list[Role], support: tuple[float, tuple[float, float]],
           rng: np.random.Generator) -> tuple[list[Body], dict[str, Launch]]:
    """Lay the simulated props out on the support surface with the start their verb asks for."""
    support_z, (half_x, half_y) = support
    drafts = [(_subject_body(role.subject, role.instance), role.physics_verb or "rest")
              for role in roles]
    columns = max(1, math.ceil(math.sqrt(len(drafts))))
    rows = max(1, math.ceil(len(drafts) / columns))
    # Tumbling props need their diagonal clear of each other (2.4 radii); small ones huddle.
    clearance = 2.4 * max((max(body.size) for body, _ in drafts), default=0.0)
    spacing_x = max(clearance, min(2 * half_x / columns, 0.6))
    spacing_y = max(clearance, min(2 * half_y / rows, 0.6))
    clinking = [body for body, verb in drafts if verb in ("clink", "crash")]
    bodies: list[Body] = []
    launches: dict[str, Launch] = {}
    for index, (body, verb) in enumerate(drafts):
        col, row = index % columns, index // columns
        x = (col - (columns - 1) / 2) * spacing_x
        y = (row - (rows - 1) / 2) * spacing_y
        if len(drafts) > 1 and verb not in ("clink", "crash"):
            x += float(rng.uniform(-0.15, 0.15)) * spacing_x
            y += float(rng.uniform(-0.15, 0.15)) * spacing_y
        quat: tuple[float, float, float, float] = (1.0, 0.0, 0.0, 0.0)
        z = support_z + _rest_height(body) + 0.001
        if verb in ("clink", "crash") and len(clinking) >= 2:
            # Pushed towards each other along x, they meet in the middle: the clink.
            order = clinking.index(body)
            side = -1.0 if order % 2 == 0 else 1.0
            gap = CLINK_GAP + (order // 2) * 0.0
            x, y = side * (gap / 2 + body.size[0]), (order // 2) * 3 * body.size[0]
            speed = CLINK_SPEED if verb == "clink" else 3 * CLINK_SPEED
            launches[body.id] = Launch(linear=(-side * speed, 0.0, 0.0))
        elif verb == "bounce":
            z += DROP_HEIGHT * (float(rng.uniform(0.7, 1.0)) if len(drafts) > 1 else 1.0)
        elif verb == "fall":
            z += DROP_HEIGHT * float(rng.uniform(0.8, 1.3))
            quat = _random_quat(rng)
        elif verb == "roll":
            if body.shape == "cylinder":  # on its side, axis across the direction of travel
                quat = (math.sqrt(0.5), math.sqrt(0.5), 0.0, 0.0)
                z = support_z + body.size[0] + 0.001
            x -= min(half_x * 0.6, 1.0)
            radius = body.size[0]
            launches[body.id] = Launch(linear=(ROLL_SPEED, 0.0, 0.0),
                                       angular=(0.0, ROLL_SPEED / radius, 0.0))
        elif verb == "slide":
            x -= min(half_x * 0.6, 1.0)
            launches[body.id] = Launch(linear=(SLIDE_SPEED, 0.0, 0.0))
        elif verb == "topple" and body.shape != "sphere":
            tilt = TOPPLE_TILT * float(rng.uniform(0.8, 1.2))
            quat = (math.cos(tilt / 2), 0.0, math.sin(tilt / 2), 0.0)
            launch, lift = _topple(body, tilt)
            z = support_z + lift + 0.001
            launches[body.id] = launch
        bodies.append(body.model_copy(update={"pose": Pose(pos=(x, y, z), quat=quat)}))
    return bodies, launches


def scenery_in_reach(scenery: list[Body], props: list[Body], launches: dict[str, Launch],
               seconds: float) -> list[Body]:
    """The set's bodies simulated props may touch: the ground, and pieces within reach of
    the props, however far a launch carries them (a street's far buildings would cost
    contact checks at every step and can never be hit)."""
    if not props:
        return []
    centres = np.array([body.pose.pos for body in props])
    travel = max((float(np.linalg.norm(launch.linear)) * seconds
                  for launch in launches.values()), default=0.0)
    reach = float(max(max(body.size) for body in props)) + COLLIDER_REACH_M + travel
    low, high = centres.min(axis=0) - reach, centres.max(axis=0) + reach
    near = []
    for index, body in enumerate(scenery):
        pos, half = np.asarray(body.pose.pos), np.asarray(body.size) * 1.8  # rotated boxes
        if index == 0 or (np.all(pos + half >= low) and np.all(pos - half <= high)):
            near.append(body)
    return near
