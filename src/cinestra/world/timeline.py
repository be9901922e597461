"""The Timeline contract: what the world stage hands to render and sound.

Units are SI (metres, seconds, kilograms, newton-seconds); the world is z-up (MuJoCo's
convention). Every time is a `Fraction` of video seconds counted from the start of the
shot, so picture and sound derive frame indices and sample indices from the same exact
number. Frame ``i`` shows the world at ``i / fps``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Vec3 = tuple[float, float, float]
Quat = tuple[float, float, float, float]  # (w, x, y, z), MuJoCo's order

Shape = Literal["sphere", "box", "cylinder", "plane"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pose(_Frozen):
    pos: Vec3
    quat: Quat = (1.0, 0.0, 0.0, 0.0)


class Body(_Frozen):
    """A thing in the world. Scenery is `static` and keeps its `pose`; props move along a Track."""

    id: str
    kind: str  # plain English name: "ball", "floor", "wall", "table"
    shape: Shape
    # sphere: (r, r, r); box: half extents; cylinder: (radius, radius, half height);
    # plane: (half x, half y, 0)
    size: Vec3
    color: Vec3  # linear RGB in [0, 1]
    material: str  # rubber, wood, glass, metal, ceramic, stone, plastic, cardboard, concrete...
    mass: float  # kg; 0 for static scenery
    static: bool
    pose: Pose  # the pose at t=0 (and forever, for static bodies)
    wet: bool = False  # a wet surface looks glossy and sounds splashier


class Track(_Frozen):
    """One pose per frame for a moving body."""

    body: str
    poses: list[Pose]


class CameraKey(_Frozen):
    position: Vec3
    target: Vec3
    fov_deg: float  # vertical field of view
    roll_deg: float = 0.0


class Environment(_Frozen):
    place: str  # floor, table, street, park, room
    time_of_day: str  # dawn, morning, noon, afternoon, golden_hour, sunset, dusk, night
    indoor: bool
    wet: bool
    look: str  # the Storyboard style look: natural, cinematic, noir, vintage


class Impact(_Frozen):
    """A new contact between two bodies, timed to the simulation step where it began."""

    time: Fraction  # video seconds from the shot start
    body_a: str
    body_b: str
    material_a: str
    material_b: str
    position: Vec3
    impulse: float  # N·s transferred along the contact normal during the collision
    speed: float  # relative approach speed along the normal, m/s
    size: float  # characteristic size of the smaller body, m (sets the pitch of its modes)


class Timeline(_Frozen):
    shot_index: int
    fps: int
    frame_count: int
    # Frame width / height the camera was framed for (sound pans by on-screen position).
    aspect: Fraction = Fraction(16, 9)
    duration: Fraction  # video seconds
    time_scale: Fraction  # simulated seconds per video second (below 1 is slow motion)
    gravity: float = Field(9.81, description="m/s², pointing down -z")
    environment: Environment
    bodies: list[Body]
    tracks: list[Track]
    camera: list[CameraKey]  # one per frame
    impacts: list[Impact]

    def frame_time(self, index: int) -> Fraction:
        """Exact video time shown by frame `index`."""
        return Fraction(index, self.fps)

    def body(self, body_id: str) -> Body:
        for body in self.bodies:
            if body.id == body_id:
                return body
        raise KeyError(f"no body {body_id!r} in timeline")

    def track(self, body_id: str) -> Track:
        for track in self.tracks:
            if track.body == body_id:
                return track
        raise KeyError(f"no track for body {body_id!r} in timeline")
