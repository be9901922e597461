"""Object assets: every catalog kind of the vehicle, instrument, prop, food, furniture,
building, landmark and plant families builds at its real size, stands on the ground,
and moves the way its verb says (wheels roll, keys press, hands turn, flames flicker)."""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np
import pytest
from numpy.typing import NDArray
from scipy.spatial.transform import Rotation

from cinestra.plan.catalog import load_catalog
from cinestra.world.assets import (
    Clock,
    Look,
    build_rig,
    family_module,
    instrument,
    objects,
    vehicle,
)
from cinestra.world.assets.bodies import rig_bodies
from cinestra.world.assets.rig import Motion, Rig, joint_frames, part_frames
from cinestra.world.assets.solids import posed_bounds
from cinestra.world.timeline import Body

FAMILIES = ("vehicle", "instrument", "prop", "food", "furniture", "building", "landmark",
            "plant")
CATALOG_KINDS = {family: sorted(kind for kind, entry in load_catalog().subjects.items()
                                if entry.family == family) for family in FAMILIES}
EXPECTED_COUNTS = {"vehicle": 24, "instrument": 16, "prop": 44, "food": 19, "furniture": 11,
                   "building": 13, "plant": 12, "landmark": 15}
ALL = [(family, kind) for family in FAMILIES for kind in CATALOG_KINDS[family]]
TYPICAL_VERB = {"vehicle": "drive", "instrument": "play", "prop": "open", "food": None,
                "furniture": "cook", "building": "spin", "landmark": None, "plant": "rustle"}
# Parts a software rasteriser draws one call each: most objects stay small.
LARGE_PART_COUNTS = {"piano": 70, "skyscraper": 150, "apartment_building": 90,
                     "colosseum": 60, "leaning_tower_of_pisa": 90, "golden_gate_bridge": 50}


def built(family: str, kind: str, look: Look | None = None) -> Rig:
    return family_module(family).build(kind, look or Look())  # type: ignore[no-any-return]


def clock(frames: int = 12, fps: int = 24, seed: int = 0) -> Clock:
    return Clock(frame_count=frames, fps=fps, seed=seed)


def world_parts(rig: Rig, motion: Motion) -> dict[str, NDArray[np.float64]]:
    """World (n, 4, 4) frames of each part by its body name (as rig_bodies names them)."""
    place = np.tile(np.eye(4), (motion.frame_count, 1, 1))
    frames: dict[str, NDArray[np.float64]] = {}
    for part, matrix in part_frames(rig, joint_frames(rig, motion, place)):
        name, count = part.name, 1
        while name in frames:
            name, count = f"{part.name}.{count}", count + 1
        frames[name] = matrix
    return frames


def surface_points(body: Body) -> NDArray[np.float64]:
    """World points sampled on a body's surface (corners, rims, a sphere's directions):
    an independent check of the builder's own bounds."""
    angles = np.linspace(0.0, 2 * math.pi, 72, endpoint=False)
    ring = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    if body.shape == "sphere":
        z = np.linspace(-1.0, 1.0, 37)
        r = np.sqrt(1 - z ** 2)
        unit = np.array([(ri * c, ri * s, zi) for zi, ri in zip(z, r, strict=True)
                         for c, s in ring])
    elif body.shape in ("box", "plane"):
        unit = np.array([(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], float)
    elif body.shape == "cylinder":
        unit = np.concatenate([np.column_stack([ring, np.full(72, h)]) for h in (-1.0, 1.0)])
    else:  # cone: base rim at z = -1, apex at +1
        unit = np.vstack([np.column_stack([ring, np.full(72, -1.0)]), [0.0, 0.0, 1.0]])
    w, x, y, z = body.pose.quat
    rotation = Rotation.from_quat([x, y, z, w])
    return np.asarray(rotation.apply(unit * np.asarray(body.size)) + np.asarray(body.pose.pos))


def test_every_catalog_kind_has_its_own_model() -> None:
    for family in FAMILIES:
        assert len(CATALOG_KINDS[family]) == EXPECTED_COUNTS[family]
        module = family_module(family)
        kinds = getattr(module, "FAMILY_KINDS", {}).get(family, module.KINDS)
        assert set(CATALOG_KINDS[family]) == set(kinds), family
        for kind in CATALOG_KINDS[family]:
            _, warnings = build_rig(kind, family, Look())
            assert warnings == [], (kind, warnings)


@pytest.mark.parametrize(("family", "kind"), ALL)
def test_kind_builds_sized_grounded_and_animates_finitely(family: str, kind: str) -> None:
    rig = built(family, kind)
    module = family_module(family)
    assert rig.kind == kind and rig.family == family
    assert 0 < len(rig.parts) <= LARGE_PART_COUNTS.get(kind, 40), len(rig.parts)
    assert min(rig.height, rig.length, rig.width) > 0.001
    low, high = posed_bounds(rig, Motion.rest(1))
    if family == "instrument" and instrument.is_hand_held(rig):
        assert rig.sockets["grip"] == ("root", (0.0, 0.0, 0.0))  # held by its origin
        assert high[2] - low[2] == pytest.approx(rig.height, abs=1e-3)
    else:
        rest, _ = rig_bodies(rig, Motion.rest(1), np.eye(4)[None], subject="rest")
        lowest = min(float(surface_points(body)[:, 2].min()) for body in rest)
        assert abs(lowest) < 0.01, f"{kind} floats or sinks: lowest point {lowest:.3f} m"
        assert high[2] == pytest.approx(rig.height, abs=1e-3)
    motion = module.animate(rig, TYPICAL_VERB[family], clock(6))
    place = np.tile(np.eye(4), (6, 1, 1))
    place[:, 0, 3] = np.linspace(0.0, 1.0, 6)
    bodies, tracks = rig_bodies(rig, motion, place, subject=f"{kind}_1")
    assert len(bodies) == len(rig.parts) == len(tracks)
    for track in tracks:
        assert all(math.isfinite(v) for pose in track.poses for v in (*pose.pos, *pose.quat))
    assert module.gait_speed(rig, None) == 0.0


@pytest.mark.parametrize(("family", "kind", "measure", "low", "high"), [
    ("vehicle", "car", "length", 3.5, 5.0), ("vehicle", "bus", "length", 9.0, 13.0),
    ("vehicle", "bicycle", "length", 1.5, 2.0), ("vehicle", "plane", "length", 20.0, 80.0),
    ("vehicle", "skateboard", "length", 0.7, 1.0), ("vehicle", "ship", "length", 50.0, 400.0),
    ("instrument", "saxophone", "height", 0.5, 0.9), ("instrument", "piano", "height", 1.0, 1.6),
    ("instrument", "guitar", "width", 0.9, 1.1), ("instrument", "double_bass", "height", 1.7, 2.2),
    ("prop", "ball", "height", 0.15, 0.3), ("prop", "door", "height", 1.9, 2.3),
    ("prop", "cup", "height", 0.07, 0.14), ("food", "apple", "height", 0.05, 0.12),
    ("food", "pizza", "length", 0.25, 0.45), ("furniture", "chair", "height", 0.8, 1.1),
    ("furniture", "bed", "length", 1.8, 2.3), ("building", "skyscraper", "height", 80.0, 500.0),
    ("building", "house", "height", 5.0, 12.0),
    ("landmark", "eiffel_tower", "height", 250.0, 340.0),
    ("landmark", "statue_of_liberty", "height", 85.0, 100.0),
    ("landmark", "mount_fuji", "height", 3500.0, 4000.0), ("plant", "tree", "height", 3.0, 20.0),
    ("plant", "flower", "height", 0.15, 0.8),
])
def test_real_world_sizes(family: str, kind: str, measure: str, low: float,
                          high: float) -> None:
    assert low <= getattr(built(family, kind), measure) <= high


def test_sockets_for_riders_players_and_things_put_on_top() -> None:
    for family, kind in ALL:
        rig = built(family, kind)
        assert "top" in rig.sockets, kind
        needed = {"vehicle": {"seat", "roof"}, "instrument": {"grip"}}.get(family, set())
        assert needed <= set(rig.sockets), kind
    for kind in ("saxophone", "trumpet", "trombone", "clarinet", "flute"):
        assert "mouthpiece" in instrument.build(kind, Look()).sockets
    for kind in ("chair", "armchair", "sofa", "bed", "bench", "stool"):
        rig = objects.build(kind, Look())
        joint, offset = rig.sockets["seat"]
        assert joint == "root" and 0.3 < offset[2] + rig.joints[0].offset[2] < 0.8, kind
    crate = objects.build("crate", Look())
    top = crate.sockets["top"][1][2] + crate.joints[0].offset[2]
    assert top == pytest.approx(crate.height, abs=1e-3)


def _angular_speeds(motion: Motion, joint: str, fps: int) -> NDArray[np.float64]:
    """rad/s between consecutive frames of one joint's local rotation."""
    stack = motion.joints[joint]
    relative = Rotation.from_matrix(np.einsum("nji,njk->nik", stack[:-1], stack[1:]))
    return np.asarray(relative.magnitude(), dtype=np.float64) * fps


@pytest.mark.parametrize("kind", ["car", "taxi", "bus", "fire_truck", "bicycle", "motorcycle",
                                  "scooter", "skateboard", "train", "tram", "tractor"])
@pytest.mark.parametrize(("verb", "scale"), [("drive", 1.0), ("race", 1.0), ("drive", 4.0)])
def test_driving_wheels_roll_without_slipping(kind: str, verb: str, scale: float) -> None:
    rig = vehicle.build(kind, Look(scale=scale))
    speed = vehicle.gait_speed(rig, verb)
    assert speed > 1.0
    fps = 600  # fine steps so no wheel turns more than half a revolution per frame
    motion = vehicle.animate(rig, verb, clock(20, fps))
    wheels = [joint.name for joint in rig.joints if joint.name.startswith("wheel")]
    assert len(wheels) >= 2
    for wheel in wheels:
        rim_speed = _angular_speeds(motion, wheel, fps) * vehicle.wheel_radius(rig, wheel)
        assert np.allclose(rim_speed, speed, rtol=0.02), (wheel, rim_speed[:3], speed)
    assert vehicle.gait_speed(rig, "float") == 0.0


def test_parked_wheels_stay_still_and_rotors_idle() -> None:
    car = vehicle.build("car", Look())
    motion = vehicle.animate(car, None, clock())
    assert np.allclose(_angular_speeds(motion, "wheel_front_l", 24), 0.0)
    helicopter = vehicle.build("helicopter", Look())
    idle = _angular_speeds(vehicle.animate(helicopter, None, clock()), "rotor", 24)
    flying = _angular_speeds(vehicle.animate(helicopter, "fly", clock()), "rotor", 24)
    assert 0 < idle.mean() < flying.mean()


def test_rocket_flame_shows_only_while_flying() -> None:
    rocket = vehicle.build("rocket", Look())
    nozzle_z = next(part.offset[2] - part.size[2] for part in rocket.parts
                    if part.name == "nozzle") + rocket.joints[0].offset[2]
    for verb, below in ((None, False), ("fly", True)):
        flame = world_parts(rocket, vehicle.animate(rocket, verb, clock(3)))["flame"]
        assert bool(flame[0, 2, 3] < nozzle_z) is below, verb


def test_clock_hands_turn_clockwise_at_their_rates() -> None:
    rig = objects.build("clock", Look())
    fps, frames = 24, 49
    motion = objects.animate(rig, None, clock(frames, fps))
    second = _angular_speeds(motion, "hand_second", fps)
    assert np.allclose(second, 2 * math.pi / 60, rtol=1e-3)
    minute = _angular_speeds(motion, "hand_minute", fps)
    assert np.allclose(minute, 2 * math.pi / 3600, rtol=1e-2)
    # seed 0 starts at 10:10:00, the second hand at 12; seen from the front (+x) it moves
    # towards 3, which is on the viewer's right: +y
    hand = world_parts(rig, motion)["hand_second"][:, :3, 3]
    assert np.all(np.diff(hand[:24, 1]) > 0) and hand[24, 2] < hand[0, 2]


def test_candle_flame_flickers_irregularly() -> None:
    rig = objects.build("candle", Look())
    tips = world_parts(rig, objects.animate(rig, None, clock(48)))["flame"][:, :3, 3]
    steps = np.linalg.norm(np.diff(tips, axis=0), axis=1)
    assert steps.min() > 0.0 and tips[:, :2].std(axis=0).min() > 1e-4
    assert steps.std() > 0.1 * steps.mean()  # not a steady circle


def test_piano_keys_go_down_when_played_only() -> None:
    rig = instrument.build("piano", Look())
    keys = [name for name in world_parts(rig, Motion.rest(1)) if name.startswith("key_")]
    assert len(keys) >= 40
    rest = world_parts(rig, Motion.rest(24))
    for verb, moves in (("play", True), ("dance", False)):
        played = world_parts(rig, instrument.animate(rig, verb, clock(24)))
        drops = [float((rest[key][:, 2, 3] - played[key][:, 2, 3]).max()) for key in keys]
        pressed = sum(drop > 0.003 for drop in drops)
        assert (pressed >= 3) is moves, (verb, pressed)
        assert min(drops) > -1e-9  # keys never rise above their rest


def test_accordion_bellows_breathe_and_bows_saw() -> None:
    accordion = instrument.build("accordion", Look())
    bass = world_parts(accordion, instrument.animate(accordion, "play", clock(48)))["bass_end"]
    assert np.ptp(bass[:, 1, 3]) > 0.02
    cello = instrument.build("cello", Look())
    bow = world_parts(cello, instrument.animate(cello, "play", clock(24)))["bow_stick"]
    assert np.ptp(bow[:, :3, 1], axis=0).max() > 0.05


def test_window_and_door_swing_open() -> None:
    for kind, part in (("window", "pane"), ("door", "door")):
        rig = objects.build(kind, Look())
        opened = world_parts(rig, objects.animate(rig, "open", clock(48)))[part]
        closed = world_parts(rig, objects.animate(rig, "close", clock(48)))[part]
        assert opened[-1, 0, 3] - opened[0, 0, 3] > 0.15, kind  # swung out towards +x
        assert closed[-1, 0, 3] < closed[0, 0, 3], kind


def test_stove_burners_glow_when_cooking() -> None:
    rig = objects.build("stove", Look())
    hob = rig.height
    for verb, shown in ((None, False), ("cook", True)):
        glow = world_parts(rig, objects.animate(rig, verb, clock(2)))["burner_glow"]
        top = glow[0, 2, 3] + 0.003
        assert bool(top > hob) is shown, verb
    assert any(part.emissive > 0 for part in rig.parts if part.name == "burner_glow")


def test_pot_lid_rattles_when_simmering() -> None:
    rig = objects.build("pot", Look())
    for verb, rattles in ((None, False), ("simmer", True)):
        lid = world_parts(rig, objects.animate(rig, verb, clock(24)))["lid"]
        assert bool(np.ptp(lid[:, :3, :3], axis=0).max() > 1e-3) is rattles


def test_rolling_ball_turns_about_its_centre_at_gait_speed() -> None:
    rig = objects.build("ball", Look())
    speed = objects.gait_speed(rig, "roll")
    assert speed > 0
    fps = 120
    motion = objects.animate(rig, "roll", clock(10, fps))
    centre = world_parts(rig, motion)["ball"][:, :3, 3]
    assert np.allclose(centre, centre[0], atol=1e-9)
    spin = Rotation.from_matrix(np.einsum("nji,njk->nik", motion.root_rotation[:-1],
                                          motion.root_rotation[1:])).magnitude() * fps
    assert np.allclose(spin * rig.height / 2, speed, rtol=0.02)


@pytest.mark.parametrize("family", FAMILIES)
def test_unknown_kind_and_verb_fall_back_without_raising(family: str) -> None:
    module: ModuleType = family_module(family)
    rig = module.build("flux_capacitor", Look(color=(0.1, 0.9, 0.1)))
    assert rig.kind == "flux_capacitor" and rig.parts
    low, _ = posed_bounds(rig, Motion.rest(1))
    assert abs(low[2]) < 0.01 or family == "instrument"
    motion = module.animate(rig, "teleport", clock(4))
    assert motion.frame_count == 4
    assert module.gait_speed(rig, "teleport") == 0.0


@pytest.mark.parametrize(("family", "kind"), [
    ("vehicle", "car"), ("instrument", "piano"), ("prop", "ball"), ("food", "cake"),
    ("furniture", "sofa"), ("building", "house"), ("landmark", "tokyo_tower"),
    ("plant", "tulip")])
def test_look_colour_material_and_scale_change_the_rig(family: str, kind: str) -> None:
    plain = built(family, kind)
    green = (0.05, 0.8, 0.1)
    painted = built(family, kind, Look(color=green))
    assert sum(part.color == green for part in painted.parts) >= 1
    assert sum(part.color == green for part in plain.parts) == 0
    assert [p.size for p in painted.parts] == [p.size for p in plain.parts]
    stony = built(family, kind, Look(material="stone"))
    assert sum(part.material == "stone" for part in stony.parts) > sum(
        part.material == "stone" for part in plain.parts)
    giant = built(family, kind, Look(scale=4.0))
    assert giant.height == pytest.approx(4 * plain.height, rel=1e-3)
    assert giant.length == pytest.approx(4 * plain.length, rel=1e-3)
    low, _ = posed_bounds(giant, Motion.rest(1))
    assert abs(low[2]) < 0.01


def test_lit_windows_vary_with_the_seed_and_builds_repeat() -> None:
    def lit(seed: int) -> list[str]:
        rig = family_module("building").build("apartment_building", Look(seed=seed))
        return [f"{p.offset}" for p in rig.parts if p.name == "window" and p.emissive > 0]

    assert lit(1) == lit(1)
    assert lit(1) != lit(2) and lit(1) and lit(2)
    assert family_module("building").build("skyscraper", Look()).sockets["roof"][1][2] > 80


def test_windmill_sails_turn_and_plants_sway() -> None:
    mill = family_module("building").build("windmill", Look())
    sails = world_parts(mill, family_module("building").animate(mill, None, clock(12)))["sail"]
    assert np.ptp(sails[:, 2, 3]) > 0.1
    plant = family_module("plant")
    for kind in ("tree", "sunflower", "bamboo"):
        rig = plant.build(kind, Look())
        calm = world_parts(rig, plant.animate(rig, None, clock(48)))
        windy = world_parts(rig, plant.animate(rig, "rustle", clock(48)))
        top = max(calm, key=lambda name: calm[name][0, 2, 3])
        assert 0 < np.ptp(calm[top][:, 0, 3]) < np.ptp(windy[top][:, 0, 3]), kind
