"""Where benches leave their figures (not a bench itself).

Each bench calls `record(...)` once at the end with its figures; `bench/_run_all.py`
(`make bench`) runs every bench and writes the table at the top of docs/benchmarks.md
from what they recorded. Figures go to `.run/bench/<bench>.json`.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("BENCH_RESULTS_DIR", ROOT / ".run" / "bench"))


def row(figure: str, value: str, goal: str = "", met: bool | None = None) -> dict:
    """One line of the table: what was measured, its value, the goal and whether it holds."""
    return {"figure": figure, "value": value, "goal": goal, "met": met}


def record(bench: str, title: str, rows: list[dict], notes: str = "") -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{bench}.json"
    path.write_text(
        json.dumps(
            {
                "bench": bench,
                "title": title,
                "date": datetime.date.today().isoformat(),
                "rows": rows,
                "notes": notes,
            }
        )
    )
    return path
