"""Live crisis chat and console over real websockets (Redis channel layer, PostgreSQL)."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import Client

from crisis import services
from crisis.models import ChatMessage, Escalation, State, Trigger
from peersupport.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
async def _close_async_connections():
    yield
    await sync_to_async(connections.close_all)()


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def connect(user, path):
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if user is not None:
        cookie = await sync_to_async(_cookie)(user)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def receive_until(communicator, kind, timeout=5):
    """The next frame of `kind`, skipping others (snapshots, pongs)."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


async def test_member_and_counselor_talk_live_and_everything_is_stored_first(waiting, cora):
    path = f"/ws/crisis/chat/{waiting.pk}/"
    mara, ok, _ = await connect(waiting.member, path)
    assert ok
    history = await receive_until(mara, "history")
    assert history["state"] == "open"
    assert history["queue_position"] == 1

    await sync_to_async(services.escalation_claim)(escalation_id=waiting.pk, counselor=cora)
    frames = {}
    while len(frames) < 2:
        frame = await mara.receive_json_from(timeout=5)
        frames[frame["type"]] = frame
    assert frames["state"] == {"type": "state", "state": "claimed", "counselor": "Cora"}
    assert "Cora" in frames["message"]["message"]["body"]

    counselor, ok, _ = await connect(cora, path)
    assert ok
    assert (await receive_until(counselor, "history"))["state"] == "active"
    assert (await receive_until(mara, "state"))["state"] == "active"

    await mara.send_json_to({"type": "message", "body": "I'm scared", "client_id": "m1"})
    stored = await receive_until(mara, "stored")
    assert stored["client_id"] == "m1"
    line = await receive_until(counselor, "message")
    assert line["message"]["body"] == "I'm scared"
    assert line["message"]["author_kind"] == "member"
    assert await sync_to_async(ChatMessage.objects.filter(body="I'm scared").exists)()

    await counselor.send_json_to({"type": "typing"})
    assert (await receive_until(mara, "typing"))["name"] == "Cora"
    await counselor.send_json_to({"type": "read", "up_to_id": stored["id"]})
    assert (await receive_until(mara, "read"))["up_to_id"] == stored["id"]

    await counselor.send_json_to(
        {"type": "message", "body": "I'm here with you.", "client_id": "c1"}
    )
    assert (await receive_until(mara, "message"))["message"]["body"] == "I'm here with you."

    # A resend after a flaky connection is not stored twice.
    await mara.send_json_to({"type": "message", "body": "I'm scared", "client_id": "m1"})
    assert (await receive_until(mara, "stored"))["id"] == stored["id"]
    count = await sync_to_async(ChatMessage.objects.filter(body="I'm scared").count)()
    assert count == 1
    await mara.disconnect()
    await counselor.disconnect()


async def test_reconnecting_resyncs_everything_from_the_database(waiting, cora):
    path = f"/ws/crisis/chat/{waiting.pk}/"
    await sync_to_async(services.escalation_claim)(escalation_id=waiting.pk, counselor=cora)
    # Messages written while the member was away (or while Redis was down).
    await sync_to_async(services.chat_message_post)(
        escalation_id=waiting.pk, author=cora, author_kind="counselor", body="Are you safe?"
    )
    mara, ok, _ = await connect(waiting.member, path)
    assert ok
    history = await receive_until(mara, "history")
    assert [m["body"] for m in history["messages"]][-1] == "Are you safe?"
    assert history["counselor"] == "Cora"
    await mara.disconnect()


async def test_bad_frames_get_error_frames_and_the_socket_stays_open(waiting):
    mara, ok, _ = await connect(waiting.member, f"/ws/crisis/chat/{waiting.pk}/")
    assert ok
    await receive_until(mara, "history")
    await mara.send_to(text_data="not json")
    assert (await mara.receive_json_from())["type"] == "error"
    await mara.send_json_to({"type": "dance"})
    assert (await mara.receive_json_from())["type"] == "error"
    await mara.send_json_to({"type": "message", "body": "   "})
    assert (await mara.receive_json_from())["message"] == "The message is empty."
    await mara.send_json_to({"type": "ping"})
    assert (await receive_until(mara, "pong"))["queue_position"] == 1
    await mara.disconnect()


async def test_strangers_and_anonymous_cannot_join_a_chat(waiting, outsider, colin):
    path = f"/ws/crisis/chat/{waiting.pk}/"
    _, ok, code = await connect(None, path)
    assert (ok, code) == (False, 4401)
    for person in (outsider, colin):  # colin is on duty but did not claim it
        _, ok, code = await connect(person, path)
        assert (ok, code) == (False, 4403)


async def test_console_refuses_members_and_staff_without_mfa(member, counselor):
    for person in (member, counselor):
        _, ok, code = await connect(person, "/ws/crisis/console/")
        assert (ok, code) == (False, 4403)


async def test_console_gets_the_alert_live_acknowledges_it_and_one_claim_wins(cora, colin, member):
    first, ok, _ = await connect(cora, "/ws/crisis/console/")
    assert ok
    assert (await receive_until(first, "snapshot"))["queue"] == []
    second, ok, _ = await connect(colin, "/ws/crisis/console/")
    await receive_until(second, "snapshot")

    escalation = await sync_to_async(services.escalation_open)(
        member=member, trigger=Trigger.BUTTON
    )
    alert = await receive_until(first, "alert")
    assert alert["escalation"]["id"] == escalation.pk
    assert alert["escalation"]["member"] == "Mara"
    await receive_until(second, "alert")
    await first.send_json_to({"type": "ack", "escalation_id": escalation.pk})
    await first.send_json_to({"type": "heartbeat"})
    snapshot = await receive_until(first, "snapshot")
    assert [e["id"] for e in snapshot["queue"]] == [escalation.pk]
    assert sorted(snapshot["on_duty"]) == ["Colin", "Cora"]
    acked = await sync_to_async(Escalation.objects.get)(pk=escalation.pk)
    assert acked.alert_acked_at is not None

    await first.send_json_to({"type": "claim", "escalation_id": escalation.pk})
    await second.send_json_to({"type": "claim", "escalation_id": escalation.pk})
    results = [await receive_until(c, "claim_result") for c in (first, second)]
    assert sorted(r["won"] for r in results) == [False, True]
    changed = await receive_until(second, "changed")
    assert changed["state"] == State.CLAIMED
    await first.disconnect()
    await second.disconnect()


async def test_with_redis_down_the_alert_waits_in_the_database_and_the_sweeper_delivers_it(
    cora, member, settings
):
    good_layers = settings.CHANNEL_LAYERS
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": "redis://127.0.0.1:1/0", "socket_timeout": 1}]},
        }
    }
    channel_layers.backends.clear()
    escalation = await sync_to_async(services.escalation_open)(
        member=member, trigger=Trigger.BUTTON
    )
    stored = await sync_to_async(Escalation.objects.get)(pk=escalation.pk)
    assert stored.alert_sent_at is None

    settings.CHANNEL_LAYERS = good_layers  # Redis is back
    channel_layers.backends.clear()
    console, ok, _ = await connect(cora, "/ws/crisis/console/")
    assert ok
    snapshot = await receive_until(console, "snapshot")
    assert [e["id"] for e in snapshot["queue"]] == [escalation.pk]  # on connect, from the DB
    counts = await sync_to_async(services.escalations_sweep)()
    assert counts["resent"] == 1
    alert = await receive_until(console, "alert")
    assert alert["escalation"]["id"] == escalation.pk
    await console.disconnect()


async def test_an_idle_chat_socket_stays_open(waiting):
    mara, ok, _ = await connect(waiting.member, f"/ws/crisis/chat/{waiting.pk}/")
    assert ok
    await receive_until(mara, "history")
    await asyncio.sleep(6)  # past redis-py's default 5 s socket timeout
    await mara.send_json_to({"type": "ping"})
    assert (await receive_until(mara, "pong"))["state"] == "open"
    await mara.disconnect()


async def test_the_counselor_sees_at_once_when_the_members_words_raise_the_risk(waiting, cora):
    path = f"/ws/crisis/chat/{waiting.pk}/"
    await sync_to_async(services.escalation_claim)(escalation_id=waiting.pk, counselor=cora)
    counselor, ok, _ = await connect(cora, path)
    assert ok
    await receive_until(counselor, "history")
    mara, ok, _ = await connect(waiting.member, path)
    await receive_until(mara, "history")
    await mara.send_json_to(
        {"type": "message", "body": "I have the pills in front of me and I'm going to take them."}
    )
    risk = await receive_until(counselor, "risk")
    assert risk["risk_level"] == "imminent"
    assert "a rule matched: mentions a plan or the means to act (imminent)" in risk["reasons"]
    await mara.disconnect()
    await counselor.disconnect()
