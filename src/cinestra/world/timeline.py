"""The Timeline contract: what the world stage hands to render and sound.

Units are SI (metres, seconds, kilograms, newton-seconds); the world is z-up (MuJoCo's
convention). Every time is a `Fraction` of video seconds counted from the start of the
shot, so picture and sound derive frame indices and sample indices from the same exact
number. Frame ``i`` shows the world at ``i / fps``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

Vec3 = tuple[float, float, float]
Quat = tuple[float, float, float, float]  # (w, x, y, z), MuJoCo's order

# cone: the unit cone of radius 1 at z = -1 narrowing to its apex at z = +1 (axis local z)
Shape = Literal["sphere", "box", "cylinder", "plane", "cone"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pose(_Frozen):
    pos: Vec3
    quat: Quat = (1.0, 0.0, 0.0, 0.0)


class Body(_Frozen):
    """A thing in the world, or one rigid part of one.

    Scenery is `static` and keeps its `pose`. Props simulated by physics move along a Track.
    Characters, animals, vehicles and other assets are built of several `animated` parts
    (kind "head", "arm_upper_l", "wheel"...) that share a `subject`; each part has a Track
    written by the animation, not by physics (physics never moves an animated body).
    """

    id: str
    kind: str  # plain English name: "ball", "floor", "wall", "table"; for a part: "head", "mouth"
    shape: Shape
    # sphere: (r, r, r), or three radii for an ellipsoid; box: half extents;
    # cylinder: (radius x, radius y, half height); cone: (radius x, radius y, half height);
    # plane: (half x, half y, 0)
    size: Vec3
    color: Vec3  # linear RGB in [0, 1]
    material: str  # rubber, wood, glass, metal, ceramic, stone, plastic, cardboard, concrete...
    mass: float  # kg; 0 for static scenery
    static: bool
    pose: Pose  # the pose at t=0 (and forever, for static bodies)
    wet: bool = False  # a wet surface looks glossy and sounds splashier
    # The Storyboard subject (instance) this body is or belongs to: "cat_1", "person_1-2".
    # None for scenery. The ID render pass and the visibility checks group bodies by it.
    subject: str | None = None
    animated: bool = False  # posed by animation (its Track), not simulated
    emissive: float = 0.0  # light it gives off, as a multiple of its colour: windows, neon


class Track(_Frozen):
    """One pose per frame for a moving body."""

    body: str
    poses: list[Pose]
    # Per frame, factors on Body.size (a mouth opening, a flag unfurling); None: always 1.
    scales: list[Vec3] | None = None


class Particles(_Frozen):
    """A field of small particles: rain, snow, steam, smoke, splashes, dust.

    The world says where and how they move; `state(t)` is the one rule that turns that into
    positions, so every stage that draws or checks them agrees. Particle `i` starts at a
    point drawn from `seed` in the box `origin ± half`, drifts with `velocity` plus its own
    random velocity of up to `spread` m/s, lives `lifetime` seconds, then is reborn at its
    start point (with a phase offset, so the field is steady from the first frame).
    """

    id: str
    kind: Literal["rain", "snow", "steam", "smoke", "splash", "dust"]
    origin: Vec3  # centre of the box particles are born in
    half: Vec3  # half extents of that box
    count: int  # particles alive at any time
    velocity: Vec3  # m/s, shared
    spread: float  # m/s, each particle's own random velocity amplitude
    lifetime: float  # seconds from birth to rebirth
    size: float  # radius in metres (rain: the streak's half length is set by its speed)
    growth: float = 0.0  # m/s of radius growth over its life (steam and smoke swell)
    color: Vec3
    opacity: float  # at birth; steam and smoke fade out over their life
    seed: int

    def state(self, time: float) -> tuple[np.ndarray, np.ndarray]:
        """(positions (count, 3), ages (count,) in [0, 1)) at `time` seconds of the shot."""
        rng = np.random.default_rng(self.seed)
        start = np.asarray(self.origin) + rng.uniform(-1.0, 1.0, (self.count, 3)) * self.half
        own = rng.uniform(-1.0, 1.0, (self.count, 3)) * self.spread
        phase = rng.uniform(0.0, 1.0, self.count)
        ages = np.mod(time / self.lifetime + phase, 1.0)
        elapsed = (ages * self.lifetime)[:, None]
        return start + (np.asarray(self.velocity) + own) * elapsed, ages


class Cloth(_Frozen):
    """A simulated sheet (curtain, flag, jacket): a grid of vertices, positions per frame."""

    id: str
    kind: str  # curtain, flag, jacket
    subject: str | None = None
    rows: int  # vertices down the sheet
    columns: int  # vertices across
    color: Vec3
    material: str  # fabric, cloth... for the sound of it moving
    # frames[f] holds rows * columns positions, row by row (row 0 is the hung or held edge).
    frames: list[list[Vec3]]


class Light(_Frozen):
    """A point light of the set: a lamp, a spotlight on a stage, a neon sign, a window."""

    position: Vec3
    color: Vec3  # linear RGB
    intensity: float  # multiple of the colour at 1 m; falls off with the square of distance
    reach: float  # metres beyond which it is ignored


class CameraKey(_Frozen):
    position: Vec3
    target: Vec3
    fov_deg: float  # vertical field of view
    roll_deg: float = 0.0
    # Depth of field: the distance in focus and the lens's aperture diameter (thin lens).
    # aperture_m 0 keeps everything sharp.
    focus_m: float | None = None
    aperture_m: float = 0.0


class Environment(_Frozen):
    place: str  # the previz set built: floor, table, street, park, room, kitchen, beach...
    time_of_day: str  # dawn, morning, noon, afternoon, golden_hour, sunset, dusk, night
    indoor: bool
    wet: bool
    look: str  # the Storyboard style look: natural, cinematic, noir, vintage
    # What the place sounds like: the Storyboard's own place name ("jazz_club", "beach"),
    # which the previz set (`place`) only stands in for. None: the same as `place`.
    setting: str | None = None
    weather: str | None = None  # the Storyboard weather: rain, storm, snow, wind, fog...
    rain: float = 0.0  # rain intensity 0..1 (storm 1, rain 0.6)
    haze: float = 0.0  # extra fog 0..1: smoke in a club, fog, steam in a kitchen
    city: str | None = None  # the Storyboard city whose look the set has (paris, tokyo...)

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


class Actor(_Frozen):
    """A named subject instance as the world staged it: what it is, does, and where it goes."""

    subject: str  # instance id, as in Body.subject
    kind: str  # catalog subject kind
    family: str  # the family its rig was built as (after any fallback)
    verb: str | None  # what it is animated doing (None: idle; physics props: their verb)
    # Per frame: the rig origin's (x, y, z) on the ground and heading in radians (0 faces +x).
    path: list[tuple[float, float, float, float]]
    height: float  # m, top of the rig at rest


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
    actors: list[Actor] = []
    particles: list[Particles] = []
    cloths: list[Cloth] = []
    lights: list[Light] = []
    # How this shot follows the previous one in the clip (the first shot's is ignored).
    transition: Literal["cut", "crossfade", "whip_pan"] = "cut"
    dialogue: list[DialogueLine] = []
    music: MusicCue | None = None
    footsteps: list[Footstep] = []
    performances: list[Performance] = []
    # What the world approximated or left out of the shot, in words a user reads.
    warnings: list[str] = []
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

    def subject_bodies(self, subject: str) -> list[Body]:
        """Every body of one Storyboard subject instance (its parts, or the prop itself)."""
        return [body for body in self.bodies if body.subject == subject]

    def track(self, body_id: str) -> Track:
        for track in self.tracks:
            if track.body == body_id:
                return track
        raise KeyError(f"no track for body {body_id!r} in timeline")
