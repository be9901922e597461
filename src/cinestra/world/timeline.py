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
    # What the place sounds like: the Storyboard's own place name ("jazz_club", "beach"),
    # which the previz set (`place`) only stands in for. None: the same as `place`.
    setting: str | None = None
    weather: str | None = None  # the Storyboard weather: rain, storm, snow, wind, fog...
    rain: float = 0.0  # rain intensity 0..1 (storm 1, rain 0.6)

    @property
    def heard_place(self) -> str:
        return self.setting or self.place


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


Gait = Literal["walk", "run"]
VisemeShape = Literal["rest", "open", "wide", "round", "closed", "teeth", "tongue"]


class DialogueLine(_Frozen):
    """A line a character says; its first voiced sample plays at `start`."""

    speaker: str  # Subject.id ("woman_1"), or "narrator" when the prompt names nobody
    # From the speaker's catalog kind, where the word says it: set the voice's range.
    gender: Literal["male", "female"] | None = None
    age: Literal["baby", "child", "teen", "adult", "elderly"] | None = None
    language: Literal["en", "fr"]
    text: str
    start: Fraction  # video seconds from the shot start
    end: Fraction  # the line must be over by then (the next line, or the end of the shot)
    position: Vec3  # where the speaker stands: the voice pans from there


class Viseme(_Frozen):
    """A mouth shape held from `start` to `end` while `speaker` talks (lip sync)."""

    speaker: str
    start: Fraction
    end: Fraction
    shape: VisemeShape
    phoneme: str  # the IPA phoneme it comes from ("" for a pause)


class MusicCue(_Frozen):
    """The score under a shot; a shot change starts a new phrase (bar 1 at t = 0)."""

    genre: str  # jazz, orchestral, electronic, lofi, ambient, rock
    mood: str  # a plan catalog mood: happy, sad, tense, epic, romantic, calm, mysterious...
    tempo_bpm: int
    tonic: int  # MIDI note of the key's tonic, 48..59
    mode: Literal["major", "minor"]
    section: int  # which phrase of the clip's score this shot plays (0 for the first shot)
    seed: int


class Footstep(_Frozen):
    time: Fraction  # heel strike
    subject: str
    surface: str  # material of the ground: wood, concrete, grass, asphalt, tile...
    gait: Gait
    weight_kg: float
    position: Vec3


class Performance(_Frozen):
    """A subject playing an instrument from `start` to `end`: the sound stage plays notes
    in the score's key over that span (and the picture can move hands with it)."""

    subject: str
    instrument: str  # catalog subject kind: piano, saxophone, guitar, drum, violin...
    start: Fraction
    end: Fraction
    position: Vec3


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
    dialogue: list[DialogueLine] = []
    music: MusicCue | None = None
    footsteps: list[Footstep] = []
    performances: list[Performance] = []
    # Written by the sound stage once the lines are voiced (`sound.speak`), for lip sync.
    visemes: list[Viseme] = []

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
