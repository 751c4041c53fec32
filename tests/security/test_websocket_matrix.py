"""The websocket half of the authorisation matrix: every route from peersupport.routing, by
all 11 roles, through the real ASGI application (origin check, session cookie, auth).

Each route has one row: the connect outcome per role (same order and grouping as the HTTP
matrix) and the frames an accepted socket sends, every one that takes an object id among
them. Letters: a accepted, L closed 4401 (sign in first), n closed 4404 (the same as for
nothing there), f closed 4403 (not yours / MFA first). While every socket is open, things
happen in the world (a reply, crisis chat lines, a peer message, a new escalation, a flag);
no frame to any role may carry a canary it should not read, an error trace, or a 500.
"""

import asyncio
import json
import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client

from communities.models import Post, Thread
from communities.services import post_create
from crisis import services as crisis_services
from crisis.models import ChatMessage, Trigger
from matching import services as matching_services
from moderation.services import flag_create
from peersupport.asgi import application
from peersupport.routing import websocket_urlpatterns
from tests.security.matrix import leaks
from tests.security.world import CANARIES, ROLES, build_world

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = b"http://testserver"
BARRIER = {"type": "zz-barrier"}  # every consumer answers an unknown type with an error

# route -> (connect outcome per role, frames an accepted socket sends). Ids are filled in
# from the world: "{escalation_id}", "{post_id}", ...
# fmt: off
TABLE = {
    "ws/notifications/": (
        "L aaaa aa aaa a", [{"type": "ping"}],
    ),
    "ws/groups/<slug:slug>/threads/<int:thread_id>/": (
        "L nnan na nna n", [{"type": "ping"}, {"type": "resync", "after": 0}],
    ),
    "ws/moderation/queue/": (
        "L nnnn aa nna n", [{"type": "ping"}],
    ),
    "ws/peers/conversations/<int:match_id>/": (
        "L nnan na nnn n",
        [{"type": "ping"}, {"type": "catch_up", "after": 0},
         {"type": "message", "body": "Thinking of you."}],
    ),
    "ws/crisis/console/": (
        "L ffff ff aaf f",
        [{"type": "heartbeat"}, {"type": "ack", "escalation_id": "{escalation_id}"},
         {"type": "claim", "escalation_id": "{escalation_id}"},
         {"type": "duty", "on_duty": True}],
    ),
    "ws/crisis/chat/<int:escalation_id>/": (
        "L ffaf ff aaf f",
        [{"type": "ping"}, {"type": "sync"}, {"type": "typing"},
         {"type": "read", "up_to_id": "{chat_message_id}"},
         {"type": "message", "body": "I am here.", "client_id": "m-1"}],
    ),
}
# fmt: on
CLOSE_LETTERS = {4401: "L", 4404: "n", 4403: "f"}


def test_every_websocket_route_has_a_row():
    routes = {str(route.pattern) for route in websocket_urlpatterns}
    assert routes == set(TABLE), (
        f"routes without a row: {sorted(routes - set(TABLE))}; "
        f"rows without a route: {sorted(set(TABLE) - routes)}"
    )


def _path(route: str, ids: dict) -> str:
    values = {"slug": ids["slug"], "thread_id": ids["thread_id"]}
    values |= {"match_id": ids["match"], "escalation_id": ids["escalation_id"]}
    path = route
    for name, value in values.items():
        for converter in ("slug", "int"):
            path = path.replace(f"<{converter}:{name}>", str(value))
    assert "<" not in path, f"{route}: add its parameter to _path (a World.ids value)"
    return "/" + path


def _fill(frame: dict, ids: dict) -> dict:
    filled = {}
    for key, value in frame.items():
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            value = ids[value[1:-1]]
        filled[key] = value
    return filled


class Socket:
    def __init__(self, role, route, path, cookie):
        headers = [(b"origin", ORIGIN), (b"host", b"testserver")]
        if cookie:
            headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
        self.role, self.route = role, route
        self.communicator = WebsocketCommunicator(application, path, headers=headers)
        self.frames: list[str] = []
        self.open = False

    async def connect(self) -> str:
        connected, code = await self.communicator.connect(timeout=5)
        self.open = connected
        return "a" if connected else CLOSE_LETTERS.get(code, f"?{code}")

    async def drain(self, until_barrier: bool = False, timeout: float = 3.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # receive_output's timeout would cancel the consumer: look first.
            if await self.communicator.receive_nothing(timeout=0.15, interval=0.01):
                if not until_barrier:
                    return
                continue
            message = await self.communicator.receive_output(timeout=2)
            if message["type"] == "websocket.close":
                self.open = False
                return
            text = message.get("text") or ""
            self.frames.append(text)
            if until_barrier and "Unknown message type" in text:
                return
        if until_barrier:
            raise AssertionError(f"{self.route} as {self.role}: no answer to the barrier")


def _cookies(world) -> dict:
    cookies = {"anon": None}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(world.people[role])
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def _happenings(world):
    """Things that make every live channel speak while all sockets are open."""
    ids, people = world.ids, world.people
    thread = Thread.objects.get(pk=ids["thread_id"])
    post_create(thread=thread, author=people["sup_here"], body="CanaryPrivatePost7q, again")
    crisis_services.chat_message_post(
        escalation_id=ids["escalation_id"],
        author=people["member"],
        author_kind=ChatMessage.Author.MEMBER,
        body="CanaryCrisisChat3k, again",
    )
    matching_services.message_send(
        match_id=ids["match"], author=people["member"], body="CanaryPeerDm5w, again"
    )
    crisis_services.escalation_open(member=people["outsider"], trigger=Trigger.BUTTON)
    post = Post.objects.get(pk=ids["anon_post_id"])
    flag_create(post=post, flagger=people["member"], reason="hurtful")


@pytest.fixture
def closing():
    yield
    connections.close_all()


def test_websocket_matrix_every_route_by_every_role(with_mfa, settings, closing):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(with_mfa)
    world.ids["chat_message_id"] = (
        ChatMessage.objects.filter(escalation_id=world.ids["escalation_id"]).latest("pk").pk
    )
    cookies = _cookies(world)
    started = time.monotonic()

    async def run():
        sockets, wrong = [], []
        for route, (spec, _frames) in TABLE.items():
            path = _path(route, world.ids)
            got = ""
            for role in ROLES:
                socket = Socket(role, route, path, cookies[role])
                got += await socket.connect()
                sockets.append(socket)
            if got != spec.replace(" ", ""):
                wrong.append(f"{route}: expected {spec!r}, got {got!r}")
        sent = 0
        for socket in sockets:
            if socket.open:
                await socket.drain()  # what the consumer sends on connect
                for frame in TABLE[socket.route][1]:
                    await socket.communicator.send_json_to(_fill(frame, world.ids))
                    sent += 1
                await socket.communicator.send_json_to(BARRIER)
                await socket.drain(until_barrier=True)
        await sync_to_async(_happenings)(world)
        await asyncio.sleep(1.0)
        for socket in sockets:
            if socket.open:
                await socket.drain()
                await socket.communicator.disconnect()
        return sockets, wrong, sent

    sockets, wrong, sent = async_to_sync(run)()
    found, frames = [], 0
    for socket in sockets:
        for text in socket.frames:
            frames += 1
            assert "Traceback" not in text and "Internal Server Error" not in text, text
            json.loads(text)
            for canary in leaks(socket.role, text):
                found.append(f"{socket.route} as {socket.role}: {canary!r} in {text[:200]}")
    heard = {c for s in sockets for t in s.frames for c in CANARIES if c in t}
    print(
        f"\nwebsocket matrix: {len(TABLE)} routes x {len(ROLES)} roles = {len(sockets)} "
        f"connections, {sent} frames sent, {frames} frames received in "
        f"{time.monotonic() - started:.1f}s; leaks found: {len(found)}"
    )
    assert not wrong, "\n".join(wrong)
    assert not found, "\n".join(found)
    # The scan can hear: the private things did travel to the people allowed to read them.
    assert {"CanaryPrivatePost7q", "CanaryCrisisChat3k", "CanaryPeerDm5w"} <= heard
