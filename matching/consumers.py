"""A live one-to-one peer conversation. The database holds every message; this only carries them."""

from channels.db import database_sync_to_async
from django.http import Http404

from matching import selectors, services
from peersupport.consumers import LoginRequiredJsonConsumer
from peersupport.permissions import has_staff_mfa

CLOSE_NOT_FOUND = 4404
CLOSE_MFA_REQUIRED = 4403


class ConversationConsumer(LoginRequiredJsonConsumer):
    """Frames in: {"type": "message", "body"}, {"type": "catch_up", "after"}, {"type": "ping"}.

    Frames out: "message", "ended", "pong", "error". Only the two people in the match may
    connect; anyone else is closed with 4404, the same as for a match that does not exist.
    The supporter needs MFA, as on every staff page (4403 until it is set up).
    """

    async def on_authenticated(self):
        self.match_id = int(self.scope["url_route"]["kwargs"]["match_id"])
        allowed = await self._access()
        if allowed != "ok":
            await self.close(code=CLOSE_NOT_FOUND if allowed == "missing" else CLOSE_MFA_REQUIRED)
            return
        self.group = services.conversation_group(self.match_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    close_code_lost_right = CLOSE_NOT_FOUND

    def still_entitled(self) -> bool:
        return self._access_now() == "ok"

    @database_sync_to_async
    def _access(self) -> str:
        return self._access_now()

    def _access_now(self) -> str:
        """ "ok"; "missing" for anyone outside the match; "mfa" for a supporter without MFA."""
        try:
            match = selectors.match_for_participant(self.match_id, self.user)
        except Http404:
            return "missing"
        if self.user.pk == match.supporter_id and not has_staff_mfa(self.user):
            return "mfa"
        return "ok"

    @database_sync_to_async
    def _send(self, body: str):
        return services.message_send(match_id=self.match_id, author=self.user, body=body)

    @database_sync_to_async
    def _since(self, after: int) -> tuple[list[dict], bool]:
        match = selectors.match_for_participant(self.match_id, self.user)
        messages = selectors.messages_of(match, after_id=after)
        return [services.message_payload(m) for m in messages], match.is_active

    async def receive_json(self, content, **kwargs):
        kind = content["type"]
        if kind == "ping":
            await self.rejoin(self.group)
            await self.send_json({"type": "pong"})
        elif kind == "catch_up":
            after = content.get("after", 0)
            if not isinstance(after, int) or after < 0:
                await self.send_error("That catch-up request could not be read.")
                return
            messages, active = await self._since(after)
            for payload in messages:
                await self.send_json({"type": "message", **payload})
            if not active:
                await self.send_json({"type": "ended"})
        elif kind == "message":
            body = content.get("body")
            if not isinstance(body, str) or not body.strip():
                await self.send_error("Your message was empty, so nothing was sent.")
                return
            if len(body) > 4000:
                await self.send_error("That message is too long. Please split it in two.")
                return
            message = await self._send(body)
            if message is None:
                await self.send_error("This conversation has ended, so the message wasn't sent.")
        else:
            await self.send_error("Unknown message type.")

    async def peer_message(self, event):
        payload = {k: v for k, v in event.items() if k != "type"}
        await self.send_json({"type": "message", **payload})

    async def peer_ended(self, event):
        await self.send_json({"type": "ended"})
