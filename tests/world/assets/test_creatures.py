"""Creature families: every catalog kind builds at a believable size, stands on the ground,
never sinks below it, walks without sliding its feet, and plays its named cycles."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from numpy.typing import NDArray

from cinestra.world.assets import Clock, Look, biped, bird, fish, quadruped
from cinestra.world.assets import colors as c
from cinestra.world.assets.bodies import rig_bodies
from cinestra.world.assets.rig import Rig, joint_frames, part_frames, placement
from cinestra.world.timeline import Body, Track

FAMILIES: dict[str, ModuleType] = {"biped": biped, "quadruped": quadruped, "bird": bird,
                                   "fish": fish}
CATALOG = Path(__file__).parents[3] / "src/cinestra/plan/data"
SUBJECTS = tomllib.loads((CATALOG / "subjects.toml").read_text())["subjects"]
ACTIONS = set(tomllib.loads((CATALOG / "actions.toml").read_text())["actions"])
CLOCK = Clock(frame_count=36, fps=12)


def catalog_kinds(family: str) -> list[str]:
    return sorted(kind for kind, entry in SUBJECTS.items() if entry["family"] == family)


def still(frames: int) -> NDArray[np.float64]:
    return placement(np.zeros((frames, 3)), np.zeros(frames))


def surface_points(rig: Rig, verb: str | None, clock: Clock = CLOCK) -> NDArray[np.float64]:
    """World points on every part's surface, (frames, points, 3): an independent check of
    the grounding (it samples the meshes rather than using the analytic lowest point)."""
    module = FAMILIES[rig.family]
    motion = module.animate(rig, verb, clock)
    frames = part_frames(rig, joint_frames(rig, motion, still(clock.frame_count)))
    directions = np.array([(x, y, z) for x in (-1, 0, 1) for y in (-1, 0, 1)
                           for z in (-1, 0, 1) if (x, y, z) != (0, 0, 0)], dtype=float)
    clouds = []
    for part, matrix in frames:
        if part.shape == "box":
            local = np.sign(directions)
        elif part.shape == "sphere":
            local = directions / np.linalg.norm(directions, axis=1, keepdims=True)
        else:  # cylinder: points on both rims; cone: on its base rim (z = -1) and apex
            rim = directions[:, :2] / np.maximum(
                np.linalg.norm(directions[:, :2], axis=1, keepdims=True), 1e-9)
            ends = np.sign(directions[:, 2])
            if part.shape == "cone":
                rim, ends = np.vstack([rim, [[0.0, 0.0]]]), np.append(np.full(len(rim), -1), 1)
            local = np.column_stack([rim, ends])
        local = local * np.asarray(part.size)
        clouds.append(np.einsum("fij,pj->fpi", matrix[:, :3, :3], local) + matrix[:, None, :3, 3])
    return np.concatenate(clouds, axis=1)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_catalog_kind_has_a_model_and_finite_idle_bodies(family: str) -> None:
    module = FAMILIES[family]
    kinds = catalog_kinds(family)
    assert set(kinds) <= module.KINDS, set(kinds) - module.KINDS
    assert module.VERBS <= ACTIONS, module.VERBS - ACTIONS
    clock = Clock(frame_count=4, fps=12)
    for kind in kinds:
        rig = module.build(kind, Look())
        bodies, tracks = rig_bodies(rig, module.animate(rig, None, clock), still(4),
                                    subject=f"{kind}_1")
        poses = np.array([pose.pos + pose.quat for track in tracks for pose in track.poses])
        assert np.isfinite(poses).all() and len(bodies) == len(rig.parts), kind
        assert 0.01 < rig.height < 15 and rig.mass > 0, kind


@pytest.mark.parametrize(("family", "kind", "low", "high"), [
    ("quadruped", "cat", 0.2, 0.45), ("quadruped", "kitten", 0.1, 0.3),
    ("biped", "person", 1.5, 1.95), ("biped", "man", 1.5, 1.95), ("biped", "woman", 1.5, 1.95),
    ("biped", "chef", 1.5, 2.1), ("biped", "child", 1.0, 1.4), ("biped", "baby", 0.5, 0.85),
    ("quadruped", "elephant", 2.5, 4.0), ("quadruped", "giraffe", 4.0, 6.0),
    ("quadruped", "horse", 1.6, 2.6), ("quadruped", "mouse", 0.03, 0.12),
    ("bird", "duckling", 0.05, 0.25), ("bird", "pigeon", 0.2, 0.4), ("bird", "bee", 0.005, 0.05),
    ("fish", "whale", 2.0, 6.0), ("fish", "goldfish", 0.03, 0.15),
])
def test_heights_are_believable(family: str, kind: str, low: float, high: float) -> None:
    assert low <= FAMILIES[family].build(kind, Look()).height <= high


def test_giant_and_miniature_scale_the_whole_body() -> None:
    normal = bird.build("duckling", Look()).height
    assert bird.build("duckling", Look(scale=4.0)).height == pytest.approx(4 * normal, rel=1e-6)
    cat = quadruped.build("cat", Look(scale=0.3))
    assert cat.height == pytest.approx(0.3 * quadruped.build("cat", Look()).height, rel=1e-6)


SAMPLES = {"biped": ("woman", "figure_skater", "dinosaur", "baby"),
           "quadruped": ("cat", "elephant", "kangaroo"), "bird": ("pigeon", "butterfly"),
           "fish": ("shark", "octopus")}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_no_part_goes_below_the_ground_in_any_cycle(family: str) -> None:
    module = FAMILIES[family]
    for kind in SAMPLES[family]:
        rig = module.build(kind, Look(seed=3))
        for verb in sorted(module.VERBS):
            lowest = surface_points(rig, verb)[..., 2].min()
            assert lowest >= -0.01, (kind, verb, lowest)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_at_rest_the_lowest_point_touches_the_ground(family: str) -> None:
    module = FAMILIES[family]
    for kind in SAMPLES[family]:
        lowest = surface_points(module.build(kind, Look()), None)[..., 2].min(axis=1)
        assert np.abs(lowest).max() <= 0.01, (kind, lowest)


@pytest.mark.parametrize(("family", "kind"), [("biped", "man"), ("biped", "child"),
                                              ("quadruped", "dog"), ("quadruped", "horse"),
                                              ("bird", "pigeon")])
@pytest.mark.parametrize("verb", ["walk", "run"])
def test_planted_feet_do_not_slide_at_gait_speed(family: str, kind: str, verb: str) -> None:
    module = FAMILIES[family]
    rig = module.build(kind, Look(seed=2))
    clock = Clock(frame_count=96, fps=48, seed=5)
    speed = module.gait_speed(rig, verb)
    assert speed > 0
    positions = np.zeros((clock.frame_count, 3))
    positions[:, 0] = speed * clock.times
    joints = joint_frames(rig, module.animate(rig, verb, clock),
                          placement(positions, np.zeros(clock.frame_count)))
    strikes = module.footfalls(rig, verb, clock)
    feet = sorted({foot for _, foot in strikes})
    assert len(feet) in (2, 4)
    for foot in feet:
        path = joints[foot][:, :3, 3]
        planted = path[:, 2] < path[:, 2].min() + 0.002
        moving = np.abs(np.diff(path[:, 0]))[planted[1:] & planted[:-1]]
        # While a foot is down it stays put: under 3 mm a frame at 48 fps (the body moves
        # speed / 48 per frame, 2.5 cm for a walking man).
        assert moving.max() < 0.003 + 0.05 * speed / clock.fps, (foot, moving.max())


@pytest.mark.parametrize(("family", "kind", "verb"), [("biped", "woman", "walk"),
                                                      ("biped", "runner", "race"),
                                                      ("bird", "duckling", "walk")])
def test_footfalls_alternate_and_match_stride_times_cadence(family: str, kind: str,
                                                            verb: str) -> None:
    module = FAMILIES[family]
    rig = module.build(kind, Look())
    clock = Clock(frame_count=240, fps=24, seed=1)
    strikes = module.footfalls(rig, verb, clock)
    feet = [foot for _, foot in strikes]
    assert len(strikes) >= 6
    assert all(a != b for a, b in itertools.pairwise(feet)), feet
    times = np.array([time for time, _ in strikes])
    period = 2 * float(np.median(np.diff(times)))
    # Where the same foot lands one cycle later is one stride: stride x cadence = speed.
    speed = module.gait_speed(rig, verb)
    positions = np.zeros((clock.frame_count, 3))
    positions[:, 0] = speed * clock.times
    joints = joint_frames(rig, module.animate(rig, verb, clock),
                          placement(positions, np.zeros(clock.frame_count)))
    left = [time for time, foot in strikes if foot == feet[0]]
    # Sampled a little after each strike, when the foot is surely planted.
    frames = [round((time + 0.15 * period) * clock.fps) for time in left[:2]]
    stride = joints[feet[0]][frames[1], 0, 3] - joints[feet[0]][frames[0], 0, 3]
    assert stride / period == pytest.approx(speed, rel=0.06)


def heading(track: Track) -> NDArray[np.float64]:
    """Unwrapped yaw of a body's x axis over the frames."""
    q = np.array([pose.quat for pose in track.poses])
    w, x, y, z = q.T
    return np.unwrap(np.arctan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z)))


def test_a_pirouette_turns_at_least_once_a_second_with_arms_up() -> None:
    rig = biped.build("figure_skater", Look())
    clock = Clock(frame_count=48, fps=24)
    _bodies, tracks = rig_bodies(rig, biped.animate(rig, "spin", clock), still(48), subject="s")
    turn = heading(next(t for t in tracks if t.body == "s:hips"))
    assert abs(turn[-1] - turn[0]) / (47 / 24) >= 2 * np.pi
    by_id = {track.body: track for track in tracks}
    head = np.array([pose.pos for pose in by_id["s:head"].poses])
    hands = np.array([pose.pos for pose in by_id["s:hand_l"].poses])
    assert (hands[:, 2] > head[:, 2]).all()  # hands over the head


def test_jump_flies_a_ballistic_arc_under_g() -> None:
    rig = biped.build("man", Look())
    clock = Clock(frame_count=120, fps=60)
    motion = biped.animate(rig, "jump", clock)
    height = motion.root_offset[:, 2]
    airborne = surface_points(rig, "jump", clock)[..., 2].min(axis=1) > 0.02
    inside = airborne[2:] & airborne[1:-1] & airborne[:-2]
    acceleration = np.diff(height, 2)[inside] * clock.fps ** 2
    assert inside.sum() > 10
    assert np.median(acceleration) == pytest.approx(-9.81, rel=0.02)


def test_bipeds_have_one_mouth_and_two_eyes_on_the_front_of_the_head() -> None:
    for kind in catalog_kinds("biped"):
        rig = biped.build(kind, Look(seed=4))
        mouths = [part for part in rig.parts if part.name == "mouth"]
        eyes = [part for part in rig.parts if part.name == "eye"]
        head = next(part for part in rig.parts if part.name == "head")
        assert len(mouths) == 1 and len(eyes) == 2, kind
        for part in [*eyes, *mouths]:
            assert part.joint == head.joint and part.offset[0] > 0.5 * head.size[0], kind
        assert {np.sign(eye.offset[1]) for eye in eyes} == {1.0, -1.0}


def test_people_are_always_clothed() -> None:
    covered = ("hips", "belly", "torso", "thigh_l", "thigh_r")
    for kind in catalog_kinds("biped"):
        for clothing in (None, "swimsuit", "tutu", "dress"):
            rig = biped.build(kind, Look(seed=1, clothing=clothing))
            for part in rig.parts:
                if part.name in covered:
                    assert part.color not in c.SKIN, (kind, clothing, part.name)


def body_colors(bodies: list[Body], name: str) -> list[tuple[float, float, float]]:
    return [body.color for body in bodies if body.kind == name]


def test_a_pigeon_in_a_tuxedo_wears_a_black_jacket_and_a_white_front() -> None:
    rig = bird.build("pigeon", Look(clothing="tuxedo"))
    bodies, _ = rig_bodies(rig, bird.animate(rig, None, Clock(2, 12)), still(2), subject="p")
    assert body_colors(bodies, "jacket") and all(max(color) < 0.05
                                                 for color in body_colors(bodies, "jacket"))
    assert body_colors(bodies, "shirt_front") and all(min(color) > 0.8 for color in
                                                      body_colors(bodies, "shirt_front"))
    assert len(body_colors(bodies, "bow_tie")) == 2
    assert not bird.build("pigeon", Look()).parts[-1].name.startswith("jacket")


def test_tuxedo_on_a_person_has_shirt_front_and_bow_tie() -> None:
    names = {part.name for part in biped.build("man", Look(clothing="tuxedo")).parts}
    assert {"shirt_front", "bow_tie"} <= names


def test_two_dancers_with_different_seeds_move_differently() -> None:
    rig = biped.build("woman", Look())
    first = biped.animate(rig, "dance", Clock(96, 24, seed=1))
    second = biped.animate(rig, "dance", Clock(96, 24, seed=2))
    arm = "upper_arm_r"
    assert np.abs(first.joints[arm] - second.joints[arm]).max() > 0.3


def test_elephant_plays_sitting_up_with_its_trunk_at_its_mouth() -> None:
    rig = quadruped.build("elephant", Look())
    clock = Clock(12, 12)
    joints = joint_frames(rig, quadruped.animate(rig, "play", clock), still(12))
    standing = joint_frames(rig, quadruped.animate(rig, None, clock), still(12))
    assert joints["head"][0, 2, 3] > standing["head"][0, 2, 3]  # reared up
    trunk_tip = joints["trunk_4"][:, :3, 3]
    head = joints["head"][:, :3, 3]
    assert (trunk_tip[:, 2] > head[:, 2] - rig.height * 0.35).all()  # curled up, not hanging
    assert "hand_r" in rig.sockets and rig.sockets["hand_r"][0] == "trunk_4"


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_unknown_kinds_and_verbs_fall_back_without_raising(family: str) -> None:
    module = FAMILIES[family]
    rig = module.build("zorblax", Look(seed=9))
    for verb in (None, "moonwalk", "walking", "xyzzy", ""):
        motion = module.animate(rig, verb, Clock(6, 12))
        assert motion.frame_count == 6
        assert module.gait_speed(rig, verb) >= 0
        assert isinstance(module.footfalls(rig, verb, Clock(6, 12)), list)
