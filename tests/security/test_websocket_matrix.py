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
from allauth.usersessions.models import UserSession
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client

from communities.models import Membership, Post, Thread
from communities.notifications import notify_member
from communities.services import membership_remove, post_create
from crisis import services as crisis_services
from crisis.broadcast import chat_group
from crisis.models import ChatMessage, Disposition, Trigger
from matching import services as matching_services
from moderation.services import flag_create
from peersupport import live
from peersupport import services as peersupport_services
from peersupport.asgi import application
from peersupport.routing import websocket_urlpatterns
from tests.factories import PASSWORD
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


# --- the second dimension: losing a right on an open socket --------------------------------
#
# For each route, the person who holds it opens a socket; then they lose the right in each
# way that applies to that route. The next frame out (something happens that the socket
# used to carry) and the next frame in (the person sends the route's first frame) are both
# checked: a socket that lost its right closes within a second and carries nothing more.
# One exception is marked: a thread stays readable to an ex-supporter who is also a member,
# but stops naming anonymous authors.

LOSSES = ("role_revoked", "chat_transferred", "chat_closed", "removed_from_group")
LOSSES += ("password_changed", "session_ended")
NEW_PASSWORD = "a new lantern on the shore"
# fmt: off
LOSS_TABLE = {
    "ws/notifications/": ("member", ["password_changed", "session_ended"]),
    "ws/groups/<slug:slug>/threads/<int:thread_id>/": (
        "member", ["removed_from_group", "password_changed", "session_ended"],
    ),
    "ws/moderation/queue/": ("sup_here", ["role_revoked", "password_changed", "session_ended"]),
    "ws/peers/conversations/<int:match_id>/": (
        "member", ["password_changed", "session_ended"],
    ),
    "ws/crisis/console/": ("counselor", ["role_revoked", "password_changed", "session_ended"]),
    "ws/crisis/chat/<int:escalation_id>/": (
        "counselor",
        ["role_revoked", "chat_transferred", "chat_closed", "password_changed", "session_ended"],
    ),
}
# fmt: on
LOSS_CASES = [(route, loss) for route, (_role, losses) in LOSS_TABLE.items() for loss in losses]
LOSS_CASES.append(("ws/groups/<slug:slug>/threads/<int:thread_id>/", "role_revoked"))
AFTER = "CanaryAfterLoss4t"


def test_every_websocket_route_has_a_loss_row():
    assert {str(route.pattern) for route in websocket_urlpatterns} == set(LOSS_TABLE)


def _lose(loss: str, route: str, role: str, world, other: Client) -> None:
    """Take the right away as the platform does; `other` is the person's other session."""
    person, ids = world.people[role], world.ids
    if loss == "role_revoked":
        role_name = {"counselor": "counselor", "sup_here": "supporter"}[role]
        assert peersupport_services.role_revoke(user=person, role=role_name)
    elif loss == "chat_transferred":
        assert crisis_services.escalation_transfer(
            escalation_id=ids["escalation_id"], by=world.people["supervisor"]
        )
    elif loss == "chat_closed":
        assert crisis_services.escalation_close(
            escalation_id=ids["escalation_id"],
            by=world.people["supervisor"],
            disposition=Disposition.values[0],
        )
    elif loss == "removed_from_group":
        membership = Membership.objects.get(group_id=ids["group"], user=person)
        assert membership_remove(membership_id=membership.pk, by=world.people["sup_here"])
    elif loss == "password_changed":  # on allauth's page, in the person's other session
        response = other.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 302, response.content[:300]
    elif loss == "session_ended":  # "sign out everywhere else" on allauth's sessions page
        response = other.post("/accounts/sessions/", {"action": "logout"})
        assert response.status_code == 302, response.content[:300]


def _speak(route: str, role: str, world) -> None:
    """Make the route carry something new to whoever may still read it."""
    ids, people = world.ids, world.people
    if route.startswith("ws/notifications"):
        notify_member(user=people[role], kind="reply", text=AFTER, email_subject="A reply")
    elif route.startswith("ws/groups"):
        thread = Thread.objects.get(pk=ids["thread_id"])
        quill = Post.objects.get(pk=ids["anon_post_id"]).author
        post_create(thread=thread, author=quill, body=f"{AFTER} again", is_anonymous=True)
    elif route.startswith("ws/moderation"):
        flag_create(post=Post.objects.get(pk=ids["post_id"]), flagger=people["outsider"],
                    reason="hurtful", note=AFTER)  # fmt: skip
    elif route.startswith("ws/peers"):
        matching_services.message_send(match_id=ids["match"], author=people["sup_here"], body=AFTER)
    elif route.startswith("ws/crisis/console"):
        crisis_services.escalation_open(member=people["outsider"], trigger=Trigger.BUTTON)
    else:
        try:
            crisis_services.chat_message_post(
                escalation_id=ids["escalation_id"],
                author=people["member"],
                author_kind=ChatMessage.Author.MEMBER,
                body=AFTER,
            )
        except crisis_services.CrisisError:  # closed: a line still in flight, then
            live.group_send_quietly(
                chat_group(ids["escalation_id"]),
                {"type": "crisis.message", "message": {"body": AFTER}},
                what="test",
            )


@pytest.mark.parametrize(("route", "loss"), LOSS_CASES)
def test_losing_a_right_on_an_open_socket(route, loss, with_mfa, settings, closing):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(with_mfa)
    role = "sup_here" if loss == "role_revoked" and route.startswith("ws/groups") else None
    role = role or LOSS_TABLE[route][0]
    person = world.people[role]
    person.set_password(PASSWORD)
    person.save(update_fields=["password"])
    cookie_client, other = Client(), Client()
    cookie_client.force_login(person)
    other.force_login(person)
    cookie = cookie_client.cookies[settings.SESSION_COOKIE_NAME].value
    for client in (cookie_client, other):  # as a sign-in through the login page records it
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        UserSession.objects.create(user=person, session_key=key, ip="127.0.0.1", user_agent="x")
    first_frame = _fill(TABLE[route][1][-1 if route.startswith("ws/groups") else 0], world.ids)
    # A thread read by an ex-supporter who is still a member: open, without anonymous names.
    stays_open = route.startswith("ws/groups") and loss == "role_revoked"
    if stays_open:  # Sam is a member of the group too
        Membership.objects.get_or_create(
            group_id=world.ids["group"], user=person, defaults={"state": Membership.State.ACTIVE}
        )

    async def run():
        socket = Socket(role, route, _path(route, world.ids), cookie)
        assert await socket.connect() == "a"
        await socket.drain()
        if stays_open:  # the control: before the loss, Sam is told who wrote anonymously
            await socket.communicator.send_json_to(first_frame)
            await socket.drain()
            assert any("CanaryQuillAnon" in text for text in socket.frames)
        before = len(socket.frames)
        await sync_to_async(_lose)(loss, route, role, world, other)
        await socket.drain(timeout=1.0)
        closed_at_once = not socket.open
        await sync_to_async(_speak)(route, role, world)
        await asyncio.sleep(0.5)
        await socket.drain()
        out_after = socket.frames[before:]
        if socket.open:
            await socket.communicator.send_json_to(first_frame)
            await socket.drain()
        else:
            # A frame sent into a closed socket is not acted on and not answered.
            await socket.communicator.send_json_to(first_frame)
            assert await socket.communicator.receive_nothing(timeout=0.5)
        in_after = socket.frames[before + len(out_after) :]
        await socket.communicator.disconnect()
        return closed_at_once, out_after, in_after

    closed_at_once, out_after, in_after = async_to_sync(run)()
    if stays_open:
        assert not any("CanaryQuillAnon" in text for text in out_after + in_after)
        assert any("I never told anyone." in text for text in in_after), "no resync answer"
    else:
        assert closed_at_once, f"{route}, {loss}: the socket stayed open"
        assert out_after == [] and in_after == []
