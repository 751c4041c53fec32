"""bench/sockets.py in small: a few hundred signed-in pages on a real web server keep their
sockets through a round of pings, and every viewer of a live thread receives every reply
once, in order. No timing is asserted; the bench measures."""

import asyncio
import re

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from bench._stack import (
    Processes,
    Socket,
    env_for_this_database,
    free_port,
    sessions_for,
    wait_for_port,
)
from communities.models import Membership
from communities.services import post_create, thread_create
from peersupport.models import User

pytestmark = pytest.mark.django_db(transaction=True)

IDLE, THREADS, VIEWERS, REPLIES = 200, 3, 40, 5
SEQ = re.compile(r"live-seq-(\d+)-(\d+)")


@pytest.fixture
def server(transactional_db):
    """A real daphne in its own process (not a fork of this one, which would inherit this
    process's open Redis and database connections) on the test database."""
    port = free_port()
    with Processes(env_for_this_database()) as processes:
        processes.daphne(port)
        wait_for_port(port, timeout=60)
        yield port


@pytest.fixture
def people(group):
    users = User.objects.bulk_create(
        User(email=f"live-{i}@example.org", display_name=f"Live {i}")
        for i in range(IDLE + THREADS * VIEWERS)
    )
    Membership.objects.bulk_create(
        Membership(group=group, user=u, state=Membership.State.ACTIVE) for u in users
    )
    return list(zip(users, sessions_for(users), strict=True))


async def _read_all(ws, into: list):
    while True:
        into.append(await ws.recv())


def test_idle_sockets_stay_and_viewers_get_every_reply_in_order(server, group, people):
    idle, viewers = people[:IDLE], people[IDLE:]
    threads = [
        thread_create(
            group=group, author=viewers[t][0], title=f"Live {t}", topic="general", body="Hello."
        )
        for t in range(THREADS)
    ]

    def post(t, n):
        post_create(thread=threads[t], author=viewers[t][0], body=f"Reply live-seq-{t}-{n}.")

    async def scenario():
        bells = [await Socket.open(server, "/ws/notifications/", s) for _, s in idle]
        watching = []
        for v, (_, session) in enumerate(viewers):
            thread = threads[v % THREADS]
            path = f"/ws/groups/{group.slug}/threads/{thread.pk}/"
            watching.append((v % THREADS, await Socket.open(server, path, session)))
        for ws in bells:  # a round of the page's pings: each answered, none closes
            ws.send({"type": "ping"})
        pongs = await asyncio.gather(*(ws.recv() for ws in bells))
        for n in range(1, REPLIES + 1):
            for t in range(THREADS):
                await sync_to_async(post)(t, n)
        frames = [[] for _ in watching]
        readers = [
            asyncio.create_task(_read_all(ws, frames[i])) for i, (_, ws) in enumerate(watching)
        ]
        deadline = asyncio.get_running_loop().time() + 60
        while sum(map(len, frames)) < len(watching) * REPLIES:
            if asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.1)
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        for ws in bells + [ws for _, ws in watching]:
            ws.close()
        await sync_to_async(connections.close_all)()
        return pongs, [(t, f) for (t, _), f in zip(watching, frames, strict=True)]

    pongs, seen = asyncio.run(scenario())

    assert [p["type"] for p in pongs] == ["pong"] * IDLE
    for thread_index, frames in seen:
        sequence = [
            (int(m[1]), int(m[2]))
            for f in frames
            if f["type"] == "post" and (m := SEQ.search(f["html"]))
        ]
        assert sequence == [(thread_index, n) for n in range(1, REPLIES + 1)]
