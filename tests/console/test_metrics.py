"""The metrics dashboard: charts from rolled-up days plus today live, CSV downloads, the
nightly roll-up, and a query count that does not grow with the data."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from crisis.models import CoverageGap, Escalation, EscalationEvent, State
from peersupport import charts, metrics
from peersupport.console_services import metrics_rollup, metrics_rollup_day
from peersupport.models import DailyMetric
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_dashboard_draws_every_chart_with_its_data_points(admin_client, make_escalations):
    make_escalations(days=3, n=2, trigger="post", risk_level="high")
    metrics_rollup()
    page = admin_client.get(reverse("console:metrics"), {"days": 7}).content.decode()
    for key in (
        "escalations_by_trigger",
        "escalations_by_risk",
        "time_to_claim",
        "claimed_within",
        "abandoned_escalations",
        "coverage_hours",
        "counselor_load",
        "new_members",
        "join_decisions",
        "matching_funnel",
        "supporter_load",
    ):
        assert f'data-chart="{key}"' in page, key
    assert page.count("<svg") >= 11
    assert 'role="img"' in page and "<desc" in page
    # Two escalations a day for three days, all from posts at high risk.
    assert 'data-value="2"' in page
    assert "Risk found in a post" in page
    assert "Moderation queue age against targets" in page and "Flags by reason" in page
    assert 'style="' not in page  # colours come from CSS classes (the CSP forbids inline)


def test_supervisors_see_the_dashboard(client, sia):
    client.force_login(sia)
    assert client.get(reverse("console:metrics")).status_code == 200


def test_escalation_figures_per_day_in_the_csv(admin_client, make_escalations):
    make_escalations(days=2, n=3, trigger="button")
    metrics_rollup()
    response = admin_client.get(
        reverse("console:metrics_csv", args=["escalations_by_trigger"]), {"days": 7}
    )
    rows = _csv(response)
    assert rows[0][0] == "day" and "Pressed Get help now" in rows[0]
    column = rows[0].index("Pressed Get help now")
    by_day = {row[0]: row[column] for row in rows[1:]}
    today = timezone.now().date()
    assert len(by_day) == 7
    assert by_day[today.isoformat()] in ("3", "3.0")
    assert by_day[(today - timedelta(days=1)).isoformat()] in ("3", "3.0")
    assert by_day[(today - timedelta(days=2)).isoformat()] in ("0", "0.0")
    assert 'filename="escalations_by_trigger-7d.csv"' in response["Content-Disposition"]


def test_time_to_claim_counts_from_the_alert_to_the_first_claim(make_escalations):
    # Waits of 10, 20 … 100 s today; a later transfer's claim must not count.
    for wait in range(10, 101, 10):
        (escalation,) = make_escalations(days=1, wait=wait)
        EscalationEvent.objects.create(
            escalation=escalation, kind="claimed", at=escalation.created_at + timedelta(hours=1)
        )
    start, end = metrics.day_bounds(timezone.now().date())
    figures = metrics.chart("time_to_claim").daily(start, end)
    assert figures["p50"] == pytest.approx(55)
    assert figures["p90"] == pytest.approx(91)
    shares = metrics.chart("claimed_within").daily(start, end)
    assert shares == {"within_60s": 60.0, "within_5m": 100.0}


def test_abandoned_escalations_and_coverage_hours(db):
    now = timezone.now()
    today = now.date()
    start, _end = metrics.day_bounds(today - timedelta(days=1))
    member = UserFactory()
    Escalation.objects.create(
        member=member,
        trigger="button",
        state=State.ABANDONED,
        page_level=3,
        created_at=start + timedelta(hours=2),
    )
    CoverageGap.objects.create(
        started_at=start + timedelta(hours=1), ended_at=start + timedelta(hours=4)
    )
    metrics_rollup_day(day=today - timedelta(days=1))
    stored = dict(
        DailyMetric.objects.filter(day=today - timedelta(days=1)).values_list("series", "value")
    )
    assert stored["abandoned"] == 1 and stored["told_hotlines"] == 1
    assert stored["covered"] == 21 and stored["uncovered"] == 3


def test_the_rollup_fills_in_missing_days_and_redoes_yesterday(make_escalations):
    make_escalations(days=5)
    today = timezone.now().date()
    rolled = metrics_rollup(backfill_days=10)
    assert len(rolled) == 10 and today not in rolled
    # A second run only redoes yesterday (late changes), nothing else.
    assert metrics_rollup(backfill_days=10) == [today - timedelta(days=1)]
    stored = DailyMetric.objects.filter(
        key="escalations_by_trigger", series="button", day=today - timedelta(days=3)
    ).get()
    assert stored.value == 1


def test_the_nightly_rollup_is_scheduled_with_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["console-metrics-rollup"]
    assert entry["task"] == "peersupport.tasks.metrics_rollup"


def test_the_rollup_task_runs(make_escalations):
    from peersupport.tasks import metrics_rollup as task

    make_escalations(days=2)
    assert task.delay().get() >= 1
    assert DailyMetric.objects.filter(key="escalations_by_trigger").exists()


def test_the_dashboard_query_count_stays_the_same_as_data_grows(
    admin_client, make_escalations, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def dashboard_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse("console:metrics"), {"days": 90}).status_code == 200
        return len(captured)

    make_escalations(days=2)
    metrics_rollup()
    dashboard_queries()  # first use: one-off look-ups (content types, caches) are not counted
    few = dashboard_queries()
    make_escalations(days=60, n=3, trigger="post", risk_level="high")
    UserFactory.create_batch(20)
    metrics_rollup(backfill_days=90)
    assert DailyMetric.objects.count() > 200
    # Caches with a short life (coverage banner, risk rules) may have lapsed while the data
    # grew on a slow machine: refill them, then count.
    dashboard_queries()
    many = dashboard_queries()
    assert many == few
    assert few <= 40


def test_the_svg_renderer_escapes_labels_and_marks_each_point():
    data = charts.ChartData(
        categories=["<b>", "two"],
        series=[charts.Series("a", "A & B", [1, None]), charts.Series("b", "B", [2, 3])],
    )
    svg = str(charts.line_chart(data, title="T <x>", desc="D"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "T &lt;x&gt;" in svg and "A &amp; B" in svg
    assert svg.count('class="chart-point') == 3
    bars = str(charts.bar_chart(data, title="T", desc="D"))
    assert bars.count("<rect") == 3
    empty = charts.ChartData(categories=["x"], series=[charts.Series("a", "A", [0])])
    assert "Nothing to show" in str(charts.bar_chart(empty, title="T", desc="D"))


def test_axis_steps_are_round_numbers():
    assert charts.axis_top(5) == 8  # 0, 2, 4, 6, 8
    assert charts.axis_top(7) == 8
    assert charts.axis_top(24) == 24  # hours: 0, 6, 12, 18, 24
    assert charts.axis_top(90) == 100
    assert charts.axis_top(180) == 200
    assert charts.axis_top(0) == 4


def test_days_the_rollup_never_reached_are_blank_not_zero(admin_client, make_escalations):
    make_escalations(days=1)
    metrics_rollup(backfill_days=3)
    rows = _csv(admin_client.get(reverse("console:metrics_csv", args=["new_members"]), {"days": 7}))
    by_day = {row[0]: row[1] for row in rows[1:]}
    today = timezone.now().date()
    assert by_day[(today - timedelta(days=2)).isoformat()] in ("0", "0.0")
    assert by_day[(today - timedelta(days=5)).isoformat()] == ""  # never counted
    assert by_day[today.isoformat()] not in ("", "0")  # today, counted live


def test_a_pseudonym_cannot_become_a_spreadsheet_formula_in_the_csv(admin_client, with_mfa):
    from crisis import services

    sly = with_mfa(UserFactory(display_name="=HYPERLINK(1)", roles=["counselor"]))
    services.counselor_duty_set(counselor=sly, on_duty=True)
    rows = _csv(admin_client.get(reverse("console:metrics_csv", args=["counselor_load"])))
    assert rows[0] == ["category", "Chats now", "Capacity"]
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_a_year_is_drawn_week_by_week(admin_client, make_escalations):
    make_escalations(days=14, n=2)
    metrics_rollup(backfill_days=20)
    rows = _csv(
        admin_client.get(
            reverse("console:metrics_csv", args=["escalations_by_trigger"]), {"days": 365}
        )
    )
    assert rows[0][0] == "week_from"
    assert 52 <= len(rows) - 1 <= 54
    column = rows[0].index("Pressed Get help now")
    assert sum(float(row[column] or 0) for row in rows[1:]) == 28
    assert rows[1][column] == ""  # weeks the roll-up never reached
    page = admin_client.get(reverse("console:metrics"), {"days": 365}).content.decode()
    assert "Each bar or point is a week" in page
