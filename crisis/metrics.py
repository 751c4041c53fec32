"""The crisis app's charts for the staff dashboard (found by peersupport.metrics).

Each `daily` function reads one UTC day with one or two aggregate queries.
"""

from datetime import timedelta

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Greatest, Least

from crisis.models import (
    CoverageGap,
    Escalation,
    EscalationEvent,
    PageLevel,
    RiskLevel,
    State,
    Trigger,
)
from crisis.selectors import on_duty_presences
from peersupport.charts import ChartData, Series
from peersupport.metrics import LINE, NOW, Chart, count_by, percentile, register_chart

CLAIM_TARGETS = ((60, "within_60s", "Within 60 s"), (300, "within_5m", "Within 5 min"))


def _by_trigger(start, end):
    return count_by(Escalation.objects.all(), "created_at", "trigger", start, end)


def _by_risk(start, end):
    return count_by(Escalation.objects.all(), "created_at", "risk_level", start, end)


def _first_claim_waits(start, end) -> tuple[int, list[float]]:
    """How many escalations began in [start, end), and for those claimed, the seconds from
    the alert to the first claim (a transfer's later claim does not count). Two queries."""
    total = Escalation.objects.filter(created_at__gte=start, created_at__lt=end).count()
    rows = (
        EscalationEvent.objects.filter(
            kind="claimed", escalation__created_at__gte=start, escalation__created_at__lt=end
        )
        .values("escalation_id", "escalation__created_at")
        .annotate(first=Min("at"))
        .values_list("escalation__created_at", "first")
    )
    waits = sorted(max(0.0, (first - created).total_seconds()) for created, first in rows)
    return total, waits


def _time_to_claim(start, end):
    _total, waits = _first_claim_waits(start, end)
    return {"p50": percentile(waits, 0.5), "p90": percentile(waits, 0.9)}


def _claimed_within(start, end):
    total, waits = _first_claim_waits(start, end)
    if not total:
        return {}
    return {
        key: round(100 * sum(1 for w in waits if w <= limit) / total, 1)
        for limit, key, _label in CLAIM_TARGETS
    }


def _abandoned(start, end):
    counts = Escalation.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
        abandoned=Count("pk", filter=Q(state=State.ABANDONED)),
        told_hotlines=Count(
            "pk", filter=Q(state=State.ABANDONED, page_level__gte=PageLevel.MEMBER_TOLD)
        ),
    )
    return dict(counts)


def _coverage_hours(start, end):
    """Hours in [start, end) with at least one counselor on duty (not inside a coverage gap)."""
    gaps = (
        CoverageGap.objects.filter(started_at__lt=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
        .annotate(a=Greatest(F("started_at"), start), b=Least(F("ended_at"), end))
        .values_list("a", "b")
    )
    uncovered = sum(((b or end) - a for a, b in gaps), timedelta())
    return {
        "covered": round(max(0.0, ((end - start) - uncovered).total_seconds()) / 3600, 2),
        "uncovered": round(uncovered.total_seconds() / 3600, 2),
    }


def _counselor_load() -> ChartData:
    """Counselors on duty now, with the chats each holds against their capacity."""
    presences = list(
        on_duty_presences().annotate(
            chats=Count(
                "user__crisis_escalations_handled",
                filter=Q(user__crisis_escalations_handled__state__in=[State.CLAIMED, State.ACTIVE]),
            )
        )
    )
    return ChartData(
        categories=[str(p.user) for p in presences],
        series=[
            Series("chats", "Chats now", [p.chats for p in presences]),
            Series("capacity", "Capacity", [p.capacity for p in presences]),
        ],
    )


register_chart(
    Chart(
        key="escalations_by_trigger",
        title="Escalations by trigger",
        description="Escalations opened each day, by what started them.",
        series=tuple(Trigger.choices),
        daily=_by_trigger,
        order=10,
    )
)
register_chart(
    Chart(
        key="escalations_by_risk",
        title="Escalations by risk",
        description="Escalations opened each day, by the risk detected.",
        series=tuple(RiskLevel.choices),
        daily=_by_risk,
        order=11,
    )
)
register_chart(
    Chart(
        key="time_to_claim",
        title="Time to claim",
        description="Seconds from the first alert to a counselor taking the chat: median "
        "(p50) and the slowest tenth (p90), by the day the escalation opened.",
        style=LINE,
        unit=" s",
        series=(("p50", "p50"), ("p90", "p90")),
        missing_is_zero=False,
        daily=_time_to_claim,
        order=12,
    )
)
register_chart(
    Chart(
        key="claimed_within",
        title="Claimed quickly",
        description="Share of escalations a counselor took within 60 seconds and within "
        "5 minutes, by the day the escalation opened.",
        style=LINE,
        unit="%",
        series=tuple((key, label) for _limit, key, label in CLAIM_TARGETS),
        missing_is_zero=False,
        daily=_claimed_within,
        order=13,
    )
)
register_chart(
    Chart(
        key="abandoned_escalations",
        title="Abandoned escalations",
        description="People who left before a counselor joined, and of those, how many had "
        "already been pointed to the hotlines.",
        stacked=False,
        series=(("abandoned", "Left before anyone joined"), ("told_hotlines", "Told hotlines")),
        daily=_abandoned,
        order=14,
    )
)
register_chart(
    Chart(
        key="coverage_hours",
        title="Coverage hours",
        description="Hours each day with at least one counselor on duty, and hours with none.",
        unit=" h",
        series=(("covered", "Covered"), ("uncovered", "Nobody on duty")),
        daily=_coverage_hours,
        order=15,
    )
)
register_chart(
    Chart(
        key="counselor_load",
        title="Counselors on duty and their load",
        description="Each counselor on duty now: chats they hold, against their capacity.",
        shape=NOW,
        stacked=False,
        snapshot=_counselor_load,
        order=16,
    )
)
