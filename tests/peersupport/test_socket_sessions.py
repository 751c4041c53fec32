"""An open page's socket lasts only as long as its person's session: suspending an account,
closing it, or ending a session from the sessions page closes that person's live pages at
once; without Redis to carry the word, the next frame after a minute finds out."""

import pytest
from allauth.usersessions.models import UserSession
from asgiref.sync import sync_to_async
from django.contrib.sessions.models import Session
from django.db import connections

from peersupport import consumers, services
from peersupport.console_services import person_suspend
from peersupport.consumers import CLOSE_LOGIN_REQUIRED
from tests.peersupport.test_websockets import communicator
from tests.sessions import cookie_header, session_key_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
async def close_db_after():
    yield
    await sync_to_async(connections.close_all)()


def signed_in_cookie(user) -> tuple[bytes, str]:
    key = session_key_for(user)
    return cookie_header(key), key


async def open_socket(cookie):
    ws = communicator("/ws/notifications/", cookie=cookie)
    connected, _ = await ws.connect()
    assert connected
    return ws


async def assert_closed_for_login(ws):
    frame = await ws.receive_output(timeout=5)
    assert frame == {"type": "websocket.close", "code": CLOSE_LOGIN_REQUIRED}


async def assert_still_open(ws):
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from(timeout=5)) == {"type": "pong"}


async def test_suspending_an_account_closes_its_open_pages_at_once(
    member, admin_user, close_db_after
):
    cookie, _ = await sync_to_async(signed_in_cookie)(member)
    ws = await open_socket(cookie)
    await sync_to_async(person_suspend)(actor=admin_user, user=member, reason="safety")
    await assert_closed_for_login(ws)


async def test_ending_one_session_closes_that_sessions_pages_only(member, close_db_after):
    phone_cookie, phone_key = await sync_to_async(signed_in_cookie)(member)
    laptop_cookie, _ = await sync_to_async(signed_in_cookie)(member)
    phone = await open_socket(phone_cookie)
    laptop = await open_socket(laptop_cookie)
    session_id = await sync_to_async(
        lambda: (
            UserSession.objects.create(
                user=member, session_key=phone_key, ip="127.0.0.1", user_agent="Phone"
            ).pk
        )
    )()
    assert await sync_to_async(services.session_end)(user=member, session_id=session_id)
    await assert_closed_for_login(phone)
    await assert_still_open(laptop)
    await laptop.disconnect()


async def test_without_word_from_redis_the_next_frame_after_the_interval_finds_out(
    member, monkeypatch, close_db_after
):
    cookie, key = await sync_to_async(signed_in_cookie)(member)
    ws = await open_socket(cookie)
    await assert_still_open(ws)
    # The session disappears with no message sent (as when Redis was down at the time).
    await sync_to_async(lambda: Session.objects.filter(session_key=key).delete())()
    monkeypatch.setattr(consumers, "RECHECK_SECONDS", 0)
    await ws.send_json_to({"type": "ping"})
    await assert_closed_for_login(ws)
