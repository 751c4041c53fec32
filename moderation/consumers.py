"""Live queue updates: who claimed what, what was resolved. Authorised like the queue page:
peer supporters and admins with MFA set up; supporters hear only their groups."""

from channels.db import database_sync_to_async

from moderation.permissions import moderated_group_ids
from moderation.services import queue_channel_group, sitting_touch
from peersupport.consumers import LoginRequiredJsonConsumer
from peersupport.permissions import has_staff_mfa
from peersupport.roles import Role

CLOSE_NOT_FOUND = 4404


def _channel_groups(user) -> list[str] | None:
    if not user.has_role(Role.SUPPORTER, Role.ADMIN) or not has_staff_mfa(user):
        return None
    ids = moderated_group_ids(user)
    if ids is None:
        return [queue_channel_group(None)]
    return [queue_channel_group(group_id) for group_id in ids]


class QueueConsumer(LoginRequiredJsonConsumer):
    close_code_lost_right = CLOSE_NOT_FOUND

    def still_entitled(self) -> bool:
        return _channel_groups(self.user) is not None

    async def on_authenticated(self):
        self.channel_groups = await database_sync_to_async(_channel_groups)(self.user)
        if self.channel_groups is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self._join()
        await self.accept()
        await database_sync_to_async(sitting_touch)(moderator=self.user)

    async def _join(self):
        for name in self.channel_groups:
            await self.channel_layer.group_add(name, self.channel_name)

    async def disconnect(self, code):
        for name in getattr(self, "channel_groups", None) or []:
            await self.channel_layer.group_discard(name, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content["type"] == "ping":
            # Assignments change and Redis forgets groups on restart: recompute and re-join.
            groups = await database_sync_to_async(_channel_groups)(self.user)
            if groups is None:
                await self.close(code=CLOSE_NOT_FOUND)
                return
            for name in set(self.channel_groups) - set(groups):
                await self.channel_layer.group_discard(name, self.channel_name)
            self.channel_groups = groups
            await self._join()
            # Time on the queue counts while its page is open (a GET changes nothing).
            await database_sync_to_async(sitting_touch)(moderator=self.user)
            await self.send_json({"type": "pong"})
            return
        await self.send_error("Unknown message type.")

    async def entry_changed(self, event):
        await self.send_json(
            {
                "type": "entry",
                "id": event["entry_id"],
                "state": event["state"],
                "claimed_by_id": event["claimed_by_id"],
                "claimed_by": event["claimed_by"],
                "priority": event["priority"],
            }
        )
