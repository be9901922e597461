"""Hand-built Timelines for tests: a floor, a ball, a few impacts, a static camera."""

from __future__ import annotations

from fractions import Fraction

from cinestra.world.timeline import (
    Body,
    CameraKey,
    Environment,
    Impact,
    Pose,
    Timeline,
    Vec3,
)

CAMERA = CameraKey(position=(0.0, -3.0, 1.0), target=(0.0, 0.0, 0.2), fov_deg=40.0)


def make_impact(
    time: Fraction,
    *,
    impulse: float = 0.5,
    material_a: str = "rubber",
    material_b: str = "wood",
    position: Vec3 = (0.0, 0.0, 0.0),
    speed: float = 3.0,
    size: float = 0.065,
) -> Impact:
    """The ball (body_a) hitting the floor (body_b) at `time`."""
    return Impact(
        time=time,
        body_a="ball",
        body_b="floor",
        material_a=material_a,
        material_b=material_b,
        position=position,
        impulse=impulse,
        speed=speed,
        size=size,
    )


def make_timeline(
    impacts: list[Impact],
    *,
    duration: Fraction = Fraction(2),
    fps: int = 24,
    shot_index: int = 0,
    place: str = "room",
    indoor: bool = True,
    wet: bool = False,
    camera: CameraKey = CAMERA,
    ball_material: str = "rubber",
    floor_material: str = "wood",
) -> Timeline:
    """A one-shot Timeline with a floor plane and a 6.5 cm ball, the camera 3 m away.

    `wet` wets both the environment and the floor.
    """
    frame_count = int(duration * fps)
    floor = Body(
        id="floor",
        kind="floor",
        shape="plane",
        size=(5.0, 5.0, 0.0),
        color=(0.6, 0.45, 0.3),
        material=floor_material,
        mass=0.0,
        static=True,
        pose=Pose(pos=(0.0, 0.0, 0.0)),
        wet=wet,
    )
    ball = Body(
        id="ball",
        kind="ball",
        shape="sphere",
        size=(0.0325, 0.0325, 0.0325),
        color=(0.8, 0.1, 0.1),
        material=ball_material,
        mass=0.057,
        static=False,
        pose=Pose(pos=(0.0, 0.0, 1.0)),
    )
    return Timeline(
        shot_index=shot_index,
        fps=fps,
        frame_count=frame_count,
        duration=duration,
        time_scale=Fraction(1),
        environment=Environment(
            place=place, time_of_day="noon", indoor=indoor, wet=wet, look="natural"
        ),
        bodies=[floor, ball],
        tracks=[],
        camera=[camera] * frame_count,
        impacts=impacts,
    )
