"""Score tests/crisis/data/risk_cases.csv with the default risk rules; print the confusion matrix.

    python bench/risk_eval.py            # the matrix and the figures the tests hold us to
    python bench/risk_eval.py --misses   # also every sentence scored differently from its label

No database needed: it runs `crisis.detection.assess_text` on the seeded default rules.
"""

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import record, row  # noqa: E402
from crisis.detection import LEVELS, assess_text  # noqa: E402

CASES = ROOT / "tests" / "crisis" / "data" / "risk_cases.csv"
# Written by someone who never saw the rules, and never used to tune them: a rougher, more honest
# estimate of how the rules do on words they were not fitted to.
HOLDOUT = ROOT / "tests" / "crisis" / "data" / "risk_holdout.csv"
ALERT = {"high", "imminent"}


def load_cases(path: Path = CASES) -> list[tuple[str, str]]:
    with path.open(newline="") as f:
        return [(row["text"], row["label"]) for row in csv.DictReader(f)]


def evaluate(cases) -> dict:
    matrix: Counter = Counter()
    misses = []
    for text, label in cases:
        predicted = assess_text(text).level
        matrix[(label, predicted)] += 1
        if predicted != label:
            misses.append((label, predicted, text))

    def share(labels, predicted_in):
        total = sum(matrix[(lab, p)] for lab in labels for p in LEVELS)
        hit = sum(matrix[(lab, p)] for lab in labels for p in predicted_in)
        return hit / total if total else 0.0

    return {
        "matrix": matrix,
        "misses": misses,
        "recall_imminent": share(["imminent"], ["imminent"]),
        "recall_alert": share(["high", "imminent"], ALERT),
        "false_alarm": share(["none"], ALERT),
        "flagged_none": share(["none"], ["concern", *ALERT]),
    }


def report(name: str, path: Path) -> dict:
    cases = load_cases(path)
    result = evaluate(cases)
    matrix = result["matrix"]
    print(f"== {name}: {len(cases)} labelled sentences")
    print("   rows: the label; columns: what detection said")
    print(f"{'':>10}" + "".join(f"{p:>10}" for p in LEVELS))
    for label in LEVELS:
        print(f"{label:>10}" + "".join(f"{matrix[(label, p)]:>10}" for p in LEVELS))
    figures = [
        ("recall on imminent (said imminent)", result["recall_imminent"], ">= 0.95"),
        ("recall on high+imminent (said high or more)", result["recall_alert"], ">= 0.85"),
        ("false alarms on non-risk (said high or more)", result["false_alarm"], "<= 0.10"),
    ]
    for name_, value, target in figures:
        print(f"{name_:<46} {value:.3f}  (target {target})")
    print(f"non-risk given a gentle check-in (concern+):  {result['flagged_none']:.3f}")
    if "--misses" in sys.argv:
        for label, predicted, text in result["misses"]:
            print(f"  {label:>8} -> {predicted:<8} {text}")
    return result


def main() -> None:
    tuned = report("risk_cases.csv (the set the rules are tuned on)", CASES)
    print()
    held = report("risk_holdout.csv (by someone who never saw the rules; never tuned on)", HOLDOUT)
    rows = []
    for name, r in (("tuned set", tuned), ("held-out set", held)):
        rows += [
            row(
                f"{name}: recall on imminent",
                f"{r['recall_imminent']:.3f}",
                ">= 0.95",
                r["recall_imminent"] >= 0.95,
            ),
            row(
                f"{name}: recall on high+imminent",
                f"{r['recall_alert']:.3f}",
                ">= 0.85",
                r["recall_alert"] >= 0.85,
            ),
            row(
                f"{name}: false alarms on non-risk",
                f"{r['false_alarm']:.3f}",
                "<= 0.10",
                r["false_alarm"] <= 0.10,
            ),
        ]
    record(
        "risk_eval",
        "Crisis: risk detection",
        rows,
        notes="the goals are asserted on the tuned set; the held-out set shows how little "
        "phrase rules generalise",
    )


if __name__ == "__main__":
    main()
