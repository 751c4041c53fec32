"""The live thread socket: authorised as the page is; new replies, edits and reactions arrive;
a reconnecting viewer catches up from the database; bad frames get an error frame."""

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.db import connections

from communities.routing import websocket_urlpatterns
from communities.services import post_create, post_edit, reaction_toggle
from tests.communities.conftest import READERS, SHUT_OUT

pytestmark = pytest.mark.django_db(transaction=True)

application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))


@pytest.fixture
def people(client_for, thread):
    """Session cookies for each role, as the browser would send them."""
    cookies = {}
    for role in READERS + SHUT_OUT:
        client = client_for(role)
        session = client.cookies.get("sessionid")
        cookies[role] = session.value if session else None
    return cookies


async def _connect(cookie, path):
    headers = [(b"cookie", f"sessionid={cookie}".encode())] if cookie else []
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


def _path(thread, slug=None):
    return f"/ws/groups/{slug or thread.group.slug}/threads/{thread.pk}/"


@pytest.mark.parametrize("role", READERS + SHUT_OUT)
async def test_socket_is_authorised_like_the_page(role, people, thread):
    communicator, connected, code = await _connect(people[role], _path(thread))
    try:
        if role in READERS:
            assert connected
        else:
            assert not connected
            assert code == (4401 if role == "anonymous" else 4404)
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()


async def test_unknown_group_closes_exactly_like_a_private_one(people, thread):
    _communicator, connected, code = await _connect(people["outsider"], _path(thread, "nope"))
    assert not connected and code == 4404
    await sync_to_async(connections.close_all)()


async def test_new_reply_edit_and_reaction_arrive_live(people, thread, member):
    communicator, connected, _ = await _connect(people["supporter"], _path(thread))
    assert connected
    try:
        post = await sync_to_async(post_create)(
            thread=thread, author=member, body="Still here.", cw_label="grief", is_anonymous=True
        )
        frame = await communicator.receive_json_from(timeout=5)
        assert frame["type"] == "post" and frame["id"] == post.pk
        assert '<details class="cw">' in frame["html"]
        assert "Anonymous member" in frame["html"]
        assert "written by Mara" in frame["html"]  # the supporter still sees who

        await sync_to_async(post_edit)(
            post=post, editor=member, body="Still here, just.", cw_label="grief"
        )
        frame = await communicator.receive_json_from(timeout=5)
        assert "Still here, just." in frame["html"]

        await sync_to_async(reaction_toggle)(post=post, user=member, kind="support")
        frame = await communicator.receive_json_from(timeout=5)
        assert "1 reaction" in frame["html"]
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()


async def test_member_does_not_see_who_wrote_an_anonymous_reply(people, thread, staff):
    communicator, _connected, _ = await _connect(people["member"], _path(thread))
    try:
        await sync_to_async(post_create)(
            thread=thread, author=staff["supporter"], body="hi", is_anonymous=True
        )
        frame = await communicator.receive_json_from(timeout=5)
        assert "Anonymous member" in frame["html"] and "Sam" not in frame["html"]
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()


async def test_reconnecting_viewer_catches_up_from_the_database(people, thread, member):
    opening = await sync_to_async(lambda: thread.posts.get().pk)()
    missed = await sync_to_async(post_create)(thread=thread, author=member, body="While away")
    communicator, _connected, _ = await _connect(people["member"], _path(thread))
    try:
        await communicator.send_json_to({"type": "resync", "after": opening})
        frame = await communicator.receive_json_from(timeout=5)
        assert frame["id"] == missed.pk and "While away" in frame["html"]
        done = await communicator.receive_json_from(timeout=5)
        assert done["type"] == "resynced"
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()


async def test_bad_frames_get_an_error_frame(people, thread):
    communicator, _connected, _ = await _connect(people["member"], _path(thread))
    try:
        await communicator.send_to(text_data="not json")
        assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
        await communicator.send_json_to({"type": "resync", "after": "x"})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
        await communicator.send_json_to({"type": "shout"})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
        await communicator.send_json_to({"type": "ping"})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "pong"
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()


async def test_member_who_leaves_stops_receiving(people, thread, member, group, staff):
    from communities.services import membership_leave

    communicator, _connected, _ = await _connect(people["member"], _path(thread))
    try:
        await sync_to_async(membership_leave)(group=group, user=member)
        await sync_to_async(post_create)(thread=thread, author=staff["supporter"], body="secret")
        output = await communicator.receive_output(timeout=5)
        assert output["type"] == "websocket.close" and output["code"] == 4404
    finally:
        await communicator.disconnect()
        await sync_to_async(connections.close_all)()
