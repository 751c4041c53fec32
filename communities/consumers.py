"""Live thread updates. The socket is authorised exactly as the thread page is.

Anyone who may not read the thread is closed with the same code whether the group exists
or not. The database is the truth: a client that reconnects asks to `resync` from the last
post it has and the time of the last frame it received.
"""

from channels.db import database_sync_to_async
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from communities import permissions, selectors
from communities.models import Reaction
from communities.services import thread_channel_group
from peersupport.consumers import LoginRequiredJsonConsumer

CLOSE_NOT_FOUND = 4404


def _load(user, slug: str, thread_id: int):
    group = selectors.group_for_viewer(slug=slug, user=user)
    if group is None or not permissions.can_read_group(user, group):
        return None
    return selectors.thread_for_viewer(group=group, thread_id=thread_id, user=user)


def _render(thread, user, views) -> list[dict]:
    moderator = permissions.is_group_moderator(user, thread.group)
    return [
        {
            "type": "post",
            "id": view.pk,
            "html": render_to_string(
                "communities/_post.html",
                {
                    "view": view,
                    "group": thread.group,
                    "thread": thread,
                    "reaction_kinds": Reaction.Kind.choices,
                    "is_moderator": moderator,
                    "live": True,
                },
            ),
        }
        for view in views
    ]


class ThreadConsumer(LoginRequiredJsonConsumer):
    async def on_authenticated(self):
        kwargs = self.scope["url_route"]["kwargs"]
        self.thread = await database_sync_to_async(_load)(
            self.user, kwargs["slug"], int(kwargs["thread_id"])
        )
        if self.thread is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.group_name = thread_channel_group(self.thread.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "group_name", None):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content, **kwargs):
        kind = content["type"]
        if kind == "ping":
            await self.rejoin(self.group_name)
            await self.send_json({"type": "pong"})
        elif kind == "resync":
            after = content.get("after")
            since = content.get("since")
            if not isinstance(after, int) or (since is not None and not isinstance(since, str)):
                await self.send_error("resync needs a post id and, optionally, a time.")
                return
            since_at = parse_datetime(since) if since else None
            if since and since_at is None:
                await self.send_error("That time could not be read.")
                return
            await self._send_posts(after_id=after, since=since_at)
        else:
            await self.send_error("Unknown message type.")

    async def post_changed(self, event):
        await self._send_posts(ids=[event["post_id"]])

    async def _send_posts(self, *, ids=None, after_id=None, since=None):
        now = timezone.now().isoformat()
        frames = await database_sync_to_async(self._frames)(ids, after_id, since)
        if frames is None:  # no longer allowed to read: stop here
            await self.close(code=CLOSE_NOT_FOUND)
            return
        for frame in frames:
            await self.send_json({**frame, "at": now})
        if after_id is not None:
            await self.send_json({"type": "resynced", "at": now})

    def _frames(self, ids, after_id, since):
        thread = _load(self.user, self.thread.group.slug, self.thread.pk)
        if thread is None:
            return None
        settings = selectors.member_settings(self.user)
        if ids is not None:
            views = selectors.post_views_by_id(
                thread=thread, user=self.user, settings=settings, ids=ids
            )
        else:
            views = selectors.posts_changed_since(
                thread=thread, user=self.user, settings=settings, after_id=after_id, since=since
            )
        return _render(thread, self.user, views)
