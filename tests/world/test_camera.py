"""Camera paths, measured from the returned keys alone (no rendering)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from cinestra.plan.storyboard import Camera
from cinestra.render.previz.camera import project, view_projection
from cinestra.world.camera import camera_path, subject_boxes
from cinestra.world.timeline import Body, CameraKey, Pose, Track

FPS = 24
FRAMES = 48  # 2 s
WIDTH, HEIGHT = 320, 180
ASPECT = Fraction(16, 9)
SIZES = ["extreme_wide", "wide", "full", "medium", "medium_close_up", "close_up",
         "extreme_close_up"]
ANGLES = ["eye_level", "low", "high", "overhead", "dutch", "pov", "over_the_shoulder"]
MOVES = ["static", "pan_left", "pan_right", "tilt_up", "tilt_down", "dolly_in", "dolly_out",
         "zoom_in", "zoom_out", "tracking", "crane_up", "crane_down", "orbit", "aerial",
         "handheld", "whip_pan", "dolly_zoom"]


def person(x: float = 0.0, y: float = 0.0, *, speed: float = 0.0, height: float = 1.75,
           frames: int = FRAMES) -> np.ndarray:
    """A standing (or walking along +x) person's box per frame."""
    xs = x + speed * np.arange(frames) / FPS
    low = np.stack([xs - 0.25, np.full(frames, y - 0.15), np.zeros(frames)], axis=1)
    high = np.stack([xs + 0.25, np.full(frames, y + 0.15), np.full(frames, height)], axis=1)
    return np.stack([low, high], axis=1)


def perched_cat(under: np.ndarray) -> np.ndarray:
    """A 0.3 m cat sitting on top of `under`."""
    top = under[:, 1, 2]
    center = under.mean(axis=1)
    low = np.stack([center[:, 0] - 0.2, center[:, 1] - 0.1, top], axis=1)
    high = np.stack([center[:, 0] + 0.2, center[:, 1] + 0.1, top + 0.3], axis=1)
    return np.stack([low, high], axis=1)


def head_of(box: np.ndarray) -> np.ndarray:
    """The top 15% of a person's box, head-wide."""
    height = box[:, 1, 2] - box[:, 0, 2]
    center = box.mean(axis=1)
    low = np.stack([center[:, 0] - 0.1, center[:, 1] - 0.1, box[:, 1, 2] - 0.15 * height], 1)
    high = np.stack([center[:, 0] + 0.1, center[:, 1] + 0.1, box[:, 1, 2]], axis=1)
    return np.stack([low, high], axis=1)


def path(subjects: dict[str, np.ndarray], *, size: str = "medium", angle: str = "eye_level",
         move: str = "static", frames: int = FRAMES, **options: object) -> list[CameraKey]:
    camera = Camera(shot_size=size, angle=angle, move=move, **options)  # type: ignore[arg-type]
    return camera_path(camera, subjects, frame_count=frames, fps=FPS, aspect=ASPECT, seed=7)


CORNERS = np.array([[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)])


def in_frame(key: CameraKey, box: np.ndarray) -> bool:
    """Every corner of the box lands in front of the camera and inside the picture, by the
    renderer's own projection."""
    points = np.stack([box[CORNERS[:, axis], axis] for axis in range(3)], axis=1)
    clip = view_projection(key, width=WIDTH, height=HEIGHT) @ np.c_[points, np.ones(8)].T
    if np.any(clip[3] <= 1e-9):
        return False
    ndc = clip[:2] / clip[3]
    return bool(np.all(np.abs(ndc) <= 1.0 + 1e-6))


def test_in_frame_agrees_with_the_renderer_projection() -> None:
    key = CameraKey(position=(0.0, -5.0, 1.0), target=(0.0, 0.0, 1.0), fov_deg=40.0)
    box = np.array([[-0.3, -0.3, 0.5], [0.3, 0.3, 1.5]])
    x, y = project(key, (0.3, -0.3, 1.5), width=WIDTH, height=HEIGHT)
    assert in_frame(key, box) and 0 < x < WIDTH and 0 < y < HEIGHT
    assert not in_frame(key, box + np.array([3.0, 0.0, 0.0]))


def positions(keys: list[CameraKey]) -> np.ndarray:
    return np.array([key.position for key in keys])


def views(keys: list[CameraKey]) -> np.ndarray:
    view = np.array([key.target for key in keys]) - positions(keys)
    return view / np.linalg.norm(view, axis=1, keepdims=True)


def yaw_deg(keys: list[CameraKey]) -> np.ndarray:
    view = views(keys)
    return np.degrees(np.unwrap(np.arctan2(view[:, 1], view[:, 0])))


def pitch_deg(keys: list[CameraKey]) -> np.ndarray:
    view = views(keys)
    return np.degrees(np.arcsin(np.clip(view[:, 2], -1, 1)))


def center(box: np.ndarray) -> np.ndarray:
    return np.asarray(box.mean(axis=1))


ONE = {"skater": person()}


def test_pan_turns_the_camera_on_the_spot() -> None:
    for move, sign in (("pan_left", 1.0), ("pan_right", -1.0)):
        keys = path(ONE, size="full", move=move)
        assert np.ptp(positions(keys), axis=0).max() < 1e-6
        assert np.ptp(pitch_deg(keys)) < 0.01
        sweep = yaw_deg(keys)[-1] - yaw_deg(keys)[0]
        assert sign * sweep >= 15.0, (move, sweep)
        assert np.all(sign * np.diff(yaw_deg(keys)) >= -1e-6)  # one way, eased


def test_tilt_changes_pitch_only() -> None:
    for move, sign in (("tilt_up", 1.0), ("tilt_down", -1.0)):
        keys = path(ONE, size="wide", move=move)
        assert np.ptp(positions(keys), axis=0).max() < 1e-6
        assert np.ptp(yaw_deg(keys)) < 0.01
        assert sign * (pitch_deg(keys)[-1] - pitch_deg(keys)[0]) >= 12.0


def test_dolly_changes_distance_along_one_direction() -> None:
    subject = center(ONE["skater"])
    for move in ("dolly_in", "dolly_out"):
        keys = path(ONE, size="full", move=move)
        offset = positions(keys) - subject
        distance = np.linalg.norm(offset, axis=1)
        unit = offset / distance[:, None]
        assert np.max(np.linalg.norm(unit - unit[0], axis=1)) < 1e-4
        ratio = distance[0] / distance[-1]
        assert (ratio > 1.4) if move == "dolly_in" else (ratio < 1 / 1.4)


def test_zoom_changes_fov_only() -> None:
    for move in ("zoom_in", "zoom_out"):
        keys = path(ONE, size="medium", move=move)
        fov = np.array([key.fov_deg for key in keys])
        assert np.ptp(positions(keys), axis=0).max() < 1e-6
        assert np.ptp(np.array([key.target for key in keys]), axis=0).max() < 1e-6
        assert (fov[0] / fov[-1] > 1.5) if move == "zoom_in" else (fov[-1] / fov[0] > 1.5)


def test_orbit_keeps_distance_while_circling_90_degrees() -> None:
    keys = path(ONE, size="full", move="orbit")
    offset = positions(keys) - center(ONE["skater"])
    distance = np.linalg.norm(offset, axis=1)
    assert np.ptp(distance) / distance.mean() < 0.01
    azimuth = np.degrees(np.unwrap(np.arctan2(offset[:, 1], offset[:, 0])))
    assert abs(azimuth[-1] - azimuth[0]) >= 90.0


def test_crane_changes_height_and_keeps_the_subject_in_view() -> None:
    up = positions(path(ONE, size="full", move="crane_up"))[:, 2]
    down = positions(path(ONE, size="full", move="crane_down"))[:, 2]
    assert up[-1] - up[0] >= 1.0 and down[0] - down[-1] >= 1.0


def test_tracking_follows_a_walker_at_a_constant_distance() -> None:
    walker = {"walker": person(-3.0, speed=1.4, frames=72)}
    keys = path(walker, size="full", move="tracking", frames=72)
    distance = np.linalg.norm(positions(keys) - center(walker["walker"]), axis=1)
    assert np.ptp(distance) / distance.mean() < 0.02
    travel = positions(keys)[-1] - positions(keys)[0]
    assert travel[0] > 2.5  # it moved along with the walker (3.3 m)
    assert all(in_frame(key, walker["walker"][i]) for i, key in enumerate(keys))


def test_handheld_shakes_a_little_at_human_frequencies() -> None:
    one = {"skater": person(frames=120)}
    still = path(one, size="medium", move="static", frames=120)
    shaky = path(one, size="medium", move="handheld", frames=120)
    moved = np.linalg.norm(positions(shaky) - positions(still), axis=1)
    assert 0.005 < moved.max() <= 0.02
    turned = np.degrees(np.arccos(np.clip(np.sum(views(shaky) * views(still), axis=1), -1, 1)))
    assert 0.2 < turned.max() <= 1.0
    spectrum = np.abs(np.fft.rfft(positions(shaky)[:, 0] - positions(still)[:, 0]))
    hertz = np.fft.rfftfreq(120, 1 / FPS)
    assert 0.4 <= hertz[np.argmax(spectrum)] <= 3.1
    assert path(one, size="medium", move="handheld", frames=120) == shaky  # seeded


def test_documentary_look_is_handheld() -> None:
    camera = Camera(shot_size="medium", move="dolly_in")
    plain = camera_path(camera, ONE, frame_count=FRAMES, fps=FPS, aspect=ASPECT, seed=7)
    shot = camera_path(camera, ONE, frame_count=FRAMES, fps=FPS, aspect=ASPECT, seed=7,
                       look="documentary")
    moved = np.linalg.norm(positions(shot) - positions(plain), axis=1)
    assert 0.003 < moved.max() <= 0.02


@pytest.mark.parametrize("whip_at", ["start", "middle", "end"])
def test_whip_pan_turns_faster_than_240_degrees_a_second(whip_at: str) -> None:
    camera = Camera(shot_size="medium", move="whip_pan")
    keys = camera_path(camera, ONE, frame_count=FRAMES, fps=FPS, aspect=ASPECT, seed=7,
                       whip_at=whip_at)  # type: ignore[arg-type]
    speed = np.abs(np.diff(yaw_deg(keys))) * FPS
    assert speed.max() >= 240.0
    fast = np.flatnonzero(speed > 30.0)
    assert (fast[-1] - fast[0] + 1) / FPS <= 0.5  # one quick turn
    assert np.ptp(positions(keys), axis=0).max() < 1e-6
    middle = {"start": fast[0] < 3, "end": fast[-1] >= FRAMES - 5,
              "middle": FRAMES / 4 < fast.mean() < 3 * FRAMES / 4}
    assert middle[whip_at], fast


def test_dolly_zoom_keeps_the_subject_size() -> None:
    keys = path(ONE, size="full", move="dolly_zoom")
    distance = np.linalg.norm(positions(keys) - center(ONE["skater"]), axis=1)
    size = distance * np.tan(np.radians([key.fov_deg for key in keys]) / 2)
    assert distance[0] / distance[-1] > 1.5
    assert np.ptp(size) / size.mean() < 0.01


def test_low_high_overhead_and_dutch_angles() -> None:
    low, high = path(ONE, size="full", angle="low"), path(ONE, size="full", angle="high")
    assert pitch_deg(low).max() > 3.0 and positions(low)[0, 2] < 0.9
    assert pitch_deg(high).max() < -20.0
    overhead = path(ONE, size="full", angle="overhead")
    assert pitch_deg(overhead).max() < -80.0
    dutch = path(ONE, size="medium", angle="dutch")
    assert all(15.0 <= abs(key.roll_deg) <= 25.0 for key in dutch)
    eye = path(ONE, size="close_up", angle="eye_level")
    assert abs(positions(eye)[0, 2] - 1.65) < 0.15  # at the eyes of a 1.75 m person


def test_over_the_shoulder_looks_past_the_first_at_the_second() -> None:
    pair = {"a": person(-1.5), "b": person(1.5)}
    keys = path(pair, size="medium", angle="over_the_shoulder")
    camera = positions(keys)[0]
    assert np.linalg.norm(camera - center(pair["a"])[0]) < 1.0  # at the shoulder of a
    assert views(keys)[0, 0] > 0.8  # looking along +x, towards b
    assert in_frame(keys[0], head_of(pair["b"])[:1].repeat(1, axis=0)[0])


def test_close_up_shows_the_head_not_the_body() -> None:
    skater = ONE["skater"]
    for size, largest in (("close_up", 0.8), ("extreme_close_up", 0.35)):
        keys = path(ONE, size=size)
        assert all(in_frame(key, head_of(skater)[i]) for i, key in enumerate(keys)) \
            or size == "extreme_close_up"
        assert not in_frame(keys[0], skater[0])  # the body does not fit
        key = keys[0]
        reach = np.linalg.norm(np.array(key.target) - np.array(key.position))
        frame_height = 2 * reach * math.tan(math.radians(key.fov_deg) / 2)
        assert frame_height < largest, (size, frame_height)


def test_elephant_close_up_shows_its_head_and_cat_stays_with_the_skater() -> None:
    frames = 12
    elephant = np.tile(np.array([[-3.0, -1.0, 0.0], [3.0, 1.0, 4.5]]), (frames, 1, 1))
    head = np.tile(np.array([[2.0, -0.6, 2.6], [3.2, 0.6, 4.0]]), (frames, 1, 1))
    camera = Camera(shot_size="close_up")
    keys = camera_path(camera, {"elephant": elephant}, frame_count=frames, fps=FPS,
                       aspect=ASPECT, seed=1, heads={"elephant": head})
    assert all(in_frame(key, head[0]) for key in keys)
    assert not in_frame(keys[0], elephant[0])
    skater = person(frames=frames)
    cat = perched_cat(skater)
    keys = camera_path(Camera(shot_size="medium"), {"skater": skater, "cat": cat},
                       frame_count=frames, fps=FPS, aspect=ASPECT, seed=1)
    assert all(in_frame(key, cat[i]) and in_frame(key, head_of(skater)[i])
               for i, key in enumerate(keys))


def shown(box: np.ndarray, size: str) -> np.ndarray:
    """What a shot size must show of a standing person: whole, waist up, chest up, head."""
    if size in ("extreme_wide", "wide", "full"):
        return box
    if size in ("close_up", "extreme_close_up"):
        return head_of(box) if size == "close_up" else _face(head_of(box))
    part = box.copy()
    share = 0.5 if size == "medium" else 0.3
    part[:, 0, 2] = box[:, 1, 2] - share * (box[:, 1, 2] - box[:, 0, 2])
    return part


def _face(head: np.ndarray) -> np.ndarray:
    middle = center(head)
    return np.stack([middle - 0.04, middle + 0.04], axis=1)


SWEEP = 24  # frames per shot in the sweep over every move, size and angle
SCENES = {
    "one": {"skater": person(frames=SWEEP)},
    "walker": {"walker": person(-1.0, speed=1.4, frames=SWEEP)},
    "pair": {"a": person(-1.2, frames=SWEEP), "b": person(1.2, 0.5, height=1.6, frames=SWEEP)},
    "cat": {"skater": person(frames=SWEEP), "cat": perched_cat(person(frames=SWEEP))},
}


@pytest.mark.parametrize("scene", list(SCENES))
def test_every_move_size_and_angle_keeps_the_subjects_in_frame(scene: str) -> None:
    """What each shot size shows of a person: whole, waist up, chest up, head, face."""
    subjects = SCENES[scene]
    failures = []
    for move in MOVES:
        for size in SIZES:
            for angle in ANGLES:
                keys = path(subjects, size=size, angle=angle, move=move, frames=SWEEP)
                names = list(subjects)
                if size in ("close_up", "extreme_close_up"):
                    names = names[:1]
                if angle in ("pov", "over_the_shoulder") and scene in ("pair", "walker") \
                        and len(subjects) > 1:
                    names = names[1:]  # the first one looks
                for index, key in enumerate(keys):
                    if move == "whip_pan" and not _on_action(keys, index):
                        continue
                    for name in names:
                        box = shown(subjects[name], size) if name != "cat" else subjects[name]
                        if not in_frame(key, box[index]):
                            failures.append((move, size, angle, name, index))
    assert not failures, failures[:10]


def _on_action(keys: list[CameraKey], index: int) -> bool:
    """Outside a whip: the camera turns no faster than a slow pan around this frame."""
    yaw = yaw_deg(keys)
    near = np.abs(np.diff(yaw[max(0, index - 1):index + 2])) * FPS
    return bool(near.max(initial=0.0) < 30.0)


def test_indoor_camera_stays_in_the_room_and_above_the_floor() -> None:
    room = ((-2.0, -2.5, 0.0), (2.0, 2.5, 2.8))
    for move in ("dolly_out", "crane_up", "orbit", "aerial"):
        camera = Camera(shot_size="wide", move=move)
        keys = camera_path(camera, ONE, frame_count=FRAMES, fps=FPS, aspect=ASPECT, seed=3,
                           set_bounds=room, indoor=True)
        xyz = positions(keys)
        assert np.all(xyz >= np.array(room[0]) + 0.2) and np.all(xyz <= np.array(room[1]) - 0.2)
        assert all(in_frame(key, ONE["skater"][i]) for i, key in enumerate(keys)), move


def test_spread_subjects_widen_the_shot() -> None:
    near = path({"a": person(-0.5), "b": person(0.5)}, size="medium")
    far = path({"a": person(-6.0), "b": person(6.0)}, size="medium")
    assert np.linalg.norm(positions(far)[0]) > 2 * np.linalg.norm(positions(near)[0])


def test_focus_shallow_deep_and_rack() -> None:
    pair = {"a": person(-1.0, -1.0), "b": person(1.0, 3.0)}
    shallow = path(pair, size="medium", focus="shallow")
    assert all(key.aperture_m > 0 for key in shallow)
    near = np.linalg.norm(positions(shallow)[0] - center(shown(pair["a"], "medium"))[0])
    assert shallow[0].focus_m == pytest.approx(near, rel=0.02)
    assert all(key.aperture_m == 0 for key in path(pair, size="medium", focus="deep"))
    rack = path(pair, size="wide", focus="rack_focus")
    to_a = np.linalg.norm(positions(rack)[-1] - center(pair["a"])[-1])
    to_b = np.linalg.norm(positions(rack)[-1] - center(pair["b"])[-1])
    assert rack[0].focus_m == pytest.approx(
        np.linalg.norm(positions(rack)[0] - center(pair["a"])[0]), rel=0.02)
    assert rack[-1].focus_m == pytest.approx(to_b, rel=0.02) and abs(to_a - to_b) > 1.0


def test_lenses_change_fov_and_keep_the_framing() -> None:
    wide = path(ONE, size="full", lens="wide_angle")
    tele = path(ONE, size="full", lens="telephoto")
    assert wide[0].fov_deg > 40 > 10 > tele[0].fov_deg
    assert np.linalg.norm(positions(tele)[0]) > 4 * np.linalg.norm(positions(wide)[0])
    for keys in (wide, tele):
        assert in_frame(keys[0], ONE["skater"][0])


def test_same_inputs_same_path_and_bad_boxes_are_refused() -> None:
    pair = {"a": person(-1.2), "b": person(1.2, 0.5)}
    assert path(pair, move="orbit") == path(pair, move="orbit")
    with pytest.raises(ValueError, match="subjects"):
        path({"skater": person()[:5]})


def test_subject_boxes_from_posed_bodies() -> None:
    frames = 3
    head = Body(id="p:head", kind="head", shape="sphere", size=(0.1, 0.1, 0.12),
                color=(1, 1, 1), material="skin", mass=0, static=False,
                pose=Pose(pos=(0, 0, 1.6)), subject="p", animated=True)
    mouth = head.model_copy(update={"id": "p:mouth", "kind": "mouth", "size": (0.02,) * 3,
                                    "pose": Pose(pos=(0.09, 0, 1.55))})
    torso = head.model_copy(update={"id": "p:torso", "kind": "torso", "shape": "box",
                                    "size": (0.1, 0.2, 0.3), "pose": Pose(pos=(0, 0, 1.1))})
    quarter = (math.cos(math.pi / 4), 0.0, 0.0, math.sin(math.pi / 4))  # 90 degrees about z
    tracks = [Track(body="p:torso", poses=[Pose(pos=(x, 0, 1.1), quat=quarter)
                                           for x in (0.0, 0.5, 1.0)])]
    found = subject_boxes([head, mouth, torso], tracks, frame_count=frames, order=["p"])
    box = found.boxes["p"]
    assert box.shape == (frames, 2, 3)
    assert np.allclose(box[2, 1], [1.2, 0.1, 1.72])  # the turned torso is 0.4 m along y...
    assert np.allclose(box[2, 0], [-0.1, -0.1, 0.8])  # ...and the head stays behind
    assert np.allclose(found.heads["p"][0], [[-0.1, -0.1, 1.48], [0.1, 0.1, 1.72]])
    assert np.allclose(found.facings["p"][0], [1.0, 0.0, 0.0])


def test_transition_rule_between_shots() -> None:
    from cinestra.plan import make_storyboard
    from cinestra.world.camera import shot_transition

    shots = make_storyboard("A dog runs in a park.", seconds=Fraction(6), seed=1).shots
    shot = shots[0]
    assert shot_transition(None, shot) == "cut"
    assert shot_transition(shot, shot) == "cut"
    night = shot.model_copy(update={"setting": shot.setting.model_copy(
        update={"time_of_day": "night" if shot.setting.time_of_day != "night" else "noon"})})
    assert shot_transition(shot, night) == "crossfade"
    whip = shot.model_copy(update={"camera": shot.camera.model_copy(update={"move": "whip_pan"})})
    assert shot_transition(shot, whip) == "whip_pan"
