"""Live thread updates. The socket is authorised exactly as the thread page is.

Anyone who may not read the thread is closed with the same code whether the group exists
or not. The database is the truth: a client that reconnects asks to `resync` from the last
post it has and the time of the last frame it received.

A change reaches every viewer of the thread in this process at once, so the first viewer to
see it reads and renders for all of them together (`_batch_frames`): per viewer, that was six
queries and a template render, ~30 ms of the one database thread, and a reply to a thread
with 50 viewers cost a second and a half (bench/sockets.py). Each viewer is still judged as
the page judges them; identical views are rendered once.
"""

import asyncio
from collections import defaultdict

from channels.db import database_sync_to_async
from django.template.loader import render_to_string
from django.utils import timezone

from communities import selectors
from communities.models import Reaction
from communities.services import thread_channel_group
from peersupport.consumers import LoginRequiredJsonConsumer, frame_time

CLOSE_NOT_FOUND = 4404


def _load(user, slug: str, thread_id: int):
    """(thread, the viewer's GroupAccess), or None when they may not read it."""
    access = selectors.group_for_viewer(slug=slug, user=user)
    if access is None or not access.can_read:
        return None
    thread = selectors.thread_for_viewer(access=access, thread_id=thread_id, user=user)
    return None if thread is None else (thread, access)


def _render(thread, access, views, rendered: dict | None = None) -> list[dict]:
    """`rendered`: html by everything the template reads, shared by viewers of one change."""
    moderator = access.is_moderator
    rendered = {} if rendered is None else rendered
    frames = []
    for view in views:
        key = (
            view.pk, view.author_label, view.revealed_author, view.is_own, view.is_moderator,
            view.can_edit, view.can_delete, frozenset(view.my_reactions), moderator,
        )  # fmt: skip
        if key not in rendered:
            rendered[key] = render_to_string(
                "communities/_post.html",
                {
                    "view": view,
                    "group": thread.group,
                    "thread": thread,
                    "reaction_kinds": Reaction.Kind.choices,
                    "is_moderator": moderator,
                    "live": True,
                },
            )
        frames.append({"type": "post", "id": view.pk, "html": rendered[key]})
    return frames


def _batch_frames(slug: str, thread_id: int, post_ids: list[int], users: list) -> dict:
    """Frames for each of `users` (by id) about `post_ids`; None for one who may not read."""
    for user in users:  # roles change while sockets are open: who sees anonymous authors
        user.forget_cached_roles()
    found = selectors.post_views_for_viewers(
        slug=slug, thread_id=thread_id, ids=post_ids, users=users
    )
    rendered: dict = {}
    return {
        user_id: None if seen is None else _render(*seen, rendered)
        for user_id, seen in found.items()
    }


# This process's viewers by thread id, and each change's frames being (or lately) made, by
# (thread id, post id, change id). Kept a while: the same change reaches viewers over time.
_viewers: dict[int, set] = defaultdict(set)
_batches: dict[tuple, asyncio.Future] = {}
BATCH_KEPT_SECONDS = 60.0


class ThreadConsumer(LoginRequiredJsonConsumer):
    close_code_lost_right = CLOSE_NOT_FOUND

    async def on_authenticated(self):
        kwargs = self.scope["url_route"]["kwargs"]
        found = await database_sync_to_async(_load)(
            self.user, kwargs["slug"], int(kwargs["thread_id"])
        )
        if found is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.thread = found[0]
        self.group_name = thread_channel_group(self.thread.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        _viewers[self.thread.pk].add(self)
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "group_name", None):
            _viewers[self.thread.pk].discard(self)
            if not _viewers[self.thread.pk]:
                del _viewers[self.thread.pk]
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
            since_at = frame_time(since) if since else None
            if since and since_at is None:
                await self.send_error("That time could not be read.")
                return
            await self._send_posts(after_id=after, since=since_at)
        else:
            await self.send_error("Unknown message type.")

    async def post_changed(self, event):
        change = event.get("change")
        if not change:
            await self._send_posts(ids=[event["post_id"]])
            return
        key = (self.thread.pk, event["post_id"], change)
        batch = _batches.get(key)
        if batch is None:
            viewers = {v.user.pk: v.user for v in _viewers.get(self.thread.pk, ())}
            viewers[self.user.pk] = self.user
            batch = asyncio.ensure_future(
                database_sync_to_async(_batch_frames)(
                    self.thread.group.slug,
                    self.thread.pk,
                    [event["post_id"]],
                    list(viewers.values()),
                )
            )
            _batches[key] = batch
            asyncio.get_running_loop().call_later(BATCH_KEPT_SECONDS, _batches.pop, key, None)
        # shield: this viewer leaving must not cancel the others' frames
        by_user = await asyncio.shield(batch)
        if self.user.pk not in by_user:  # joined after the batch was made
            await self._send_posts(ids=[event["post_id"]])
            return
        await self._send_frames(by_user[self.user.pk])

    async def _send_posts(self, *, ids=None, after_id=None, since=None):
        now = timezone.now().isoformat()
        frames = await database_sync_to_async(self._frames)(ids, after_id, since)
        if await self._send_frames(frames, now) and after_id is not None:
            await self.send_json({"type": "resynced", "at": now})

    async def _send_frames(self, frames, now=None) -> bool:
        """False (and the socket closed) when the viewer may no longer read the thread."""
        if frames is None:  # no longer allowed to read: stop here
            await self.close(code=CLOSE_NOT_FOUND)
            return False
        now = now or timezone.now().isoformat()
        for frame in frames:
            await self.send_json({**frame, "at": now})
        return True

    def still_entitled(self) -> bool:
        return _load(self.user, self.thread.group.slug, self.thread.pk) is not None

    def _frames(self, ids, after_id, since):
        self.user.forget_cached_roles()  # a revoked role stops showing anonymous authors
        found = _load(self.user, self.thread.group.slug, self.thread.pk)
        if found is None:
            return None
        thread, access = found
        settings = selectors.member_settings(self.user)
        if ids is not None:
            views = selectors.post_views_by_id(
                thread=thread, access=access, user=self.user, settings=settings, ids=ids
            )
        else:
            views = selectors.posts_changed_since(
                thread=thread, access=access, user=self.user, settings=settings,
                after_id=after_id, since=since,
            )  # fmt: skip
        return _render(thread, access, views)
