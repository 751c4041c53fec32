"""A short chaos run on real processes: members keep pressing "Get help now" while Redis, the
Celery worker and daphne are SIGKILLed under them, and every escalation still reaches a
counselor. The long version is bench/chaos_escalations.py (1,000 escalations at 10/s).

Its own Redis on a free port (started, killed and restarted empty by the run), daphne, a
worker and beat, all on the pytest database; counselor clients behave as
static/js/crisis-console.js does.
"""

import time

import pytest
from django.db import connection

from bench._stack import env_for_this_database, free_port, make_people
from bench.chaos_escalations import Plan, chaos
from crisis.models import Escalation

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

ESCALATIONS = 60
RATE = 4.0  # presses a second: 15 s of presses, a fault every ~4 s


def test_every_escalation_is_acknowledged_through_redis_worker_and_daphne_kills(settings, tmp_path):
    redis_port = free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    # Chats the counselors close are broadcast from this process: to the private Redis too.
    settings.CHANNEL_LAYERS = {
        "default": {
            **settings.CHANNEL_LAYERS["default"],
            "CONFIG": {
                **settings.CHANNEL_LAYERS["default"]["CONFIG"],
                "hosts": [{"address": redis_url, "socket_timeout": None}],
            },
        }
    }
    counselors, members = make_people(3, ESCALATIONS)

    result = chaos(
        env_for_this_database(REDIS_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="false"),
        counselors,
        members,
        rate=RATE,
        plan=Plan.spread(ESCALATIONS / RATE, kinds=("redis", "worker", "daphne")),
        settle_seconds=35,
        time_limit=85,
        redis_port=redis_port,
        log_dir=tmp_path,
    )

    _wait_for_other_sessions_to_leave()
    figures = "\n".join(f"{k}: {v}" for k, v in result.figures.items())
    print(figures)  # shown with -rA: docs/benchmarks.md records these runs
    assert not result.failures, f"{'; '.join(result.failures)}\n{figures}\nlogs: {tmp_path}"
    rows = Escalation.objects.filter(member__in=[m for m, _ in members])
    assert rows.count() == ESCALATIONS  # one row per member: none lost, none twice
    assert not rows.filter(alert_acked_at__isnull=True).exists()


def _wait_for_other_sessions_to_leave(timeout=15.0):
    """The killed and stopped processes' database sessions end before the test's teardown."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.2)
