"""The metrics registry: charts that apps contribute, read for the staff dashboard.

peersupport imports no app. Each app adds `<app>/metrics.py` calling `register_chart`;
they are found once with `autodiscover_modules("metrics")`. A chart is one of:

- `days`: one figure per day and series (e.g. escalations by trigger). `daily(start, end)`
  returns {series: value} for one UTC day. The nightly roll-up stores past days in
  `DailyMetric`; the dashboard reads those in one query and computes only today live, so
  its cost does not grow with years of data.
- `totals`: the same daily figures summed over the period, one bar per series (a funnel).
- `now`: a snapshot of the present (supporters' load), from `snapshot()`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from django.db.models import Count
from django.utils.module_loading import autodiscover_modules

from peersupport.charts import ChartData
from peersupport.models import User
from peersupport.roles import Role

DAYS, TOTALS, NOW = "days", "totals", "now"
BAR, LINE = "bar", "line"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    shape: str = DAYS
    style: str = BAR
    stacked: bool = True
    unit: str = ""
    # (series key, label) in display order. Series found in the data but not listed here
    # are shown after these, labelled by their key.
    series: tuple[tuple[str, str], ...] = ()
    # Days with no row count as zero (counts) or as unknown (percentiles, shares).
    missing_is_zero: bool = True
    daily: Callable[[datetime, datetime], dict[str, float]] | None = None
    snapshot: Callable[[], ChartData] | None = None
    roles: tuple[str, ...] = (Role.ADMIN, Role.SUPERVISOR)
    order: int = 100

    @property
    def rolls_up(self) -> bool:
        return self.daily is not None


_CHARTS: dict[str, Chart] = {}

# Charts another app will bring; shown as a slot until it registers the key.
PLANNED_CHARTS: dict[str, tuple[str, str]] = {
    "moderation_queue_age": (
        "Moderation queue age against targets",
        "How long items wait for review, against the targets. Arrives with the moderation app.",
    ),
    "flags_by_reason": (
        "Flags by reason",
        "What members flag, and why. Arrives with the moderation app.",
    ),
}

ROLLUP_MARKER = "_rolled_up"


def register_chart(chart: Chart) -> Chart:
    _CHARTS[chart.key] = chart
    return chart


@cache
def _discover() -> None:
    autodiscover_modules("metrics")


def charts() -> list[Chart]:
    _discover()
    return sorted(_CHARTS.values(), key=lambda c: (c.order, c.key))


def chart(key: str) -> Chart | None:
    _discover()
    return _CHARTS.get(key)


def planned_slots() -> list[tuple[str, str, str]]:
    _discover()
    return [(key, t, d) for key, (t, d) in PLANNED_CHARTS.items() if key not in _CHARTS]


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC day `day` as [start, end)."""
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def count_by_day(queryset, field: str, start: datetime, end: datetime) -> int:
    return queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end}).count()


def count_by(queryset, field: str, group: str, start: datetime, end: datetime) -> dict:
    """{value of `group`: count} for rows whose `field` falls in [start, end). One query."""
    rows = (
        queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        .values_list(group)
        .annotate(n=Count("pk"))
    )
    return {str(key): n for key, n in rows}


def percentile(sorted_values: list[float], share: float) -> float | None:
    """Linear-interpolated percentile of an already sorted list; None when it is empty."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * share
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


# --- the platform's own figures ----------------------------------------------------------


def _new_members(start: datetime, end: datetime) -> dict[str, float]:
    return {"members": count_by_day(User.objects.all(), "date_joined", start, end)}


register_chart(
    Chart(
        key="new_members",
        title="New members",
        description="People who created an account each day.",
        series=(("members", "New members"),),
        daily=_new_members,
        order=40,
    )
)
