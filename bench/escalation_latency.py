"""Crisis alert and chat latency on a real stack: daphne, Redis, PostgreSQL, a Celery worker
and beat (the sweeper running as in production).

    python bench/escalation_latency.py [--escalations 1000] [--rate 25] [--chats 200]

What it measures, all on one clock (the client's), loopback:
- echo: a bare Channels group_send round trip (socket -> consumer -> group_send -> socket)
  on the same server (bench/_echo_asgi.py: the platform's application plus that one route);
- alert: from a member's "Get help now" POST being sent to the first of N on-duty counselor
  console sockets receiving the alert (each escalation is then claimed from a console, as a
  counselor would, so the queue stays realistic);
- chat: from a member's chat socket sending a line to the counselor's socket receiving it,
  with `--chats` chats open at once, every member writing a line every `--chat-interval` s.

It uses its own database (`<DATABASE_URL name>_crisis_bench`, created, migrated and dropped)
and clears only the crisis channel groups in REDIS_URL. Prints one line per figure.
"""

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
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
    async def open(cls, port: int, path: str, session: str) -> "Socket":
        reader, writer = await asyncio.open_connection(HOST, port)
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
                raise ConnectionError("closed by server")

    def close(self) -> None:
        self.writer.close()


async def post_help(port: int, session: str) -> int:
    """POST "Get help now" as a signed-in member; returns the HTTP status."""
    token = "b" * 32  # an unmasked CSRF secret, as the cookie and the form field
    body = f"csrfmiddlewaretoken={token}".encode()
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(
        (
            f"POST /crisis/help/ HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            f"Origin: http://{HOST}:{port}\r\nReferer: http://{HOST}:{port}/\r\n"
            f"Cookie: sessionid={session}; csrftoken={token}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + body
    )
    status_line = await reader.readline()
    await reader.read()
    writer.close()
    return int(status_line.split()[1])


# --- the stack ----------------------------------------------------------------------------


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


def prepare_environment() -> dict:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/peersupport")
    url = urlparse(base)
    bench_db = url.path.lstrip("/") + "_crisis_bench"
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="test",
        DATABASE_URL=url._replace(path="/" + bench_db).geturl(),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
        CELERY_TASK_ALWAYS_EAGER="false",
        LOG_LEVEL="WARNING",
    )
    return env, url, bench_db


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


def make_people(n_counselors: int, n_members: int):
    """Counselors on duty (with MFA, no capacity limit) and members, each with a session."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from crisis.models import CounselorPresence
    from peersupport.models import RoleGrant, User

    def session_for(user):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    counselors = []
    for i in range(n_counselors):
        user = User.objects.create_user(
            email=f"bench-counselor-{i}@example.org", display_name=f"Counselor {i}"
        )
        RoleGrant.objects.create(user=user, role="counselor")
        TOTP.activate(user, generate_totp_secret())
        CounselorPresence.objects.create(user=user, on_duty=True, capacity=10_000)
        counselors.append((user, session_for(user)))
    members = User.objects.bulk_create(
        User(email=f"bench-member-{i}@example.org", display_name=f"Member {i}")
        for i in range(n_members)
    )
    RoleGrant.objects.bulk_create(RoleGrant(user=m, role="member") for m in members)
    return counselors, [(m, session_for(m)) for m in members]


def clear_crisis_groups(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter("ps-channels*"):
        client.delete(key)
    client.close()


# --- the three measurements ---------------------------------------------------------------


async def measure_echo(port, session, n=1000):
    ws = await Socket.open(port, "/ws/crisis/bench-echo/", session)
    times = []
    for i in range(n):
        start = time.perf_counter()
        ws.send({"type": "echo", "i": i})
        await ws.recv()
        times.append((time.perf_counter() - start) * 1000)
    ws.close()
    return times


async def measure_alerts(port, counselors, members, rate):
    consoles = [await Socket.open(port, "/ws/crisis/console/", s) for _, s in counselors]
    for ws in consoles:
        assert (await ws.recv())["type"] == "snapshot"
    sent_at: dict[str, float] = {}
    latencies: dict[str, float] = {}
    done = asyncio.Event()

    async def listen(index, ws):
        while not done.is_set():
            frame = await ws.recv()
            if frame["type"] != "alert" or frame.get("page"):
                continue
            name = frame["escalation"]["member"]
            if name in sent_at and name not in latencies:
                latencies[name] = (time.perf_counter() - sent_at[name]) * 1000
                ws.send({"type": "ack", "escalation_id": frame["escalation"]["id"]})
                ws.send({"type": "claim", "escalation_id": frame["escalation"]["id"]})
                if len(latencies) == len(members):
                    done.set()

    listeners = [asyncio.create_task(listen(i, ws)) for i, ws in enumerate(consoles)]
    posts = []
    interval = 1 / rate
    start = time.perf_counter()
    for i, (member, session) in enumerate(members):
        target = start + i * interval
        await asyncio.sleep(max(0, target - time.perf_counter()))
        sent_at[str(member)] = time.perf_counter()
        posts.append(asyncio.create_task(post_help(port, session)))
    statuses = await asyncio.gather(*posts)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout=60)
    for task in listeners:
        task.cancel()
    for ws in consoles:
        ws.close()
    bad = sum(1 for s in statuses if s != 302)
    return list(latencies.values()), len(members) - len(latencies), bad


def open_chats(counselors, members):
    from crisis import services

    pairs = []
    for i, (member, session) in enumerate(members):
        counselor, counselor_session = counselors[i % len(counselors)]
        escalation = services.escalation_open(member=member, trigger="button")
        services.escalation_claim(escalation_id=escalation.pk, counselor=counselor)
        services.escalation_activate(escalation_id=escalation.pk, counselor=counselor)
        pairs.append((escalation.pk, session, counselor_session))
    return pairs


async def measure_chat(port, pairs, interval, seconds=15.0):
    sockets = []
    for escalation_id, member_session, counselor_session in pairs:
        path = f"/ws/crisis/chat/{escalation_id}/"
        member = await Socket.open(port, path, member_session)
        counselor = await Socket.open(port, path, counselor_session)
        for ws in (member, counselor):
            while (await ws.recv())["type"] != "history":
                pass
        sockets.append((member, counselor))
    sent_at: dict[str, float] = {}
    latencies = []
    stop = time.perf_counter() + seconds

    async def counselor_side(ws):
        while True:
            frame = await ws.recv()
            if frame["type"] == "message" and frame["message"]["client_id"] in sent_at:
                cid = frame["message"]["client_id"]
                latencies.append((time.perf_counter() - sent_at.pop(cid)) * 1000)

    async def member_side(index, ws):
        await asyncio.sleep(random.random() * interval)
        n = 0
        while time.perf_counter() < stop:
            cid = f"{index}-{n}"
            sent_at[cid] = time.perf_counter()
            ws.send(
                {"type": "message", "body": "Thank you, that helps a little.", "client_id": cid}
            )
            n += 1
            await asyncio.sleep(interval)

    readers = [asyncio.create_task(counselor_side(c)) for _, c in sockets]
    drains = [asyncio.create_task(drain(m)) for m, _ in sockets]
    await asyncio.gather(*(member_side(i, m) for i, (m, _) in enumerate(sockets)))
    await asyncio.sleep(3)
    for task in readers + drains:
        task.cancel()
    lost = len(sent_at)
    for member, counselor in sockets:
        member.close()
        counselor.close()
    return latencies, lost


async def drain(ws):
    while True:
        await ws.recv()


# --- main ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--escalations", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=25.0, help="escalations per second")
    parser.add_argument("--counselors", type=int, default=4)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument(
        "--chat-interval", type=float, default=2.0, help="seconds between a member's lines"
    )
    args = parser.parse_args()

    env, url, bench_db = prepare_environment()
    os.environ.update(env)
    admin_sql(url, f'DROP DATABASE IF EXISTS "{bench_db}" WITH (FORCE)')
    admin_sql(url, f'CREATE DATABASE "{bench_db}"')
    processes = []
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")
        import django

        django.setup()
        clear_crisis_groups(env["REDIS_URL"])
        counselors, members = make_people(args.counselors, args.escalations + args.chats)
        alert_members, chat_members = members[: args.escalations], members[args.escalations :]

        port = free_port()
        devnull = subprocess.DEVNULL
        processes.append(
            subprocess.Popen(
                [str(BIN / "daphne"), "-b", HOST, "-p", str(port), "bench._echo_asgi:application"],
                cwd=ROOT,
                env=env,
                stdout=devnull,
                stderr=devnull,
                start_new_session=True,
            )
        )
        celery = [str(BIN / "celery"), "-A", "peersupport"]
        processes.append(
            subprocess.Popen(
                [
                    *celery,
                    "worker",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-P",
                    "solo",
                    "--loglevel=warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=devnull,
                stderr=devnull,
                start_new_session=True,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    *celery,
                    "beat",
                    "--loglevel=warning",
                    "-s",
                    str(Path(tempfile.gettempdir()) / f"{bench_db}-beat"),
                ],
                cwd=ROOT,
                env=env,
                stdout=devnull,
                stderr=devnull,
                start_new_session=True,
            )
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection((HOST, port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("daphne did not start") from None
                time.sleep(0.1)

        echo = asyncio.run(measure_echo(port, counselors[0][1]))
        alerts, missing, bad = asyncio.run(
            measure_alerts(port, counselors, alert_members, args.rate)
        )
        pairs = open_chats(counselors, chat_members)
        chat, lost = asyncio.run(measure_chat(port, pairs, args.chat_interval))

        echo_p99 = percentile(echo, 99)
        print(figure("bare group_send echo", echo))
        print(
            figure(
                f"alert, help button -> console ({args.counselors} on duty, {args.rate}/s)", alerts
            )
            + f" missing={missing} http_errors={bad}"
        )
        print(
            f"alert p99 / echo p99: {percentile(alerts, 99) / echo_p99:.1f}x (goal <= 5x, <= 50 ms)"
        )
        print(
            figure(
                f"chat member -> counselor ({args.chats} chats, a line every "
                f"{args.chat_interval:g} s each)",
                chat,
            )
            + f" lost={lost}"
        )
        print(f"chat p99 / echo p99: {percentile(chat, 99) / echo_p99:.1f}x (goal <= 3x)")
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
        from django.db import connections

        connections.close_all()
        admin_sql(url, f'DROP DATABASE IF EXISTS "{bench_db}" WITH (FORCE)')


if __name__ == "__main__":
    main()
