"""Reads for the staff console: people, the audit log, and the metrics dashboard."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.safestring import SafeString

from peersupport import charts, metrics
from peersupport.models import DailyMetric, RoleGrant, StaffAuditEntry, User

PEOPLE_PAGE = 50
# Periods longer than this are drawn one bar per week.
WEEKLY_AFTER_DAYS = 92


def people_search(query: str = "", role: str = ""):
    """People whose pseudonym or email contains `query`, with their roles. Two queries."""
    people = User.objects.order_by("display_name")
    query = (query or "").strip()
    if query:
        people = people.filter(Q(display_name__icontains=query) | Q(email__icontains=query))
    if role:
        people = people.filter(role_grants__role=role)
    return people.prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role"))
    )[:PEOPLE_PAGE]


def audit_entries(
    *, target_type: str = "", target_id: str = "", action: str = "", before_id=None, limit=100
):
    """Audit rows, newest first; `before_id` pages back (keyset, so old pages stay cheap)."""
    entries = StaffAuditEntry.objects.select_related("actor").order_by("-pk")
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if before_id:
        entries = entries.filter(pk__lt=before_id)
    return list(entries[:limit])


def audit_actions() -> list[str]:
    """The kinds of change recorded so far ("role", "shift", …), for the filter."""
    actions = StaffAuditEntry.objects.values_list("action", flat=True).distinct()
    return sorted({a.split(".")[0] for a in actions})


# --- metrics ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    chart: metrics.Chart
    data: charts.ChartData
    svg: SafeString

    @property
    def key(self) -> str:
        return self.chart.key


def _day_label(day: date) -> str:
    return day.strftime("%b %-d")


def _series_order(chart: metrics.Chart, found: set[str]) -> list[tuple[str, str]]:
    listed = list(chart.series)
    known = {key for key, _ in listed}
    return listed + [(key, key.replace("_", " ")) for key in sorted(found - known)]


def _build(
    chart: metrics.Chart, days: list[date], by_day: dict, known: set[date]
) -> charts.ChartData:
    """ChartData for a rolled-up chart from {series: {day: value}}.

    Days the roll-up has not reached (`known` lacks them) are unknown, not zero: a chart
    must not claim a quiet day it never counted.
    """
    order = _series_order(chart, set(by_day))
    default = 0 if chart.missing_is_zero else None

    def value(key: str, day: date) -> float | None:
        if day not in known:
            return None
        return by_day.get(key, {}).get(day, default)

    if chart.shape == metrics.TOTALS:
        totals = [sum(by_day.get(key, {}).values()) for key, _ in order]
        return charts.ChartData(
            categories=[label for _, label in order],
            series=[charts.Series(key="total", label="Total", values=totals)],
        )
    if len(days) <= WEEKLY_AFTER_DAYS:
        return charts.ChartData(
            categories=[_day_label(d) for d in days],
            category_keys=[d.isoformat() for d in days],
            series=[
                charts.Series(key=key, label=label, values=[value(key, d) for d in days])
                for key, label in order
            ],
        )
    # Longer periods: one bar per week (from Monday). Counts and hours add up; percentiles
    # and shares, which do not, are the average of the week's days.
    weeks: dict[date, list[date]] = {}
    for d in days:
        weeks.setdefault(d - timedelta(days=d.weekday()), []).append(d)

    def combine(key: str, week_days: list[date]) -> float | None:
        values = [v for v in (value(key, d) for d in week_days) if v is not None]
        if not values:
            return None
        total = sum(values)
        return total if chart.missing_is_zero else round(total / len(values), 1)

    return charts.ChartData(
        categories=[_day_label(monday) for monday in weeks],
        category_keys=[monday.isoformat() for monday in weeks],
        series=[
            charts.Series(key=key, label=label, values=[combine(key, ds) for ds in weeks.values()])
            for key, label in order
        ],
    )


def _render(chart: metrics.Chart, data: charts.ChartData) -> SafeString:
    kwargs = {"title": chart.title, "desc": chart.description, "unit": chart.unit}
    chart_id = f"chart-{chart.key}"
    if chart.style == metrics.LINE:
        return charts.line_chart(data, chart_id=chart_id, **kwargs)
    return charts.bar_chart(data, stacked=chart.stacked, chart_id=chart_id, **kwargs)


def dashboard(*, user, days: int = 30, keys: list[str] | None = None) -> list[ChartView]:
    """Every chart `user` may see over the last `days` days (today included).

    Past days come from the roll-up table in one query; today is computed live with a
    query or two per chart; snapshots read the present. The count of queries depends on the
    number of charts, never on how much data there is.
    """
    now = timezone.now()
    today = now.date()
    span = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    visible = [
        c for c in metrics.charts() if user.has_role(*c.roles) and (keys is None or c.key in keys)
    ]
    rolled = [c for c in visible if c.rolls_up]
    stored: dict[str, dict[str, dict[date, float]]] = defaultdict(lambda: defaultdict(dict))
    known = {today}
    if rolled:
        rows = DailyMetric.objects.filter(
            key__in=[metrics.ROLLUP_MARKER, *(c.key for c in rolled)],
            day__gte=span[0],
            day__lt=today,
        ).values_list("key", "series", "day", "value")
        for key, series, day, value in rows:
            if key == metrics.ROLLUP_MARKER:
                known.add(day)
            else:
                stored[key][series][day] = value
    today_start, _ = metrics.day_bounds(today)
    views = []
    for chart in visible:
        if chart.rolls_up:
            for series, value in chart.daily(today_start, now).items():
                if value is not None:
                    stored[chart.key][series][today] = value
            data = _build(chart, span, stored[chart.key], known)
        else:
            data = chart.snapshot()
        views.append(ChartView(chart=chart, data=data, svg=_render(chart, data)))
    return views


def rolled_up_through() -> date | None:
    """The last day the nightly roll-up finished, for the dashboard's footnote."""
    return (
        DailyMetric.objects.filter(key=metrics.ROLLUP_MARKER)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
