"""The live queue socket: open to supporters and admins with MFA (supporters hear only their
groups); a claim, a release and a resolution arrive with no refresh."""

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.db import connections

from communities.services import post_create
from moderation.models import QueueEntry
from moderation.routing import websocket_urlpatterns
from moderation.services import entry_claim, entry_release, post_moderate
from tests.factories import UserFactory
from tests.sessions import cookie_header, session_key_for

pytestmark = pytest.mark.django_db(transaction=True)

application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
PATH = "/ws/moderation/queue/"


async def _connect(user):
    cookie = await sync_to_async(session_key_for)(user) if user is not None else None
    headers = [(b"cookie", cookie_header(cookie))] if cookie else []
    communicator = WebsocketCommunicator(application, PATH, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


@pytest.fixture
def entry(member, membership, thread):
    post = post_create(thread=thread, author=member, body="Waiting words.")
    return QueueEntry.objects.get(post=post)


@pytest.fixture
def no_mfa_supporter(db):
    return UserFactory(email="fay@example.org", display_name="Fay", roles=["supporter"])


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("supporter", None),
        ("admin", None),
        ("member", 4404),
        ("counselor", 4404),
        ("no_mfa_supporter", 4404),
        ("anonymous", 4401),
    ],
)
async def test_socket_is_authorised_like_the_page(who, expected, request, entry):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    communicator, connected, code = await _connect(user)
    try:
        if expected is None:
            assert connected
        else:
            assert not connected and code == expected
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()


async def test_claims_release_and_resolution_arrive_live_for_the_groups_supporters(
    entry, supporter, admin, other_supporter, other_group
):
    sam, _, _ = await _connect(supporter)
    ada, _, _ = await _connect(admin)
    tess, _, _ = await _connect(other_supporter)
    try:
        await sync_to_async(entry_claim)(entry_id=entry.pk, moderator=admin)
        for socket in (sam, ada):
            frame = await socket.receive_json_from(timeout=5)
            assert frame == {
                "type": "entry", "id": entry.pk, "state": "open", "claimed_by_id": admin.pk,
                "claimed_by": "Ada", "priority": entry.priority,
            }  # fmt: skip
        assert await tess.receive_nothing(timeout=0.3)

        await sync_to_async(entry_release)(entry_id=entry.pk, moderator=admin)
        assert (await sam.receive_json_from(timeout=5))["claimed_by_id"] is None

        await sync_to_async(post_moderate)(entry_id=entry.pk, moderator=supporter, action="approve")
        # One frame, sent after the commit: it already says what became of the entry.
        assert (await sam.receive_json_from(timeout=5))["state"] == "resolved"
    finally:
        for socket in (sam, ada, tess):
            await socket.disconnect()
        await sync_to_async(connections.close_all)()


async def test_ping_rejoins_and_bad_frames_get_an_error(entry, supporter):
    sam, _, _ = await _connect(supporter)
    try:
        await sam.send_json_to({"type": "ping"})
        assert await sam.receive_json_from(timeout=5) == {"type": "pong"}
        await sam.send_json_to({"type": "claim"})
        assert (await sam.receive_json_from(timeout=5))["type"] == "error"
    finally:
        await sam.disconnect()
        await sync_to_async(connections.close_all)()


async def test_an_open_queue_page_counts_the_time_on_the_queue(entry, supporter):
    from moderation.models import ReviewSitting

    sam, connected, _ = await _connect(supporter)
    try:
        assert connected
        await sam.send_json_to({"type": "ping"})
        assert await sam.receive_json_from(timeout=5) == {"type": "pong"}
        assert await sync_to_async(ReviewSitting.objects.filter(moderator=supporter).count)() == 1
    finally:
        await sam.disconnect()
        await sync_to_async(connections.close_all)()
