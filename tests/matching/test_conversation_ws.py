"""The live conversation over websockets: stored first, both sides, catch-up, refusals."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.test import Client

from matching import services
from matching.models import Message
from matching.routing import websocket_urlpatterns
from tests.sessions import cookie_header, session_key_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
async def close_db():
    yield
    await sync_to_async(connections.close_all)()


@pytest.fixture
def match(member, supporter, mara_profile, sam_profile, with_mfa):
    with_mfa(supporter)
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    return services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)


def _signed_in_session(user):
    client = Client()
    client.force_login(user)
    return client.session


async def connect(user, match_id):
    communicator = WebsocketCommunicator(
        URLRouter(websocket_urlpatterns), f"/ws/peers/conversations/{match_id}/"
    )
    communicator.scope["user"] = user
    if user.is_authenticated:  # every frame checks the person is still signed in
        communicator.scope["session"] = await sync_to_async(_signed_in_session)(user)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_both_sides_see_a_message_that_was_stored_first(close_db, match, member, supporter):
    mara, ok_mara, _ = await connect(member, match.pk)
    sam, ok_sam, _ = await connect(supporter, match.pk)
    assert ok_mara and ok_sam

    await mara.send_json_to({"type": "message", "body": "Hi Sam, **thank you**."})
    for side in (mara, sam):
        frame = await side.receive_json_from(timeout=3)
        assert frame["type"] == "message"
        assert frame["author"] == "Mara"
        assert frame["html"] == "<p>Hi Sam, <strong>thank you</strong>.</p>"
    stored = await sync_to_async(Message.objects.get)()
    assert stored.body == "Hi Sam, **thank you**." and frame["id"] == stored.pk

    await sam.send_json_to({"type": "message", "body": "Hello Mara."})
    assert (await mara.receive_json_from(timeout=3))["author"] == "Sam"
    await mara.disconnect()
    await sam.disconnect()


async def test_reconnecting_side_catches_up_on_what_it_missed(close_db, match, member, supporter):
    first = await sync_to_async(services.message_send)(
        match_id=match.pk, author=member, body="Are you there?"
    )
    await sync_to_async(services.message_send)(match_id=match.pk, author=member, body="No rush.")
    sam, _, _ = await connect(supporter, match.pk)
    await sam.send_json_to({"type": "catch_up", "after": 0})
    bodies = [(await sam.receive_json_from(timeout=3))["html"] for _ in range(2)]
    assert bodies == ["<p>Are you there?</p>", "<p>No rush.</p>"]

    await sam.send_json_to({"type": "catch_up", "after": first.pk})
    assert (await sam.receive_json_from(timeout=3))["html"] == "<p>No rush.</p>"
    assert await sam.receive_nothing(timeout=0.2)
    await sam.disconnect()


async def test_nobody_else_may_connect(close_db, match, sol, admin_user):
    for person in (sol, admin_user):
        _, connected, code = await connect(person, match.pk)
        assert not connected and code == 4404
    _, connected, code = await connect(AnonymousUser(), match.pk)
    assert not connected and code == 4401
    _, connected, code = await connect(sol, 999999)
    assert not connected and code == 4404


async def test_supporter_without_mfa_is_refused(
    close_db, member, supporter, mara_profile, sam_profile
):
    match_request = await sync_to_async(services.match_request_create)(member=member)
    suggestion = await sync_to_async(match_request.suggestions.get)(supporter=supporter)
    await sync_to_async(services.suggestion_pick)(suggestion_id=suggestion.pk, member=member)
    match = await sync_to_async(services.suggestion_accept)(
        suggestion_id=suggestion.pk, supporter=supporter
    )
    _, connected, code = await connect(supporter, match.pk)
    assert not connected and code == 4403


async def test_bad_frames_get_kind_error_frames(close_db, match, member):
    mara, _, _ = await connect(member, match.pk)
    await mara.send_to(text_data="not json")
    assert (await mara.receive_json_from())["type"] == "error"
    await mara.send_json_to({"type": "message", "body": "   "})
    frame = await mara.receive_json_from()
    assert frame == {"type": "error", "message": "Your message was empty, so nothing was sent."}
    await mara.send_json_to({"type": "catch_up", "after": "yesterday"})
    assert (await mara.receive_json_from())["type"] == "error"
    await mara.send_json_to({"type": "dance"})
    assert (await mara.receive_json_from())["type"] == "error"
    await mara.send_json_to({"type": "ping"})
    assert (await mara.receive_json_from()) == {"type": "pong"}
    assert await sync_to_async(Message.objects.count)() == 0
    await mara.disconnect()


async def test_ending_closes_the_conversation_for_both(close_db, match, member, supporter):
    mara, _, _ = await connect(member, match.pk)
    await sync_to_async(services.match_end)(match_id=match.pk, user=supporter)
    assert (await mara.receive_json_from(timeout=3)) == {"type": "ended"}
    await mara.send_json_to({"type": "message", "body": "Wait"})
    frame = await mara.receive_json_from()
    assert frame["type"] == "error" and "ended" in frame["message"]
    await mara.disconnect()


async def test_idle_socket_stays_open(close_db, match, member):
    """redis-py 8 + channels_redis once killed idle sockets after ~5 s (STACK-NOTES)."""
    mara, _, _ = await connect(member, match.pk)
    await asyncio.sleep(6)
    await mara.send_json_to({"type": "ping"})
    assert (await mara.receive_json_from(timeout=3)) == {"type": "pong"}
    await mara.disconnect()


async def test_full_stack_with_session_cookie_and_origin(close_db, match, member):
    """Through peersupport.asgi: origin check, session auth and the gathered routes."""
    from peersupport.asgi import application

    cookie = cookie_header(await sync_to_async(session_key_for)(member)).decode()
    path = f"/ws/peers/conversations/{match.pk}/"
    good = WebsocketCommunicator(
        application,
        path,
        headers=[
            (b"origin", b"http://localhost"),
            (b"host", b"localhost"),
            (b"cookie", cookie.encode()),
        ],
    )
    connected, _ = await good.connect()
    assert connected
    await good.send_json_to({"type": "ping"})
    assert await good.receive_json_from() == {"type": "pong"}
    await good.disconnect()

    foreign = WebsocketCommunicator(
        application,
        path,
        headers=[(b"origin", b"http://evil.example"), (b"cookie", cookie.encode())],
    )
    connected, _ = await foreign.connect()
    assert not connected
