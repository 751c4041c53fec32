"""The registry of stored words that crisis's sweep reads for risk.

crisis sits below the apps that store words (docs/architecture.md), so it never imports
them. Each such app adds a module `<app>/risk_sources.py` that calls `register_source`; they
are found once with Django's `autodiscover_modules`, as datarights, console and metrics are.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class UnscoredWords:
    """Words a source has claimed for the sweep: it will not hand them out again."""

    author: object
    text: str
    trigger: str
    ref: str
    url: str = ""


@dataclass(frozen=True)
class RiskSource:
    """`name` keys the sweep's counts ("posts"). `claimed(written_before=, now=)` yields the
    words stored without a risk score, each claimed (marked scored) before it is yielded, so
    two sweeps never read the same words twice."""

    name: str
    claimed: Callable[..., Iterator[UnscoredWords]]


_SOURCES: dict[str, RiskSource] = {}


def register_source(source: RiskSource) -> RiskSource:
    _SOURCES[source.name] = source
    return source


def sources() -> list[RiskSource]:
    autodiscover_modules("risk_sources")
    return list(_SOURCES.values())
