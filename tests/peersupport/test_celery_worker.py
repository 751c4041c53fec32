"""A real Celery worker and beat keep the heartbeat fresh, and /healthz says so."""

import os
import re
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
        "CRISIS_SWEEP_SECONDS": "1",
    }
    common = ["--loglevel", "INFO"]  # as make run logs: routine runs must not show there
    logs = {"worker": tmp_path / "worker.log", "beat": tmp_path / "beat.log"}
    procs = [
        subprocess.Popen(
            [CELERY, "-A", "peersupport", "worker", "-P", "solo", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-Q", "celery", *common],
            cwd=ROOT, env=env, start_new_session=True,
            stdout=logs["worker"].open("wb"), stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [CELERY, "-A", "peersupport", "beat", "--pidfile", str(tmp_path / "beat.pid"),
             "--max-interval", "1", *common],
            cwd=ROOT, env=env, start_new_session=True,
            stdout=logs["beat"].open("wb"), stderr=subprocess.STDOUT,
        ),
    ]  # fmt: skip
    yield logs
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

    # Heartbeats and crisis sweeps ran every second. At INFO the log says the worker is
    # ready, and names a periodic job only for a run that did something (the first sweep
    # opens a coverage gap: nobody is on duty here).
    written = {name: path.read_text() for name, path in worker_and_beat.items()}
    assert "ready" in written["worker"]
    log_lines = [line for text in written.values() for line in text.splitlines() if "INFO/" in line]
    about_jobs = [line for line in log_lines if "beat_heartbeat" in line or "_sweep" in line]
    assert not [line for line in about_jobs if "beat_heartbeat" in line], about_jobs
    assert not [line for line in about_jobs if "received" in line or "Sending" in line]
    assert all(re.search(r": [1-9]", line) for line in about_jobs), about_jobs


def test_a_periodic_run_that_did_something_is_logged_and_routine_ones_are_not(caplog):
    """The worker's own "succeeded" line (celery.app.trace), as Celery logs it."""
    from celery.app.trace import LOG_SUCCESS
    from celery.app.trace import info as celery_logs

    from peersupport.quiet_jobs import quieten_periodic_jobs

    quieten_periodic_jobs()
    caplog.set_level("INFO")

    def run(name, return_value):
        celery_logs(LOG_SUCCESS, {"id": "1", "name": name, "return_value": return_value,
                                  "runtime": 0.01, "args": "()", "kwargs": "{}"})  # fmt: skip

    run("crisis.tasks.crisis_sweep", "{'paged': 0, 'alerts resent': 0}")
    run("peersupport.tasks.beat_heartbeat", "None")
    assert caplog.messages == []
    run("crisis.tasks.crisis_sweep", "{'paged': 1, 'alerts resent': 0}")
    run("communities.followers_notify", "0")  # not periodic: Celery's usual line
    assert len(caplog.messages) == 2
    assert "crisis_sweep" in caplog.messages[0] and "'paged': 1" in caplog.messages[0]
