import pytest
from django.utils import timezone

from peersupport.models import Heartbeat
from peersupport.tasks import BEAT_HEARTBEAT, beat_heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_is_503_before_beat_has_ever_run(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["beat"]["ok"] is False


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
