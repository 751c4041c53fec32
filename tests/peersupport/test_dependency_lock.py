"""requirements.lock is what every install takes (make run, make test, CI, the Dockerfile):
it must answer every requirement of pyproject.toml, pin everything with hashes, and be what
this very environment was installed from."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKED_EXTRAS = ("test", "embedded-redis")  # what `make lock` compiles (Makefile)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in LOCKED_EXTRAS:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def locked() -> dict[str, tuple[str, int]]:
    """{canonical name: (version, number of hashes)}"""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def test_every_requirement_of_pyproject_is_locked_at_a_version_it_accepts():
    pins = locked()
    disagreements = []
    for requirement in project_requirements():
        name = canonicalize_name(requirement.name)
        if name not in pins:
            disagreements.append(f"{requirement}: not in the lock")
        elif not requirement.specifier.contains(pins[name][0], prereleases=True):
            disagreements.append(f"{requirement}: the lock has {pins[name][0]}")
    assert not disagreements, "run `make lock UPGRADE=` and commit the lock:\n" + "\n".join(
        disagreements
    )


def test_every_locked_package_is_pinned_with_hashes():
    pins = locked()
    assert len(pins) > 50  # the whole tree, not only the direct requirements
    assert not [name for name, (_, hashes) in pins.items() if hashes == 0]


def test_this_environment_was_installed_from_the_lock():
    wrong = []
    for name, (version, _) in locked().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != version:
            wrong.append(f"{name}: locked {version}, installed {installed}")
    assert not wrong, "\n".join(wrong)
