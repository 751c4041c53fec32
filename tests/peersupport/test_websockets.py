"""Websockets: same-origin only, login where required, error frames, survives idling."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections

from peersupport.asgi import application
from peersupport.consumers import CLOSE_LOGIN_REQUIRED, user_group
from tests.sessions import cookie_header, session_key_for

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = b"http://127.0.0.1:8000"


@pytest.fixture
async def close_db_after():
    yield
    await sync_to_async(connections.close_all)()


def session_cookie_for(user) -> bytes:
    return cookie_header(session_key_for(user))


def communicator(path: str, origin: bytes = ORIGIN, cookie: bytes | None = None):
    headers = [(b"origin", origin), (b"host", b"127.0.0.1:8000")]
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=headers)


async def test_a_websocket_from_a_foreign_origin_is_refused(member, close_db_after):
    cookie = await sync_to_async(session_cookie_for)(member)
    ws = communicator("/ws/notifications/", origin=b"https://evil.example", cookie=cookie)
    connected, _ = await ws.connect()
    assert connected is False


@pytest.mark.parametrize(
    "origin", [b"http://127.0.0.1:8199", b"https://127.0.0.1:8000", b"http://127.0.0.1", b"null"]
)
async def test_a_websocket_from_another_port_or_scheme_of_the_same_host_is_refused(
    member, origin, close_db_after
):
    # Issue #18, finding 11: a page on http://127.0.0.1:8199 read a member's chats.
    cookie = await sync_to_async(session_cookie_for)(member)
    ws = communicator("/ws/notifications/", origin=origin, cookie=cookie)
    connected, _ = await ws.connect()
    assert connected is False


async def test_an_anonymous_websocket_is_refused_where_login_is_required(close_db_after):
    ws = communicator("/ws/notifications/")
    connected, code = await ws.connect()
    assert connected is False
    assert code == CLOSE_LOGIN_REQUIRED


async def test_a_signed_in_member_gets_notifications_pushed_live(member, close_db_after):
    cookie = await sync_to_async(session_cookie_for)(member)
    ws = communicator("/ws/notifications/", cookie=cookie)
    connected, _ = await ws.connect()
    assert connected
    await get_channel_layer().group_send(
        user_group(member.pk), {"type": "notify", "id": 7, "text": "A new reply", "url": "/x/"}
    )
    message = await ws.receive_json_from(timeout=3)
    assert message == {"type": "notification", "id": 7, "text": "A new reply", "url": "/x/"}
    await ws.disconnect()


async def test_bad_frames_get_an_error_frame_and_the_socket_stays_open(member, close_db_after):
    cookie = await sync_to_async(session_cookie_for)(member)
    ws = communicator("/ws/notifications/", cookie=cookie)
    await ws.connect()
    await ws.send_to(text_data="this is not json")
    assert (await ws.receive_json_from())["type"] == "error"
    await ws.send_json_to(["a", "list"])
    assert (await ws.receive_json_from())["type"] == "error"
    await ws.send_json_to({"type": "no-such-thing"})
    assert (await ws.receive_json_from())["type"] == "error"
    await ws.send_json_to({"type": "ping"})
    assert await ws.receive_json_from() == {"type": "pong"}
    await ws.disconnect()


async def test_an_idle_socket_still_gets_messages_after_ten_seconds(member, close_db_after):
    """Guards the redis-py 8 socket timeout that used to kill idle sockets after ~5 s."""
    cookie = await sync_to_async(session_cookie_for)(member)
    ws = communicator("/ws/notifications/", cookie=cookie)
    await ws.connect()
    await asyncio.sleep(10.5)
    assert await ws.receive_nothing(timeout=0.1)
    await get_channel_layer().group_send(
        user_group(member.pk), {"type": "notify", "id": 1, "text": "Still here", "url": ""}
    )
    assert (await ws.receive_json_from(timeout=3))["text"] == "Still here"
    await ws.disconnect()


async def test_a_burst_beyond_the_layer_pool_waits_instead_of_failing():
    """redis-py 8 raises MaxConnectionsError past the pool's size; a burst of re-joins after
    a slow moment closed sockets with 1011 (bench/sockets.py). The core layer's pool waits
    (tested on that layer whichever one CHANNELS_LAYER picks: it is the fallback)."""
    from peersupport.channel_layers import RedisChannelLayer

    size = 10
    layer = RedisChannelLayer(
        hosts=[{"address": settings.REDIS_URL, "socket_timeout": None,
                "max_connections": size, "timeout": 20}],
        prefix="ps-burst-test",
    )  # fmt: skip
    channel = await layer.new_channel()
    await asyncio.gather(*(layer.group_add(f"burst.{i}", channel) for i in range(size * 5)))
    await asyncio.gather(*(layer.group_discard(f"burst.{i}", channel) for i in range(size * 5)))
    await layer.flush()
