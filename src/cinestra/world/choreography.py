"""Choreography: rigs built, animated, placed on paths and carried by each other.

For every animated Role: its rig (`assets.build_rig`), its Motion (`assets.animate`), and a
placement per frame. Free roles get a home on the stage (side by side, lanes for a race, a
pair facing each other for a dance, buildings behind) and travelling verbs move them along a
path at their rig's own gait speed, so feet do not slide. Anchored roles follow a socket of
the role that carries them, every frame (a cat perched on a pirouetting skater's head turns
with the head). Feet that strike the ground become Footstep events at the exact time.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from cinestra.plan.catalog import load_catalog
from cinestra.world.assets import Clock, Look, animate, build_rig, family_module
from cinestra.world.assets.bodies import posed_bodies
from cinestra.world.assets.rig import Motion, Rig, joint_frames, placement, socket_frames
from cinestra.world.props import COLORS
from cinestra.world.staging import BUILDINGS, TRAVEL_VERBS, Role
from cinestra.world.timeline import Actor, Body, Footstep, Track, Vec3

FACING_CAMERA = -math.pi / 2  # the camera looks from -y: a subject facing -y faces it
PAIR_GAP = 0.9  # m between two dancers facing each other
PAIR_TURN = 0.5  # rad/s a dancing pair turns about its middle
# Travellers cross the frame on a diagonal towards the camera's side (which looks from -y):
# seen three-quarters front, with the set behind them rather than an empty road ahead.
TRAVEL_HEADING = -0.6
SKATE_RADIUS = 2.5  # m: skaters glide on a circle around their home
CIRCLE_RADIUS = 1.1  # m: birds flying round a dancer
CIRCLE_SPEED = 1.5  # m/s at most along that circle: a slow wheel, not a race
STEP_SAMPLES = 48_000  # footstep times land on audio samples
OPEN_WHEN_FILLED = ("lid", "lid_knob")  # parts a container loses to show what is in it
SMALL_COMPANY = 0.4  # subjects under this share of the tallest's height stand in front
FRONT_ROW_M = 0.8  # how far in front (towards the camera) they stand
HUMAN_HEIGHT_M = 1.75  # held instruments are made for hands this high off the ground
BACKDROP_GAP = 6.0  # m between the stage and the buildings named in the prompt


@dataclass(frozen=True)
class Start:
    """Where a role was at the end of the previous shot (continuity across cuts)."""

    position: Vec3
    heading: float


@dataclass
class Staged:
    """What choreography adds to a shot."""

    bodies: list[Body] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    footsteps: list[Footstep] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Cast:
    role: Role
    rig: Rig
    motion: Motion
    clock: Clock
    placement: NDArray[np.float64] | None = None  # (n, 4, 4)
    joints: dict[str, NDArray[np.float64]] = field(default_factory=dict)


def _look(role: Role, seed: int) -> Look:
    subject = role.subject
    kind = load_catalog().subjects[subject.kind]
    return Look(
        color=COLORS.get(subject.color) if subject.color else None,
        material=subject.material,
        clothing=subject.clothing,
        scale=load_catalog().sizes[subject.size].scale,
        seed=zlib.crc32(f"{seed}:{role.id}".encode()),
        gender=kind.gender,
        age=kind.age,
    )


def _heading_path(positions: NDArray[np.float64], fallback: float) -> NDArray[np.float64]:
    """Headings along a path: the direction of travel (the last one held when it stops)."""
    delta = np.diff(positions[:, :2], axis=0, append=positions[-1:, :2])
    delta[-1] = delta[-2] if len(delta) > 1 else delta[-1]
    headings = np.arctan2(delta[:, 1], delta[:, 0])
    still = np.linalg.norm(delta, axis=1) < 1e-9
    headings[still] = fallback
    return np.unwrap(headings)


def _travel(member: _Cast, home: NDArray[np.float64], clock: Clock, *, lane_index: int,
            start: Start | None) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Ground positions and headings of a role moving under its own verb."""
    role, rig = member.role, member.rig
    speed = float(family_module(rig.family).gait_speed(rig, role.verb))
    times = clock.times
    n = len(times)
    if (role.verb == "skate" or role.circling) and speed > 0:
        radius = CIRCLE_RADIUS if role.circling else SKATE_RADIUS
        centre = home if start is None else np.asarray(start.position) + np.array(
            [0.0, radius, 0.0])
        # A flock spreads round the circle; speed along it is the rig's own.
        spread = 2 * math.pi * role.instance / max(role.subject.count, 1)
        angle = -math.pi / 2 + spread + min(speed, CIRCLE_SPEED) * times / radius
        positions = np.stack([centre[0] + radius * np.cos(angle),
                              centre[1] + radius * np.sin(angle), np.zeros(n)], axis=1)
        return positions, angle + math.pi / 2
    heading = TRAVEL_HEADING if start is None else start.heading
    direction = np.array([math.cos(heading), math.sin(heading), 0.0])
    total = speed * (times[-1] if n > 1 else 0.0)
    origin = (home - direction * total / 2) if start is None else np.asarray(start.position)
    # Racers do not run in lockstep: each lane a few per cent faster or slower.
    pace = 1.0 + 0.04 * ((lane_index * 7919) % 5 - 2) / 2 if role.verb == "race" else 1.0
    positions = origin + np.outer(speed * pace * times, direction)  # flight cycles lift
    return positions, np.full(n, heading)


def _homes(free: list[_Cast], *, stage_half: tuple[float, float]
           ) -> dict[str, tuple[NDArray[np.float64], float]]:
    """A home (ground point) and a facing for each free role."""
    homes: dict[str, tuple[NDArray[np.float64], float]] = {}
    backdrop = [m for m in free if m.rig.family in BUILDINGS]
    travellers = [m for m in free if m not in backdrop and m.role.verb in TRAVEL_VERBS
                  and m.role.verb not in ("skate",) and not m.role.circling]
    circling = [m for m in free if m.role.circling]
    for member in circling:  # round the middle of the stage, where the dancer is
        homes[member.role.id] = (np.zeros(3), 0.0)
    others = [m for m in free if m not in backdrop and m not in travellers
              and m not in circling]
    # Travellers: parallel lanes across the frame, the first in front.
    across = np.array([-math.sin(TRAVEL_HEADING), math.cos(TRAVEL_HEADING), 0.0])
    lane = 0.0
    for member in travellers:
        homes[member.role.id] = (across * lane, TRAVEL_HEADING)
        lane += max(member.rig.width, 0.3) * 1.8
    if travellers:  # centre the lanes on the stage
        shift = lane / 2 - max(travellers[-1].rig.width, 0.3) * 0.9
        for member in travellers:
            point, facing = homes[member.role.id]
            homes[member.role.id] = (point - across * shift, facing)
    # Everyone else side by side facing the camera, turned a little towards the middle;
    # small company (pigeons round a dancer) in a row in front, nearer the camera.
    tallest = max((m.rig.height for m in others), default=0.0)
    small = [m for m in others if m.rig.height < SMALL_COMPANY * tallest]
    rows = [([m for m in others if m not in small], 0.0), (small, -FRONT_ROW_M)]
    for row, depth in rows:
        widths = [max(m.rig.length, m.rig.width, 0.4) * 1.25 for m in row]
        x = -sum(widths) / 2
        for member, width in zip(row, widths, strict=True):
            centre_x = x + width / 2
            x += width
            inward = -0.35 * math.tanh(centre_x)
            homes[member.role.id] = (np.array([centre_x, depth, 0.0]), FACING_CAMERA + inward)
    dancers = [m for m in others if m.role.verb == "dance"]
    if len(dancers) == 2:  # a couple: face each other
        for member, side in zip(dancers, (-1.0, 1.0), strict=True):
            homes[member.role.id] = (np.array([side * PAIR_GAP / 2, 0.0, 0.0]),
                                     0.0 if side < 0 else math.pi)
    # Buildings and landmarks behind the stage, their front towards the camera.
    x = 0.0
    for member in backdrop:
        depth = stage_half[1] + BACKDROP_GAP + max(member.rig.length, member.rig.width) / 2
        homes[member.role.id] = (np.array([x, depth, 0.0]), FACING_CAMERA)
        x += max(member.rig.length, member.rig.width) * 1.2
    return homes


def _pair_turn(positions: NDArray[np.float64], headings: NDArray[np.float64], centre: Vec3,
               times: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Turn a dancer about the couple's middle, so the pair waltzes round."""
    angle = PAIR_TURN * times
    c, s = np.cos(angle), np.sin(angle)
    rel = positions - np.asarray(centre)
    turned = np.stack([rel[:, 0] * c - rel[:, 1] * s, rel[:, 0] * s + rel[:, 1] * c, rel[:, 2]],
                      axis=1)
    return turned + np.asarray(centre), headings + angle


def _socket(member: _Cast, socket: str, n: int) -> NDArray[np.float64]:
    """World frames of a socket of a placed role; "top" and "inside" work on any rig."""
    rig = member.rig
    if socket in rig.sockets:
        return socket_frames(rig, member.joints, socket)
    assert member.placement is not None
    frames = member.placement.copy()
    lift = rig.height if socket in ("top", "back", "head_top", "seat") else rig.height * 0.45
    frames[:, :3, 3] += frames[:, :3, 2] * lift
    return frames


def _order(cast: list[_Cast]) -> list[_Cast]:
    """Carriers before what they carry, chased before chasers."""
    by_id = {member.role.id: member for member in cast}
    done: list[_Cast] = []
    seen: set[str] = set()

    def visit(member: _Cast, depth: int = 0) -> None:
        if member.role.id in seen or depth > len(cast):
            return
        for other in (member.role.anchor.target if member.role.anchor else None,
                      member.role.target if member.role.verb == "chase" else None):
            if other in by_id:
                visit(by_id[other], depth + 1)
        seen.add(member.role.id)
        done.append(member)

    for member in cast:
        visit(member)
    return done


def choreograph(roles: list[Role], *, clock: Clock, stage_half: tuple[float, float],
                support_z: float, surface: str, starts: dict[str, Start], seed: int,
                placed: dict[str, Vec3] | None = None) -> Staged:
    """Rigs, motion and paths of every animated role (simulated props are not here).

    `placed` puts some roles at a point of the set (a pot on the stove) instead of a home.
    """
    staged = Staged()
    cast: list[_Cast] = []
    for role in roles:
        if role.simulated:
            continue
        rig, warnings = build_rig(role.subject.kind, role.subject.family, _look(role, seed))
        staged.warnings.extend(warnings)
        verb = role.verb
        if role.anchor is not None and verb is None and rig.family not in ("instrument",):
            verb = "perch" if role.anchor.socket in ("head_top", "back", "top") else None
        role_clock = Clock(frame_count=clock.frame_count, fps=clock.fps,
                           time_scale=clock.time_scale,
                           seed=zlib.crc32(f"{seed}:{role.id}".encode()))
        motion = animate(rig, verb, role_clock)
        cast.append(_Cast(role=role, rig=rig, motion=motion, clock=role_clock))
    if not cast:
        return staged
    _fit_held_instruments(cast, seed)
    n, times = clock.frame_count, clock.times
    free = [m for m in cast if m.role.anchor is None]
    homes = _homes(free, stage_half=stage_half)
    filled = {m.role.anchor.target for m in cast
              if m.role.anchor is not None and m.role.anchor.socket == "inside"}
    by_id = {member.role.id: member for member in cast}
    for lane, member in enumerate(_order(cast)):
        role = member.role
        if role.anchor is not None and role.anchor.target in by_id:
            carrier = by_id[role.anchor.target]
            frames = _socket(carrier, role.anchor.socket, n)
            if role.anchor.side:
                frames = frames.copy()
                frames[:, :3, 3] += frames[:, :3, 1] * role.anchor.side
            member.placement = frames
        else:
            home, facing = homes.get(role.id, (np.zeros(3), FACING_CAMERA))
            home = home + np.array([0.0, 0.0, support_z])
            if placed and role.id in placed:
                home = np.asarray(placed[role.id], dtype=np.float64)
            start = starts.get(role.id)
            if role.verb in TRAVEL_VERBS:
                positions, headings = _travel(member, home, clock, lane_index=lane, start=start)
                positions[:, 2] += support_z
            else:
                at = np.asarray(start.position) if start is not None else home
                positions = np.tile(at, (n, 1))
                headings = np.full(n, start.heading if start is not None else facing)
            if role.verb == "chase" and role.target in by_id:
                chased = by_id[role.target]
                assert chased.placement is not None
                gap = max(chased.rig.length, member.rig.length) * 1.5 + 0.5
                positions = chased.placement[:, :3, 3] - chased.placement[:, :3, 0] * gap
                headings = _heading_path(positions, 0.0)
            if role.verb == "dance" and sum(
                    1 for m in free if m.role.verb == "dance") == 2 and role.anchor is None:
                centre = (0.0, 0.0, support_z)
                positions, headings = _pair_turn(positions, headings, centre, times)
            member.placement = placement(positions, headings)
        member.joints = joint_frames(member.rig, member.motion, member.placement)
        bodies, tracks = posed_bodies(member.rig, member.joints, subject=role.id)
        if role.id in filled:  # the lid comes off: the dish simmering in the pot is seen
            kept = {body.id for body in bodies if body.kind not in OPEN_WHEN_FILLED}
            bodies = [body for body in bodies if body.id in kept]
            tracks = [track for track in tracks if track.body in kept]
        staged.bodies.extend(bodies)
        staged.tracks.extend(tracks)
        staged.actors.append(_actor(member))
        staged.footsteps.extend(_footsteps(member, clock, surface=surface))
    return staged


def _fit_held_instruments(cast: list[_Cast], seed: int) -> None:
    """An instrument held by a player bigger than a person is made to its size (an
    elephant's saxophone), so it stays in proportion to the trunk or paws holding it."""
    by_id = {member.role.id: member for member in cast}
    for member in cast:
        anchor = member.role.anchor
        if anchor is None or member.rig.family != "instrument" or anchor.target not in by_id:
            continue
        carrier = by_id[anchor.target].rig
        factor = carrier.height / HUMAN_HEIGHT_M
        if carrier.family == "biped" or factor <= 1.2:
            continue
        look = _look(member.role, seed)
        look = replace(look, scale=look.scale * factor)
        member.rig, _ = build_rig(member.role.subject.kind, member.role.subject.family, look)
        member.motion = animate(member.rig, member.role.verb, member.clock)


def _actor(member: _Cast) -> Actor:
    assert member.placement is not None
    frames = member.placement
    headings = np.arctan2(frames[:, 1, 0], frames[:, 0, 0])
    path = [(round(float(p[0]), 5), round(float(p[1]), 5), round(float(p[2]), 5),
             round(float(h), 6)) for p, h in zip(frames[:, :3, 3], headings, strict=True)]
    return Actor(subject=member.role.id, kind=member.role.subject.kind, family=member.rig.family,
                 verb=member.role.verb, path=path, height=round(member.rig.height, 4))


def _footsteps(member: _Cast, clock: Clock, *, surface: str) -> list[Footstep]:
    module = family_module(member.rig.family)
    footfalls = getattr(module, "footfalls", None)
    if footfalls is None or member.role.anchor is not None:
        return []
    gait = "run" if member.role.verb in ("run", "race", "chase", "gallop") else "walk"
    steps: list[Footstep] = []
    for time, foot in footfalls(member.rig, member.role.verb, clock):
        video_time = Fraction(round(time / clock.time_scale * STEP_SAMPLES), STEP_SAMPLES)
        frame = min(clock.frame_count - 1, max(0, round(float(video_time) * clock.fps)))
        position = member.joints[foot][frame, :3, 3]
        steps.append(Footstep(time=video_time, subject=member.role.id, surface=surface,
                              gait=gait, weight_kg=max(member.rig.mass, 1.0),
                              position=(float(position[0]), float(position[1]),
                                        float(position[2]))))
    return steps
