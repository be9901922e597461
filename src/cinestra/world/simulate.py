"""World stage entry point: one Storyboard shot -> one Timeline."""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Cue, Shot, Subject
from cinestra.world.camera import Framing, camera_path
from cinestra.world.coverage import adapt
from cinestra.world.cues import dialogue_lines, footsteps, music_cue, performances
from cinestra.world.physics import Launch, simulate_bodies
from cinestra.world.props import COLORS, MATERIALS, PROPS
from cinestra.world.scenery import Scenery, build_scenery
from cinestra.world.timeline import Body, Environment, Pose, Timeline, Track

DROP_HEIGHT = 1.2  # m above the support for bouncing and falling props
ROLL_SPEED = 1.4  # m/s
SLIDE_SPEED = 1.8  # m/s
TOPPLE_TILT = 0.25  # rad of lean to start from
TOPPLE_MARGIN = 1.25  # spin above the least that tips the prop over


def frame_range(shot: Shot, *, fps: int) -> tuple[int, int]:
    """First frame and end frame (exclusive) of `shot` in the whole clip.

    Rounding the shot's start and end, not its duration, keeps the clip's frame count
    equal to round(seconds * fps) whatever the number of shots.
    """
    return round(shot.start * fps), round((shot.start + shot.duration) * fps)


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


def _place(shot: Shot, scenery: Scenery,
           rng: np.random.Generator) -> tuple[list[Body], dict[str, Launch]]:
    """Lay the props out on the support surface and give each the start its verb asks for."""
    verbs = {action.subject: action.verb for action in shot.actions}  # one each, see adapt
    drafts = [(_subject_body(s, i), verbs.get(s.id, "rest"))
              for s in shot.subjects for i in range(s.count)]
    columns = max(1, math.ceil(math.sqrt(len(drafts))))
    rows = max(1, math.ceil(len(drafts) / columns))
    half_x, half_y = scenery.support_half
    # Tumbling props need their diagonal clear of each other (2.4 radii); small ones huddle.
    clearance = 2.4 * max((max(body.size) for body, _ in drafts), default=0.0)
    spacing_x = max(clearance, min(2 * half_x / columns, 0.6))
    spacing_y = max(clearance, min(2 * half_y / rows, 0.6))
    bodies: list[Body] = []
    launches: dict[str, Launch] = {}
    for index, (body, verb) in enumerate(drafts):
        col, row = index % columns, index // columns
        x = (col - (columns - 1) / 2) * spacing_x
        y = (row - (rows - 1) / 2) * spacing_y
        if len(drafts) > 1:
            x += float(rng.uniform(-0.15, 0.15)) * spacing_x
            y += float(rng.uniform(-0.15, 0.15)) * spacing_y
        quat: tuple[float, float, float, float] = (1.0, 0.0, 0.0, 0.0)
        z = scenery.support_z + _rest_height(body) + 0.001
        if verb == "bounce":
            z += DROP_HEIGHT * (float(rng.uniform(0.7, 1.0)) if len(drafts) > 1 else 1.0)
        elif verb == "fall":
            z += DROP_HEIGHT * float(rng.uniform(0.8, 1.3))
            quat = _random_quat(rng)
        elif verb == "roll":
            if body.shape == "cylinder":  # on its side, axis across the direction of travel
                quat = (math.sqrt(0.5), math.sqrt(0.5), 0.0, 0.0)
                z = scenery.support_z + body.size[0] + 0.001
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
            z = scenery.support_z + lift + 0.001
            launches[body.id] = launch
        bodies.append(body.model_copy(update={"pose": Pose(pos=(x, y, z), quat=quat)}))
    return bodies, launches


def _framing(tracks: list[Track], bodies: list[Body], scenery: Scenery) -> Framing:
    radius = {body.id: max(body.size) for body in bodies}
    points = [
        np.array(pose.pos) + sign * radius[track.body]
        for track in tracks for pose in track.poses for sign in (-1.0, 1.0)
    ]
    if not points:  # an empty set: frame the middle of the support surface
        half_x, half_y = scenery.support_half
        center = (0.0, 0.0, scenery.support_z + 0.5)
        return Framing(center=center, half=(min(half_x, 1.5), min(half_y, 1.5) * 0.2, 0.5))
    stack = np.stack(points)
    low, high = stack.min(axis=0), stack.max(axis=0)
    low[2] = min(low[2], scenery.support_z)
    center = (low + high) / 2
    half = (high - low) / 2
    return Framing(center=(float(center[0]), float(center[1]), float(center[2])),
                   half=(float(half[0]), float(half[1]), float(half[2])))


RAIN_INTENSITY = {"rain": 0.6, "storm": 1.0}


def simulate(shot: Shot, *, fps: int, aspect: Fraction, seed: int,
             language: Literal["en", "fr"] = "en", clip_music: Sequence[Cue] = ()) -> Timeline:
    """Build the set, simulate the props with MuJoCo and move the camera for `shot`.

    What the world cannot show yet is approximated or left out (`coverage.adapt`, whose
    warnings the pipeline reports). Dialogue, footsteps and playing are timed on the shot's
    clock for the sound stage; the score is the shot's music cues, else the clip's
    (`clip_music`), so music runs on across cuts with a new phrase at each.
    """
    original = shot
    # 1. Check inputs, and keep what the world can build
    first, end = frame_range(shot, fps=fps)
    frame_count = end - first
    if frame_count < 1:
        raise InvalidRequest(f"shot {shot.index}: duration {shot.duration} s is under one frame")
    shot = adapt(shot).shot

    # 2. Build the set and lay out the props (the seed varies the layout, per shot)
    shot_seed = zlib.crc32(f"{seed}:{shot.index}".encode())
    rng = np.random.default_rng(shot_seed)
    scenery = build_scenery(shot.setting, seed=seed)  # the same set in every shot
    props, launches = _place(shot, scenery, rng)

    # 3. Simulate
    time_scale = Fraction(shot.style.speed)
    result = simulate_bodies(scenery.bodies + props, launches, fps=fps,
                             frame_count=frame_count, time_scale=time_scale)

    # 4. Camera
    framing = _framing(result.tracks, props, scenery)
    camera = camera_path(shot.camera, framing, frame_count=frame_count, aspect=aspect)

    # 5. What is said, played and stepped, on the same clock
    center = framing.center
    music = [cue for cue in original.cues if cue.kind == "music"] or list(clip_music)
    setting = original.setting

    return Timeline(
        shot_index=shot.index,
        fps=fps,
        frame_count=frame_count,
        aspect=aspect,
        duration=Fraction(frame_count, fps),
        time_scale=time_scale,
        environment=Environment(
            place=shot.setting.place,
            time_of_day=shot.setting.time_of_day,
            indoor=shot.setting.indoor,
            wet=shot.setting.wet,
            look=shot.style.look,
            setting=setting.place,
            weather=setting.weather,
            rain=RAIN_INTENSITY.get(setting.weather or "", 0.0),
        ),
        bodies=scenery.bodies + props,
        tracks=result.tracks,
        camera=camera,
        impacts=result.impacts,
        dialogue=dialogue_lines(original, language=language, position=center),
        music=music_cue(music, section=shot.index, seed=seed),
        footsteps=footsteps(original, surface=scenery.bodies[0].material, position=center,
                            seed=seed),
        performances=performances(original, position=center),
    )
