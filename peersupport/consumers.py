"""A signed-in person's own live channel: notifications pushed by services."""

import logging
import re
import time
from datetime import UTC, datetime, timedelta
from importlib import import_module

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.dateparse import parse_datetime
from redis.exceptions import RedisError

from peersupport import heap, live

logger = logging.getLogger(__name__)

# Close codes the browser script understands.
CLOSE_LOGIN_REQUIRED = 4401


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def sockets_group(user_id: int) -> str:
    """Every open socket of one person, whatever page it serves."""
    return f"user.{user_id}.sockets"


# An open socket checks the person's rights against the database (session not ended,
# account not suspended or closed, password unchanged, and what the socket serves: a role,
# a chat, a group) before it acts on each frame they send. Services also ask for the check
# at once (`sockets_recheck`) when a right is lost, so nothing more reaches an open socket.
# Kept for callers that still read it: a frame is never acted on without the check.
RECHECK_SECONDS = 0


def sockets_recheck(user_id: int, *, spare_session_key: str = "") -> None:
    """Ask every open socket of `user_id` to check the person's rights again; those that
    lost them close. Call on commit, after ending sessions, changing a password, revoking a
    role or closing an account. `spare_session_key`: the session that made the change keeps
    its sockets (a password change updates that session's hash as the response goes out).
    Redis down: the sockets still find out on their next frame."""
    event = {"type": "auth.recheck"}
    if spare_session_key:
        event["spare"] = spare_session_key
    live.group_send_quietly(sockets_group(user_id), event, what="sockets: a recheck")


def group_recheck(group: str) -> None:
    """Ask every socket in the channel-layer group `group` (e.g. one crisis chat) to check
    its person's rights again. Call on commit after a change to the object it serves."""
    live.group_send_quietly(group, {"type": "auth.recheck"}, what="sockets: a recheck")


# Per socket: a frame larger than this is refused (bodies are capped at 4,000 characters,
# which JSON escaping can grow sixfold), and frames beyond a burst of FRAME_BURST are let
# through at FRAMES_PER_SECOND. Legitimate clients stay far below both: a reconnect's
# burst of read receipts is the largest, and a console acknowledging every alert on a busy
# night (alerts are resent until acknowledged) stays well under 20 a second. Refused
# frames get a calm error; the socket stays.
MAX_FRAME_CHARS = 64 * 1024
FRAME_BURST = 120
FRAMES_PER_SECOND = 20.0
TOO_FAST = "You're sending faster than we can take in. Please wait a moment and send again."
TOO_LONG = "That message is too long. Please split it in two."
NOT_TAKEN = "Something went wrong on our side. What you typed is still here: please try again."
# Frames are flat objects with at most a list inside; deeper nesting is refused before it
# can cost anything (Python's parser recurses).
MAX_JSON_DEPTH = 8
# Times a client may send back (a `since`): the platform's own lifetime, not year 0 or 9999.
EARLIEST_FRAME_TIME = datetime(2020, 1, 1, tzinfo=UTC)


def _depth(value, level: int = 1) -> int:
    if level > MAX_JSON_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level)
    return level


LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs the whole ones


def _without_lone_surrogates(value):
    """Half an emoji (a lone UTF-16 surrogate escaped in JSON) becomes U+FFFD: PostgreSQL
    cannot store it, and the rest of the line is what the person wrote."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    return value


def frame_time(value: str) -> datetime | None:
    """A time sent in a frame, or None when it cannot be read or is out of range (before
    EARLIEST_FRAME_TIME or more than a day ahead)."""
    try:
        when = parse_datetime(value)
    except (ValueError, OverflowError):
        return None
    if when is None:
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when, UTC)
    try:
        if not EARLIEST_FRAME_TIME <= when <= timezone.now() + timedelta(days=1):
            return None
    except OverflowError:
        return None
    return when


class LoginRequiredJsonConsumer(AsyncJsonWebsocketConsumer):
    """Refuses anonymous sockets before accepting; answers bad frames with an error frame."""

    _tokens = float(FRAME_BURST)
    _refilled_at = 0.0
    _checked_at = 0.0

    def _within_rate(self) -> bool:
        now = time.monotonic()
        if self._refilled_at:
            elapsed = now - self._refilled_at
            self._tokens = min(float(FRAME_BURST), self._tokens + elapsed * FRAMES_PER_SECOND)
        self._refilled_at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_LOGIN_REQUIRED)
            return
        self.user = user
        self._checked_at = time.monotonic()
        heap.socket_opened()
        await self.channel_layer.group_add(sockets_group(user.pk), self.channel_name)
        await self.on_authenticated()

    async def on_authenticated(self):
        await self.accept()

    async def websocket_disconnect(self, message):
        if hasattr(self, "user"):
            try:  # Redis down: the membership expires on its own; the page still closes
                await self.channel_layer.group_discard(
                    sockets_group(self.user.pk), self.channel_name
                )
            except (RedisError, OSError) as exc:
                logger.warning("leaving the sockets group failed (%s)", type(exc).__name__)
        await super().websocket_disconnect(message)

    # The close code for a socket whose person is still signed in but lost the right to what
    # it serves (a role, a chat, a group); subclasses use the code they refuse with.
    close_code_lost_right = CLOSE_LOGIN_REQUIRED

    def still_allowed(self) -> bool:
        """Is this socket's person still signed in, in the session it opened with?"""
        session_key = getattr(self.scope.get("session"), "session_key", None)
        if not session_key:
            return False
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        if str(store.get(SESSION_KEY)) != str(self.user.pk):
            return False
        user = get_user_model().objects.filter(pk=self.user.pk, is_active=True).first()
        session_hash = store.get(HASH_SESSION_KEY) or ""
        return user is not None and constant_time_compare(
            session_hash, user.get_session_auth_hash()
        )

    def still_entitled(self) -> bool:
        """Does the person still hold the right to what this socket serves (a role, a chat,
        group membership)? Runs in the database thread with roles read afresh. Subclasses
        add their own conditions; the default is being signed in."""
        return True

    def _rights_now(self) -> int | None:
        """None when every right holds; else the close code to leave with."""
        if not self.still_allowed():
            return CLOSE_LOGIN_REQUIRED
        self.user.forget_cached_roles()  # roles change while a socket is open
        if not self.still_entitled():
            return self.close_code_lost_right
        return None

    async def _close_unless_allowed(self) -> bool:
        self._checked_at = time.monotonic()
        code = await database_sync_to_async(self._rights_now)()
        if code is None:
            return True
        self._lost = True
        await self.close(code=code)
        return False

    async def allowed_to_send(self) -> bool:
        """Check before a frame out carries something private (a chat line, an alert): a
        recheck pushed by a service can be lost with Redis, the database cannot."""
        if getattr(self, "_lost", False):
            return False
        return await self._close_unless_allowed()

    async def send(self, text_data=None, bytes_data=None, close=False):
        # Closed for a lost right: events still queued for this channel carry nothing out.
        if getattr(self, "_lost", False):
            return
        await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def send_json(self, content, close=False):
        if getattr(self, "_lost", False):
            return
        await super().send_json(content, close=close)

    async def auth_recheck(self, event):
        spare = event.get("spare")
        if spare and spare == getattr(self.scope.get("session"), "session_key", None):
            return
        await self._close_unless_allowed()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if getattr(self, "_lost", False):
            return
        if not self._within_rate():  # before the database: a flood costs it nothing
            await self.send_error(TOO_FAST)
            return
        # Every frame is acted on only with the person's rights as the database has them now.
        if not await self._close_unless_allowed():
            return
        if text_data is None:
            await self.send_error("Messages must be text.")
            return
        if len(text_data) > MAX_FRAME_CHARS:
            await self.send_error(TOO_LONG)
            return
        try:
            content = await self.decode_json(text_data)
        except (ValueError, RecursionError):
            await self.send_error("That message could not be read.")
            return
        if _depth(content) > MAX_JSON_DEPTH:
            await self.send_error("That message could not be read.")
            return
        content = _without_lone_surrogates(content)
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("Each message needs a type.")
            return
        try:
            await self.receive_json(content)
        except Exception as exc:  # a socket never dies on one bad frame; the page keeps it
            logger.exception("a socket frame failed (%s)", type(exc).__name__)
            await self.send_error(NOT_TAKEN)

    async def rejoin(self, *groups: str) -> None:
        """Join `groups` again: channels_redis forgets memberships when Redis restarts, so
        pings and heartbeats re-join. Best effort: when Redis is busy (a burst of pings
        after a slow moment can exceed the client's connection pool) or restarting, the
        socket stays open and the next ping tries again; closing it would send every page
        reconnecting at once."""
        for group in groups:
            try:
                await self.channel_layer.group_add(group, self.channel_name)
            except (RedisError, OSError) as exc:
                logger.warning("re-joining a group failed (%s)", type(exc).__name__)

    async def send_error(self, message: str) -> None:
        await self.send_json({"type": "error", "message": message})


class NotificationConsumer(LoginRequiredJsonConsumer):
    async def on_authenticated(self):
        self.group = user_group(self.user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content["type"] == "ping":
            await self.rejoin(self.group)
            await self.send_json({"type": "pong"})
            return
        await self.send_error("Unknown message type.")

    async def notify(self, event):
        await self.send_json(
            {
                "type": "notification",
                "id": event.get("id"),
                "text": event["text"],
                "url": event.get("url", ""),
            }
        )
