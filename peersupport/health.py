"""Checks behind /healthz: the database, Redis and the Celery beat heartbeat."""

import time
from collections.abc import Callable
from datetime import timedelta

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from peersupport.models import Heartbeat
from peersupport.tasks import BEAT_HEARTBEAT


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not healthy", never a 500
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def check_redis() -> dict:
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1, retry=None
    )
    try:
        client.ping()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    finally:
        client.close()
    return {"ok": True}


# When this process started: until beat has had one interval to check in, a missing
# heartbeat means "starting", not "broken".
STARTED = time.monotonic()


def starting() -> bool:
    return time.monotonic() - STARTED < settings.BEAT_HEARTBEAT_STALE_AFTER


def check_beat() -> dict:
    try:
        beat = Heartbeat.objects.filter(name=BEAT_HEARTBEAT).first()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    if beat is None:
        if starting():
            return {"ok": False, "starting": True, "error": "starting: no heartbeat yet"}
        return {"ok": False, "error": "no heartbeat yet"}
    age = timezone.now() - beat.beat_at
    stale_after = timedelta(seconds=settings.BEAT_HEARTBEAT_STALE_AFTER)
    return {"ok": age <= stale_after, "age_seconds": round(age.total_seconds(), 1)}


# Notes apps add about themselves without this module importing them (crisis: whether its
# risk model loaded, or detection runs on rules alone). Each returns a dict with "ok".
NOTES: dict[str, Callable[[], dict]] = {}


def platform_health() -> tuple[str, dict]:
    """("ok" | "starting" | "unhealthy", the checks). "starting" only while the one thing
    wrong is a beat that has not had time to check in since this process started."""
    checks = {"database": check_database(), "redis": check_redis(), "beat": check_beat()}
    checks.update({name: note() for name, note in NOTES.items()})
    failing = [check for check in checks.values() if not check["ok"]]
    if not failing:
        return "ok", checks
    if all(check.get("starting") for check in failing):
        return "starting", checks
    return "unhealthy", checks
