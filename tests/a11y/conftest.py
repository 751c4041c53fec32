"""axe-core for the accessibility checks: fetched from the npm registry by the test run into
.run/axe (never served to users), injected into pages by Playwright."""

import fcntl
import subprocess
from pathlib import Path

import pytest

from tests.security.conftest import (  # noqa: F401  (shared fixtures)
    _private_media_in_tmp,
    signed_in,
)

ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = ROOT / ".run" / "axe"
AXE_VERSION = "4"  # the major version the rules below were read against


@pytest.fixture(scope="session")
def axe_script() -> Path:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    # Parallel test processes (pytest-xdist) take turns: one installs, the others find it.
    with (AXE_DIR / ".install-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not script.exists():
            subprocess.run(
                ["npm", "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund",
                 "--silent", f"axe-core@{AXE_VERSION}"],
                check=True,
                timeout=300,
            )  # fmt: skip
    assert script.exists(), "npm did not install axe-core"
    return script
