"""A socket never dies on bad input (issue #18, finding 14): half an emoji in a crisis chat
line is stored with a replacement character, deeply nested JSON and a `since` of year 0
get a calm error frame, and the socket stays open for the next line."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client

from crisis.models import ChatMessage
from peersupport.asgi import application
from tests.security.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def closing():
    yield
    connections.close_all()


def _socket(user, path):
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    return WebsocketCommunicator(
        application, path, headers=[*headers, (b"cookie", cookie.encode())]
    )


async def _next(ws, kind):
    while True:
        frame = await ws.receive_json_from(timeout=5)
        if frame["type"] == kind:
            return frame


def test_bad_frames_get_an_error_and_the_socket_stays(with_mfa, closing):
    world = build_world(with_mfa)
    mara, ids = world.people["member"], world.ids
    chat = _socket(mara, f"/ws/crisis/chat/{ids['escalation_id']}/")
    thread = _socket(mara, f"/ws/groups/{ids['slug']}/threads/{ids['thread_id']}/")

    async def run():
        assert (await chat.connect(timeout=5))[0]
        assert (await thread.connect(timeout=5))[0]
        await _next(chat, "history")
        # Half an emoji: the line is stored, the half replaced.
        await chat.send_to(
            text_data='{"type": "message", "body": "I can\'t \\ud83d breathe", "client_id": "s1"}'
        )
        stored = await _next(chat, "stored")
        assert stored["client_id"] == "s1"
        for ws in (chat, thread):
            await ws.send_to(text_data="[" * 5000 + "]" * 5000)
            assert "could not be read" in (await _next(ws, "error"))["message"]
            await ws.send_to(text_data='{"type": "ping", "x": ' + '{"a": ' * 50 + "1" + "}" * 51)
            assert "could not be read" in (await _next(ws, "error"))["message"]
        for since in ("0000-01-01", "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00"):
            await thread.send_json_to({"type": "resync", "after": 0, "since": since})
            assert "time could not be read" in (await _next(thread, "error"))["message"]
        # Still open: the next line goes through.
        await chat.send_json_to({"type": "message", "body": "still here", "client_id": "s2"})
        assert (await _next(chat, "stored"))["client_id"] == "s2"
        await thread.send_json_to({"type": "ping"})
        await _next(thread, "pong")
        await chat.disconnect()
        await thread.disconnect()
        return stored["id"]

    stored_id = async_to_sync(run)()
    assert ChatMessage.objects.get(pk=stored_id).body == "I can't \ufffd breathe"
