"""MuJoCo simulation of one shot: the model, the stepping, and impacts read from contacts."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from xml.sax.saxutils import quoteattr

import mujoco
import numpy as np

from cinestra.world.props import (
    MATERIALS,
    characteristic_size,
    damping_ratio,
    physical_material,
)
from cinestra.world.timeline import Body, Impact, Pose, Track, Vec3

GRAVITY = 9.81
MAX_STEP = 0.002  # s of simulated time; contacts are timed to this grid
IMPACT_MIN_SPEED = 0.5  # m/s; slower touches are silent settling, not impacts
IMPACT_MIN_IMPULSE = 0.01  # N·s; lighter touches are inaudible
IMPACT_WINDOW = 0.03  # s; impulse is summed over the first part of a contact
IMPACT_SEPARATION = 0.02  # s apart before touching again counts as a new impact
CONTACT_DURATION = 0.012  # s a bounce lasts: long enough for the solver, short to the eye
POSE_DECIMALS = 6  # micrometres: keeps the Timeline JSON small and exact enough


@dataclass(frozen=True)
class Launch:
    """Initial velocity of a moving body, world frame."""

    linear: Vec3 = (0.0, 0.0, 0.0)
    angular: Vec3 = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class SimResult:
    tracks: list[Track]
    impacts: list[Impact]


@dataclass
class _Episode:
    start_step: int
    speed: float
    position: np.ndarray
    impulse: float = 0.0
    steps: int = 0


@dataclass
class _ContactLog:
    """Turns per-step contacts into impacts: a body pair that starts touching fast enough."""

    window_steps: int
    separation_steps: int
    active: dict[tuple[str, str], _Episode] = field(default_factory=dict)
    last_end: dict[tuple[str, str], int] = field(default_factory=dict)
    done: list[tuple[tuple[str, str], _Episode]] = field(default_factory=list)

    def close(self, pair: tuple[str, str], step: int) -> None:
        episode = self.active.pop(pair)
        self.last_end[pair] = step
        if episode.impulse >= IMPACT_MIN_IMPULSE:
            self.done.append((pair, episode))

    def may_start(self, pair: tuple[str, str], step: int) -> bool:
        """Not during an impact, nor right after one: an edge that chatters as a prop
        rocks, or a bounce's tail, belongs to the impact before it."""
        last = self.last_end.get(pair)
        return pair not in self.active and (last is None or step - last > self.separation_steps)


def _geom_xml(body: Body) -> str:
    kind: str = body.shape
    if kind == "sphere" and len(set(body.size)) > 1:
        kind = "ellipsoid"
        size = " ".join(str(v) for v in body.size)
    elif kind == "sphere":
        size = f"{body.size[0]}"
    elif kind == "cone":  # MuJoCo has no cone: its cylinder is a close enough collider
        kind = "cylinder"
        size = f"{max(body.size[0], body.size[1])} {body.size[2]}"
    elif kind == "cylinder":
        size = f"{body.size[0]} {body.size[2]}"
    elif kind == "plane":
        size = f"{body.size[0]} {body.size[1]} 0.1"
    else:
        size = " ".join(str(v) for v in body.size)
    mass = f' mass="{body.mass}"' if not body.static else ""
    # Collisions come only from the explicit pairs below, which carry each pair's own bounce.
    return (f'<geom name={quoteattr(body.id)} type="{kind}" size="{size}"{mass} '
            f'contype="0" conaffinity="0"/>')


def _pair_xml(a: Body, b: Body, dt: float) -> str:
    """Contact of two bodies: a spring-damper given directly as (-stiffness, -damping).

    With a constant impedance it bounces back with the pair's restitution whatever the
    masses. The softer material dominates the pair, as a rubber ball on a wooden floor does.
    """
    ma, mb = MATERIALS[physical_material(a.material)], MATERIALS[physical_material(b.material)]
    weight = ma.softness + mb.softness
    restitution = (ma.restitution * ma.softness + mb.restitution * mb.softness) / weight
    friction = math.sqrt(ma.friction * mb.friction)
    zeta = damping_ratio(restitution)
    omega = math.pi / max(CONTACT_DURATION, 6 * dt) / math.sqrt(1 - zeta**2)
    spheres = "sphere" in (a.shape, b.shape)
    rolling = "0.005 0.0002 0.0002" if spheres else "0.005 0.0001 0.0001"
    return (f'<pair geom1={quoteattr(a.id)} geom2={quoteattr(b.id)} condim="{6 if spheres else 3}" '
            f'friction="{friction:.4f} {friction:.4f} {rolling}" '
            f'solref="{-omega**2:.3f} {-2 * zeta * omega:.4f}" solimp="0.99 0.99 0.001"/>')


def _model_xml(bodies: list[Body], dt: float) -> str:
    parts = [f'<mujoco model="shot"><option timestep="{dt!r}" gravity="0 0 {-GRAVITY}"/>',
             "<worldbody>"]
    for body in bodies:
        pos = " ".join(str(v) for v in body.pose.pos)
        quat = " ".join(str(v) for v in body.pose.quat)
        if body.static:
            parts.append(_geom_xml(body).replace("/>", f' pos="{pos}" quat="{quat}"/>'))
        else:
            parts.append(f'<body name={quoteattr(body.id)} pos="{pos}" quat="{quat}">'
                         f"<freejoint/>{_geom_xml(body)}</body>")
    parts.append("</worldbody><contact>")
    moving = [body for body in bodies if not body.static]
    for index, body in enumerate(moving):
        others = [b for b in bodies if b.static] + moving[index + 1 :]
        parts.extend(_pair_xml(body, other, dt) for other in others)
    parts.append("</contact></mujoco>")
    return "".join(parts)


@contextmanager
def _session(bodies: list[Body], dt: float) -> Iterator[tuple[mujoco.MjModel, mujoco.MjData]]:
    model = mujoco.MjModel.from_xml_string(_model_xml(bodies, dt))
    data = mujoco.MjData(model)
    try:
        yield model, data
    finally:
        del data  # MjData owns a large arena; free it as soon as the shot is simulated


def simulate_bodies(bodies: list[Body], launches: dict[str, Launch], *, fps: int,
                    frame_count: int, time_scale: Fraction) -> SimResult:
    """Step the world frame by frame; record each moving body's pose at every frame time."""
    frame_period = time_scale / fps  # simulated seconds per frame
    substeps = max(1, math.ceil(frame_period / Fraction(MAX_STEP)))
    dt = float(frame_period / substeps)
    # Video time of global step k is exactly k / (fps * substeps): the grid impacts sit on.
    steps_per_video_second = fps * substeps
    by_id = {body.id: body for body in bodies}
    moving = [body for body in bodies if not body.static]
    with _session(bodies, dt) as (model, data):
        qpos_at = {b.id: int(model.jnt_qposadr[model.body(b.id).jntadr[0]]) for b in moving}
        qvel_at = {b.id: int(model.jnt_dofadr[model.body(b.id).jntadr[0]]) for b in moving}
        for body_id, launch in launches.items():
            data.qvel[qvel_at[body_id] : qvel_at[body_id] + 3] = launch.linear
            # A free joint's angular velocity is in the body frame; launches give it in world.
            rotation = np.zeros(9)
            mujoco.mju_quat2Mat(rotation, np.array(by_id[body_id].pose.quat))
            local = rotation.reshape(3, 3).T @ np.array(launch.angular)
            data.qvel[qvel_at[body_id] + 3 : qvel_at[body_id] + 6] = local
        geom_body = [model.geom(g).name for g in range(model.ngeom)]
        state_of = {b.id: (qpos_at[b.id], qvel_at[b.id]) for b in moving}
        log = _ContactLog(window_steps=max(1, round(IMPACT_WINDOW / dt)),
                          separation_steps=max(1, round(IMPACT_SEPARATION / dt)))
        poses: dict[str, list[Pose]] = {b.id: [] for b in moving}
        force = np.zeros(6)
        step = 0
        for _frame in range(frame_count):
            for body in moving:
                q = data.qpos[qpos_at[body.id] : qpos_at[body.id] + 7].round(POSE_DECIMALS)
                poses[body.id].append(Pose(pos=(q[0], q[1], q[2]), quat=(q[3], q[4], q[5], q[6])))
            for _ in range(substeps):
                before = (data.qpos.copy(), data.qvel.copy())
                mujoco.mj_step(model, data)
                _read_contacts(model, data, step=step, dt=dt, names=geom_body,
                               before=before, state_of=state_of, log=log, force=force)
                step += 1
        for pair in list(log.active):
            log.close(pair, step)

    impacts = [
        _impact(pair, episode, by_id, Fraction(episode.start_step, steps_per_video_second))
        for pair, episode in log.done
    ]
    impacts.sort(key=lambda impact: (impact.time, impact.body_a, impact.body_b))
    tracks = [Track(body=body_id, poses=track) for body_id, track in poses.items()]
    return SimResult(tracks=tracks, impacts=impacts)


def resting_penetrations(bodies: list[Body]) -> list[tuple[str, str, float]]:
    """(body, body, depth in m) of every pair that overlaps with the bodies at their poses.

    Moving bodies are checked against everything else; static ones against nothing (the set's
    own pieces may touch by design). For a settled shot, pass the moving bodies at their last
    pose: a body resting inside another by more than a centimetre is a simulation fault.
    """
    with _session(bodies, MAX_STEP) as (model, data):
        mujoco.mj_forward(model, data)
        names = [model.geom(g).name for g in range(model.ngeom)]
        return [(names[c.geom1], names[c.geom2], float(-c.dist))
                for c in data.contact[: data.ncon] if c.dist < 0]


def _read_contacts(model: mujoco.MjModel, data: mujoco.MjData, *, step: int, dt: float,
                   names: list[str], before: tuple[np.ndarray, np.ndarray],
                   state_of: dict[str, tuple[int, int]], log: _ContactLog,
                   force: np.ndarray) -> None:
    """Contacts found during `step` were detected at the state of time step*dt.

    An impact starts when a contact point of a pair approaches faster than
    IMPACT_MIN_SPEED: a ball landing, or the far edge of a toppling box slapping down while
    its near edge has touched all along. Resting and rolling contacts barely approach.
    """
    normal_force: dict[tuple[str, str], float] = {}
    fastest: dict[tuple[str, str], tuple[float, np.ndarray]] = {}
    motion = _BodyMotion(before, state_of)
    for i in range(data.ncon):
        contact = data.contact[i]
        a, b = names[contact.geom1], names[contact.geom2]
        pair = (a, b) if a < b else (b, a)
        mujoco.mj_contactForce(model, data, i, force)
        normal_force[pair] = normal_force.get(pair, 0.0) + float(force[0])
        if not log.may_start(pair, step):
            continue
        point = np.array(contact.pos)
        normal = np.array(contact.frame[:3])  # from geom1 to geom2
        speed = float((motion.at(names[contact.geom1], point)
                       - motion.at(names[contact.geom2], point)) @ normal)
        if speed > fastest.get(pair, (0.0, point))[0]:
            fastest[pair] = (speed, point)

    for pair in list(log.active):
        episode = log.active[pair]
        if pair not in normal_force or episode.steps >= log.window_steps:
            log.close(pair, step)
            continue
        episode.impulse += normal_force[pair] * dt
        episode.steps += 1
    for pair, (speed, point) in fastest.items():
        if speed >= IMPACT_MIN_SPEED:
            log.active[pair] = _Episode(start_step=step, speed=speed, position=point,
                                        impulse=normal_force[pair] * dt, steps=1)


class _BodyMotion:
    """World velocity of material points of moving bodies, in the state before a step."""

    def __init__(self, before: tuple[np.ndarray, np.ndarray],
                 state_of: dict[str, tuple[int, int]]) -> None:
        self.qpos, self.qvel = before
        self.state_of = state_of
        self.cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def at(self, name: str, point: np.ndarray) -> np.ndarray:
        if name not in self.state_of:
            return np.zeros(3)  # static scenery
        if name not in self.cache:
            pos_at, vel_at = self.state_of[name]
            rotation = np.zeros(9)
            mujoco.mju_quat2Mat(rotation, self.qpos[pos_at + 3 : pos_at + 7])
            # A free joint's angular velocity is in the body frame.
            angular = rotation.reshape(3, 3) @ self.qvel[vel_at + 3 : vel_at + 6]
            self.cache[name] = (self.qpos[pos_at : pos_at + 3], self.qvel[vel_at : vel_at + 3],
                                angular)
        center, linear, angular = self.cache[name]
        return np.asarray(linear + np.cross(angular, point - center))


def _impact(pair: tuple[str, str], episode: _Episode, by_id: dict[str, Body],
            time: Fraction) -> Impact:
    a, b = by_id[pair[0]], by_id[pair[1]]
    x, y, z = (round(float(v), POSE_DECIMALS) for v in episode.position)
    return Impact(
        time=time,
        body_a=a.id,
        body_b=b.id,
        material_a=a.material,
        material_b=b.material,
        position=(x, y, z),
        impulse=round(episode.impulse, 6),
        speed=round(episode.speed, 6),
        size=min(characteristic_size(a.shape, a.size), characteristic_size(b.shape, b.size)),
    )
