import time

import pytest
from django.utils import timezone

from peersupport import health
from peersupport.models import Heartbeat
from peersupport.tasks import BEAT_HEARTBEAT, beat_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def process_started(monkeypatch, settings):
    """Set how long ago this web process started, in seconds."""

    def started(seconds_ago: float) -> None:
        monkeypatch.setattr(health, "STARTED", time.monotonic() - seconds_ago)

    return started


def test_healthz_says_starting_until_beat_has_had_one_interval_to_check_in(
    client, process_started, settings
):
    process_started(seconds_ago=2)
    response = client.get("/healthz")
    assert response.status_code == 503  # not ready for traffic yet, and says why plainly
    body = response.json()
    assert body["status"] == "starting"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["beat"] == {
        "ok": False,
        "starting": True,
        "error": "starting: no heartbeat yet",
    }


def test_healthz_is_unhealthy_when_beat_never_checked_in_after_the_first_interval(
    client, process_started, settings
):
    process_started(seconds_ago=settings.BEAT_HEARTBEAT_STALE_AFTER + 1)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["beat"] == {"ok": False, "error": "no heartbeat yet"}


def test_a_broken_redis_while_starting_is_unhealthy_not_starting(client, process_started, settings):
    process_started(seconds_ago=2)
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"


def test_healthz_is_200_when_database_redis_and_beat_are_fine(client):
    beat_heartbeat.delay()  # eager here; a real worker runs it in test_celery_worker.py
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_is_503_when_the_beat_heartbeat_is_stale(client):
    Heartbeat.objects.create(
        name=BEAT_HEARTBEAT, beat_at=timezone.now() - timezone.timedelta(hours=1)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["beat"]["ok"] is False


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    beat_heartbeat.delay()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
