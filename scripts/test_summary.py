"""The closing line of `make test`: both pytest runs (suite and browser) added up.

    python scripts/test_summary.py RESULTS.xml [RESULTS.xml ...]

Reads the JUnit XML files pytest wrote. Prints each run's counts, then one line with the
totals ("total: N passed, N failed, N skipped"). Exits 1 when a file is missing (that run
never finished) or when anything failed or errored.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def counts(path: Path) -> dict[str, int]:
    root = ET.parse(path).getroot()  # noqa: S314 (pytest wrote it, here)
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        for key in total:
            total[key] += int(suite.get(key, 0))
    failed = total["failures"] + total["errors"]
    return {
        "passed": total["tests"] - failed - total["skipped"],
        "failed": failed,
        "skipped": total["skipped"],
    }


def main(paths: list[str]) -> int:
    total = {"passed": 0, "failed": 0, "skipped": 0}
    missing = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            missing.append(path.stem)
            print(f"{path.stem}: no results (the run did not finish)")
            continue
        found = counts(path)
        print(f"{path.stem}: {found['passed']} passed, {found['failed']} failed, "
              f"{found['skipped']} skipped")  # fmt: skip
        for key in total:
            total[key] += found[key]
    print(f"total: {total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
    return 1 if missing or total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
