"""One shot's items -> subjects, actions, relations, dialogue and the scalar fields.

Who does what: a finite verb belongs to the clause's agents (the nouns before it, joined by
"and"); a participle ("a cat perched", "un chiot qui court") to the noun just before it; an
action named as a noun ("a race of ducklings") to the next noun, unless a verb of doing
carries it ("doing a pirouette"). Nouns after a clause's verb are its objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from cinestra.plan import lexicon
from cinestra.plan.catalog import load_catalog
from cinestra.plan.recognise import Item
from cinestra.plan.storyboard import Action, Cue, SpatialRelation
from cinestra.plan.subjects import ANIMATE, Registry, SubjectDraft

MODIFIERS = ("colors", "sizes", "materials", "states")
NOMINAL = ("subjects", "places", "clothing")  # what a modifier before it describes
SKIPPED_BEFORE_NOUN = (*MODIFIERS, "count", "definite", "number", "unknown")
# First value named in the shot wins; the key is the item domain.
SCALARS = ("cities", "times", "weather", "shot_sizes", "angles", "moves", "lenses", "focus",
           "styles", "speeds")


@dataclass
class _Clause:
    agents: list[SubjectDraft] = field(default_factory=list)
    verbs: list[Action] = field(default_factory=list)
    relative: bool = False  # after "qui"/"who": the next verb is the last noun's
    doing: bool = False  # after "doing"/"fait": an action noun is the last noun's
    soft: bool = False  # opened by "and"/"while", not by punctuation
    listed: bool = False  # opened by a comma right after a verb: "rolls, falls, and bounces"


class ShotBuilder:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.subjects: list[SubjectDraft] = []
        self.actions: list[Action] = []
        self.relations: list[SpatialRelation] = []
        self.cues: list[Cue] = []
        self.scalars: dict[str, str] = {}
        self.places: list[str] = []
        self.lighting: list[str] = []
        self.ground: str | None = None
        self.wet = False
        self.clause = _Clause()
        self.pending: dict[str, str] = {}  # modifiers waiting for their noun
        self.count: int | None = None
        self.definite = False
        self.forward_verbs: list[str] = []  # action nouns waiting for their subject
        self.relation: tuple[str, SubjectDraft] | None = None
        self.in_phrase = False  # after a preposition: the next noun is no verb's object
        self.last_noun: SubjectDraft | str | None = None  # a draft, "place" or None
        self.last_agent: list[SubjectDraft] = []
        self.label: SubjectDraft | None = None  # "Robot 1:" names the next line's speaker
        self.speaker: SubjectDraft | None = None  # set by "X says", for the next quote
        self.unattributed: list[int] = []  # cue indices of quotes still without a speaker
        self.wants_speaker = False  # '"Encore !" crie-t-elle': the next noun is the speaker
        self.after_quote = False
        self.previous: Item | None = None  # the item read just before the current one

    # -- entry point -------------------------------------------------------------------
    def feed(self, items: list[Item], quotes: list[str]) -> None:
        for index, item in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None
            self.previous = items[index - 1] if index else None
            self._item(item, items[index + 1 :], following, quotes)

    def _item(self, item: Item, rest: list[Item], following: Item | None,
              quotes: list[str]) -> None:
        self._read(item, rest, following, quotes)
        self.after_quote = item.domain == "quote"

    def _read(self, item: Item, rest: list[Item], following: Item | None,
              quotes: list[str]) -> None:
        domain = item.domain
        if domain in ("break", "clause"):
            self._end_clause(hard=domain == "break")
        elif domain == "and":
            if self.clause.verbs:
                self._end_clause(hard=False)
            self.clause.soft = True
        elif domain == "quote":
            self._quote(quotes[int(item.name)])
        elif domain == "speech":
            self._speech(previous_was_quote=self.after_quote)
        elif domain == "count":
            self.count = lexicon.COUNTS[item.name]
        elif domain == "number":
            self._number(item, following)
        elif domain == "definite":
            self.definite = True
        elif domain == "pronoun":
            self._pronoun(item, following)
        elif domain == "self":
            self._mention(self.registry.self_subject(item.words))
        elif domain == "subjects":
            draft = self.registry.named(kind=item.name, tags=item.tags, words=item.words,
                                        count=self.count, definite=self.definite)
            self._mention(draft)
        elif domain == "actions":
            self._action(item)
        elif domain in MODIFIERS:
            self._modifier(item, rest)
        elif domain == "clothing":
            self._clothing(item)
        elif domain == "relations":
            self._relation(item)
        elif domain == "places":
            self._place(item)
        elif domain == "unknown":
            self.last_noun = None
        else:
            self._field(item)

    # -- clauses and nouns -------------------------------------------------------------
    def _end_clause(self, *, hard: bool) -> None:
        listed = hard and self.previous is not None and self.previous.domain == "actions"
        self.clause = _Clause(soft=not hard, listed=listed)
        self.count, self.definite, self.relation, self.in_phrase = None, False, None, False
        if hard:
            self.pending = {}
            self.last_noun = None

    def _mention(self, draft: SubjectDraft) -> None:
        draft.apply(self.pending)
        self.pending, self.count, self.definite = {}, None, False
        if draft not in self.subjects:
            self.subjects.append(draft)
        self.last_noun = draft
        if self.wants_speaker:
            self._attribute(draft)
            self.wants_speaker = False
        if self.forward_verbs:
            for verb in self.forward_verbs:
                self._add_action(draft, verb)
            self.forward_verbs = []
            self.clause.agents.append(draft)
            return
        in_phrase, self.in_phrase = self.in_phrase, False
        if self.relation is not None:
            relation, holder = self.relation
            if holder is not draft:
                self.relations.append(SpatialRelation(subject=holder.id, relation=relation,
                                                      target=draft.id))
            self.relation = None
            return
        if in_phrase and self.clause.verbs:
            return  # "run in a field of sunflowers": where, not what
        if self.clause.verbs and draft not in self.clause.agents:
            for action in self.clause.verbs:  # an object: "a waiter carries a cake"
                if action.target is None and action.subject != draft.id:
                    self._set_target(action, draft)
            return
        if draft not in self.clause.agents:
            self.clause.agents.append(draft)

    def _set_target(self, action: Action, draft: SubjectDraft) -> None:
        draft.was_object = True
        updated = action.model_copy(update={"target": draft.id})
        self.actions[self.actions.index(action)] = updated
        self.clause.verbs[self.clause.verbs.index(action)] = updated

    def _number(self, item: Item, following: Item | None) -> None:
        last = self.last_noun
        ends = following is None or following.domain in ("break", "quote")
        if isinstance(last, SubjectDraft) and self.count is None and ends:
            self.label = last  # "Robot 1:" names the speaker of the next line
        else:
            self.count = int(item.name)

    def _pronoun(self, item: Item, following: Item | None) -> None:
        if following is not None and following.domain == "subjects" and item.words == "her":
            self.definite = True  # "her father": a possessive here
            return
        objects_of = self.clause.agents if self.clause.verbs else []
        draft = self.registry.resolve(item.words, not_=objects_of)
        self.count = None  # "one of them", "l'un d'eux": the group, not a new subject
        if draft is not None:
            self._mention(draft)

    # -- actions -----------------------------------------------------------------------
    def _action(self, item: Item) -> None:
        tags = item.tags
        nearest = self.last_noun if isinstance(self.last_noun, SubjectDraft) else None
        if self.clause.doing and nearest is not None:
            self._verb([nearest], item.name)  # "doing a pirouette", "fait cuire"
            return
        if "noun" in tags and not tags - {"noun"}:
            self.forward_verbs.append(item.name)  # "a race of ducklings"
            return
        participle = bool(tags & {"gerund", "past"}) or self.clause.relative
        agents = [d for d in self.clause.agents]
        if participle and nearest is not None and (self.clause.verbs or nearest not in agents):
            agents = [nearest]  # "a skater doing", "un chiot qui court", after the verb
        if not agents and (self.clause.soft or self.clause.listed):
            agents = list(self.last_agent)  # "rolls across, then falls", "rolls, falls"
        if not agents:
            if nearest is None and (participle or "infinitive" in tags):
                self.forward_verbs.append(item.name)  # "bouncing balls"
            return  # "une averse traverse...": a verb of no subject we show
        self._verb(agents, item.name)

    def _verb(self, agents: list[SubjectDraft], verb: str) -> None:
        for draft in agents:
            self._add_action(draft, verb)
            if draft not in self.clause.agents:
                self.clause.agents.append(draft)
        self.clause.relative = False
        self.clause.doing = False
        self.last_agent = agents

    def _add_action(self, draft: SubjectDraft, verb: str) -> None:
        draft.was_agent = True
        for action in self.actions:
            if (action.subject, action.verb) == (draft.id, verb):
                return
        action = Action(subject=draft.id, verb=verb)
        self.actions.append(action)
        self.clause.verbs.append(action)

    # -- dialogue ----------------------------------------------------------------------
    def _quote(self, text: str) -> None:
        speaker = self.speaker or self.label
        self.cues.append(Cue(kind="dialogue", text=text,
                             speaker=speaker.id if speaker is not None else None))
        if speaker is None:
            self.unattributed.append(len(self.cues) - 1)
        self.speaker = self.label = None
        self._end_clause(hard=True)  # 'He says "..." She laughs': she alone laughs

    def _speech(self, *, previous_was_quote: bool) -> None:
        nearest = self.last_noun if isinstance(self.last_noun, SubjectDraft) else None
        if self.clause.agents:
            nearest = self.clause.agents[-1]  # "a teacher in a classroom says"
        # Someone speaks, not the soup: "le chef goûte la soupe et dit".
        named = [*reversed(self.clause.agents), *([nearest] if nearest else [])]
        nearest = next((d for d in named if d.family in ANIMATE), nearest)
        if previous_was_quote or nearest is None:
            self.wants_speaker = True  # '"Encore !" crie-t-elle': the speaker comes next
            return
        if self.unattributed:
            self._attribute(nearest)  # '"Again!" she shouts'
        else:
            self.speaker = nearest

    def _attribute(self, draft: SubjectDraft) -> None:
        if draft not in self.subjects:
            self.subjects.append(draft)
        if not self.unattributed:
            self.speaker = draft
            return
        for index in self.unattributed:
            self.cues[index] = self.cues[index].model_copy(update={"speaker": draft.id})
        self.unattributed = []

    # -- modifiers, clothing, relations, places ----------------------------------------
    def _modifier(self, item: Item, rest: list[Item]) -> None:
        following = next((it for it in rest if it.domain not in SKIPPED_BEFORE_NOUN), None)
        after_subject = self.previous is not None and self.previous.domain == "subjects"
        if following is not None and following.domain in NOMINAL and not (
            following.domain == "clothing" and (after_subject or not self.subjects)
        ):
            self.pending[item.domain] = item.name  # "a red ball", "a yellow raincoat"
            return
        after_determiner = self.previous is not None and self.previous.domain in (
            "count", "definite")
        if after_determiner:
            if item.name == "wet" and item.domain == "states":
                self.wet = True  # "dans une flaque", "in a puddle": a wet ground
            self.count, self.definite = None, False
        elif isinstance(self.last_noun, SubjectDraft):
            self.last_noun.apply({item.domain: item.name})  # "une balle rouge"
        elif self.last_noun == "place" and item.domain == "materials":
            self.ground = item.name  # "un sol en bois"
        elif item.name == "wet" and item.domain == "states":
            self.wet = True  # "sol mouillé", "in a puddle"

    def _clothing(self, item: Item) -> None:
        wearer = self.last_noun if isinstance(self.last_noun, SubjectDraft) else None
        wearer = wearer or (self.subjects[-1] if self.subjects else None)
        if wearer is None:
            self.pending = {}
            return
        wearer.clothing = wearer.clothing or item.name
        self.relation = None  # "in a blue dress": worn, not a place to be in
        if "colors" in self.pending:  # the colour of a dressed person is their clothes'
            wearer.color = self.pending["colors"]
        self.pending = {}
        self.count, self.definite = None, False
        self.last_noun = wearer

    def _relation(self, item: Item) -> None:
        # The noun just named ("a fish in a bowl", "a frying pan on a stove"), else the agent.
        holder = self.last_noun if isinstance(self.last_noun, SubjectDraft) else None
        if holder is None and self.clause.agents:
            holder = self.clause.agents[-1]
        if item.name == "wearing":
            return
        self.relation = (item.name, holder) if holder is not None else None
        self.in_phrase = True

    def _place(self, item: Item) -> None:
        self.places.append(item.name)
        if "materials" in self.pending:
            self.ground = self.pending["materials"]  # "a wooden floor"
        elif item.words in lexicon.PLACE_GROUND:
            self.ground = self.ground or lexicon.PLACE_GROUND[item.words]
        if self.pending.get("states") == "wet":
            self.wet = True
        self.pending, self.count, self.definite = {}, None, False
        self.relation = None  # "on a park bench": the bench, not the park, is the target
        self.last_noun = "place"

    def _field(self, item: Item) -> None:
        domain = item.domain
        if domain in SCALARS:
            self.scalars.setdefault(domain, item.name)
            if domain == "weather" and item.name in ("rain", "storm"):
                self.wet = True  # rain wets the ground the props fall on
        elif domain == "lighting":
            if item.name not in self.lighting:
                self.lighting.append(item.name)
        elif domain in ("music", "moods"):
            self.cues.append(Cue(kind="music", text=item.name))
        elif domain == "effects":
            self.cues.append(Cue(kind="sfx", text=item.name))
        elif domain == "do":
            self.clause.doing = True
        elif domain == "relative":
            self.clause.relative = True

    def speed(self) -> Fraction:
        name = self.scalars.get("speeds")
        return load_catalog().speeds[name].rate if name is not None else Fraction(1)
