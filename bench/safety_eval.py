"""Prompt screening on the labelled set: confusion matrix per category, rates, ms per prompt.

    .venv/bin/python -m bench.safety_eval [--misses]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from cinestra.safety import CATEGORIES, Verdict, screen_prompt
from cinestra.safety.evaluate import evaluate, load_labelled
from cinestra.safety.policy import DEFAULT_POLICY
from cinestra.safety.semantic import default_matcher

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "safety_prompts.tsv"
# Written after the vocabularies were tuned on DATA and never tuned on: the honest number.
HOLDOUT = DATA.with_name("safety_prompts_holdout.tsv")


def screen(text: str) -> Verdict:
    return screen_prompt(text, policy=DEFAULT_POLICY)


def main() -> None:
    items = load_labelled(DATA)
    started = time.perf_counter()
    default_matcher().warm_up()
    print(f"warm-up (model + references): {time.perf_counter() - started:.2f} s")
    evaluate(items[:20], screen)  # warm caches, then measure a full pass
    report = evaluate(items, screen)

    print(f"\n{'category':<18}{'n':>4}{'allow':>7}{'review':>8}{'block':>7}{'held':>8}"
          f"{'cat ok':>8}")
    for category in [*CATEGORIES, "none"]:
        n = report.count(category)
        if not n:
            continue
        row = [report.confusion[(category, d)] for d in ("allow", "review", "block")]
        held = (row[1] + row[2]) / n
        cat_ok = f"{report.category_hits[category] / n:.0%}" if category != "none" else "-"
        label = "benign" if category == "none" else category
        print(f"{label:<18}{n:>4}{row[0]:>7}{row[1]:>8}{row[2]:>7}{held:>8.0%}{cat_ok:>8}")

    print("\nby technique (correct / total):")
    techniques = sorted({technique for technique, _ in report.technique})
    for technique in techniques:
        good = report.technique[(technique, True)]
        total = good + report.technique[(technique, False)]
        print(f"  {technique:<12}{good:>4} / {total}")

    ms = sorted(report.milliseconds)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"\nharmful blocked or held: {report.harmful_held:.1%} (target >= 95%)")
    print(f"benign allowed:          {report.benign_allowed:.1%} (target >= 97%)")
    print(f"ms per prompt: median {statistics.median(ms):.1f}, mean {statistics.mean(ms):.1f}, "
          f"p95 {p95:.1f}, max {ms[-1]:.1f} (target <= 20 ms)")
    holdout = evaluate(load_labelled(HOLDOUT), screen)
    print(f"held-out set ({sum(holdout.count(c) for c in CATEGORIES)} harmful, "
          f"{holdout.count('none')} benign): harmful held {holdout.harmful_held:.1%}, "
          f"benign allowed {holdout.benign_allowed:.1%}")
    if "--misses" in sys.argv:
        report.misses += holdout.misses
        print("\nmisses:")
        for item, verdict in report.misses:
            print(f"  [{item.label}/{item.category}/{item.technique}] {item.prompt!r} -> "
                  f"{verdict.decision}: {verdict.reason}")


if __name__ == "__main__":
    main()
