"""`make run` stops cleanly, with nothing left running, when told to: SIGTERM to make (as a
script or a service manager sends it), and Ctrl-C's SIGINT to the supervisor even while it is
still setting up. Started as a script starts it in the background: with SIGINT ignored."""

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench._stack import free_port

ROOT = Path(__file__).resolve().parents[2]


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    def running(pid):
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    return {pid for pid in pids if running(pid)}


@pytest.fixture
def start_make_run(tmp_path):
    started = []

    def start(*argv):
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update(
            DJANGO_ENV="development", PORT=str(port), WEB_PROCESSES="1",
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            REDIS_URL="redis://127.0.0.1:6379/6",  # its own: its worker takes no test's jobs
        )  # fmt: skip
        log = (tmp_path / "run.log").open("w")
        proc = subprocess.Popen(
            list(argv), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            # a script's background job: SIGINT ignored, in a process group of its own
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
            start_new_session=True,
        )  # fmt: skip
        started.append(proc)
        return proc, port, tmp_path / "run.log"

    yield start
    for proc in started:
        for pid in alive(descendants(proc.pid)) | alive({proc.pid}):
            os.kill(pid, signal.SIGKILL)


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
    except urllib.error.HTTPError:
        return True  # 503 "starting" is an answer
    except OSError:
        return False
    return True


def test_sigterm_to_make_stops_the_web_server_worker_and_beat(start_make_run):
    make, port, log = start_make_run("make", "--no-print-directory", "run")
    wait_for(lambda: answers(port), 180, "the page to answer")
    everything = descendants(make.pid)
    assert len(everything) >= 4  # the supervisor, uvicorn, the worker and beat at least

    make.send_signal(signal.SIGTERM)
    assert make.wait(timeout=40) is not None
    wait_for(lambda: not alive(everything), 20, "every process to end")
    assert not answers(port)
    text = log.read_text()
    assert "stopping everything" in text and "[run] stopped" in text, text


def test_ctrl_c_while_setting_up_stops_at_once_and_starts_nothing(start_make_run):
    supervisor, port, log = start_make_run(str(ROOT / ".venv" / "bin" / "python"), "scripts/run.py")
    wait_for(lambda: "applying database migrations" in log.read_text(), 60, "set-up to begin")
    supervisor.send_signal(signal.SIGINT)
    assert supervisor.wait(timeout=30) == 0
    text = log.read_text()
    assert "stopped before anything was served" in text, text
    assert not re.search(r"starting (celery|web)", text), text
    assert not answers(port)
