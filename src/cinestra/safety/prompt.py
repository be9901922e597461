"""`screen_prompt`: the one call the CLI, the pipeline and the server use on request text."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import lru_cache

from cinestra.errors import InvalidRequest
from cinestra.safety.lexicon import Hit, load_lexicon
from cinestra.safety.normalize import normalize, readable
from cinestra.safety.policy import DEFAULT_POLICY, Policy, load_policy
from cinestra.safety.registry import Person, PersonMatch, Registry, build_registry
from cinestra.safety.semantic import SemanticMatcher, default_matcher
from cinestra.safety.verdict import RANK, Category, Decision, Verdict, merge

REVIEW_SCORE = 0.6


def screen_prompt(
    text: str, *, policy: Policy | None = None, cameo_owners: Sequence[str] = (),
    organisation: str | None = None, semantic: SemanticMatcher | None = None,
) -> Verdict:
    """Screen a prompt before any compute.

    `cameo_owners` names the people whose cameo this request was granted: they may appear;
    every other real person in the registry may not. `organisation` applies that
    organisation's rules from the policy. `policy` defaults to `load_policy()`.
    """
    return _screen(text, policy=policy, cameo_owners=cameo_owners, organisation=organisation,
                   semantic=semantic, names_block=True)


def screen_dialogue(
    lines: Sequence[str], *, policy: Policy | None = None, cameo_owners: Sequence[str] = (),
    organisation: str | None = None, semantic: SemanticMatcher | None = None,
) -> Verdict:
    """Screen generated dialogue lines like prompts; the strictest line decides.

    A real person's name spoken in a line is not a depiction, so it holds the clip for
    review instead of blocking it.
    """
    verdicts = [_screen(line, policy=policy, cameo_owners=cameo_owners,
                        organisation=organisation, semantic=semantic, names_block=False)
                for line in lines if line.strip()]
    return merge(verdicts)


def _screen(
    text: str, *, policy: Policy | None, cameo_owners: Sequence[str], organisation: str | None,
    semantic: SemanticMatcher | None, names_block: bool,
) -> Verdict:
    # 1. Check input
    if not isinstance(text, str) or not text.strip():
        raise InvalidRequest(f"prompt: must be non-empty text, got {text!r}")
    policy = policy or load_policy()
    rule = policy.organisations.get(organisation or "")
    if organisation is not None and rule is None:
        raise InvalidRequest(f"organisation: no rules for {organisation!r} in the policy")

    # 2. Words: vocabularies on the normalised text, then real people
    plain = normalize(text)
    blocked_terms = rule.blocked_terms if rule is not None else []
    hits = load_lexicon().scan(plain, blocked_terms=blocked_terms)
    registry = _registry(policy)
    granted = _granted(registry, cameo_owners)
    cameo_named = False
    for match in registry.find(text):
        cameo_named = cameo_named or match.person.name in granted
        hit = _person_hit(match, policy=policy, granted=granted)
        if hit is not None:
            if not names_block:
                hit = Hit(hit.category, min(hit.score, REVIEW_SCORE), hit.term)
            hits.append(hit)

    # 3. Scores per category; meaning (embeddings) only when words did not already block
    enabled = policy.enabled()
    scores: dict[str, float] = dict.fromkeys(enabled, 0.0)
    best: dict[str, Hit] = {}
    for hit in hits:
        if hit.category in scores and hit.score > scores[hit.category]:
            scores[hit.category] = hit.score
            best[hit.category] = hit
    decisions = _decide(scores, policy=policy, organisation=organisation)
    semantic_used: set[str] = set()
    if "block" not in decisions.values():
        matcher = semantic or default_matcher()
        for name, score in matcher.scores(readable(text)).items():
            if name == "likeness" and cameo_named:
                continue  # the person this text is about granted their cameo
            if name in scores and score > scores[name]:
                scores[name] = score
                semantic_used.add(name)
        decisions = _decide(scores, policy=policy, organisation=organisation)

    # 4. Verdict
    decision: Decision = max(decisions.values(), key=_rank, default="allow")
    if rule is not None and rule.review_all and decision == "allow":
        decision = "review"
    # flagged categories, worst decision first, then highest score
    categories: list[Category] = [category for category in enabled
                                  if decisions[category] != "allow"]
    categories.sort(key=lambda name: (-RANK[decisions[name]], -scores[name]))
    reason = _reason(decision, categories, best=best, semantic_used=semantic_used,
                     review_all=rule is not None and rule.review_all)
    return Verdict(decision=decision, categories=categories,
                   scores={name: round(value, 3) for name, value in scores.items()},
                   reason=reason)


def _rank(decision: Decision) -> int:
    return RANK[decision]


def _decide(scores: dict[str, float], *, policy: Policy,
            organisation: str | None) -> dict[str, Decision]:
    decisions: dict[str, Decision] = {}
    for category in policy.enabled():
        limits = policy.limits(category, organisation)
        score = scores.get(category, 0.0)
        decisions[category] = ("block" if score >= limits.block else
                               "review" if score >= limits.review else "allow")
    return decisions


def _person_hit(match: PersonMatch, *, policy: Policy, granted: set[str]) -> Hit | None:
    person = match.person
    if not person.deceased:
        if person.name in granted:
            return None
        return Hit("likeness", 1.0, f"{person.name} (a real person without a granted cameo)")
    opted_out = {normalize(name) for name in policy.estate_opt_outs}
    names = {normalize(name) for name in (person.name, *person.aliases)}
    if names & opted_out:
        return Hit("deceased", 1.0, f"{person.name} (deceased; the estate opted out)")
    year = datetime.date.today().year
    assert person.died is not None, "deceased people have a year of death"
    if person.died >= year - policy.recent_death_years:
        return Hit("deceased", 1.0, f"{person.name} (died {person.died})")
    return Hit("deceased", REVIEW_SCORE, f"{person.name} (historical figure, died {person.died})")


def _granted(registry: Registry, cameo_owners: Sequence[str]) -> set[str]:
    granted = set()
    for owner in cameo_owners:
        person = registry.lookup(owner)
        if person is not None and not person.deceased:
            granted.add(person.name)
    return granted


def _reason(decision: Decision, categories: list[Category], *, best: dict[str, Hit],
            semantic_used: set[str], review_all: bool) -> str:
    if decision == "allow":
        return "no category reached its review threshold"
    parts = []
    for category in categories:
        if category in semantic_used:
            parts.append(f"{category}: close in meaning to {category} examples")
        elif category in ("likeness", "deceased") and category in best:
            parts.append(f"{category}: {best[category].term}")
        elif category in best:
            parts.append(f"{category}: matched '{best[category].term}'")
    if review_all and not parts:
        parts.append("this organisation reviews every request")
    verb = "blocked" if decision == "block" else "held for review"
    return f"{verb}: " + "; ".join(parts)


@lru_cache(maxsize=8)
def _registry_for(extra: tuple[Person, ...]) -> Registry:
    return build_registry(extra)


def _registry(policy: Policy) -> Registry:
    extra = tuple(Person(person.name, tuple(person.aliases), "operator",
                         datetime.date.today().year if person.deceased else None)
                  for person in policy.people)
    return _registry_for(extra)


__all__ = ["DEFAULT_POLICY", "screen_dialogue", "screen_prompt"]
