"""Who is where: the cast of a shot, the set it plays on, and who rides on whom.

`cast(shot)` turns the Storyboard's subjects, actions and relations into Roles (one per
instance: "person_1-2"), each either simulated by physics (a dropped ball, two clinking
glasses) or built as a rig and animated (people, animals, vehicles, instruments...), and
anchored to another role's socket when a relation says so (a cat on a skater's head, a
saxophone in an elephant's trunk, a dish in a pot). `stage_setting(shot, roles)` picks the
set the shot needs when the prompt names none (skaters skate on ice, a bear on a skyscraper
stands on its roof).
"""

from __future__ import annotations

from dataclasses import dataclass

from cinestra.plan.catalog import load_catalog
from cinestra.plan.storyboard import Camera, Setting, Shot, Subject
from cinestra.plan.text import tokenize
from cinestra.world.props import PROPS

# Verbs the physics engine plays on a simulated prop; "clink" pushes two glasses together.
PHYSICS_VERBS = ("bounce", "roll", "fall", "slide", "topple", "rest", "clink", "crash")
# Verbs that carry a subject across the set (its rig's gait speed moves it along a path).
TRAVEL_VERBS = ("walk", "run", "race", "cross", "chase", "gallop", "crawl", "drive", "ride",
                "swim", "fly", "skate", "surf", "dive")
# Instruments a player holds; the others stand on the floor and the player sits or stands at them.
HELD_INSTRUMENTS = ("saxophone", "violin", "guitar", "electric_guitar", "trumpet", "trombone",
                    "clarinet", "flute", "accordion", "ukulele", "microphone")
BUILDINGS = ("building", "landmark")
SMALL_PROP_M = 0.3  # props this small on a bare floor go on a table, where a camera sees them

# relation -> (socket on the target, offset along the socket's z in metres)
SOCKET_RELATIONS = {
    "on_head": "head_top", "on_back": "back", "on_shoulder": "head_top", "in_hand": "hand_r",
}


@dataclass(frozen=True)
class ClothSpec:
    """How a cloth subject hangs: its size and where its pinned edge is on the stage."""

    width: float  # m
    height: float  # m
    anchor_y: float  # m from the stage centre along +y (away from the camera)
    anchor_z: float  # m above the stage floor
    color: tuple[float, float, float]


CLOTH_KINDS = {
    # A curtain hangs at the back of the stage (an open window behind it), a flag flies
    # from a pole, a jacket hangs from a hook at shoulder height.
    "curtain": ClothSpec(width=1.4, height=2.1, anchor_y=0.6, anchor_z=2.3,
                         color=(0.86, 0.80, 0.66)),
    "flag": ClothSpec(width=1.2, height=0.8, anchor_y=0.0, anchor_z=2.6,
                      color=(0.05, 0.20, 0.65)),
    # A jacket on a coat stand just behind what else the shot shows (its top edge is the
    # hanger's shoulders), so both fit one frame.
    "jacket": ClothSpec(width=0.5, height=0.6, anchor_y=0.3, anchor_z=0.6,
                        color=(0.30, 0.22, 0.15)),
}


@dataclass(frozen=True)
class Anchor:
    """A role carried by another: it follows `socket` of role `target` every frame."""

    target: str  # Role.id
    socket: str  # a Rig socket name, or "top" for the target's top centre, "inside"
    side: float = 0.0  # metres along the target's left (+y) axis (on_shoulder)


@dataclass(frozen=True)
class Role:
    id: str  # instance id: the subject's id, or "{id}-{n}" when the prompt names several
    subject: Subject
    instance: int
    verb: str | None  # the animated verb (None: idle)
    target: str | None  # Role.id the verb is done to (the instrument played, who is chased)
    physics_verb: str | None  # set for a prop the physics engine moves
    anchor: Anchor | None = None
    circling: bool = False  # flies round the middle of the stage (birds dancing with someone)

    @property
    def simulated(self) -> bool:
        return self.physics_verb is not None


def instance_id(subject: Subject, instance: int) -> str:
    return subject.id if subject.count == 1 else f"{subject.id}-{instance + 1}"


def subject_of(instance: str) -> str:
    """The Storyboard subject id of an instance id ("pigeon_1-2" -> "pigeon_1")."""
    return instance.rsplit("-", 1)[0]


def _verbs(shot: Shot, subject: Subject) -> list[tuple[str, str | None]]:
    return [(a.verb, a.target) for a in shot.actions if a.subject == subject.id]


def _is_simulated(subject: Subject, verbs: list[str]) -> str | None:
    """The physics verb of a prop the simulator moves, or None when it is a rig."""
    if subject.kind not in PROPS:
        return None
    physical = [verb for verb in verbs if verb in PHYSICS_VERBS]
    if physical:
        return physical[0]
    return "rest" if not verbs else None


def _anchor(shot: Shot, subject: Subject, instance: int,
            families: dict[str, str]) -> Anchor | None:
    for relation in shot.relations:
        if relation.subject != subject.id:
            continue
        target = next(s for s in shot.subjects if s.id == relation.target)
        # Several riders on one target share it; several targets: one each, in turn.
        target_id = instance_id(target, instance % target.count)
        if relation.relation in SOCKET_RELATIONS:
            return Anchor(target=target_id, socket=SOCKET_RELATIONS[relation.relation],
                          side=0.18 if relation.relation == "on_shoulder" else 0.0)
        if relation.relation == "in":
            return Anchor(target=target_id, socket="inside")
        if relation.relation == "on" and families[target.id] not in BUILDINGS:
            return Anchor(target=target_id, socket="back" if families[target.id] in (
                "quadruped", "vehicle") else "top")
    return None


def _held_instrument(shot: Shot, subject: Subject) -> Anchor | None:
    """A hand-held instrument someone plays is carried in the player's hand."""
    if subject.kind not in HELD_INSTRUMENTS:
        return None
    instruments = [s for s in shot.subjects if s.family == "instrument"]
    for action in shot.actions:
        # "plays saxophone" may come without its object: the shot's only instrument it is.
        played = action.target or (instruments[0].id if len(instruments) == 1 else None)
        if action.verb == "play" and played == subject.id and action.subject != subject.id:
            player = next(s for s in shot.subjects if s.id == action.subject)
            return Anchor(target=instance_id(player, 0), socket="hand_r")
    return None


def cast(shot: Shot) -> list[Role]:
    """One Role per subject instance, targets resolved to instance ids."""
    families: dict[str, str] = {s.id: s.family for s in shot.subjects}
    subjects = {s.id: s for s in shot.subjects}
    roles: list[Role] = []
    for subject in shot.subjects:
        pairs = _verbs(shot, subject)
        verbs = [verb for verb, _ in pairs]
        physics = _is_simulated(subject, verbs)
        animated = [(verb, target) for verb, target in pairs if verb not in PHYSICS_VERBS]
        verb, target = animated[0] if animated else (None, None)
        if verb is None and subject.family == "instrument":
            verb = "play" if any(a.verb == "play" and a.target in (subject.id, None)
                                 for a in shot.actions) else None
        # Birds told nothing to do while someone dances join in: they fly round the dancer.
        circling = (verb is None and subject.family == "bird"
                    and any(a.verb == "dance" for a in shot.actions))
        if circling:
            verb = "fly"
        for instance in range(subject.count):
            anchor = None if physics else (_anchor(shot, subject, instance, families)
                                           or _held_instrument(shot, subject))
            target_id = None
            if target is not None and target in subjects:
                target_id = instance_id(subjects[target], 0)
            roles.append(Role(id=instance_id(subject, instance), subject=subject,
                              instance=instance, verb=verb, target=target_id,
                              physics_verb=physics, anchor=anchor,
                              circling=circling and anchor is None))
    return roles


def stand_on_building(shot: Shot) -> Subject | None:
    """The building or landmark the prompt puts someone on (they stand on its roof)."""
    for relation in shot.relations:
        if relation.relation != "on":
            continue
        target = next(s for s in shot.subjects if s.id == relation.target)
        if target.family in BUILDINGS:
            return target
    return None


# Verbs a viewer must see the whole body for: the camera's default size widens to show them.
WHOLE_BODY_VERBS = ("dance", "spin", "skate", "jump", "fight", "climb", "kick", "surf",
                    "juggle", "fall", "sit", "sleep", "crawl", "hug", "perch", "play")


def named(shot: Shot, domain: str) -> bool:
    """Whether the prompt itself names an entry of `domain` ("shot_sizes", "angles"): else
    the Storyboard's value is a default the world may choose for the action."""
    words = f" {' '.join(tokenize(shot.description))} "
    return any(f" {form} " in words for form in load_catalog().index_of(domain))


def size_named(shot: Shot) -> bool:
    return named(shot, "shot_sizes")


def framed_camera(shot: Shot, roles: list[Role], *, size: str | None = None) -> Camera:
    """The shot's camera, with a size that shows the action when the prompt names none:
    travellers and groups in a wide shot, a dance or a pirouette in a full shot. `size`
    forces one (the framing tries tighter ones when a subject is too small to see)."""
    camera = shot.camera
    if camera.angle == "eye_level" and not named(shot, "angles") and any(
            role.anchor is not None and role.anchor.socket == "inside" for role in roles):
        camera = camera.model_copy(update={"angle": "high"})  # to see into the pot
    if size is not None:
        return camera.model_copy(update={"shot_size": size})
    if size_named(shot) or camera.shot_size != "medium":
        return camera
    verbs = {role.verb for role in roles}
    groups = {role.subject.id for role in roles if not role.simulated and role.anchor is None}
    travelling = {role.verb for role in roles if not role.circling}
    if travelling & set(TRAVEL_VERBS) - {"skate"} or len(groups) >= 3:
        return camera.model_copy(update={"shot_size": "wide"})
    if verbs & {*WHOLE_BODY_VERBS, "skate"} or any(
            role.subject.kind in CLOTH_KINDS for role in roles):  # a curtain: all of it
        return camera.model_copy(update={"shot_size": "full"})
    return camera


def stand_on(shot: Shot, role: Role) -> bool:
    """True for the building the prompt puts someone on: it is the set, not a prop."""
    building = stand_on_building(shot)
    return building is not None and role.subject.id == building.id


def stage_setting(shot: Shot, roles: list[Role]) -> Setting:
    """The Storyboard's setting, with the place a bare "floor" needs for this cast."""
    setting = shot.setting
    if setting.place != "floor":
        return setting
    verbs = {role.verb for role in roles}
    kinds = {role.subject.kind for role in roles}
    if "figure_skater" in kinds or "skate" in verbs:
        return setting.model_copy(update={"place": "ice_rink", "indoor": True})
    if stand_on_building(shot) is not None:
        return setting.model_copy(update={"place": "rooftop", "indoor": False})
    if setting.city is not None:
        return setting.model_copy(update={"place": "street", "indoor": False})
    simulated = [role for role in roles if role.simulated]
    others = [role for role in roles if not role.simulated and role.subject.kind not in CLOTH_KINDS]
    if simulated and not others and all(
            max(PROPS[role.subject.kind].size) * 2 <= SMALL_PROP_M for role in simulated) and (
            {role.physics_verb for role in simulated} <= {"rest", "clink", "slide", "topple"}):
        return setting.model_copy(update={"place": "table"})
    return setting
