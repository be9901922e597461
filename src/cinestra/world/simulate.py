"""World stage entry point: one Storyboard shot -> one Timeline."""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Literal

import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Cue, Shot, Subject
from cinestra.world.assets import Clock
from cinestra.world.camera import camera_path, subject_boxes
from cinestra.world.camera.sightline import clear_view
from cinestra.world.camera.view import keys_path, screen_share
from cinestra.world.choreography import Start, choreograph
from cinestra.world.cloth import simulate_cloth
from cinestra.world.coverage import adapt
from cinestra.world.cues import dialogue_lines, music_cue, performances
from cinestra.world.physics import Launch, simulate_bodies
from cinestra.world.props import COLORS, MATERIALS, PROPS
from cinestra.world.sets import Set, WindowWall, build_set, window_wall
from cinestra.world.sets.kit import NIGHT_TIMES
from cinestra.world.staging import (
    CLOTH_KINDS,
    Role,
    cast,
    framed_camera,
    size_named,
    stage_setting,
    stand_on,
    stand_on_building,
)
from cinestra.world.timeline import (
    Actor,
    Body,
    CameraKey,
    Cloth,
    Environment,
    Particles,
    Pose,
    Timeline,
    Vec3,
)
from cinestra.world.weather import source_particles, weather_particles

DROP_HEIGHT = 0.8  # m above the support for bouncing and falling props (a ball stays big
# enough on screen while the camera holds its whole bounce)
ROLL_SPEED = 1.4  # m/s
SLIDE_SPEED = 1.8  # m/s
TOPPLE_TILT = 0.25  # rad of lean to start from
TOPPLE_MARGIN = 1.25  # spin above the least that tips the prop over
CLINK_GAP = 0.12  # m between two glasses pushed together
CLINK_SPEED = 0.45  # m/s each: a toast, not a crash
COLLIDER_REACH_M = 3.0  # scenery farther than this from every prop cannot be hit in a shot


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


def _place(roles: list[Role], support: tuple[float, tuple[float, float]],
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


def _colliders(scenery: list[Body], props: list[Body], launches: dict[str, Launch],
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


def _starts(previous: Timeline | None) -> dict[str, Start]:
    """Where each actor of the previous shot ended: the world persists across cuts."""
    if previous is None:
        return {}
    return {actor.subject: Start(position=actor.path[-1][:3], heading=actor.path[-1][3])
            for actor in previous.actors if actor.path}


def _window_piece(the_set: Set, roles: list[Role], *, night: bool, seed: int
                  ) -> tuple[Set, WindowWall | None]:
    """A curtain in a room hangs at an open window: the back wall gets one, and a window the
    prompt names is that window (its frame, sill and casements count as the subject)."""
    kinds = {role.subject.kind for role in roles}
    if "curtain" not in kinds or not the_set.indoor:
        return the_set, None
    back = [body for body in the_set.bodies if body.kind == "wall" and body.pose.pos[1] > 0
            and body.size[0] > body.size[1]]
    if not back:
        return the_set, None
    wall = max(back, key=lambda body: body.size[0])
    window = window_wall(y=wall.pose.pos[1] - wall.size[1] - 0.1, wall_half=wall.size[0],
                         wall_height=2 * wall.size[2], night=night, seed=seed)
    named = next((role.id for role in roles if role.subject.kind == "window"), None)
    pieces = [body.model_copy(update={"subject": named})
              if named is not None and body.kind in WINDOW_KINDS else body
              for body in window.bodies]
    bodies = [body for body in the_set.bodies if body is not wall] + pieces
    return replace(the_set, bodies=bodies), window


def _stands(cloths: list[Cloth]) -> list[Body]:
    """A coat stand under each jacket: a pole from the floor to its hook, and a foot."""
    stands: list[Body] = []
    for cloth in cloths:
        if cloth.kind != "jacket":
            continue
        top = np.asarray(cloth.frames[0][: cloth.columns]).mean(axis=0)
        x, y, z = float(top[0]), float(top[1]) + 0.04, float(top[2]) + 0.03
        stands.append(Body(id=f"{cloth.id}:stand", kind="coat_stand", shape="cylinder",
                           size=(0.018, 0.018, z / 2), color=(0.12, 0.08, 0.05),
                           material="wood", mass=0.0, static=True, pose=Pose(pos=(x, y, z / 2))))
        stands.append(Body(id=f"{cloth.id}:stand_foot", kind="coat_stand", shape="cylinder",
                           size=(0.2, 0.2, 0.015), color=(0.12, 0.08, 0.05), material="wood",
                           mass=0.0, static=True, pose=Pose(pos=(x, y, 0.015))))
    return stands


def _placed(roles: list[Role], the_set: Set) -> dict[str, Vec3]:
    """Where the set itself puts someone: a pot on the kitchen's stove."""
    stove = the_set.anchors.get("stove")
    for role in roles:
        if stove is not None and role.subject.kind in STOVE_KINDS and role.anchor is None:
            return {role.id: stove}
    return {}


def _cloths(roles: list[Role], the_set: Set, *, clock: Clock, wind: Vec3, seed: int,
            window: WindowWall | None) -> list[Cloth]:
    """Curtains, flags and jackets named in the prompt, simulated in the shot's wind; a
    curtain hangs from the window's rail, in the wind blowing through it."""
    cloths: list[Cloth] = []
    for index, role in enumerate(roles):
        spec = CLOTH_KINDS[role.subject.kind]
        color = COLORS[role.subject.color] if role.subject.color else spec.color
        anchor = Pose(pos=(index * (spec.width + 0.4), spec.anchor_y,
                           the_set.support_z + spec.anchor_z))
        width, height, blowing = spec.width, spec.height, wind
        panels = [(anchor, width)]
        if window is not None and role.subject.kind == "curtain":
            # Two panels drawn to the sides: the open window shows between them.
            rail, width, height = window.rail, window.curtain_width, window.curtain_height
            blowing = window.wind
            panels = [(rail.model_copy(update={"pos": (rail.pos[0] + side * width * 0.28,
                                                       rail.pos[1], rail.pos[2])}), width * 0.5)
                      for side in (-1.0, 1.0)]
        for number, (pinned, panel_width) in enumerate(panels):
            cloth = simulate_cloth(
                role.subject.kind, anchor=pinned, width=panel_width, height=height,
                wind=blowing, frames=clock.frame_count, fps=clock.fps,
                time_scale=clock.time_scale,
                seed=zlib.crc32(f"{seed}:{role.id}:{number}".encode()), color=color,
                subject=role.id, floor_z=0.0 if the_set.name == "table" else the_set.support_z)
            cloths.append(cloth.model_copy(update={"id": f"{cloth.id}-{number + 1}"})
                          if len(panels) > 1 else cloth)
    return cloths


def _sources(roles: list[Role], staged_bodies: list[Body], shot: Shot, *, seed: int
             ) -> list[Particles]:
    """Steam over what simmers or cooks, smoke over candles."""
    sources: list[Particles] = []
    verbs = {action.subject: action.verb for action in shot.actions}
    steaming = shot.setting.weather == "steam"
    for role in roles:
        verb = verbs.get(role.subject.id)
        if verb in ("simmer", "cook", "boil") or (steaming and role.subject.kind in (
                "pot", "dish", "soup", "teapot", "cup", "frying_pan")):
            parts = [body for body in staged_bodies if body.subject == role.id]
            if not parts:
                continue
            top = max(body.pose.pos[2] + body.size[2] for body in parts)
            x = float(np.mean([body.pose.pos[0] for body in parts]))
            y = float(np.mean([body.pose.pos[1] for body in parts]))
            sources.append(source_particles("steam", (x, y, top),
                                            seed=zlib.crc32(f"{seed}:{role.id}".encode())))
    return sources


RAIN_INTENSITY = {"rain": 0.6, "storm": 1.0}
ROOF_KINDS = ("roof", "parapet")
WINDOW_KINDS = ("window_frame", "casement", "sill")
STOVE_KINDS = ("pot", "frying_pan", "teapot")
NIGHT_SETS = ("moon",)  # no air, no blue sky: the Moon's sky is black whatever the hour
# Framing: a subject's box outline must cover this share of the frame (its pixels then cover
# about 1%, what the issue calls visible); up to MAX_TIGHTER sizes tighter are tried.
SEEN_SHARE = 0.03
MAX_TIGHTER = 3
TIGHTER = ("extreme_wide", "wide", "full", "medium", "medium_close_up", "close_up")
WIND = {"wind": (0.0, -4.0, 0.0), "storm": (0.0, -7.0, 0.0)}
BREEZE: Vec3 = (0.0, -1.5, 0.0)  # what stirs a curtain at an open window on a calm day


def simulate(shot: Shot, *, fps: int, aspect: Fraction, seed: int,
             language: Literal["en", "fr"] = "en", clip_music: Sequence[Cue] = (),
             previous: Timeline | None = None) -> Timeline:
    """Stage, animate and simulate `shot`, and move the camera over it.

    The set comes from the shot's place (or what its cast needs), every named subject is a
    rig or a simulated prop, and the camera keeps them in frame. Actors start where the
    `previous` shot left them. Dialogue, footsteps and playing are timed on the shot's
    clock for the sound stage; the score is the shot's music cues, else the clip's
    (`clip_music`), so music runs on across cuts with a new phrase at each.
    """
    original = shot
    # 1. Check inputs, and keep what the world can build
    first, end = frame_range(shot, fps=fps)
    frame_count = end - first
    if frame_count < 1:
        raise InvalidRequest(f"shot {shot.index}: duration {shot.duration} s is under one frame")
    adapted = adapt(shot)
    shot = adapted.shot
    roles = cast(shot)
    setting = stage_setting(shot, roles)

    # 2. Build the set (the same in every shot of a place) and the clock
    shot_seed = zlib.crc32(f"{seed}:{shot.index}".encode())
    rng = np.random.default_rng(shot_seed)
    the_set = build_set(setting, seed=seed, stage_radius=_stage_radius(roles))
    time_scale = Fraction(shot.style.speed)
    clock = Clock(frame_count=frame_count, fps=fps, time_scale=float(time_scale), seed=seed)

    # 3. The cast: rigs animated on their paths, cloth, and props simulated by physics
    cloth_roles = [role for role in roles if role.subject.kind in CLOTH_KINDS]
    the_set, window = _window_piece(the_set, roles, night=setting.time_of_day in NIGHT_TIMES,
                                    seed=seed)
    rigged = [role for role in roles if role not in cloth_roles and not stand_on(shot, role)
              and not (window is not None and role.subject.kind == "window")]
    staged = choreograph([role for role in rigged if not role.simulated], clock=clock,
                         stage_half=the_set.support_half, support_z=the_set.support_z,
                         surface=the_set.ground_material, starts=_starts(previous), seed=seed,
                         placed=_placed(rigged, the_set))
    props, launches = _place([role for role in rigged if role.simulated],
                             (the_set.support_z, the_set.support_half), rng)
    colliders = _colliders(the_set.bodies, props, launches, float(shot.duration * time_scale))
    result = simulate_bodies(colliders + props, launches, fps=fps,
                             frame_count=frame_count, time_scale=time_scale)
    wind = WIND.get(setting.weather or "", BREEZE)
    cloths = _cloths(cloth_roles, the_set, clock=clock, wind=wind, seed=seed, window=window)
    the_set = replace(the_set, bodies=the_set.bodies + _stands(cloths))
    bodies = _on_building(the_set.bodies, shot) + props + staged.bodies
    tracks = result.tracks + staged.tracks

    # 4. Weather and what steams, then the camera on every named subject
    seen = subject_boxes(bodies, tracks, frame_count=frame_count, cloths=cloths,
                         order=[role.id for role in roles])
    boxes = seen.boxes
    transition = transition_into(previous, shot)
    camera = _framed_for_all(
        shot, roles, boxes, lambda size: camera_path(
            framed_camera(shot, roles, size=size), boxes, frame_count=frame_count,
            aspect=aspect, fps=fps, seed=seed, set_bounds=_bounds(the_set),
            indoor=the_set.indoor, look=shot.style.look, heads=seen.heads,
            facings=seen.facings, whip_at="start" if transition == "whip_pan" else "middle"),
        aspect=float(aspect))
    camera = clear_view(camera, the_set.bodies, fps=fps)
    area = _seen_area(camera, boxes)
    particles = weather_particles(setting, area=area, seed=shot_seed) + _sources(
        rigged, bodies, original, seed=seed)

    # 5. What is said, played and stepped, on the same clock
    center = _centre(boxes)
    music = [cue for cue in original.cues if cue.kind == "music"] or list(clip_music)
    return Timeline(
        shot_index=shot.index,
        fps=fps,
        frame_count=frame_count,
        aspect=aspect,
        duration=Fraction(frame_count, fps),
        time_scale=time_scale,
        environment=Environment(
            place=the_set.name,
            time_of_day="night" if the_set.name in NIGHT_SETS else setting.time_of_day,
            indoor=the_set.indoor,
            wet=setting.wet,
            look=shot.style.look,
            setting=original.setting.place,
            weather=setting.weather,
            rain=RAIN_INTENSITY.get(setting.weather or "", 0.0),
            haze=the_set.haze,
            city=setting.city,
        ),
        bodies=bodies,
        tracks=tracks,
        camera=camera,
        impacts=result.impacts,
        actors=staged.actors,
        particles=particles,
        cloths=cloths,
        lights=the_set.lights,
        transition=transition,
        warnings=_warnings(adapted.warnings + the_set.warnings + staged.warnings,
                           window=window is not None),
        dialogue=dialogue_lines(original, language=language, position=center,
                                positions=_mouths(staged.actors)),
        music=music_cue(music, section=shot.index, seed=seed),
        footsteps=staged.footsteps,
        performances=performances(original, position=center,
                                  positions=_mouths(staged.actors)),
    )


def transition_into(previous: Timeline | None, shot: Shot) -> Literal["cut", "crossfade",
                                                                     "whip_pan"]:
    """A whip pan into a shot whose camera whips; a dissolve when place or time changes
    (time has passed); otherwise a cut."""
    if previous is None:
        return "cut"
    if shot.camera.move == "whip_pan":
        return "whip_pan"
    before = previous.environment
    if (before.setting or before.place) != shot.setting.place or (
            before.time_of_day != shot.setting.time_of_day):
        return "crossfade"
    return "cut"


def _on_building(set_bodies: list[Body], shot: Shot) -> list[Body]:
    """The roof under the stage belongs to the building the prompt puts someone on, so
    the building counts as seen where the roof is."""
    building = stand_on_building(shot)
    if building is None:
        return set_bodies
    return [body.model_copy(update={"subject": building.id}) if body.kind in ROOF_KINDS
            else body for body in set_bodies]


def _warnings(notes: list[str], *, window: bool) -> list[str]:
    """Each note once; with an open window the wind does blow in (the curtain shows it)."""
    return [note for note in dict.fromkeys(notes) if not (window and note.startswith("wind:"))]


def _stage_radius(roles: list[Role]) -> float:
    """A stage big enough for the cast: a race of giant ducklings needs room."""
    scale = max((load_catalog().sizes[role.subject.size].scale for role in roles), default=1.0)
    return max(3.0, 1.5 * scale * math.sqrt(max(len(roles), 1)))


def _bounds(the_set: Set) -> tuple[Vec3, Vec3]:
    """What the camera must stay inside: the room's walls indoors, the set's ground outside."""
    low = np.full(3, np.inf)
    high = np.full(3, -np.inf)
    for body in the_set.bodies:
        pos, half = np.asarray(body.pose.pos), np.asarray(body.size)
        low, high = np.minimum(low, pos - half), np.maximum(high, pos + half)
    if not np.all(np.isfinite(low)):
        return ((-50.0, -50.0, 0.0), (50.0, 50.0, 50.0))
    return ((float(low[0]), float(low[1]), float(low[2])),
            (float(high[0]), float(high[1]), float(high[2])))


def _framed_for_all(shot: Shot, roles: list[Role], boxes: dict[str, np.ndarray],
                    path: Callable[[str | None], list[CameraKey]], *, aspect: float
                    ) -> list[CameraKey]:
    """The camera for the shot's size, or a tighter one when that leaves a named subject
    too small to see (a cat on a skater's head, a saxophone in an elephant's trunk).

    Only when the prompt names no size: each step tighter is tried while some subject's
    outline covers under `SEEN_SHARE` of the frame in more than a tenth of the frames, and
    the camera that shows the least visible subject best is kept.
    """
    keys = path(None)
    if size_named(shot) or not boxes:
        return keys
    sizes = list(TIGHTER)
    start = framed_camera(shot, roles).shot_size
    tighter = sizes[sizes.index(start) + 1 :] if start in sizes else []
    best, best_seen = keys, _least_seen(keys, boxes, aspect=aspect)
    for size in tighter[:MAX_TIGHTER]:
        if best_seen[0] >= 0.95:
            break
        candidate = path(size)
        seen = _least_seen(candidate, boxes, aspect=aspect)
        if seen > best_seen:
            best, best_seen = candidate, seen
    return best


def _least_seen(keys: list[CameraKey], boxes: dict[str, np.ndarray], *, aspect: float
                ) -> tuple[float, float]:
    """For the least visible subject: the share of frames in which its outline is big
    enough, then its median outline share (which still tells two too-small framings apart)."""
    path = keys_path(np.array([k.position for k in keys]), np.array([k.target for k in keys]),
                     np.array([k.fov_deg for k in keys]), np.array([k.roll_deg for k in keys]))
    groups: dict[str, np.ndarray] = {}
    for subject, box in boxes.items():  # instances of one subject count together
        share = screen_share(path, box, aspect=aspect)
        name = subject.rsplit("-", 1)[0] if "-" in subject else subject
        groups[name] = groups.get(name, 0.0) + share
    return min((float(np.mean(share >= SEEN_SHARE)), float(np.median(share)))
               for share in groups.values())


def _mouths(actors: list[Actor]) -> dict[str, Vec3]:
    """Where each named subject is heard from at the start: near the top of its first
    instance (a voice comes from the head, a saxophone from where it is held)."""
    heard: dict[str, Vec3] = {}
    for actor in actors:
        subject = actor.subject.rsplit("-", 1)[0] if "-" in actor.subject else actor.subject
        x, y, z, _ = actor.path[0]
        heard.setdefault(subject, (x, y, round(z + 0.9 * actor.height, 4)))
    return heard


def _centre(boxes: dict[str, np.ndarray]) -> Vec3:
    if not boxes:
        return (0.0, 0.0, 1.0)
    points = np.concatenate([box.reshape(-1, 3) for box in boxes.values()])
    centre = (points.min(axis=0) + points.max(axis=0)) / 2
    return (float(centre[0]), float(centre[1]), float(centre[2]))


def _seen_area(camera: list[CameraKey], boxes: dict[str, np.ndarray]) -> tuple[Vec3, Vec3]:
    """A box around the action and the camera, where weather must fall to be seen."""
    points = [np.array([key.position for key in camera]), np.array([key.target for key in camera])]
    points += [box.reshape(-1, 3) for box in boxes.values()]
    stack = np.concatenate(points)
    low, high = stack.min(axis=0) - 3.0, stack.max(axis=0) + 3.0
    low[2], high[2] = 0.0, max(high[2], 4.0)
    return ((float(low[0]), float(low[1]), float(low[2])),
            (float(high[0]), float(high[1]), float(high[2])))
