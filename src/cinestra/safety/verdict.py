"""The Verdict contract: allow / review / block, with categories, scores and a reason."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cinestra.errors import CinestraError

Decision = Literal["allow", "review", "block"]
Category = Literal[
    "sexual", "sexual/minors", "violence/graphic", "self-harm", "hate", "harassment",
    "illicit", "likeness", "deceased", "deceptive",
]
CATEGORIES: tuple[Category, ...] = (
    "sexual", "sexual/minors", "violence/graphic", "self-harm", "hate", "harassment",
    "illicit", "likeness", "deceased", "deceptive",
)
RANK: dict[Decision, int] = {"allow": 0, "review": 1, "block": 2}


class Verdict(BaseModel):
    """What screening decided. `model_dump_json()` is the `cinestra screen --json` shape.

    `categories` lists the categories that led to review or block (most severe first);
    `scores` holds a 0–1 score for every category that was screened.
    """

    model_config = ConfigDict(frozen=True)

    decision: Decision
    categories: list[Category] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.decision == "allow"


def _severity(verdict: Verdict) -> int:
    return RANK[verdict.decision]


def merge(verdicts: list[Verdict]) -> Verdict:
    """The strictest of several verdicts (e.g. a prompt and its dialogue lines)."""
    if not verdicts:
        return Verdict(decision="allow", reason="nothing to screen")
    worst = max(verdicts, key=_severity)
    categories: list[Category] = []
    scores: dict[str, float] = {}
    reasons: list[str] = []
    for verdict in sorted(verdicts, key=_severity, reverse=True):
        categories += [cat for cat in verdict.categories if cat not in categories]
        for name, score in verdict.scores.items():
            scores[name] = max(score, scores.get(name, 0.0))
        if verdict.decision != "allow" and verdict.reason not in reasons:
            reasons.append(verdict.reason)
    return Verdict(decision=worst.decision, categories=categories, scores=scores,
                   reason="; ".join(reasons) or worst.reason)


class ModerationBlocked(CinestraError, PermissionError):
    """Screening blocked (or held for review) a request or its output; `verdict` says why."""

    def __init__(self, verdict: Verdict, *, review_id: int | None = None) -> None:
        queued = f" (review item {review_id})" if review_id is not None else ""
        super().__init__(f"{verdict.reason}{queued}")  # the reason starts with its verb
        self.verdict = verdict
        self.review_id = review_id
