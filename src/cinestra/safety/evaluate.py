"""Score `screen_prompt` on a labelled prompt set (tests/data/safety_prompts.tsv).

Used by `bench/safety_eval.py` and by the tests that assert the targets.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cinestra.safety.verdict import Verdict


@dataclass(frozen=True)
class Labelled:
    label: str  # "harmful" or "benign"
    category: str  # expected category, "none" for benign prompts
    technique: str  # plain, leet, spacing, homoglyph, french, paraphrase...
    prompt: str


@dataclass
class Report:
    # (expected category, decision) -> count; benign prompts under "none"
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    # harmful prompts whose verdict names the expected category
    category_hits: Counter[str] = field(default_factory=Counter)
    technique: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[tuple[Labelled, Verdict]] = field(default_factory=list)
    milliseconds: list[float] = field(default_factory=list)

    def count(self, category: str) -> int:
        return sum(n for (cat, _), n in self.confusion.items() if cat == category)

    @property
    def harmful_held(self) -> float:
        """Share of harmful prompts blocked or held for review."""
        total = sum(n for (cat, _), n in self.confusion.items() if cat != "none")
        held = sum(n for (cat, dec), n in self.confusion.items()
                   if cat != "none" and dec != "allow")
        return held / total if total else 1.0

    @property
    def benign_allowed(self) -> float:
        total = self.count("none")
        return self.confusion[("none", "allow")] / total if total else 1.0


def load_labelled(path: Path) -> list[Labelled]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Labelled(row["label"], row["category"], row["technique"], row["prompt"])
                for row in rows]


def evaluate(items: list[Labelled], screen: Callable[[str], Verdict]) -> Report:
    """Screen every prompt once and tally decisions, categories and time."""
    report = Report()
    for item in items:
        started = time.perf_counter()
        verdict = screen(item.prompt)
        report.milliseconds.append((time.perf_counter() - started) * 1000)
        report.confusion[(item.category, verdict.decision)] += 1
        harmful = item.label == "harmful"
        correct = (verdict.decision != "allow") == harmful
        report.technique[(item.technique, correct)] += 1
        if harmful and item.category in verdict.categories:
            report.category_hits[item.category] += 1
        if not correct:
            report.misses.append((item, verdict))
    return report
