"""A real Celery worker and beat keep the heartbeat fresh, and /healthz says so."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from peersupport.models import Heartbeat

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).parent / "celery")


def url_of_the_test_database() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_and_beat(tmp_path, settings):
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": url_of_the_test_database(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",  # beat must send work to the worker
        "BEAT_HEARTBEAT_SECONDS": "1",
    }
    common = ["--loglevel", "WARNING"]
    procs = [
        subprocess.Popen(
            [CELERY, "-A", "peersupport", "worker", "-P", "solo", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-Q", "celery", *common],
            cwd=ROOT, env=env, start_new_session=True,
        ),
        subprocess.Popen(
            [CELERY, "-A", "peersupport", "beat", "--pidfile", str(tmp_path / "beat.pid"),
             "--max-interval", "1", *common],
            cwd=ROOT, env=env, start_new_session=True,
        ),
    ]  # fmt: skip
    yield
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_beat_and_worker_write_the_heartbeat_and_healthz_turns_green(
    worker_and_beat, client, settings
):
    settings.BEAT_HEARTBEAT_STALE_AFTER = 5
    assert client.get("/healthz").status_code == 503  # nothing has run yet
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if Heartbeat.objects.exists() and client.get("/healthz").status_code == 200:
            break
        time.sleep(0.5)
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    first = Heartbeat.objects.get().beat_at
    time.sleep(2.5)
    assert Heartbeat.objects.get().beat_at > first, "beat keeps the heartbeat fresh"
