"""Actions on posts and join requests from the queue; each resolves its entry and is audited."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from communities import services as community_services
from communities.models import Membership, Post
from communities.notifications import notify_member
from moderation.models import (
    QueueEntry,
)
from moderation.services.audit import audit_write, post_snapshot
from moderation.services.queue import (
    ActionRefused,
    entry_post_locked,
    entry_resolve,
    entry_take,
    post_url,
)

# --- actions on posts ---------------------------------------------------------------------


POST_ACTIONS = ("approve", "hide", "remove", "edit", "add_cw")


@transaction.atomic
def post_moderate(
    *,
    entry_id: int,
    moderator,
    action: str,
    reason: str = "",
    body: str = "",
    note: str = "",
    cw_label: str = "",
) -> QueueEntry:
    """Approve, hide, remove, edit (with a visible note) or add a content warning to the
    entry's post; resolve the entry; audit it; tell the author in kind words."""
    if action not in POST_ACTIONS:
        raise ActionRefused("That action isn't available.")
    entry = entry_take(entry_id, moderator)
    post = entry_post_locked(entry)
    before = post_snapshot(post)
    group = post.thread.group
    notice = ""
    if action == "approve":
        community_services.post_moderator_change(post=post, state=Post.State.VISIBLE)
        if before["state"] == Post.State.HELD:
            notice = f"Your post in {group.name} is now up for the group to read."
    elif action == "hide":
        community_services.post_moderator_change(post=post, state=Post.State.HIDDEN)
        notice = (
            f"A peer supporter has put one of your posts in {group.name} aside for now. You "
            "can still see it. If you'd like to talk about it, the team is here."
        )
    elif action == "remove":
        community_services.post_moderator_change(post=post, state=Post.State.REMOVED)
        notice = (
            f"A peer supporter took down one of your posts in {group.name}. You can read the "
            "reason and ask for a second look."
        )
    elif action == "edit":
        if not body.strip() or not note.strip():
            raise ActionRefused("Please give the new wording and a short note for readers.")
        community_services.post_moderator_change(
            post=post, state=Post.State.VISIBLE, body=body, moderator_note=note
        )
        notice = f"A peer supporter made a small edit to your post in {group.name}."
    elif action == "add_cw":
        if not cw_label.strip():
            raise ActionRefused("Please write the content warning.")
        community_services.post_moderator_change(
            post=post, state=Post.State.VISIBLE, cw_label=cw_label
        )
        notice = f"A peer supporter added a content warning to your post in {group.name}."
    audit = audit_write(
        actor=moderator,
        action=f"post_{action}",
        target_type="post",
        target_id=post.pk,
        group=group,
        subject=post.author,
        entry=entry,
        reason=reason,
        before=before,
        after=post_snapshot(post),
    )
    entry_resolve(entry, moderator, action)
    if notice:
        url = (
            reverse("moderation:my_decision", args=[audit.pk])
            if action in ("remove", "hide")
            else post_url(post)
        )
        notify_member(
            user=post.author,
            kind="moderation",
            text=notice,
            url=url,
            email_subject="About your post",
        )
    return entry


@transaction.atomic
def join_request_decide(
    *, entry_id: int, moderator, approve: bool, message: str = ""
) -> QueueEntry:
    entry = entry_take(entry_id, moderator)
    if entry.membership_id is None:
        raise ActionRefused("That action is for join requests.")
    decided = community_services.membership_decide(
        membership_id=entry.membership_id, decider=moderator, approve=approve, message=message
    )
    if decided is None:
        entry_resolve(entry, moderator, "already decided")
        raise ActionRefused("Someone else already answered that request.")
    audit_write(
        actor=moderator,
        action="join_approve" if approve else "join_decline",
        target_type="membership",
        target_id=entry.membership_id,
        group_id=entry.group_id,
        subject=entry.subject,
        entry=entry,
        reason=message,
        before={"state": Membership.State.PENDING},
        after={"state": decided.state},
    )
    entry_resolve(entry, moderator, "approved" if approve else "declined")
    return entry
