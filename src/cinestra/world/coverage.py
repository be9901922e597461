"""What the previz world approximates of a Storyboard shot, said in words a user reads.

Every subject kind is built (a specific model, or its family's generic body: see
`assets.build_rig`), every place has a set (`sets.PLACE_SETS`, whose stand-ins warn), the
camera knows every catalog size, angle, move, lens and focus, and the renderer every look.
What is left is approximated here, by explicit tables, and reported: colours and materials
outside the physics tables, verbs a rig has no cycle for, relations the stage does not place,
lighting words, sound-effect cues and speeds beyond what the physics steps allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from cinestra.plan.storyboard import Shot, Subject
from cinestra.world.assets import FAMILY_MODULES, family_module
from cinestra.world.props import COLORS, MATERIALS
from cinestra.world.staging import PHYSICS_VERBS, SOCKET_RELATIONS

COLOR_STAND_INS = {"beige": "white", "turquoise": "blue"}
MATERIAL_STAND_INS = {"fabric": "cardboard", "leather": "rubber", "paper": "cardboard",
                      "ice": "glass", "clay": "ceramic"}
STAGED_RELATIONS = (*SOCKET_RELATIONS, "in", "on")
DRESSED_FAMILIES = ("biped", "bird")  # the families whose rigs wear the catalog's clothing
SHOWN_WEATHER = ("rain", "storm", "snow", "fog", "smoke", "steam", "wind", "clear")
MAX_SPEED = Fraction(2)  # faster worlds need too many physics steps per frame


@dataclass(frozen=True)
class Adapted:
    shot: Shot  # what the world builds: colours and materials it knows, a speed it can run
    warnings: list[str]


def _mapped(kind: str, value: str, stand_ins: dict[str, str], notes: list[str]) -> str:
    stand_in = stand_ins[value]
    notes.append(f"{kind} {value.replace('_', ' ')}: shown as {stand_in.replace('_', ' ')} "
                 "by the previz engine")
    return stand_in


def _subject(subject: Subject, notes: list[str]) -> Subject:
    color, material = subject.color, subject.material
    if color is not None and color not in COLORS:
        color = _mapped("colour", color, COLOR_STAND_INS, notes)
    if material is not None and material not in MATERIALS:
        material = _mapped("material", material, MATERIAL_STAND_INS, notes)
    if subject.clothing is not None and subject.family not in DRESSED_FAMILIES:
        notes.append(f"{subject.words} in {subject.clothing.replace('_', ' ')}: clothing is "
                     f"shown on people and birds only")
    return subject.model_copy(update={"color": color, "material": material})


def _verb_notes(shot: Shot, notes: list[str]) -> None:
    """Verbs a subject's model has no motion for: it is shown idle, or resting."""
    families = {subject.id: subject for subject in shot.subjects}
    for action in shot.actions:
        subject = families[action.subject]
        if action.verb in PHYSICS_VERBS:
            continue
        family = FAMILY_MODULES.get(subject.family)
        verbs = family_module(subject.family).VERBS if family is not None else frozenset()
        if action.verb not in verbs:
            notes.append(f"{subject.words} {action.verb}: no such motion for a "
                         f"{subject.family}, shown standing by")


def adapt(shot: Shot) -> Adapted:
    """`shot` as the previz world builds it, and a warning for each approximation."""
    notes: list[str] = []
    subjects = [_subject(s, notes) for s in shot.subjects]
    _verb_notes(shot, notes)
    kinds = {subject.id: subject.kind for subject in shot.subjects}
    for relation in shot.relations:
        hung = relation.relation == "in_front_of" and kinds[relation.subject] == "curtain"
        if relation.relation not in STAGED_RELATIONS and not hung:  # curtains hang at windows
            notes.append(f"{relation.subject} {relation.relation.replace('_', ' ')} "
                         f"{relation.target}: not staged yet, shown side by side")
    setting = shot.setting
    if setting.weather is not None and setting.weather not in SHOWN_WEATHER:
        notes.append(f"{setting.weather}: this weather is not shown yet")
    ground = setting.ground
    if ground is not None and ground not in MATERIALS:
        ground = _mapped("ground", ground, MATERIAL_STAND_INS, notes)
    style = shot.style
    speed = style.speed
    if speed > MAX_SPEED:
        notes.append(f"speed x{speed}: shown at x{MAX_SPEED}")
        speed = MAX_SPEED
    for light in style.lighting:
        notes.append(f"{light.replace('_', ' ')} light: lighting is not shown yet")
    for cue in shot.cues:
        if cue.kind == "sfx":  # dialogue and music are voiced and scored by the sound stage
            notes.append(f"{cue.text.replace('_', ' ')}: {cue.kind} is not in the soundtrack yet")
    adapted = shot.model_copy(update={
        "subjects": subjects,
        "setting": setting.model_copy(update={"ground": ground}),
        "style": style.model_copy(update={"speed": speed}),
    })
    return Adapted(shot=adapted, warnings=list(dict.fromkeys(notes)))
