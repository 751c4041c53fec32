"""Crisis alert and chat latency on a real stack: daphne (or uvicorn), Redis, PostgreSQL, a
Celery worker and beat (the sweeper running as in production).

    python bench/escalation_latency.py [--escalations 1000] [--rate 5] [--chats 200]
                                       [--server daphne|uvicorn] [--http-workers 0]

What it measures, all on one clock (the client's), loopback:
- echo: a bare Channels group_send round trip (socket -> consumer -> group_send -> socket)
  on the same server (bench/_echo_asgi.py: the platform's application plus that one route),
  idle first, then beside the alerts and beside the chats (one every 50 ms on its own socket
  while they run): the goals compare each figure with the echo measured at its moments;
- alert: from a member's trigger being sent to the first of N on-duty counselor console
  sockets receiving the alert. Half the members press "Get help now" (an HTTP POST), half
  post a reply with crisis words in a group thread (an HTTP POST through the real reply form,
  moderation screen and risk detection). Each alert is then acknowledged and claimed from a
  console, and the chat closed 15 s later, as a counselor would, so the queue stays realistic;
- chat: from a member's chat socket sending a line to the counselor's socket receiving it,
  with `--chats` chats open at once, every member writing a line every `--chat-interval` s.

`--server` picks the web server setup (default: BENCH_SERVER, else the platform's own);
`--http-server` serves HTTP from a separate server while the first carries only sockets, as a
reverse proxy routing `/ws/` would. It uses its own database (`<DATABASE_URL
name>_crisis_bench`, created, migrated and dropped) and clears only the channel groups in
REDIS_URL. Prints one line per figure and records them for `make bench`.
"""

import argparse
import asyncio
import contextlib
import gc
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import record, row
from _stack import (
    DEFAULT_SERVER,
    HOST,
    BenchDatabase,
    ChatCloser,
    Processes,
    Socket,
    clear_channel_groups,
    figure,
    free_port,
    http_post,
    make_people,
    percentile,
    post_help,
    wait_for_port,
    web_server_argv,
)

WARM_UP_TRIGGERS = 16
CRISIS_REPLY = "I have the pills here and I am going to take them all tonight."


# --- set-up ----------------------------------------------------------------------------------


def make_thread(members):
    """One private group with every posting member in it, and a thread to reply in."""
    from communities import services as community
    from communities.models import Group, Membership, Post

    group = Group.objects.create(name="Bench group", slug="bench-group")
    Membership.objects.bulk_create(
        Membership(group=group, user=m, state=Membership.State.ACTIVE) for m, _ in members
    )
    thread = community.thread_create(
        group=group, author=members[0][0], title="Evenings", topic="general",
        body="Evenings are the hardest part for me.",
    )  # fmt: skip
    # A newcomer's first thread waits for a moderator; one has approved it.
    Post.objects.filter(thread=thread).update(state=Post.State.VISIBLE)
    return f"/groups/{group.slug}/threads/{thread.pk}/"


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


# --- the three measurements ---------------------------------------------------------------


async def measure_echo(port, session, n=1000):
    """The echo on an idle server: one socket, one round trip after another."""
    ws = await Socket.open(port, "/ws/crisis/bench-echo/", session)
    times = []
    for i in range(n):
        start = time.perf_counter()
        ws.send({"type": "echo", "i": i})
        await ws.recv()
        times.append((time.perf_counter() - start) * 1000)
    ws.close()
    return times


async def measure_echo_busy(port, session, clients=4, n=500):
    """The echo as ../shared/STACK-NOTES.md measured its floor: `clients` sockets, each sending
    its next echo the moment the last came back, on the same server, nothing else running."""
    started = time.perf_counter()
    results = await asyncio.gather(*(measure_echo(port, session, n) for _ in range(clients)))
    rate = clients * n / (time.perf_counter() - started)
    return [t for times in results for t in times], rate


class EchoBeside:
    """The same echo, sent every `interval` s while a measurement runs: the floor under the
    same load, on the same server, at the same moments as the figures it is compared with."""

    def __init__(self, port, session, interval=0.05):
        self.port, self.session, self.interval = port, session, interval
        self.times: list[float] = []

    async def __aenter__(self):
        self.ws = await Socket.open(self.port, "/ws/crisis/bench-echo/", self.session)
        self.task = asyncio.create_task(self._run())
        return self

    async def _run(self):
        i = 0
        while True:
            start = time.perf_counter()
            self.ws.send({"type": "echo", "i": i})
            await self.ws.recv()
            self.times.append((time.perf_counter() - start) * 1000)
            i += 1
            await asyncio.sleep(self.interval)

    async def __aexit__(self, *exc):
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        self.ws.close()


async def trigger(http_port, session, thread_url, by_post):
    if by_post:
        status, _ = await http_post(http_port, thread_url, session, f"body={CRISIS_REPLY}")
        return status
    return await post_help(http_port, session)


async def measure_alerts(ws_port, http_port, counselors, members, rate, thread_url, echo_session):
    async with EchoBeside(ws_port, echo_session) as echo:
        result = await _measure_alerts(ws_port, http_port, counselors, members, rate, thread_url)
    return (*result, echo.times)


async def _measure_alerts(ws_port, http_port, counselors, members, rate, thread_url):
    consoles = [await Socket.open(ws_port, "/ws/crisis/console/", s) for _, s in counselors]
    for ws in consoles:
        assert (await ws.recv())["type"] == "snapshot"
    sent_at: dict[str, float] = {}
    kind: dict[str, str] = {}
    latencies: dict[str, float] = {}
    done = asyncio.Event()

    closer = ChatCloser()

    async def listen(ws, counselor):
        while not done.is_set():
            frame = await ws.recv()
            if frame["type"] == "claim_result" and frame["won"]:
                closer.close_later(frame["escalation_id"], counselor)
            if frame["type"] != "alert" or frame.get("page"):
                continue
            name = frame["escalation"]["member"]
            if name in sent_at and name not in latencies:
                latencies[name] = (time.perf_counter() - sent_at[name]) * 1000
                ws.send({"type": "ack", "escalation_id": frame["escalation"]["id"]})
                ws.send({"type": "claim", "escalation_id": frame["escalation"]["id"]})
                if len(latencies) == len(members):
                    done.set()

    listeners = [
        asyncio.create_task(listen(ws, counselor))
        for ws, (counselor, _) in zip(consoles, counselors, strict=True)
    ]
    presses = []
    interval = 1 / rate
    start = time.perf_counter()
    for i, (member, session) in enumerate(members):
        target = start + i * interval
        await asyncio.sleep(max(0, target - time.perf_counter()))
        by_post = i % 2 == 1
        kind[str(member)] = "post" if by_post else "button"
        sent_at[str(member)] = time.perf_counter()
        presses.append(asyncio.create_task(trigger(http_port, session, thread_url, by_post)))
    statuses = await asyncio.gather(*presses)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout=60)
    for task in listeners:
        task.cancel()
    for ws in consoles:
        ws.close()
    await asyncio.to_thread(closer.finish)
    bad = sum(1 for s in statuses if s not in (200, 302))
    by_kind = {
        k: [v for name, v in latencies.items() if kind[name] == k] for k in ("button", "post")
    }
    if os.environ.get("BENCH_VERBOSE"):
        for name, value in sorted(latencies.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  slow: {kind[name]} {value:.1f} ms at +{sent_at[name] - start:.1f} s")
    return list(latencies.values()), by_kind, len(members) - len(latencies), bad


async def measure_chat(port, pairs, interval, echo_session, seconds=45.0):
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
    async with EchoBeside(port, echo_session) as echo:
        await asyncio.gather(*(member_side(i, m) for i, (m, _) in enumerate(sockets)))
    await asyncio.sleep(3)
    for task in readers + drains:
        task.cancel()
    lost = len(sent_at)
    for member, counselor in sockets:
        member.close()
        counselor.close()
    return latencies, lost, echo.times


async def drain(ws):
    while True:
        await ws.recv()


# --- main ---------------------------------------------------------------------------------


def start_servers(procs: Processes, server: str, http_server: str) -> tuple[int, int]:
    """The web server (with the echo route) and, when asked, a separate HTTP pool."""
    ws_port = free_port()
    procs.start("web", web_server_argv(server, ws_port, "bench._echo_asgi:application"))
    http_port = ws_port
    if http_server:
        http_port = free_port()
        procs.start("http", web_server_argv(http_server, http_port))
        wait_for_port(http_port)
    wait_for_port(ws_port)
    return ws_port, http_port


async def warm_up(http_port: int, ws_port: int, session: str, warm_members, thread_url) -> None:
    """Every worker process and thread answers a few times before anything is timed,
    including both triggers (their first run imports and compiles what they use)."""
    for _ in range(40):
        reader, writer = await asyncio.open_connection(HOST, http_port)
        writer.write(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        await reader.read()
        writer.close()
    for i, (_, member_session) in enumerate(warm_members):
        await trigger(http_port, member_session, thread_url, by_post=i % 2 == 1)
    for _ in range(8):
        ws = await Socket.open(ws_port, "/ws/crisis/console/", session)
        await ws.recv()
        ws.close()
    await asyncio.sleep(2)


def close_warm_up(counselor, warm_members) -> None:
    """The warm-up's escalations end before the timed run, so its queue starts empty."""
    from crisis import services
    from crisis.models import LIVE_STATES, Escalation

    for escalation in Escalation.objects.filter(
        member__in=[m for m, _ in warm_members], state__in=LIVE_STATES
    ):
        services.escalation_claim(escalation_id=escalation.pk, counselor=counselor)
        services.escalation_close(escalation_id=escalation.pk, by=counselor, disposition="safe")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--escalations", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=5.0, help="escalations per second")
    parser.add_argument("--counselors", type=int, default=4)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument(
        "--chat-interval", type=float, default=10.0, help="seconds between a member's lines"
    )
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_SERVER", DEFAULT_SERVER),
        help="daphne, uvicorn, uvicorn:N or gunicorn:N (N processes)",
    )
    parser.add_argument(
        "--http-server", default="", help="serve HTTP from a separate server (same choices)"
    )
    args = parser.parse_args()

    with BenchDatabase("crisis_bench") as db, Processes(db.env) as procs:
        clear_channel_groups(db.env["REDIS_URL"])
        counselors, members = make_people(
            args.counselors, args.escalations + args.chats + WARM_UP_TRIGGERS
        )
        alert_members = members[: args.escalations]
        chat_members = members[args.escalations : args.escalations + args.chats]
        warm_members = members[args.escalations + args.chats :]
        thread_url = make_thread(alert_members + warm_members)
        ws_port, http_port = start_servers(procs, args.server, args.http_server)
        procs.worker()
        procs.beat()
        asyncio.run(warm_up(http_port, ws_port, counselors[0][1], warm_members, thread_url))
        close_warm_up(counselors[0][0], warm_members)
        gc.collect()
        gc.freeze()  # this client's own pauses would count as the server's latency

        echo_session = counselors[0][1]
        echo = asyncio.run(measure_echo(ws_port, echo_session))
        echo_busy, echo_rate = asyncio.run(measure_echo_busy(ws_port, echo_session))
        alerts, by_kind, missing, bad, echo_alerts = asyncio.run(
            measure_alerts(
                ws_port, http_port, counselors, alert_members, args.rate, thread_url, echo_session
            )
        )
        pairs = open_chats(counselors, chat_members)
        chat, lost, echo_chat = asyncio.run(
            measure_chat(ws_port, pairs, args.chat_interval, echo_session)
        )
    echoes = {"idle": echo, "busy": echo_busy, "alerts": echo_alerts, "chat": echo_chat}
    report(args, echoes, echo_rate, alerts, by_kind, missing, bad, chat, lost)


def report(args, echoes, echo_rate, alerts, by_kind, missing, bad, chat, lost):
    """Each goal is read against three echoes of the same server in the same run: idle (one
    socket, one round trip after another), busy (four sockets at full speed, the way
    ../shared/STACK-NOTES.md measured the floor) and beside (sent every 50 ms during the
    alerts or the chats, so at the same moments and under the same load)."""
    setup = args.server + (f", HTTP on {args.http_server}" if args.http_server else "")
    p99 = {name: percentile(v, 99) for name, v in [*echoes.items(), ("alert", alerts),
                                                   ("chats", chat)]}  # fmt: skip
    alert_x, chat_x = p99["alert"] / p99["alerts"], p99["chats"] / p99["chat"]
    alert_busy_x, chat_busy_x = p99["alert"] / p99["busy"], p99["chats"] / p99["busy"]
    echo, echo_alerts, echo_chat = echoes["idle"], echoes["alerts"], echoes["chat"]
    print(f"setup: {setup}")
    print(figure("bare group_send echo, idle", echo))
    print(
        figure("bare group_send echo, 4 sockets at full speed", echoes["busy"])
        + f" ({echo_rate:.0f} msgs/s)"
    )
    print(figure("bare group_send echo, during the alerts", echo_alerts))
    print(
        figure(f"alert, trigger -> console ({args.counselors} on duty, {args.rate:g}/s)", alerts)
        + f" missing={missing} http_errors={bad}"
    )
    for name, values in by_kind.items():
        if values:
            print(figure(f"  of which {name}", values))
    print(
        f"alert p99 / echo p99 beside it: {alert_x:.1f}x (goal <= 5x, <= 50 ms); "
        f"/ busy echo p99: {alert_busy_x:.1f}x; / idle echo p99: {p99['alert'] / p99['idle']:.1f}x"
    )
    print(figure("bare group_send echo, during the chats", echo_chat))
    print(
        figure(
            f"chat member -> counselor ({args.chats} chats, a line every "
            f"{args.chat_interval:g} s each)",
            chat,
        )
        + f" lost={lost}"
    )
    print(
        f"chat p99 / echo p99 beside it: {chat_x:.1f}x (goal <= 3x); "
        f"/ busy echo p99: {chat_busy_x:.1f}x; / idle echo p99: {p99['chats'] / p99['idle']:.1f}x"
    )

    def ms(values):
        return (
            f"p50 {percentile(values, 50):.1f} / p99 {percentile(values, 99):.1f} / "
            f"max {max(values):.1f} ms"
        )

    record(
        "escalation_latency",
        "Crisis alert and chat latency",
        [
            row("setup", setup),
            row("bare group_send echo, idle", ms(echo)),
            row("bare group_send echo, 4 sockets at full speed", ms(echoes["busy"])),
            row("bare group_send echo, during the alerts", ms(echo_alerts)),
            row(
                f"alert, {len(alerts)} triggers at {args.rate:g}/s (button and crisis post)",
                ms(alerts),
                "p99 <= 50 ms",
                p99["alert"] <= 50,
            ),
            *ratio_rows("alert", p99["alert"], p99, beside="alerts", goal=5),
            row(
                "alerts missing / HTTP errors",
                f"{missing} / {bad}",
                "0 / 0",
                not missing and not bad,
            ),
            row("bare group_send echo, during the chats", ms(echo_chat)),
            row(f"chat, {args.chats} chats", ms(chat) + f", lost {lost}"),
            *ratio_rows("chat", p99["chats"], p99, beside="chat", goal=3),
        ],
    )


def ratio_rows(what: str, value: float, p99: dict, *, beside: str, goal: float) -> list[dict]:
    """`what`'s p99 over each echo's p99: beside it, busy, idle; each against the goal."""
    echoes = [("echo p99 beside it", beside), ("busy echo p99", "busy"), ("idle echo p99", "idle")]
    return [
        row(f"{what} p99 / {name}", f"{value / p99[key]:.1f}x", f"<= {goal:g}x",
            value / p99[key] <= goal)
        for name, key in echoes
    ]  # fmt: skip


if __name__ == "__main__":
    main()
