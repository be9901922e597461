"""World stage entry point: one Storyboard shot -> one Timeline."""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Literal

import numpy as np

from cinestra.errors import InvalidRequest
from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Cue, Shot
from cinestra.world.assets import Clock
from cinestra.world.camera import camera_path, subject_boxes
from cinestra.world.camera.sightline import clear_view
from cinestra.world.choreography import Start, choreograph
from cinestra.world.coverage import adapt
from cinestra.world.cues import dialogue_lines, music_cue, performances
from cinestra.world.framing import centre, frame_every_subject, mouths, seen_area, set_bounds
from cinestra.world.physics import simulate_bodies
from cinestra.world.props_layout import place_props, scenery_in_reach
from cinestra.world.set_pieces import (
    coat_stands,
    hang_cloths,
    roof_of_building,
    set_places,
    steam_sources,
    window_piece,
)
from cinestra.world.sets import build_set
from cinestra.world.sets.kit import NIGHT_TIMES
from cinestra.world.staging import (
    CLOTH_KINDS,
    Role,
    cast,
    framed_camera,
    stage_setting,
    stand_on,
)
from cinestra.world.timeline import (
    Environment,
    Timeline,
    Vec3,
)
from cinestra.world.weather import weather_particles


def frame_range(shot: Shot, *, fps: int) -> tuple[int, int]:
    """First frame and end frame (exclusive) of `shot` in the whole clip.

    Rounding the shot's start and end, not its duration, keeps the clip's frame count
    equal to round(seconds * fps) whatever the number of shots.
    """
    return round(shot.start * fps), round((shot.start + shot.duration) * fps)


def _starts(previous: Timeline | None) -> dict[str, Start]:
    """Where each actor of the previous shot ended: the world persists across cuts."""
    if previous is None:
        return {}
    return {actor.subject: Start(position=actor.path[-1][:3], heading=actor.path[-1][3])
            for actor in previous.actors if actor.path}


RAIN_INTENSITY = {"rain": 0.6, "storm": 1.0}
NIGHT_SETS = ("moon",)  # no air, no blue sky: the Moon's sky is black whatever the hour
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
    the_set, window = window_piece(the_set, roles, night=setting.time_of_day in NIGHT_TIMES,
                                    seed=seed)
    rigged = [role for role in roles if role not in cloth_roles and not stand_on(shot, role)
              and not (window is not None and role.subject.kind == "window")]
    staged = choreograph([role for role in rigged if not role.simulated], clock=clock,
                         stage_half=the_set.support_half, support_z=the_set.support_z,
                         surface=the_set.ground_material, starts=_starts(previous), seed=seed,
                         placed=set_places(rigged, the_set))
    props, launches = place_props([role for role in rigged if role.simulated],
                             (the_set.support_z, the_set.support_half), rng)
    colliders = scenery_in_reach(the_set.bodies, props, launches, float(shot.duration * time_scale))
    result = simulate_bodies(colliders + props, launches, fps=fps,
                             frame_count=frame_count, time_scale=time_scale)
    wind = WIND.get(setting.weather or "", BREEZE)
    cloths = hang_cloths(cloth_roles, the_set, clock=clock, wind=wind, seed=seed, window=window)
    the_set = replace(the_set, bodies=the_set.bodies + coat_stands(cloths))
    bodies = roof_of_building(the_set.bodies, shot) + props + staged.bodies
    tracks = result.tracks + staged.tracks

    # 4. Weather and what steams, then the camera on every named subject
    seen = subject_boxes(bodies, tracks, frame_count=frame_count, cloths=cloths,
                         order=[role.id for role in roles])
    boxes = seen.boxes
    transition = transition_into(previous, shot)
    camera = frame_every_subject(
        shot, roles, boxes, lambda size: camera_path(
            framed_camera(shot, roles, size=size), boxes, frame_count=frame_count,
            aspect=aspect, fps=fps, seed=seed, set_bounds=set_bounds(the_set),
            indoor=the_set.indoor, look=shot.style.look, heads=seen.heads,
            facings=seen.facings, whip_at="start" if transition == "whip_pan" else "middle"),
        aspect=float(aspect), parts=seen.parts)
    camera = clear_view(camera, the_set.bodies, fps=fps)
    area = seen_area(camera, boxes)
    particles = weather_particles(setting, area=area, seed=shot_seed) + steam_sources(
        rigged, bodies, original, seed=seed)

    # 5. What is said, played and stepped, on the same clock
    center = centre(boxes)
    heard_from = mouths(staged.actors)
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
                                positions=heard_from),
        music=music_cue(music, section=shot.index, seed=seed),
        footsteps=staged.footsteps,
        performances=performances(original, position=center,
                                  positions=heard_from),
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


def _warnings(notes: list[str], *, window: bool) -> list[str]:
    """Each note once; with an open window the wind does blow in (the curtain shows it)."""
    return [note for note in dict.fromkeys(notes) if not (window and note.startswith("wind:"))]


def _stage_radius(roles: list[Role]) -> float:
    """A stage big enough for the cast: a race of giant ducklings needs room."""
    scale = max((load_catalog().sizes[role.subject.size].scale for role in roles), default=1.0)
    return max(3.0, 1.5 * scale * math.sqrt(max(len(roles), 1)))


