"""A signed-in person's own live channel: notifications pushed by services."""

import logging
import time

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Close codes the browser script understands.
CLOSE_LOGIN_REQUIRED = 4401


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


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


class LoginRequiredJsonConsumer(AsyncJsonWebsocketConsumer):
    """Refuses anonymous sockets before accepting; answers bad frames with an error frame."""

    _tokens = float(FRAME_BURST)
    _refilled_at = 0.0

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
        await self.on_authenticated()

    async def on_authenticated(self):
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if not self._within_rate():
            await self.send_error(TOO_FAST)
            return
        if text_data is None:
            await self.send_error("Messages must be text.")
            return
        if len(text_data) > MAX_FRAME_CHARS:
            await self.send_error(TOO_LONG)
            return
        try:
            content = await self.decode_json(text_data)
        except ValueError:
            await self.send_error("That message could not be read.")
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("Each message needs a type.")
            return
        await self.receive_json(content)

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
                logger.warning("re-joining %s failed: %s", group, exc)

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
