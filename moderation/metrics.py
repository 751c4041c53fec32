"""The moderation app's charts for the staff dashboard (found by peersupport.metrics)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q

from moderation.models import Flag, QueueEntry
from peersupport.metrics import LINE, Chart, count_by, register_chart


def _waits(start, end) -> tuple[list[float], list[float]]:
    """Minutes each entry resolved in [start, end) waited, at-risk and other. One query."""
    rows = QueueEntry.objects.filter(resolved_at__gte=start, resolved_at__lt=end).values_list(
        "kind", "created_at", "resolved_at"
    )
    at_risk, other = [], []
    for kind, created, resolved in rows:
        minutes = max(0.0, (resolved - created).total_seconds() / 60)
        (at_risk if kind == QueueEntry.Kind.AT_RISK else other).append(minutes)
    return sorted(at_risk), sorted(other)


def _queue_age(start, end):
    """Share of entries resolved within their target, and the slowest tenth's wait."""
    at_risk, other = _waits(start, end)
    risk_target = settings.MODERATION_TARGET_AT_RISK_MINUTES
    other_target = settings.MODERATION_TARGET_OTHER_MINUTES
    figures = {}
    if at_risk:
        figures["at_risk_within"] = round(
            100 * sum(1 for w in at_risk if w <= risk_target) / len(at_risk), 1
        )
    if other:
        figures["other_within"] = round(
            100 * sum(1 for w in other if w <= other_target) / len(other), 1
        )
    return figures


def _open_past_target(start, end):
    """Entries still open at the end of the day that had waited longer than their target."""
    del start
    counts = (
        QueueEntry.objects.filter(created_at__lt=end)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=end))
        .aggregate(
            at_risk=Count(
                "pk",
                filter=Q(
                    kind=QueueEntry.Kind.AT_RISK,
                    created_at__lt=end
                    - timedelta(minutes=settings.MODERATION_TARGET_AT_RISK_MINUTES),
                ),
            ),
            other=Count(
                "pk",
                filter=~Q(kind=QueueEntry.Kind.AT_RISK)
                & Q(
                    created_at__lt=end - timedelta(minutes=settings.MODERATION_TARGET_OTHER_MINUTES)
                ),
            ),
        )
    )
    return counts


def _flags_by_reason(start, end):
    return count_by(Flag.objects.all(), "created_at", "reason", start, end)


register_chart(
    Chart(
        key="moderation_queue_age",
        title="Moderation queue age against targets",
        description="Share of review-queue entries resolved within their target each day: "
        "at-risk entries and everything else (targets set by MODERATION_TARGET_*).",
        style=LINE,
        unit="%",
        series=(
            ("at_risk_within", "At risk, within target"),
            ("other_within", "Other, within target"),
        ),
        missing_is_zero=False,
        daily=_queue_age,
        order=30,
    )
)
register_chart(
    Chart(
        key="moderation_past_target",
        title="Queue entries waiting past their target",
        description="At the end of each day: entries still open that had waited longer than "
        "their target.",
        stacked=False,
        series=(("at_risk", "At risk"), ("other", "Other")),
        daily=_open_past_target,
        order=31,
    )
)
register_chart(
    Chart(
        key="flags_by_reason",
        title="Flags by reason",
        description="What members flagged each day, and why.",
        series=tuple(Flag.Reason.choices),
        daily=_flags_by_reason,
        order=32,
    )
)
