"""Planner against the labelled prompts: precision, recall and support per field, by language.

    .venv/bin/python -m bench.plan_eval [--json]

Plans every prompt of tests/data/plan_prompts.jsonl with the real planner
(`make_storyboard(prompt, seconds=..., seed=0)`), compares the Storyboard with the labels
(schema in tests/data/README.md) and prints one row per field, then the unresolved words per
prompt and the planning time. It measures; it asserts nothing. `--json` prints the same
numbers as one JSON object instead of the table.

How a prompt is scored. Every field of a prompt, on both sides, is a set of values:
- Set fields: `subjects` (kind, count) pairs, `kinds` the kinds alone, `actions`
  (subject kind, verb) pairs, `dialogue` (speaker, text) pairs, `dialogue_text` the texts
  alone. Subjects, actions and lines of every shot are pooled; a subject seen in two shots
  (one id) is one subject.
- Single-valued fields (`setting`, `city`, `time_of_day`, `weather`, `shot_size`, `angle`,
  `move`, `style`, `shots`) are a set of zero or one value. A null label is the empty set.
  The prediction is the first value, in shot order, that differs from the planner's default
  (`DEFAULTS`), like the labels, which hold the first value the prompt names.
- Defaults: the Storyboard always holds a value ("floor", "medium", "natural"...), even when
  the prompt says nothing, so a default value counts as no prediction, except when it equals
  the label: then it is a true positive (the Storyboard is right, whether or not the planner
  read it). The same goes for the verb "rest", which the planner gives any subject without a
  verb: a (kind, "rest") pair counts only when labelled.
- Counting: true positives = predicted values in the label, false positives = predicted
  values not in it, false negatives = labelled values not predicted. So for a single value:
  equal is 1 tp; different is 1 fp and 1 fn; predicted against a null label is 1 fp; missed
  is 1 fn; nothing against null counts nothing. `shots` is never null, so its precision and
  recall are both the share of prompts with the right number of shots.
- Counts are summed over prompts (micro average): precision = tp / (tp + fp), recall =
  tp / (tp + fn), support = tp + fn, the labelled values; "-" (JSON null) when undefined.

How Storyboard values map to label fields:
    subjects, kinds     Shot.subjects[].kind, .count
    actions             Shot.actions[]: (kind of the Subject whose id is .subject, .verb)
    setting             Shot.setting.place
    time_of_day         Shot.setting.time_of_day
    shot_size, angle,
    move                Shot.camera.shot_size, .angle, .move
    style               Shot.style.look
    shots               len(Storyboard.shots)
    dialogue            Shot.cues of kind "dialogue": (speaker, .text); the speaker is the kind
                        of the subject it names by id, else the string as the Storyboard holds it
    city, weather       Shot.setting.city, .weather: the first one a shot names (None is
                        no prediction; Setting.wet is a wet ground, not the weather)
Values keep their name unless `RENAMES` lists it (today the Storyboard's names are all
catalog names; tests/plan/test_plan_eval.py keeps it so). No fuzzy matching anywhere.

Languages are the labels' `lang`. Timing: one untimed warm-up call, then each prompt planned
once; median and p95 of those (the issue's target: under 50 ms after the first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from cinestra.plan import Storyboard, make_storyboard

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "plan_prompts.jsonl"
LANGUAGES = ("en", "fr", "all")
FIELDS = (
    "subjects", "kinds", "actions", "setting", "city", "time_of_day", "weather",
    "shot_size", "angle", "move", "style", "shots", "dialogue", "dialogue_text",
)
# What make_storyboard writes when the prompt names nothing.
DEFAULTS = {
    "setting": "floor", "time_of_day": "afternoon", "shot_size": "medium",
    "angle": "eye_level", "move": "static", "style": "natural",
}
DEFAULT_VERB = "rest"
# (label field, Storyboard value) -> catalog name, where the Storyboard's name differs.
RENAMES: dict[tuple[str, str], str] = {}

Values = set[Hashable]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def support(self) -> int:
        return self.tp + self.fn


def score(predicted: Values, expected: Values) -> Counts:
    return Counts(tp=len(predicted & expected), fp=len(predicted - expected),
                  fn=len(expected - predicted))


def renamed(label_field: str, value: str) -> str:
    return RENAMES.get((label_field, value), value)


def _first_named(label_field: str, values: list[str], label: str | None) -> Values:
    """The first non-default value; the default only when it is the label (module docstring)."""
    default = DEFAULTS[label_field]
    names = [renamed(label_field, value) for value in values]
    chosen = next((name for name in names if name != default), default)
    return set() if chosen == default and chosen != label else {chosen}


def _first_given(values: list[str | None]) -> Values:
    """The first value some shot names; fields whose default is None (city, weather)."""
    return next(({value} for value in values if value is not None), set())


def _speaker_kind(speaker: str | None, kinds_by_id: dict[str, str]) -> str | None:
    if speaker is None:
        return None
    return kinds_by_id.get(speaker, speaker)


def predicted_fields(board: Storyboard, expected: dict[str, Any]) -> dict[str, Values]:
    """The Storyboard's values per label field; `expected` only decides what a default means."""
    subjects = {s.id: s for shot in board.shots for s in shot.subjects}
    kinds_by_id = {id_: s.kind for id_, s in subjects.items()}
    labelled_actions = {(a["subject"], a["verb"]) for a in expected["actions"]}
    actions: Values = set()
    for shot in board.shots:
        for action in shot.actions:
            pair = (kinds_by_id[action.subject], renamed("actions", action.verb))
            if pair[1] != DEFAULT_VERB or pair in labelled_actions:
                actions.add(pair)
    lines = [(_speaker_kind(cue.speaker, kinds_by_id), cue.text)
             for shot in board.shots for cue in shot.cues if cue.kind == "dialogue"]
    camera = expected["camera"]
    shots = board.shots
    return {
        "subjects": {(s.kind, s.count) for s in subjects.values()},
        "kinds": {s.kind for s in subjects.values()},
        "actions": actions,
        "setting": _first_named("setting", [s.setting.place for s in shots], expected["setting"]),
        "city": _first_given([s.setting.city for s in shots]),
        "time_of_day": _first_named("time_of_day", [s.setting.time_of_day for s in shots],
                                    expected["time_of_day"]),
        "weather": _first_given([s.setting.weather for s in shots]),
        "shot_size": _first_named("shot_size", [s.camera.shot_size for s in shots],
                                  camera["shot_size"]),
        "angle": _first_named("angle", [s.camera.angle for s in shots], camera["angle"]),
        "move": _first_named("move", [s.camera.move for s in shots], camera["move"]),
        "style": _first_named("style", [s.style.look for s in shots], expected["style"]),
        "shots": {len(shots)},
        "dialogue": set(lines),
        "dialogue_text": {text for _, text in lines},
    }


def _maybe(value: str | None) -> Values:
    return set() if value is None else {value}


def expected_fields(expected: dict[str, Any]) -> dict[str, Values]:
    """The labels in the same shape as `predicted_fields`."""
    camera = expected["camera"]
    return {
        "subjects": {(s["kind"], s["count"]) for s in expected["subjects"]},
        "kinds": {s["kind"] for s in expected["subjects"]},
        "actions": {(a["subject"], a["verb"]) for a in expected["actions"]},
        **{key: _maybe(expected[key])
           for key in ("setting", "city", "time_of_day", "weather", "style")},
        **{key: _maybe(camera[key]) for key in ("shot_size", "angle", "move")},
        "shots": {expected["shots"]},
        "dialogue": {(line["speaker"], line["text"]) for line in expected["dialogue"]},
        "dialogue_text": {line["text"] for line in expected["dialogue"]},
    }


def score_prompt(board: Storyboard, expected: dict[str, Any]) -> dict[str, Counts]:
    predicted = predicted_fields(board, expected)
    labelled = expected_fields(expected)
    return {name: score(predicted[name], labelled[name]) for name in FIELDS}


def _zero_counts() -> dict[str, Counts]:
    return {name: Counts() for name in FIELDS}


@dataclass
class LanguageReport:
    counts: dict[str, Counts] = field(default_factory=_zero_counts)
    unresolved: list[int] = field(default_factory=list)
    milliseconds: list[float] = field(default_factory=list)

    def add(self, scores: dict[str, Counts], *, unresolved: int, ms: float) -> None:
        for name, counts in scores.items():
            self.counts[name] += counts
        self.unresolved.append(unresolved)
        self.milliseconds.append(ms)


def load_rows(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def plan(row: dict[str, Any]) -> Storyboard:
    # Fraction(str(...)) keeps a label such as 2.5 s exact.
    return make_storyboard(row["prompt"], seconds=Fraction(str(row["seconds"])), seed=0)


def evaluate(rows: list[dict[str, Any]]) -> dict[str, LanguageReport]:
    reports = {language: LanguageReport() for language in LANGUAGES}
    plan(rows[0])  # warm-up: the timed calls are the ones "after the first"
    for row in rows:
        started = time.perf_counter()
        board = plan(row)
        ms = 1000 * (time.perf_counter() - started)
        scores = score_prompt(board, row["expected"])
        for language in (row["lang"], "all"):
            reports[language].add(scores, unresolved=len(board.unresolved), ms=ms)
    return reports


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(reports: dict[str, LanguageReport]) -> None:
    sizes = ", ".join(f"{lang} {len(reports[lang].unresolved)}" for lang in LANGUAGES)
    print(f"plan_prompts.jsonl: {sizes} prompts")
    print(f"{'':<14}" + "".join(f"{lang:^20}" for lang in LANGUAGES))
    print(f"{'field':<14}" + f"{'P':>7}{'R':>7}{'n':>6}" * len(LANGUAGES))
    for name in FIELDS:
        cells = [reports[lang].counts[name] for lang in LANGUAGES]
        print(f"{name:<14}" + "".join(
            f"{_ratio(c.precision):>7}{_ratio(c.recall):>7}{c.support:>6}" for c in cells))
    unresolved = "  ".join(
        f"{lang} {statistics.mean(reports[lang].unresolved):.2f}" for lang in LANGUAGES)
    print(f"\nunresolved words per prompt (mean): {unresolved}")
    timing = "  ".join(
        f"{lang} {statistics.median(reports[lang].milliseconds):.2f} / "
        f"{p95(reports[lang].milliseconds):.2f}" for lang in LANGUAGES)
    print(f"ms per prompt, median / p95 (after the first; target < 50 ms): {timing}")


def as_json(reports: dict[str, LanguageReport]) -> dict[str, Any]:
    def numbers(counts: Counts) -> dict[str, Any]:
        return {"precision": counts.precision, "recall": counts.recall,
                "support": counts.support, "tp": counts.tp, "fp": counts.fp, "fn": counts.fn}

    return {
        "prompts": {lang: len(reports[lang].unresolved) for lang in LANGUAGES},
        "fields": {name: {lang: numbers(reports[lang].counts[name]) for lang in LANGUAGES}
                   for name in FIELDS},
        "unresolved_per_prompt": {lang: statistics.mean(reports[lang].unresolved)
                                  for lang in LANGUAGES},
        "ms_per_prompt": {lang: {"median": statistics.median(reports[lang].milliseconds),
                                 "p95": p95(reports[lang].milliseconds)}
                          for lang in LANGUAGES},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    reports = evaluate(load_rows())
    if args.json:
        print(json.dumps(as_json(reports), indent=2))
    else:
        print_table(reports)


if __name__ == "__main__":
    main()
