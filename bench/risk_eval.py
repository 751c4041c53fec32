"""Score labelled sentences with risk detection (the shipped model and the default rules) and
print the issue's goal figures per language, as a markdown table for docs/benchmarks.md.

    python bench/risk_eval.py                                  # held-out sets, if present
    python bench/risk_eval.py --heldout-en EN.csv --heldout-es ES.csv
    python bench/risk_eval.py --set name=PATH ...              # any other labelled CSV
    python bench/risk_eval.py --rules-only                     # the rules alone, for contrast
    python bench/risk_eval.py --misses                         # also every sentence missed

CSV files have a header `text,label`, labels none/concern/high/imminent. The held-out sets
default to tests/crisis/data/heldout/en.csv and es.csv. Everything under
tests/crisis/data/risk_*.csv and crisis/data/training/ is TRAINING data (the head was fitted
on it, and risk_holdout.csv was tuned on by earlier sessions): figures on those say little.

No database needed: it runs `crisis.detection.assess_text` with the built-in default rules and
the model this process loads (exactly what a web process loads at start). Latency is per
sentence, the whole of assess_text (rules and model); memory is the resident memory the model
adds to this process (measured before and after loading it, then after scoring).
"""

import argparse
import csv
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import record, row  # noqa: E402
from crisis import risk_model  # noqa: E402
from crisis.detection import LEVELS, assess_text  # noqa: E402

HELDOUT = ROOT / "tests" / "crisis" / "data" / "heldout"
ALERT = {"high", "imminent"}
GOALS = [
    # (key, label, goal, test)
    ("imminent_imminent", "imminent said imminent", ">= 0.90", lambda v: v >= 0.90),
    ("imminent_high", "imminent said high or more", ">= 0.97", lambda v: v >= 0.97),
    ("alert_alert", "high+imminent said high or more", ">= 0.90", lambda v: v >= 0.90),
    ("risk_concern", "at-risk said concern or more", ">= 0.85", lambda v: v >= 0.85),
    ("false_alarm", "false alarms (none said high or more)", "<= 0.08", lambda v: v <= 0.08),
]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def load_cases(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return [(r["text"], r["label"].strip()) for r in csv.DictReader(f) if r.get("text")]


def evaluate(cases, model) -> dict:
    matrix: Counter = Counter()
    misses, timings = [], []
    for text, label in cases:
        started = time.perf_counter()
        predicted = assess_text(text, model=model).level
        timings.append((time.perf_counter() - started) * 1000)
        matrix[(label, predicted)] += 1
        if predicted != label:
            misses.append((label, predicted, text))

    def share(labels, predicted_in):
        total = sum(matrix[(lab, p)] for lab in labels for p in LEVELS)
        hit = sum(matrix[(lab, p)] for lab in labels for p in predicted_in)
        return hit / total if total else float("nan")

    timings.sort()
    return {
        "rows": len(cases),
        "matrix": matrix,
        "misses": misses,
        "imminent_imminent": share(["imminent"], ["imminent"]),
        "imminent_high": share(["imminent"], ALERT),
        "alert_alert": share(["high", "imminent"], ALERT),
        "risk_concern": share(["concern", "high", "imminent"], ["concern", *ALERT]),
        "false_alarm": share(["none"], ALERT),
        "p50_ms": statistics.median(timings) if timings else 0.0,
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] if timings else 0.0,
    }


def print_matrix(name: str, result: dict, misses: bool) -> None:
    matrix = result["matrix"]
    print(f"\n{name}: {result['rows']} sentences (rows: the label; columns: what was said)")
    print(f"{'':>10}" + "".join(f"{p:>10}" for p in LEVELS))
    for label in LEVELS:
        print(f"{label:>10}" + "".join(f"{matrix[(label, p)]:>10}" for p in LEVELS))
    if misses:
        for label, predicted, text in result["misses"]:
            print(f"  {label:>8} -> {predicted:<8} {text}")


def long_post_ms(model) -> float:
    """The slowest of three runs of a 20,000-character post with a plan in its middle."""
    calm = [
        f"Day {i}: court again, then groceries, then I sat with my sister for a while."
        for i in range(400)
    ]
    calm.insert(200, "I have the pills counted out and I will take them tonight.")
    text = " ".join(calm)[:20_000]
    worst = 0.0
    for _ in range(3):
        started = time.perf_counter()
        assess_text(text, model=model)
        worst = max(worst, (time.perf_counter() - started) * 1000)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout-en", type=Path, default=HELDOUT / "en.csv")
    parser.add_argument("--heldout-es", type=Path, default=HELDOUT / "es.csv")
    parser.add_argument("--set", action="append", default=[], help="name=PATH, repeatable")
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()

    sets = [("held-out en", args.heldout_en), ("held-out es", args.heldout_es)]
    sets += [tuple(s.split("=", 1)) for s in args.set]
    sets = [(name, Path(path)) for name, path in sets if Path(path).exists()]
    if not sets:
        print(
            f"No held-out set at {args.heldout_en} or {args.heldout_es}: scoring the old "
            "holdout, which is TRAINING data now (figures on it flatter the model)."
        )
        sets = [("training (old holdout)", ROOT / "tests/crisis/data/risk_holdout.csv")]

    before = rss_mb()
    model = None if args.rules_only else risk_model.load()
    if not args.rules_only and model is None:
        sys.exit(f"the risk model did not load: {risk_model.status()}")
    loaded = rss_mb()
    results = [(name, path, evaluate(load_cases(path), model)) for name, path in sets]
    after = rss_mb()
    long_ms = long_post_ms(model)

    for name, _path, result in results:
        print_matrix(name, result, args.misses)

    what = "rules alone" if args.rules_only else "model + rules"
    print(f"\n### Risk detection ({what}), {time.strftime('%Y-%m-%d')}\n")
    header = ["set", "rows", *(label for _, label, _, _ in GOALS), "p50 / p99 ms"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    table_rows = []
    for name, path, r in results:
        cells = [f"{name} ({path.name})", str(r["rows"])]
        for key, _label, _goal, met in GOALS:
            cells.append(f"{r[key]:.2f}" + ("" if met(r[key]) else " (missed)"))
        cells.append(f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f}")
        print("| " + " | ".join(cells) + " |")
        for key, label, goal, met in GOALS:
            table_rows.append(row(f"{name}: {label}", f"{r[key]:.3f}", goal, met(r[key])))
        table_rows.append(row(f"{name}: p99 ms per sentence", f"{r['p99_ms']:.1f}", "<= 30"))
    print("| goal | | " + " | ".join(goal for _, _, goal, _ in GOALS) + " | p99 <= 30 |")
    print(
        f"\nResident memory: {before:.0f} MB before loading, +{loaded - before:.0f} MB once "
        f"the model loaded, +{after - before:.0f} MB after scoring (goal: <= 200 MB added)."
    )
    print(f"A 20,000-character post, slowest of three: {long_ms:.0f} ms (goal: < 300 ms).")
    table_rows += [
        row("memory added by the model (MB)", f"{after - before:.0f}", "<= 200"),
        row("20,000-character post (ms)", f"{long_ms:.0f}", "< 300", long_ms < 300),
    ]
    record("risk_eval", f"Crisis: risk detection ({what})", table_rows)


if __name__ == "__main__":
    main()
