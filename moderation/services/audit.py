"""The moderation audit log: one row per action, written in the action's transaction."""

from __future__ import annotations

from communities.models import Group, Post
from moderation.models import (
    AuditEntry,
    QueueEntry,
)

# --- audit --------------------------------------------------------------------------------


def post_snapshot(post: Post) -> dict:
    """What the audit log keeps of a post: its state and marks, never the words written."""
    return {
        "state": post.state,
        "chars": len(post.body),
        "has_content_warning": bool(post.cw_label),
        "moderator_note": post.moderator_note,
    }


def audit_write(
    *,
    actor,
    action: str,
    target_type: str,
    target_id: int | None,
    group: Group | None = None,
    group_id: int | None = None,
    subject=None,
    subject_id: int | None = None,
    entry: QueueEntry | None = None,
    reason: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        group_id=group.pk if group is not None else group_id,
        subject_id=subject.pk if subject is not None else subject_id,
        target_type=target_type,
        target_id=target_id,
        entry=entry,
        reason=(reason or "").strip()[:1000],
        before=before or {},
        after=after or {},
    )
