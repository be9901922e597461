"""Operator policy: thresholds, categories on/off, organisation rules, names and opt-outs.

Read from a TOML file (`Settings.safety_policy`); every key is optional:

    [thresholds.violence/graphic]      # quoted in TOML: ["thresholds"."violence/graphic"]
    review = 0.5
    block = 0.8

    disabled = ["deceptive"]           # categories not screened at all
    nsfw_review = 0.4                  # frame scores (Open-NSFW probability)
    nsfw_block = 0.8
    estate_opt_outs = ["Some Name"]    # deceased people whose estate refuses any depiction

    [[people]]                         # extra protected names
    name = "Jane Local-Mayor"
    aliases = ["Mayor Jane"]
    deceased = false

    [organisations.school]             # stricter rules for one organisation's requests
    blocked_terms = ["gun", "fusil"]
    review_all = false
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cinestra.config import Settings
from cinestra.errors import InvalidRequest
from cinestra.safety.verdict import CATEGORIES, Category


class Thresholds(BaseModel):
    """A category is held for review from `review` and blocked from `block` (scores 0–1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    review: float = Field(0.5, ge=0.0, le=1.0)
    block: float = Field(0.8, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.review > self.block:
            raise ValueError(f"review ({self.review}) must not exceed block ({self.block})")
        return self


class ExtraPerson(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    deceased: bool = False


class OrganisationRule(BaseModel):
    """Stricter rules for the requests of one organisation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    blocked_terms: list[str] = Field(default_factory=list)
    review_all: bool = False
    thresholds: dict[Category, Thresholds] = Field(default_factory=dict)


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    thresholds: dict[Category, Thresholds] = Field(default_factory=dict)
    disabled: list[Category] = Field(default_factory=list)
    nsfw_review: float = Field(0.4, ge=0.0, le=1.0)
    nsfw_block: float = Field(0.8, ge=0.0, le=1.0)
    # Deceased people who died fewer than this many years ago are blocked; earlier
    # (historical) figures are held for review. Estate opt-outs are always blocked.
    recent_death_years: int = Field(50, ge=0)
    people: list[ExtraPerson] = Field(default_factory=list)
    estate_opt_outs: list[str] = Field(default_factory=list)
    organisations: dict[str, OrganisationRule] = Field(default_factory=dict)

    def enabled(self) -> list[Category]:
        return [category for category in CATEGORIES if category not in self.disabled]

    def limits(self, category: Category, organisation: str | None = None) -> Thresholds:
        """The thresholds for `category`, an organisation's own ones first."""
        rule = self.organisations.get(organisation or "")
        if rule is not None and category in rule.thresholds:
            return rule.thresholds[category]
        return self.thresholds.get(category, Thresholds())


DEFAULT_POLICY = Policy()


def load_policy(path: Path | None = None) -> Policy:
    """The policy in `path`, else in `Settings().safety_policy`, else the defaults."""
    path = path or Settings().safety_policy
    if path is None:
        return DEFAULT_POLICY
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidRequest(f"safety_policy: cannot read {str(path)!r}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise InvalidRequest(f"safety_policy: {str(path)!r} is not valid TOML: {error}") from error
    try:
        return Policy.model_validate(data)
    except ValidationError as error:
        raise InvalidRequest(f"safety_policy: {str(path)!r}: {error}") from error
