"""Sockets held and fanned out, on the real stack (issue 8): how many signed-in idle pages one
server holds while crisis alerts stay fast, and how a live thread's replies reach its viewers.

    python bench/sockets.py                       # held + fan-out, daphne, core layer
    python bench/sockets.py --setups daphne:core,uvicorn2:core,daphne:pubsub,uvicorn2:pubsub
    python bench/sockets.py --mode held --target 15000 --step 1000
    python bench/sockets.py --mode fanout --threads 30 --viewers 50 --reply-rate 6

Held: authenticated idle sockets on `ws/notifications/` (the bell every signed-in page keeps
open), one member each, opened `--step` at a time from source addresses 127.0.0.2, .3, ...
(no ephemeral-port exhaustion), each sending `{"type": "ping"}` every 25 s as
static/js/live.js does and answering the server's websocket pings. After each step:
`--alerts` members press "Get help now" (a real POST) and the time until the first of four
on-duty counselor consoles receives the `alert` frame is measured (each is then acked and
claimed, as in bench/escalation_latency.py; the consoles heartbeat every 15 s as
static/js/crisis-console.js does). Stops when alert p99 passes `--p99-limit` ms, the server's
memory (RSS summed over its process tree, from /proc) passes `--max-rss-mb`, sockets are
lost, or `--target` is reached.

Fan-out: `--threads` threads of one group, `--viewers` members on each thread's live socket;
replies are posted through `communities.services.post_create` (the service the reply form
calls) at `--reply-rate` per second in all, round robin, each body carrying its thread's
sequence number. Every viewer must receive every number once, in order: gaps, duplicates and
out-of-order frames are counted. Prints delivered frames per second and the latency from the
service call to each viewer's frame.

Setups: `daphne` (one process, as scripts/run.py and docker-compose run it) or `uvicornN`
(uvicorn with N worker processes, uvloop + httptools + websockets), with the channels_redis
`core` or `pubsub` layer (settings.CHANNELS_LAYER). A private Redis (Debian's redis-server on
a free port) serves each run, so other work on the shared Redis neither disturbs the figures
nor is disturbed; a database of its own (`<DATABASE_URL name>_sockets_bench`) is created and
dropped. A Celery worker and beat run as in production.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import random
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import record, row
from _stack import (
    BIN,
    HOST,
    BenchDatabase,
    ChatCloser,
    Processes,
    Socket,
    free_port,
    make_people,
    percentile,
    post_help,
    wait_for_port,
)

PING_SECONDS = 25.0  # static/js/live.js
CONSOLE_HEARTBEAT_SECONDS = 15.0  # static/js/crisis-console.js
SEQ = re.compile(r"bench-seq-(\d+)-(\d+)")


# --- limits, processes, memory -------------------------------------------------------------


def raise_open_files(wanted: int) -> int:
    """Soft limit up to the hard one; as root, the hard one too when it is short. Children
    (servers, Redis) inherit it."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < wanted and os.geteuid() == 0:
        nr_open = int(Path("/proc/sys/fs/nr_open").read_text())
        hard = min(wanted, nr_open)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += children.get(pid, [])
    return pids


def rss_mb(root: int) -> float:
    total_kb = 0
    for pid in process_tree(root):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def cpu_seconds(root: int) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in process_tree(root):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def start_server(processes: Processes, server: str, port: int, env: dict, log=None):
    if server == "daphne":
        argv = [str(BIN / "daphne"), "-b", HOST, "-p", str(port), "peersupport.asgi:application"]
    elif server.startswith("uvicorn"):
        workers = server.removeprefix("uvicorn") or "1"
        argv = [
            str(BIN / "uvicorn"), "peersupport.asgi:application", "--host", HOST,
            "--port", str(port), "--workers", workers, "--loop", "uvloop", "--http", "httptools",
            "--ws", "websockets", "--lifespan", "off", "--no-access-log",
            "--log-level", "warning", "--backlog", "4096",
        ]  # fmt: skip
    else:
        raise SystemExit(f"unknown server {server!r}: daphne or uvicornN")
    proc = processes.start("server", argv, env=env, log=log)
    wait_for_port(port, timeout=60)
    return proc


# --- a crowd of idle pages -----------------------------------------------------------------


class Crowd:
    """Open sockets, each read by its own task (answers pings, counts frames), pinged by one
    shared task at the page's rate with a random phase."""

    def __init__(self, port: int, *, sources: int = 200):
        self.port = port
        self.sockets: list[Socket] = []
        self.readers: list[asyncio.Task] = []
        self.lost: Counter = Counter()
        self.frames = 0
        self.retried = 0
        self.sources = itertools.cycle(f"127.0.0.{2 + i}" for i in range(sources))
        self._pinger = asyncio.create_task(self._ping_forever())

    async def open(self, path: str, sessions: list[str], *, on_frame=None, concurrency=64):
        """Open one socket per session; returns (opened, failed, seconds)."""
        gate = asyncio.Semaphore(concurrency)
        failed: Counter = Counter()
        opened: list[Socket | None] = [None] * len(sessions)

        async def one(i, session):
            # A page whose socket fails reconnects after a second (static/js/live.js): so
            # do we, twice, before counting the socket as refused.
            for attempt in range(3):
                if attempt:
                    self.retried += 1
                    await asyncio.sleep(attempt)
                async with gate:
                    try:
                        opened[i] = await asyncio.wait_for(
                            Socket.open(
                                self.port, path, session, local_addr=(next(self.sources), 0)
                            ),
                            timeout=60,
                        )
                        return
                    except (
                        OSError, ConnectionError, TimeoutError, asyncio.IncompleteReadError
                    ) as e:  # fmt: skip
                        error = type(e).__name__ + ": " + str(e)[:60]
            failed[error] += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(i, s) for i, s in enumerate(sessions)))
        seconds = time.perf_counter() - started
        for i, ws in enumerate(opened):
            if ws is not None:
                self.sockets.append(ws)
                self.readers.append(asyncio.create_task(self._read(ws, i, on_frame)))
        return [ws for ws in opened], failed, seconds

    async def _read(self, ws: Socket, index: int, on_frame):
        try:
            while True:
                frame = await ws.recv()
                self.frames += 1
                if on_frame is not None:
                    on_frame(index, frame)
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as exc:
            self.lost[str(exc)[:60] or type(exc).__name__] += 1

    async def _ping_forever(self):
        tick = 0.25
        position = 0.0
        while True:
            await asyncio.sleep(tick)
            n = len(self.sockets)
            if not n:
                continue
            position += n * tick / PING_SECONDS
            due, position = int(position), position - int(position)
            for _ in range(due):
                ws = random.choice(self.sockets)
                with contextlib.suppress(Exception):
                    ws.send({"type": "ping"})

    def alive(self) -> int:
        return len(self.sockets) - sum(self.lost.values())

    def close(self):
        self._pinger.cancel()
        for task in self.readers:
            task.cancel()
        for ws in self.sockets:
            with contextlib.suppress(Exception):
                ws.close()


class Consoles:
    """Four on-duty counselor consoles: alerts are timed, then acknowledged and claimed."""

    def __init__(self, port, counselors):
        self.port, self.counselors = port, counselors
        self.sent_at: dict[str, float] = {}
        self.latencies: dict[str, float] = {}
        self.tasks: list[asyncio.Task] = []
        self.lost = 0
        # Each claimed chat ends a while later, as a counselor's would: without it counselors
        # gathered a thousand open chats, and their consoles' snapshots grew with them.
        self.closer = ChatCloser()

    async def start(self):
        for counselor, session in self.counselors:
            ws = await Socket.open(self.port, "/ws/crisis/console/", session)
            assert (await ws.recv())["type"] == "snapshot"
            self.tasks += [
                asyncio.create_task(self._listen(ws, counselor)),
                asyncio.create_task(self._heartbeat(ws)),
            ]

    async def _heartbeat(self, ws):
        while True:
            await asyncio.sleep(CONSOLE_HEARTBEAT_SECONDS)
            ws.send({"type": "heartbeat"})

    async def _listen(self, ws, counselor):
        try:
            while True:
                frame = await ws.recv()
                if frame["type"] == "claim_result" and frame["won"]:
                    self.closer.close_later(frame["escalation_id"], counselor)
                if frame["type"] != "alert" or frame.get("page"):
                    continue
                name = frame["escalation"]["member"]
                if name in self.sent_at and name not in self.latencies:
                    self.latencies[name] = (time.perf_counter() - self.sent_at[name]) * 1000
                    ws.send({"type": "ack", "escalation_id": frame["escalation"]["id"]})
                    ws.send({"type": "claim", "escalation_id": frame["escalation"]["id"]})
        except (ConnectionError, asyncio.IncompleteReadError):
            self.lost += 1

    async def measure(self, members, rate: float) -> tuple[list[float], int, int]:
        """Help presses at `rate` per second; (latencies ms, missing, http errors)."""
        names = [str(m) for m, _ in members]
        posts = []
        start = time.perf_counter()
        for i, (member, session) in enumerate(members):
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
            self.sent_at[str(member)] = time.perf_counter()
            posts.append(asyncio.create_task(post_help(self.port, session)))
        statuses = await asyncio.gather(*posts, return_exceptions=True)
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and any(n not in self.latencies for n in names):
            await asyncio.sleep(0.05)
        got = [self.latencies[n] for n in names if n in self.latencies]
        return got, len(names) - len(got), sum(1 for s in statuses if s != 302)

    def close(self):
        for task in self.tasks:
            task.cancel()
        self.closer.finish()


# --- the two runs -------------------------------------------------------------------------


async def run_held(port, server_pid, counselors, members, alert_members, args) -> dict:
    crowd = Crowd(port)
    consoles = Consoles(port, counselors)
    await consoles.start()
    steps = []
    stop_reason = "target reached"
    alert_pool = iter(alert_members)
    held = 0
    cpu_before = cpu_seconds(server_pid)
    # The same presses with no idle socket yet: what the machine gives an alert anyway.
    baseline, _, _ = await consoles.measure(
        [next(alert_pool) for _ in range(args.alerts)], args.alert_rate
    )
    print(
        f"  held      0  alert p50 {percentile(baseline, 50):6.1f} ms "
        f"p99 {percentile(baseline, 99):6.1f} ms (baseline)",
        flush=True,
    )
    try:
        while held < args.target:
            batch = members[held : held + args.step]
            if not batch:
                stop_reason = "ran out of members"
                break
            _, failed, seconds = await crowd.open("/ws/notifications/", [s for _, s in batch])
            held += len(batch)
            await asyncio.sleep(1)  # let the last handshakes' group_adds settle
            presses = [next(alert_pool) for _ in range(args.alerts)]
            latencies, missing, http_errors = await consoles.measure(presses, args.alert_rate)
            alive = len(crowd.sockets) - sum(crowd.lost.values())
            memory = rss_mb(server_pid)
            step = {
                "held": alive,
                "rss_mb": memory,
                "handshakes_per_s": (len(batch) - sum(failed.values())) / seconds,
                "alert_p50": percentile(latencies, 50) if latencies else float("nan"),
                "alert_p99": percentile(latencies, 99) if latencies else float("nan"),
                "alerts_missing": missing,
                "http_errors": http_errors,
                "failed": dict(failed),
                "lost": dict(crowd.lost),
            }
            steps.append(step)
            print(
                f"  held {alive:6,d}  server RSS {memory:7.0f} MB  handshakes "
                f"{step['handshakes_per_s']:5.0f}/s  alert p50 {step['alert_p50']:6.1f} ms "
                f"p99 {step['alert_p99']:6.1f} ms  missing {missing}  http errors {http_errors}"
                + (f"  retried {crowd.retried}" if crowd.retried else "")
                + (f"  failed {dict(failed)}" if failed else "")
                + (f"  lost {dict(crowd.lost)}" if crowd.lost else ""),
                flush=True,
            )
            if step["alert_p99"] > args.p99_limit or missing:
                stop_reason = f"alert p99 over {args.p99_limit:g} ms"
                break
            if memory > args.max_rss_mb:
                stop_reason = f"server memory over {args.max_rss_mb} MB"
                break
            if failed or crowd.lost:
                stop_reason = "sockets refused or lost"
                break
        # Held a while longer: idle sockets must survive the keepalive cycle (pings, 1011s);
        # the server's CPU meanwhile is what holding them costs, whatever else the machine does.
        idle_cpu = cpu_seconds(server_pid)
        await asyncio.sleep(args.hold_seconds)
        idle_cpu = (cpu_seconds(server_pid) - idle_cpu) / args.hold_seconds
        survived = len(crowd.sockets) - sum(crowd.lost.values())
        cpu = cpu_seconds(server_pid) - cpu_before
    finally:
        crowd.close()
        consoles.close()
    return {
        "steps": steps,
        "baseline_p99": percentile(baseline, 99),
        "stop": stop_reason,
        "survived": survived,
        "idle_cpu": idle_cpu,
        "lost": dict(crowd.lost),
        "server_cpu_s": cpu,
    }


def make_threads(n_threads: int, viewers: list):
    """One group, `n_threads` threads by their own authors; every viewer an active member."""
    from communities.models import Membership
    from communities.services import group_create, thread_create

    group = group_create(name="Bench fan-out", description="Bench.")
    members = [u for u, _ in viewers]
    Membership.objects.bulk_create(
        (Membership(group=group, user=u, state=Membership.State.ACTIVE) for u in members),
        batch_size=2000,
    )
    threads = []
    for t in range(n_threads):
        author = members[t]
        threads.append(
            thread_create(
                group=group, author=author, title=f"Thread {t}", topic="general",
                body=f"Opening post of thread {t}.",
            )
        )  # fmt: skip
    return group, threads


async def run_fanout(port, server_pid, group, threads, viewers, args) -> dict:
    from asgiref.sync import sync_to_async

    from communities.services import post_create

    n_threads, per_thread = len(threads), args.viewers
    # viewer v watches thread v // per_thread
    received: list[list[int]] = [[] for _ in range(n_threads * per_thread)]
    sent_at: dict[tuple[int, int], float] = {}
    latencies: list[float] = []
    first_frame_at = [0.0]

    def on_frame(v, frame):
        if frame.get("type") != "post":
            return
        match = SEQ.search(frame["html"])
        if not match:
            return
        t, n = int(match.group(1)), int(match.group(2))
        now = time.perf_counter()
        first_frame_at[0] = first_frame_at[0] or now
        received[v].append(n if t == v // per_thread else -1)
        latencies.append((now - sent_at[(t, n)]) * 1000)

    crowd = Crowd(port)
    paths = []
    for v in range(n_threads * per_thread):
        thread = threads[v // per_thread]
        paths.append(f"/ws/groups/{group.slug}/threads/{thread.pk}/")
    started = time.perf_counter()
    failed: Counter = Counter()
    for t in range(n_threads):  # one path per thread: open its viewers together
        sessions = [s for _, s in viewers[t * per_thread : (t + 1) * per_thread]]
        base = t * per_thread

        def frame_for(i, frame, base=base):
            on_frame(base + i, frame)

        _, f, _ = await crowd.open(paths[base], sessions, on_frame=frame_for)
        failed.update(f)
    open_seconds = time.perf_counter() - started
    print(
        f"  {n_threads * per_thread - sum(failed.values()):,} viewers on {n_threads} threads "
        f"in {open_seconds:.1f} s" + (f"  failed {dict(failed)}" if failed else ""),
        flush=True,
    )

    authors = [viewers[(t * per_thread + 1) % len(viewers)][0] for t in range(n_threads)]
    posted = [0] * n_threads
    poster_errors: Counter = Counter()

    def post(t: int, n: int):
        post_create(
            thread=threads[t], author=authors[t],
            body=f"Reply {n} in thread {t}, bench-seq-{t}-{n}, written to be kind.",
        )  # fmt: skip

    cpu_before = cpu_seconds(server_pid)
    total = int(args.reply_rate * args.seconds)
    start = time.perf_counter()
    pending = []
    for i in range(total):
        t = i % n_threads
        await asyncio.sleep(max(0.0, start + i / args.reply_rate - time.perf_counter()))
        posted[t] += 1
        sent_at[(t, posted[t])] = time.perf_counter()
        pending.append(
            asyncio.create_task(sync_to_async(post, thread_sensitive=True)(t, posted[t]))
        )
        if len(pending) > 20:
            done = [p for p in pending if p.done()]
            for p in done:
                if p.exception():
                    poster_errors[type(p.exception()).__name__] += 1
            pending = [p for p in pending if not p.done()]
    for p in await asyncio.gather(*pending, return_exceptions=True):
        if isinstance(p, BaseException):
            poster_errors[type(p).__name__] += 1
    posting_seconds = time.perf_counter() - start
    expected = sum(posted) * per_thread
    deadline = time.perf_counter() + args.drain_seconds
    while time.perf_counter() < deadline and len(latencies) < expected and crowd.alive():
        await asyncio.sleep(0.1)
    drained_at = time.perf_counter()
    cpu = cpu_seconds(server_pid) - cpu_before
    crowd.close()

    gaps = duplicates = disorder = wrong_thread = 0
    for v, seqs in enumerate(received):
        t = v // per_thread
        wrong_thread += seqs.count(-1)
        seqs = [n for n in seqs if n >= 0]
        want = set(range(1, posted[t] + 1))
        gaps += len(want - set(seqs))
        duplicates += len(seqs) - len(set(seqs))
        disorder += sum(1 for a, b in itertools.pairwise(seqs) if b < a)
    delivered = len(latencies)
    seconds = drained_at - start
    return {
        "viewers": n_threads * per_thread - sum(failed.values()),
        "replies": sum(posted),
        "posting_s": posting_seconds,
        "expected": expected,
        "delivered": delivered,
        "delivered_per_s": delivered / seconds,
        "p50": percentile(latencies, 50) if latencies else float("nan"),
        "p99": percentile(latencies, 99) if latencies else float("nan"),
        "gaps": gaps,
        "duplicates": duplicates,
        "out_of_order": disorder,
        "wrong_thread": wrong_thread,
        "lost_sockets": dict(crowd.lost),
        "poster_errors": dict(poster_errors),
        "server_cpu_s": cpu,
        "rss_mb": rss_mb(server_pid),
    }


# --- main ---------------------------------------------------------------------------------


def use_layer(layer: str) -> None:
    """This process posts replies too: its channel layer must be the servers' one."""
    import importlib

    from channels.layers import channel_layers
    from django.conf import settings

    import peersupport.settings

    os.environ["CHANNELS_LAYER"] = layer
    settings.CHANNEL_LAYERS = importlib.reload(peersupport.settings).CHANNEL_LAYERS
    channel_layers.backends.clear()


def run_setup(setup, db, redis_url, people, args) -> dict:
    server, layer = setup.split(":")
    use_layer(layer)
    port = free_port()
    env = dict(db.env, REDIS_URL=redis_url, CHANNELS_LAYER=layer)
    result = {"setup": setup}
    with Processes(env) as processes:
        log = Path(args.logs) / f"{server}-{layer}.log" if args.logs else None
        proc = start_server(processes, server, port, env, log)
        processes.worker()
        processes.beat()
        counselors, members, alert_members, viewers, group, threads = people
        if args.mode in ("held", "both"):
            print(f"== held sockets, {setup}", flush=True)
            result["held"] = asyncio.run(
                run_held(port, proc.pid, counselors, members, alert_members, args)
            )
            h = result["held"]
            print(
                f"  stopped: {h['stop']}; after {args.hold_seconds:g} s more idle: "
                f"{h['survived']:,} held, lost {h['lost'] or 0}, server CPU while idle "
                f"{h['idle_cpu'] * 100:.0f}% of a core",
                flush=True,
            )
            alert_members[:] = alert_members[(len(h["steps"]) + 1) * args.alerts :]
        if args.mode in ("fanout", "both"):
            # A fresh server: the held run's sockets are gone, its memory need not be.
            processes.kill("server")
            port = free_port()  # the old workers' sockets may linger in TIME_WAIT / accept
            proc = start_server(processes, server, port, env, log)
            print(f"== fan-out, {setup}", flush=True)
            f = asyncio.run(run_fanout(port, proc.pid, group, threads, viewers, args))
            result["fanout"] = f
            print(
                f"  {f['replies']} replies to {f['viewers']:,} viewers: delivered "
                f"{f['delivered']:,}/{f['expected']:,} ({f['delivered_per_s']:.0f}/s), "
                f"p50 {f['p50']:.1f} ms p99 {f['p99']:.1f} ms, gaps {f['gaps']}, "
                f"duplicates {f['duplicates']}, out of order {f['out_of_order']}, "
                f"server CPU {f['server_cpu_s']:.1f} s, RSS {f['rss_mb']:.0f} MB"
                + (f", poster errors {f['poster_errors']}" if f["poster_errors"] else "")
                + (f", lost {f['lost_sockets']}" if f["lost_sockets"] else ""),
                flush=True,
            )
    return result


def summary_rows(results, args) -> list[dict]:
    rows = []
    for r in results:
        if "held" in r:
            h = r["held"]
            last = h["steps"][-1]
            rates = [s["handshakes_per_s"] for s in h["steps"]]
            rows.append(
                row(
                    f"{r['setup']}: idle authenticated sockets held (alert p99 < "
                    f"{args.p99_limit:g} ms, RSS < {args.max_rss_mb} MB)",
                    f"{h['survived']:,} ({last['rss_mb']:.0f} MB, idle CPU "
                    f"{h['idle_cpu'] * 100:.0f}% of a core; alert p99 "
                    f"{last['alert_p99']:.0f} ms; {min(rates):.0f}-{max(rates):.0f} "
                    f"handshakes/s; stop: {h['stop']})",
                    "10,000",
                    h["survived"] >= 10_000,
                )
            )
        if "fanout" in r:
            f = r["fanout"]
            rows.append(
                row(
                    f"{r['setup']}: fan-out {args.threads} threads x {args.viewers} viewers, "
                    f"{args.reply_rate:g} replies/s",
                    f"{f['delivered_per_s']:.0f} frames/s, p50 {f['p50']:.0f} ms, p99 "
                    f"{f['p99']:.0f} ms, gaps {f['gaps']}, out of order {f['out_of_order']}",
                    "no gap",
                    f["gaps"] == 0 and f["out_of_order"] == 0 and f["duplicates"] == 0,
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["held", "fanout", "both"], default="both")
    parser.add_argument(
        "--setups", default="uvicorn2:pubsub", help="comma-separated server:layer, e.g. daphne:core"
    )
    parser.add_argument("--target", type=int, default=10_000, help="stop after this many")
    parser.add_argument("--step", type=int, default=1000)
    parser.add_argument("--p99-limit", type=float, default=500.0, help="alert p99, ms")
    parser.add_argument("--max-rss-mb", type=int, default=2048)
    parser.add_argument("--alerts", type=int, default=100, help="help presses after each step")
    parser.add_argument("--alert-rate", type=float, default=10.0, help="help presses per s")
    parser.add_argument("--hold-seconds", type=float, default=30.0)
    parser.add_argument("--threads", type=int, default=30)
    parser.add_argument("--viewers", type=int, default=50, help="per thread")
    parser.add_argument("--reply-rate", type=float, default=2.0, help="replies per s, in all")
    parser.add_argument("--seconds", type=float, default=30.0, help="of posting replies")
    parser.add_argument(
        "--drain-seconds", type=float, default=120.0, help="wait this long for late frames"
    )
    parser.add_argument("--logs", help="a directory for the servers' output")
    parser.add_argument("--no-record", action="store_true", help="leave .run/bench alone")
    args = parser.parse_args()
    setups = args.setups.split(",")

    limit = raise_open_files(args.target + args.threads * args.viewers + 4096)
    print(f"open-file limit {limit:,} (client and servers)", flush=True)
    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass

    os.environ["MODERATION_FIRST_POSTS_HELD"] = "0"  # replies appear at once, as a regular's
    redis_port = free_port()
    redis_url = f"redis://{HOST}:{redis_port}/0"
    with Processes({}) as infra:
        infra.redis(redis_port)
        wait_for_port(redis_port)
        with BenchDatabase("sockets_bench", redis_url=redis_url) as db:
            db.env["MODERATION_FIRST_POSTS_HELD"] = "0"
            made = time.perf_counter()
            counselors, _ = make_people(4, 0)
            need_held = args.target if args.mode != "fanout" else 0
            need_alerts = (args.target // args.step + 3) * args.alerts * len(setups)
            need_viewers = args.threads * args.viewers if args.mode != "held" else 0
            _, everyone = make_people(0, need_held + need_alerts + need_viewers)
            members = everyone[:need_held]
            alert_members = everyone[need_held : need_held + need_alerts]
            viewers = everyone[need_held + need_alerts :]
            group = threads = None
            if need_viewers:
                group, threads = make_threads(args.threads, viewers)
            print(f"{len(everyone):,} members with sessions in {time.perf_counter() - made:.0f} s")
            people = (counselors, members, alert_members, viewers, group, threads)
            results = []
            for setup in setups:
                results.append(run_setup(setup, db, redis_url, people, args))
                import redis

                redis.Redis.from_url(redis_url).flushall()
            redis_rss = rss_mb(infra.running["redis"].pid)
    rows = summary_rows(results, args)
    print()
    for r in rows:
        print(f"{r['figure']}: {r['value']}")
    print(f"(private Redis RSS at the end: {redis_rss:.0f} MB)")
    if not args.no_record:
        record(
            "sockets",
            "Sockets held and fan-out",
            rows,
            "client, servers, Redis, PostgreSQL and Celery share the 2 cores; alert latency "
            "is help POST to first console frame",
        )


if __name__ == "__main__":
    main()
