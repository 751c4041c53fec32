"""`make bench`: run every bench in bench/ (files not starting with "_"), one at a time,
then write the generated table at the top of docs/benchmarks.md (machine, date, each
figure next to its goal). The hand-written notes below the table are left as they are.

    python bench/_run_all.py [--only NAME ...] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _report import RESULTS, ROOT  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
BEGIN = "<!-- make bench: generated table, begin -->"
END = "<!-- make bench: generated table, end -->"
PACKAGES = ["django", "channels", "daphne", "channels-redis", "redis", "celery", "psycopg2"]


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "? GiB"
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in PACKAGES if _installed(p))
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {versions}"
    )


def _installed(package: str) -> bool:
    try:
        metadata.version(package)
        return True
    except metadata.PackageNotFoundError:
        return False


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(results: list[dict], failures: dict[str, str], durations: dict[str, float]) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        BEGIN,
        "## Latest `make bench` run",
        "",
        f"Date: {today}. Machine: {machine()}. PostgreSQL and Redis on loopback; the client",
        "shares the machine with the server. Written by `bench/_run_all.py`; the notes below",
        "explain each bench and keep earlier figures.",
        "",
        "| bench | figure | value | goal | met |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        name = f"`bench/{result['bench']}.py`"
        for r in result["rows"]:
            met = {True: "yes", False: "**no**", None: ""}[r.get("met")]
            lines.append(
                f"| {name} | {cell(r['figure'])} | {cell(r['value'])} | {cell(r.get('goal', ''))}"
                f" | {met} |"
            )
    for bench, why in failures.items():
        lines.append(f"| `bench/{bench}.py` | run | **failed**: {cell(why)} | finishes | **no** |")
    lines.append("")
    lines.append(
        "Runs: "
        + ", ".join(
            f"{r['bench']} {r.get('date', '?')}"
            + (f" ({durations[r['bench']]:.0f} s)" if r["bench"] in durations else "")
            for r in results
        )
        + "."
    )
    notes = [r for r in results if r.get("notes")]
    if notes:
        lines.append("")
        lines.extend(f"- `{r['bench']}`: {r['notes']}" for r in notes)
    lines.append(END)
    return "\n".join(lines)


def write_doc(block: str) -> None:
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{block}\n{body}"
    DOC.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", help="bench names (without .py)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per bench")
    args = parser.parse_args()
    benches = sorted(p.stem for p in HERE.glob("[!_]*.py"))
    if args.only:
        benches = [b for b in benches if b in args.only]
    RESULTS.mkdir(parents=True, exist_ok=True)
    failures: dict[str, str] = {}
    durations: dict[str, float] = {}
    for bench in benches:
        (RESULTS / f"{bench}.json").unlink(missing_ok=True)
        print(f"== bench/{bench}.py", flush=True)
        started = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, str(HERE / f"{bench}.py")], cwd=ROOT, timeout=args.timeout
            )
            if done.returncode != 0:
                failures[bench] = f"exit status {done.returncode}"
        except subprocess.TimeoutExpired:
            failures[bench] = f"still running after {args.timeout:.0f} s"
        durations[bench] = time.monotonic() - started
        if bench not in failures and not (RESULTS / f"{bench}.json").exists():
            failures[bench] = "recorded no figures"
    # Every bench's latest figures, including benches not run this time (--only).
    everything = sorted(p.stem for p in HERE.glob("[!_]*.py"))
    results = [
        json.loads((RESULTS / f"{b}.json").read_text())
        for b in everything
        if (RESULTS / f"{b}.json").exists()
    ]
    write_doc(table(results, failures, durations))
    print(f"wrote {DOC.relative_to(ROOT)}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
