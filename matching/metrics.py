"""The matching app's charts for the staff dashboard (found by peersupport.metrics)."""

from django.db.models import Count, Q

from matching.models import Match, MatchRequest, Suggestion, SupporterProfile
from peersupport.charts import ChartData, Series
from peersupport.metrics import NOW, TOTALS, Chart, register_chart

S = Suggestion.State


def _funnel(start, end):
    """Each step of matching, counted on the day it happened. Three queries."""
    asked = Suggestion.objects.filter(asked_at__gte=start, asked_at__lt=end).count()
    answered = Suggestion.objects.filter(answered_at__gte=start, answered_at__lt=end).aggregate(
        accepted=Count("pk", filter=Q(state=S.ACCEPTED)),
    )
    return {
        "requests": MatchRequest.objects.filter(created_at__gte=start, created_at__lt=end).count(),
        "asked": asked,
        "accepted": answered["accepted"],
        "matches": Match.objects.filter(started_at__gte=start, started_at__lt=end).count(),
    }


def _supporter_load() -> ChartData:
    """Verified supporters who are not paused, by how many conversations they hold now."""
    rows = (
        SupporterProfile.objects.filter(verified_at__isnull=False, is_paused=False)
        .values_list("load")
        .annotate(n=Count("pk"))
        .order_by("load")
    )
    rows = list(rows)
    return ChartData(
        categories=[f"{load} active" for load, _n in rows],
        series=[Series("supporters", "Supporters", [n for _load, n in rows])],
    )


register_chart(
    Chart(
        key="matching_funnel",
        title="Matching funnel",
        description="Over the period: members who asked for a peer, supporters asked, "
        "supporters who said yes, and conversations that began.",
        shape=TOTALS,
        series=(
            ("requests", "Asked for a peer"),
            ("asked", "Supporters asked"),
            ("accepted", "Said yes"),
            ("matches", "Conversations began"),
        ),
        daily=_funnel,
        order=50,
    )
)
register_chart(
    Chart(
        key="supporter_load",
        title="Active supporters and their load",
        description="Verified supporters who are available, by how many peer conversations "
        "each holds now.",
        shape=NOW,
        snapshot=_supporter_load,
        order=51,
    )
)
