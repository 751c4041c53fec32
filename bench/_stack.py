"""The real stack for benches that need processes (not a bench itself): a pure-Python
websocket client, a "Get help now" POST, a private database, a private Redis, daphne,
a Celery worker and beat as child processes, and people with sessions.

Used by bench/escalation_latency.py, bench/chaos_escalations.py and bench/sockets.py.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


# --- a minimal websocket client (text frames; answers pings) -----------------------------


class Socket:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(
        cls, port: int, path: str, session: str, *, host: str = HOST, local_addr=None
    ) -> Socket:
        reader, writer = await asyncio.open_connection(
            host, port, local_addr=local_addr, limit=2**20
        )
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                f"Sec-WebSocket-Version: 13\r\nOrigin: http://{HOST}:{port}\r\n"
                f"Cookie: sessionid={session}\r\n\r\n"
            ).encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            writer.close()
            raise ConnectionError(head.split(b"\r\n", 1)[0].decode())
        return cls(reader, writer)

    def _frame(self, opcode: int, payload: bytes) -> bytes:
        header = bytearray([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header.append(0x80 | 126)
            header += struct.pack("!H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack("!Q", n)
        mask = os.urandom(4)
        header += mask
        return bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))

    def send(self, message: dict) -> None:
        self.writer.write(self._frame(0x1, json.dumps(message).encode()))

    async def recv(self) -> dict:
        while True:
            b1, b2 = await self.reader.readexactly(2)
            n = b2 & 0x7F
            if n == 126:
                n = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            data = await self.reader.readexactly(n)
            opcode = b1 & 0x0F
            if opcode == 0x1:
                return json.loads(data)
            if opcode == 0x9:
                self.writer.write(self._frame(0xA, data))
            elif opcode == 0x8:
                code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 1005
                raise ConnectionError(f"closed by server ({code})")

    def close(self) -> None:
        self.writer.close()


async def http_post(port: int, path: str, session: str, fields: str = "") -> tuple[int, bytes]:
    """POST a form as a signed-in person (CSRF cookie and field set); returns status, body."""
    token = "b" * 32  # an unmasked CSRF secret, as the cookie and the form field
    body = f"csrfmiddlewaretoken={token}{'&' + fields if fields else ''}".encode()
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        (
            f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            f"Origin: http://{HOST}:{port}\r\nReferer: http://{HOST}:{port}/\r\n"
            f"Cookie: sessionid={session}; csrftoken={token}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + body
    )
    status_line = await reader.readline()
    rest = await reader.read()
    writer.close()
    return int(status_line.split()[1]), rest


async def post_help(port: int, session: str) -> int:
    """POST "Get help now" as a signed-in member; returns the HTTP status."""
    status, _ = await http_post(port, "/crisis/help/", session)
    return status


# --- figures -------------------------------------------------------------------------------


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def figure(name, values_ms):
    return (
        f"{name}: n={len(values_ms)} p50={statistics.median(values_ms):.2f} ms "
        f"p99={percentile(values_ms, 99):.2f} ms max={max(values_ms):.2f} ms"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for_port(port: int, *, host: str = HOST, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection((host, port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing answered on {host}:{port}") from None
            time.sleep(0.05)


def wait_for_page(port: int, path: str = "/", *, timeout: float = 60.0) -> float:
    """Wait until a real page answers 200 through the whole stack (server, Django, the
    database), not just until the port accepts a connection: a restarted web server accepts
    connections a few hundredths of a second after it starts, seconds before it can serve
    (its workers still importing Django). Returns the time.time() of the first 200."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            try:
                connection.request("GET", path, headers={"Host": f"{HOST}:{port}"})
                if connection.getresponse().status == 200:
                    return time.time()
            finally:
                connection.close()
        except (OSError, http.client.HTTPException):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"no page answered 200 on {HOST}:{port}{path}")
        time.sleep(0.05)


# --- a private database ---------------------------------------------------------------------


def admin_sql(url, sql):
    import psycopg2

    conn = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username, password=url.password,
        dbname="postgres",
    )  # fmt: skip
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


class BenchDatabase:
    """`<DATABASE_URL name>_<suffix>`: created and migrated on enter, dropped on exit.
    Sets up Django in this process, pointed at it."""

    def __init__(self, suffix: str, redis_url: str | None = None):
        base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/peersupport")
        self.url = urlparse(base)
        self.name = self.url.path.lstrip("/") + "_" + suffix
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_ENV="test",
            DATABASE_URL=self.url._replace(path="/" + self.name).geturl(),
            REDIS_URL=redis_url or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
            CELERY_TASK_ALWAYS_EAGER="false",
            LOG_LEVEL="WARNING",
        )

    def __enter__(self) -> BenchDatabase:
        os.environ.update(self.env)
        admin_sql(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        admin_sql(self.url, f'CREATE DATABASE "{self.name}"')
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=self.env, check=True
        )
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")
        import django

        django.setup()
        return self

    def __exit__(self, *exc) -> None:
        from django.db import connections

        connections.close_all()
        admin_sql(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def env_for_this_database(**extra: str) -> dict:
    """The environment for a child process (web server, worker, beat) on the database this
    process uses: for tests, which point real processes at pytest's test database."""
    from django.db import connection

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return dict(os.environ, DJANGO_ENV="test", DATABASE_URL=url, LOG_LEVEL="WARNING", **extra)


def clear_channel_groups(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter("ps-channels*"):
        client.delete(key)
    client.close()


# --- people ----------------------------------------------------------------------------------


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def sessions_for(users) -> list[str]:
    """One session per user in a single INSERT (thousands of members in a second)."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.base import VALID_KEY_CHARS
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = SessionStore()
    expire = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys, rows = [], []
    for user in users:
        key = get_random_string(32, VALID_KEY_CHARS)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        keys.append(key)
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys


def make_people(n_counselors: int, n_members: int, *, capacity: int = 10_000):
    """Counselors on duty (with MFA) and members, each with a session key."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from crisis.models import CounselorPresence
    from peersupport.models import RoleGrant, User

    counselors = []
    for i in range(n_counselors):
        user = User.objects.create_user(
            email=f"bench-counselor-{i}@example.org", display_name=f"Counselor {i}"
        )
        RoleGrant.objects.create(user=user, role="counselor")
        TOTP.activate(user, generate_totp_secret())
        CounselorPresence.objects.create(user=user, on_duty=True, capacity=capacity)
        counselors.append((user, session_for(user)))
    members = User.objects.bulk_create(
        (
            User(email=f"bench-member-{i}@example.org", display_name=f"Member {i}")
            for i in range(n_members)
        ),
        batch_size=2000,
    )
    RoleGrant.objects.bulk_create(
        (RoleGrant(user=m, role="member") for m in members), batch_size=2000
    )
    return counselors, list(zip(members, sessions_for(members), strict=True))


# --- processes -------------------------------------------------------------------------------


DEFAULT_SERVER = "uvicorn:2"  # the platform's own setup (scripts/run.py, docker-compose.yml)


class ChatCloser:
    """Counselors end each chat they claimed `seconds` later, as they would, so the queue
    and their consoles stay the size they would be in real life (a thread: the service is
    synchronous)."""

    def __init__(self, seconds: float = 15.0):
        self.seconds = seconds
        self.stopping = threading.Event()
        self.pool = ThreadPoolExecutor(max_workers=1)

    def close_later(self, escalation_id: int, counselor) -> None:
        self.pool.submit(self._close, time.monotonic() + self.seconds, escalation_id, counselor)

    def _close(self, due: float, escalation_id: int, counselor) -> None:
        from crisis import services

        if self.stopping.wait(max(0.0, due - time.monotonic())):
            return
        services.escalation_close(escalation_id=escalation_id, by=counselor, disposition="safe")

    def finish(self) -> None:
        """Chats still open stay open; the thread's database connection is closed."""
        from django.db import connections

        self.stopping.set()
        self.pool.submit(connections.close_all)
        self.pool.shutdown(wait=True)


def web_server_argv(setup: str, port: int, app: str = "peersupport.asgi:application") -> list:
    """`daphne`; `uvicorn`; `uvicorn:N` (N worker processes); `gunicorn:N` (gunicorn with N
    uvicorn workers). Every setup serves HTTP and websockets on one port."""
    kind, _, workers = setup.partition(":")
    bind = ["--host", HOST, "--port", str(port)]
    if kind == "daphne":
        return [str(BIN / "daphne"), "-b", HOST, "-p", str(port), app]
    if kind == "uvicorn":
        extra = ["--workers", workers] if workers else []
        return [str(BIN / "uvicorn"), app, *bind, *extra, "--log-level", "warning",
                "--no-access-log"]  # fmt: skip
    if kind == "gunicorn":
        return [str(BIN / "gunicorn"), app, "-k", "uvicorn.workers.UvicornWorker",
                "-w", workers or "2", "-b", f"{HOST}:{port}", "--log-level", "warning"]  # fmt: skip
    raise ValueError(f"unknown server setup {setup!r}")


class Processes:
    """Child processes in their own sessions, so a kill reaches a worker's children too.
    `stop_all` (also on exit) stops every one still running."""

    def __init__(self, env: dict, *, quiet: bool = True, log_dir: Path | None = None):
        self.env = env
        self.quiet = quiet
        self.log_dir = log_dir  # when set, each process appends its output to <name>.log
        self.running: dict[str, subprocess.Popen] = {}

    def start(
        self, name: str, argv: list[str], env: dict | None = None, log: Path | None = None
    ) -> subprocess.Popen:
        """`log`: a file for the process's output (appended), whatever `quiet` says."""
        out = subprocess.DEVNULL if self.quiet else None
        if log is None and self.log_dir is not None:
            log = self.log_dir / f"{name}.log"
        if log is not None:
            out = open(log, "ab")  # noqa: SIM115 (the child holds it; closed below)
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env or self.env, stdout=out,
            stderr=subprocess.STDOUT if log is not None else out, start_new_session=True,
        )  # fmt: skip
        if log is not None:
            out.close()
        self.running[name] = proc
        return proc

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (a Celery worker's main process and its children)."""
        proc = self.running.pop(name)
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
        proc.wait(timeout=30)

    def daphne(self, port: int, app: str = "peersupport.asgi:application", name="daphne"):
        """The web server (named "daphne" for history): the setup in BENCH_SERVER, else the
        platform's own (see web_server_argv)."""
        setup = os.environ.get("BENCH_SERVER", DEFAULT_SERVER)
        return self.start(name, web_server_argv(setup, port, app))

    def worker(self, name="worker", pool: str = "solo"):
        return self.start(
            name,
            [
                str(BIN / "celery"), "-A", "peersupport", "worker", "--without-gossip",
                "--without-mingle", "--without-heartbeat", "-P", pool, "--loglevel=warning",
            ],
        )  # fmt: skip

    def beat(self, name="beat"):
        schedule = Path(tempfile.mkdtemp(prefix="bench-beat-")) / "schedule"
        return self.start(
            name,
            [
                str(BIN / "celery"), "-A", "peersupport", "beat", "--loglevel=warning",
                "-s", str(schedule),
            ],
        )  # fmt: skip

    def redis(self, port: int, name="redis"):
        """A private Redis with nothing kept on disk (Debian's redis-server)."""
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        return self.start(
            name,
            [
                binary, "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no",
                "--dir", tempfile.gettempdir(),
            ],
        )  # fmt: skip

    def stop_all(self) -> None:
        for name in list(self.running):
            proc = self.running.pop(name)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc) -> None:
        self.stop_all()
