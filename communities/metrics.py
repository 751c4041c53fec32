"""The communities app's charts for the staff dashboard (found by peersupport.metrics)."""

from django.db.models import Count, Q

from communities.models import Membership
from peersupport.metrics import Chart, register_chart

State = Membership.State


def _join_decisions(start, end):
    """Requests made that day, and decisions made that day. Two queries."""
    requested = Membership.objects.filter(requested_at__gte=start, requested_at__lt=end).count()
    decided = Membership.objects.filter(decided_at__gte=start, decided_at__lt=end).aggregate(
        approved=Count("pk", filter=~Q(state__in=[State.DECLINED, State.PENDING])),
        declined=Count("pk", filter=Q(state=State.DECLINED)),
    )
    return {"requested": requested, **decided}


register_chart(
    Chart(
        key="join_decisions",
        title="Joining groups",
        description="Requests to join a group each day, and the decisions supporters made.",
        stacked=False,
        series=(
            ("requested", "Asked to join"),
            ("approved", "Welcomed"),
            ("declined", "Not approved"),
        ),
        daily=_join_decisions,
        order=41,
    )
)
