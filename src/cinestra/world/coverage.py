"""What the previz world can show today, and how the rest of a Storyboard is approximated.

The Storyboard names anything in the plan catalog; the world builds 5 sets, 13 prop kinds
with 6 physics verbs, 8 camera moves, 5 shot sizes, 4 angles and 4 looks. `adapt(shot)`
maps the rest onto these by the explicit tables below and says, in words a user reads,
what was approximated and what is not shown. Subjects without a model are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cinestra.plan.storyboard import Action, Shot, Subject
from cinestra.world.props import COLORS, MATERIALS, PROPS

PLACES = ("floor", "table", "street", "park", "room")
PLACE_STAND_INS = {
    # interiors: the plain room
    "kitchen": "room", "jazz_club": "room", "restaurant": "room", "cafe": "room",
    "classroom": "room", "gym": "room", "office": "room", "library": "room",
    "museum": "room", "stage": "room", "ice_rink": "room", "swimming_pool": "room",
    "bathroom": "room", "hospital": "room", "studio": "room", "cave": "room",
    "underwater": "room", "space": "room",
    # built-up outdoors: the street
    "rooftop": "street", "city": "street", "alley": "street", "market": "street",
    "train_station": "street", "airport": "street", "harbor": "street", "bridge": "street",
    # open ground: the park's lawn
    "beach": "park", "field": "park", "savanna": "park", "forest": "park", "jungle": "park",
    "mountain": "park", "snowfield": "park", "desert": "park", "playground": "park",
    "stadium": "park", "lake": "park", "river": "park", "ocean": "park", "moon": "park",
    "garden": "park", "hill": "park", "sky": "park", "highway": "street",
}
SHOT_SIZES = ("extreme_wide", "wide", "medium", "close_up", "extreme_close_up")
SHOT_SIZE_STAND_INS = {"full": "wide", "medium_close_up": "close_up"}
ANGLES = ("eye_level", "low", "high", "overhead")
ANGLE_STAND_INS = {"dutch": "eye_level", "pov": "eye_level", "over_the_shoulder": "eye_level"}
MOVES = ("static", "pan_left", "pan_right", "dolly_in", "dolly_out", "zoom_in", "zoom_out",
         "orbit")
MOVE_STAND_INS = {
    "tilt_up": "pan_right", "tilt_down": "pan_left",  # a turn on the spot, sideways
    "tracking": "pan_right", "whip_pan": "pan_right",
    "crane_up": "dolly_out", "crane_down": "dolly_in",  # the distance changes, not the height
    "aerial": "orbit", "dolly_zoom": "dolly_in", "handheld": "static",
}
LOOKS = ("natural", "cinematic", "noir", "vintage")
LOOK_STAND_INS = {
    "documentary": "natural", "cartoon": "natural", "anime": "natural",
    "claymation": "natural", "photoreal": "natural", "pixel_art": "natural",
    "comic": "natural", "low_poly": "natural", "watercolor": "vintage",
    "oil_painting": "vintage",
}
COLOR_STAND_INS = {"beige": "white", "turquoise": "blue"}
MATERIAL_STAND_INS = {"fabric": "cardboard", "leather": "rubber", "paper": "cardboard",
                      "ice": "glass", "clay": "ceramic"}
PHYSICS_VERBS = ("bounce", "roll", "fall", "slide", "topple", "rest")
MAX_SPEED = Fraction(2)  # faster worlds need too many physics steps per frame


@dataclass(frozen=True)
class Adapted:
    shot: Shot  # only what the world can build; cues and relations are left out
    warnings: list[str]


def _mapped(kind: str, value: str, known: tuple[str, ...], stand_ins: dict[str, str],
            notes: list[str]) -> str:
    if value in known:
        return value
    stand_in = stand_ins[value]
    notes.append(f"{kind} {value.replace('_', ' ')}: shown as {stand_in.replace('_', ' ')} "
                 "by the previz engine")
    return stand_in


def _subject(subject: Subject, notes: list[str]) -> Subject:
    color, material = subject.color, subject.material
    if color is not None and color not in COLORS:
        color = _mapped("colour", color, tuple(COLORS), COLOR_STAND_INS, notes)
    if material is not None and material not in MATERIALS:
        material = _mapped("material", material, tuple(MATERIALS), MATERIAL_STAND_INS, notes)
    if subject.clothing is not None:
        notes.append(f"{subject.words} in {subject.clothing}: clothing not shown yet")
    return subject.model_copy(update={"color": color, "material": material})


def _actions(shot: Shot, shown: set[str], notes: list[str]) -> list[Action]:
    """One physics verb per shown prop: the first the prompt gives it, else "rest"."""
    actions: list[Action] = []
    for subject in shot.subjects:
        if subject.id not in shown:
            continue
        verbs = [a.verb for a in shot.actions if a.subject == subject.id]
        physical = [verb for verb in verbs if verb in PHYSICS_VERBS]
        for verb in verbs:
            if verb not in PHYSICS_VERBS or (physical and verb != physical[0]):
                notes.append(f"{subject.words} {verb}: not shown by the previz engine yet")
        if physical:
            actions.append(Action(subject=subject.id, verb=physical[0]))
    return actions


def _setting_notes(shot: Shot, notes: list[str]) -> str:
    setting = shot.setting
    place = setting.place
    if setting.city is not None:
        notes.append(f"{setting.city.replace('_', ' ')}: the city's look is not shown yet")
        if place == "floor":  # no place named: the city's streets
            place = "street"
    if setting.weather is not None:
        notes.append(f"{setting.weather}: weather is not shown yet")
    return _mapped("place", place, PLACES, PLACE_STAND_INS, notes)


def adapt(shot: Shot) -> Adapted:
    """`shot` as the previz world can build it, and a warning for each approximation."""
    notes: list[str] = []
    shown = {s.id for s in shot.subjects if s.kind in PROPS}
    for subject in shot.subjects:
        if subject.id not in shown:
            notes.append(f"{subject.words}: not shown by the previz engine yet")
    subjects = [_subject(s, notes) for s in shot.subjects if s.id in shown]
    actions = _actions(shot, shown, notes)
    place = _setting_notes(shot, notes)
    ground = shot.setting.ground
    if ground is not None and ground not in MATERIALS:
        ground = _mapped("ground", ground, tuple(MATERIALS), MATERIAL_STAND_INS, notes)
    camera = shot.camera
    for name in (camera.lens, camera.focus):
        if name is not None:
            notes.append(f"{name.replace('_', ' ')}: lens and focus are not shown yet")
    style = shot.style
    speed = style.speed
    if speed > MAX_SPEED:
        notes.append(f"speed x{speed}: shown at x{MAX_SPEED}")
        speed = MAX_SPEED
    for light in style.lighting:
        notes.append(f"{light.replace('_', ' ')} light: lighting is not shown yet")
    if shot.relations:
        notes.append("where subjects stand relative to each other is not staged yet")
    for cue in shot.cues:
        if cue.kind == "sfx":  # dialogue and music are voiced and scored by the sound stage
            notes.append(f"{cue.text.replace('_', ' ')}: {cue.kind} is not in the soundtrack yet")
    adapted = shot.model_copy(update={
        "subjects": subjects,
        "actions": actions,
        "relations": [],
        "cues": [],
        "setting": shot.setting.model_copy(update={"place": place, "ground": ground}),
        "camera": camera.model_copy(update={
            "shot_size": _mapped("shot size", camera.shot_size, SHOT_SIZES,
                                 SHOT_SIZE_STAND_INS, notes),
            "angle": _mapped("angle", camera.angle, ANGLES, ANGLE_STAND_INS, notes),
            "move": _mapped("move", camera.move, MOVES, MOVE_STAND_INS, notes),
        }),
        "style": style.model_copy(update={
            "look": _mapped("style", style.look, LOOKS, LOOK_STAND_INS, notes),
            "speed": speed,
        }),
    })
    return Adapted(shot=adapted, warnings=list(dict.fromkeys(notes)))
