"""A real beat and worker climb the ladder, and finish it after the worker is SIGKILLed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from crisis import services
from crisis.models import ChatMessage, Escalation, PageLevel, Trigger

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def _env():
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        CELERY_TASK_ALWAYS_EAGER="false",
        CRISIS_SWEEP_SECONDS="1",
        CRISIS_REPAGE_AFTER_SECONDS="1",
        CRISIS_SUPERVISOR_AFTER_SECONDS="3",
        CRISIS_MEMBER_HOTLINES_AFTER_SECONDS="6",
    )
    return env


def _start(*args, tmp_path):
    log = open(tmp_path / f"{args[0]}-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [CELERY, "-A", "peersupport", *args, "--loglevel=warning"],
        cwd=ROOT,
        env=_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _worker(tmp_path):
    return _start(
        "worker",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-P",
        "solo",
        tmp_path=tmp_path,
    )


def _wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _level(pk):
    return Escalation.objects.get(pk=pk).page_level


def test_the_ladder_completes_even_when_the_worker_is_killed(member, supervisor, tmp_path):
    redis.Redis.from_url(settings.REDIS_URL).flushdb()  # no stale tasks from other runs
    escalation = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    beat = _start("beat", "-s", str(tmp_path / "beat-schedule"), tmp_path=tmp_path)
    first = _worker(tmp_path)
    second = None
    try:
        assert _wait_for(lambda: _level(escalation.pk) >= PageLevel.REPAGED, 20), (
            "the first worker never re-paged"
        )
        os.killpg(first.pid, signal.SIGKILL)  # no warm shutdown: gone mid-whatever
        first.wait(timeout=5)
        second = _worker(tmp_path)
        assert _wait_for(lambda: _level(escalation.pk) == PageLevel.MEMBER_TOLD, 25), (
            "the ladder did not complete after the worker came back"
        )
    finally:
        for process in (beat, first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
    kinds = list(escalation.events.values_list("kind", flat=True))
    assert kinds == ["opened", "repaged", "supervisors_paged", "member_told_hotlines"]
    assert (
        ChatMessage.objects.filter(escalation=escalation, body=services.HOTLINES_TEXT).count() == 1
    )
