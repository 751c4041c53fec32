"""Metrics dashboard benchmark: years of data, a dashboard that stays fast.

Generates (once) BENCH_YEARS of activity in its own database with set-based SQL: people
joining, join requests and decisions, escalations with their claims, coverage gaps and
match requests. Rolls the figures up (the nightly job, timed per day), then measures the
dashboard for 30, 90 and 365 days through Django's test client: p50/p95 over
BENCH_REQUESTS requests each, and its SQL queries. Prints one line per figure.

    python bench/dashboard.py

Environment: BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/peersupport_bench_dashboard), BENCH_YEARS (3),
BENCH_ESCALATIONS_PER_DAY (60), BENCH_MEMBERS_PER_DAY (100), BENCH_REQUESTS (30),
REDIS_URL (redis://127.0.0.1:6379/2).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._db import ensure_database, use_bench_database  # noqa: E402
from bench._report import record, row  # noqa: E402

YEARS = int(os.environ.get("BENCH_YEARS", "3"))
ESCALATIONS_PER_DAY = int(os.environ.get("BENCH_ESCALATIONS_PER_DAY", "60"))
MEMBERS_PER_DAY = int(os.environ.get("BENCH_MEMBERS_PER_DAY", "100"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))

DATABASE_URL = use_bench_database("peersupport_bench_dashboard", redis_db=2)


def generate() -> None:
    """Years of activity, spread evenly over the days. Skipped when already there."""
    from django.db import connection, transaction

    from communities.services import group_create
    from crisis.models import Escalation

    if Escalation.objects.exists():
        return
    started = time.perf_counter()
    days = YEARS * 365
    with transaction.atomic():
        group = group_create(name="Bench", description="Benchmark group.")
        _insert(connection, group, days)
    with connection.cursor() as cur:
        for table in (
            "peersupport_user",
            "communities_membership",
            "crisis_escalation",
            "crisis_escalationevent",
            "matching_matchrequest",
        ):
            cur.execute(f"ANALYZE {table}")
    print(f"generated {YEARS} years in {time.perf_counter() - started:.1f} s")


def _insert(connection, group, days: int) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO peersupport_user (password, is_superuser, is_staff, is_active, "
            "date_joined, email, display_name, timezone) "
            "SELECT '!', false, false, true, now() - ((g %% %s) || ' days')::interval "
            "- ((g %% 1440) || ' minutes')::interval, 'bench' || g || '@example.invalid', "
            "'Bench ' || g, 'UTC' FROM generate_series(1, %s) g",
            [days, days * MEMBERS_PER_DAY],
        )
        cur.execute(
            "INSERT INTO communities_membership (group_id, user_id, state, answers, "
            "decision_message, requested_at, decided_at) SELECT %s, u.id, "
            "CASE WHEN u.id %% 9 = 0 THEN 'declined' ELSE 'active' END, '[]', '', "
            "u.date_joined + interval '1 hour', u.date_joined + interval '5 hours' "
            "FROM peersupport_user u WHERE u.email LIKE 'bench%%'",
            [group.pk],
        )
        cur.execute(
            "INSERT INTO crisis_escalation (member_id, state, trigger, risk_level, "
            "risk_reasons, priority, source_ref, source_url, source_text, created_at, "
            "queued_at, claimed_at, closed_at, page_level, disposition, private_notes, "
            "follow_up_listed) "
            "SELECT u.id, CASE WHEN u.id %% 13 = 0 THEN 'abandoned' ELSE 'closed' END, "
            "(ARRAY['button','post','reply','message','flag'])[1 + u.id %% 5], "
            "(ARRAY['none','concern','high','imminent'])[1 + u.id %% 4], '[]', 2, '', '', '', "
            "u.date_joined + interval '2 days', u.date_joined + interval '2 days', "
            "CASE WHEN u.id %% 13 = 0 THEN NULL "
            "ELSE u.date_joined + interval '2 days' + ((u.id %% 400) || ' seconds')::interval END, "
            "u.date_joined + interval '2 days 1 hour', u.id %% 4, '', '', false "
            "FROM peersupport_user u WHERE u.email LIKE 'bench%%' AND u.id %% %s = 0 "
            "AND u.date_joined < now() - interval '2 days'",
            [max(1, MEMBERS_PER_DAY // ESCALATIONS_PER_DAY)],
        )
        cur.execute(
            "INSERT INTO crisis_escalationevent (escalation_id, kind, detail, at) "
            "SELECT id, 'claimed', '{}', claimed_at FROM crisis_escalation "
            "WHERE claimed_at IS NOT NULL"
        )
        cur.execute(
            "INSERT INTO crisis_coveragegap (started_at, ended_at) "
            "SELECT now() - (g || ' days')::interval, now() - (g || ' days')::interval "
            "+ interval '2 hours' FROM generate_series(3, %s, 3) g",
            [days],
        )
        cur.execute(
            "INSERT INTO matching_matchrequest (member_id, note, status, created_at) "
            "SELECT u.id, '', 'cancelled', u.date_joined + interval '3 days' "
            "FROM peersupport_user u WHERE u.email LIKE 'bench%%' AND u.id %% %s = 0",
            [10],
        )


def measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries)


def main() -> None:
    ensure_database(DATABASE_URL)
    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from communities.models import Membership
    from crisis.models import Escalation
    from peersupport.console_services import metrics_rollup
    from peersupport.models import DailyMetric, User
    from peersupport.services import user_create

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    generate()
    print(f"people: {User.objects.count()}")
    print(f"memberships: {Membership.objects.count()}")
    print(f"escalations: {Escalation.objects.count()}")

    started = time.perf_counter()
    rolled = metrics_rollup(backfill_days=YEARS * 365 + 5)
    elapsed = time.perf_counter() - started
    if len(rolled) > 1:
        per_day = elapsed / len(rolled) * 1000
        print(f"roll-up: {len(rolled)} days in {elapsed:.1f} s ({per_day:.0f} ms a day)")
    print(f"daily metric rows: {DailyMetric.objects.count()}")

    admin = User.objects.filter(email="bench-admin@example.invalid").first() or user_create(
        email="bench-admin@example.invalid", display_name="Bench admin", password=None,
        roles=("admin",),
    )  # fmt: skip
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    client = Client()
    client.force_login(admin)
    rows = [row("escalations generated", f"{Escalation.objects.count():,}")]
    if len(rolled) > 1:
        rows.append(row("nightly roll-up, per day", f"{elapsed / len(rolled) * 1000:.0f} ms"))
    for days in (30, 90, 365):
        p50, p95, queries = measure(client, f"/staff/metrics/?days={days}")
        print(f"dashboard {days} days p50: {p50:.1f} ms")
        print(f"dashboard {days} days p95: {p95:.1f} ms")
        print(f"dashboard {days} days queries: {queries}")
        rows.append(
            row(
                f"dashboard, {days} days: p50 / p95, statements",
                f"{p50:.0f} / {p95:.0f} ms, {queries}",
            )
        )
    print(f"requests per figure: {REQUESTS}")
    record("dashboard", "Metrics dashboard (console)", rows)


if __name__ == "__main__":
    main()
