"""Queue entries and the claims on them: exactly one supporter works an entry."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from communities import selectors as community_selectors
from communities import services as community_services
from communities.models import Group, Membership, Post
from moderation.models import (
    QueueEntry,
)
from moderation.services.audit import audit_write
from moderation.services.live import entry_broadcast_on_commit

Kind = QueueEntry.Kind
Priority = QueueEntry.Priority

# --- queue entries ------------------------------------------------------------------------


def entry_open_for_post(
    *,
    post: Post,
    kind: str,
    priority: int = Priority.NORMAL,
    detail: str = "",
    is_graphic: bool = False,
) -> QueueEntry:
    """The open entry for `post`, created or raised in priority. One open entry per post."""
    group_id = post.thread.group_id
    for _ in range(2):
        entry = QueueEntry.objects.select_for_update().filter(post=post, state="open").first()
        if entry is not None:
            changed = []
            if priority < entry.priority:
                entry.priority = priority
                entry.kind = kind
                changed += ["priority", "kind"]
            if detail and detail not in entry.detail:
                entry.detail = f"{entry.detail}; {detail}"[:400] if entry.detail else detail
                changed.append("detail")
            if is_graphic and not entry.is_graphic:
                entry.is_graphic = True
                changed.append("is_graphic")
            if changed:
                entry.save(update_fields=changed)
                entry_broadcast_on_commit(entry.pk)
            return entry
        try:
            with transaction.atomic():
                entry = QueueEntry.objects.create(
                    group_id=group_id,
                    kind=kind,
                    priority=priority,
                    post=post,
                    subject_id=post.author_id,
                    detail=detail[:400],
                    is_graphic=is_graphic,
                )
        except IntegrityError:  # someone opened it at the same moment: use theirs
            continue
        entry_broadcast_on_commit(entry.pk)
        return entry
    raise RuntimeError("could not open a queue entry")


@transaction.atomic
def post_review_open(*, post: Post, moderator) -> QueueEntry:
    """A moderator reading a thread takes a post to the queue (or to its open entry) and
    claims it, to act on it with the same tools and the same audit."""
    entry = entry_open_for_post(
        post=post, kind=Kind.FLAGGED, detail="Opened by a moderator from the thread."
    )
    QueueEntry.objects.filter(pk=entry.pk, claimed_by__isnull=True).update(
        claimed_by=moderator, claimed_at=timezone.now(), last_activity_at=timezone.now()
    )
    return entry


def escalation_queue(
    *, member, post: Post | None, reason: str, hold: bool = True
) -> QueueEntry | None:
    """Queue the post at the very top for the group's supporters; hold it when `hold`."""
    if post is None:
        return None
    if hold:
        community_services.post_hold(post=post)
    return entry_open_for_post(
        post=post,
        kind=Kind.AT_RISK,
        priority=Priority.AT_RISK,
        detail=reason or "Someone may be at risk.",
    )


def _join_entries_close_decided(groups) -> int:
    """Requests answered elsewhere (the group's own requests page) leave the queue, and the
    decision is written to the audit log with the person who took it."""
    stale = (
        QueueEntry.objects.filter(
            state=QueueEntry.State.OPEN, kind=Kind.JOIN_REQUEST, group__in=groups
        )
        .exclude(membership__state=Membership.State.PENDING)
        .select_related("membership")
    )
    closed = 0
    for entry in stale:
        with transaction.atomic():
            membership = entry.membership
            if not QueueEntry.objects.filter(pk=entry.pk, state=QueueEntry.State.OPEN).update(
                state=QueueEntry.State.RESOLVED,
                resolved_at=timezone.now(),
                resolved_by_id=membership.decided_by_id,
                resolution=f"decided elsewhere: {membership.state}",
            ):
                continue
            if membership.state in (Membership.State.ACTIVE, Membership.State.DECLINED):
                audit_write(
                    actor=membership.decided_by,
                    action="join_approve"
                    if membership.state == Membership.State.ACTIVE
                    else "join_decline",
                    target_type="membership",
                    target_id=membership.pk,
                    group_id=entry.group_id,
                    subject_id=membership.user_id,
                    entry=entry,
                    reason=membership.decision_message,
                    before={"state": Membership.State.PENDING},
                    after={"state": membership.state, "via": "group requests page"},
                )
            entry_broadcast_on_commit(entry.pk)
            closed += 1
    return closed


def join_requests_sync(*, groups=None) -> int:
    """Give each pending join request an open queue entry, and close entries of requests
    answered elsewhere. Idempotent. Returns how many entries were opened."""
    created = 0
    groups = Group.objects.all() if groups is None else groups
    _join_entries_close_decided(groups)
    for group in groups:
        for membership in community_selectors.requests_awaiting_decision(group):
            if QueueEntry.objects.filter(membership=membership, state="open").exists():
                continue
            try:
                with transaction.atomic():
                    entry = QueueEntry.objects.create(
                        group=group,
                        kind=Kind.JOIN_REQUEST,
                        membership=membership,
                        subject_id=membership.user_id,
                        created_at=membership.requested_at,
                        detail="Asked to join the group.",
                    )
            except IntegrityError:
                continue
            entry_broadcast_on_commit(entry.pk)
            created += 1
    return created


# --- claims -------------------------------------------------------------------------------


def claim_expiry() -> timedelta:
    return timedelta(minutes=settings.MODERATION_CLAIM_EXPIRY_MINUTES)


def _claimable(moderator, now) -> Q:
    return (
        Q(claimed_by__isnull=True)
        | Q(claimed_by=moderator)
        | Q(last_activity_at__lt=now - claim_expiry())
    )


def entry_claim(*, entry_id: int, moderator) -> QueueEntry | None:
    """Give the entry to `moderator`. None when someone else holds it or it is resolved.

    One conditional UPDATE decides: of any number of moderators claiming at once, exactly
    one row update succeeds."""
    now = timezone.now()
    with transaction.atomic():
        won = (
            QueueEntry.objects.filter(pk=entry_id, state=QueueEntry.State.OPEN)
            .filter(_claimable(moderator, now))
            .update(claimed_by=moderator, claimed_at=now, last_activity_at=now)
        )
        if not won:
            return None
        entry_broadcast_on_commit(entry_id)
    return QueueEntry.objects.get(pk=entry_id)


def entry_touch(*, entry_id: int, moderator) -> bool:
    """The claimer is still working on it: the claim's 15 minutes start again."""
    return bool(
        QueueEntry.objects.filter(
            pk=entry_id, state=QueueEntry.State.OPEN, claimed_by=moderator
        ).update(last_activity_at=timezone.now())
    )


def entry_release(*, entry_id: int, moderator) -> bool:
    with transaction.atomic():
        released = QueueEntry.objects.filter(
            pk=entry_id, state=QueueEntry.State.OPEN, claimed_by=moderator
        ).update(claimed_by=None, claimed_at=None, last_activity_at=None)
        if released:
            entry_broadcast_on_commit(entry_id)
    return bool(released)


def claims_release_expired(*, now=None) -> int:
    """Let go of claims nobody has worked on for the expiry time."""
    now = now or timezone.now()
    stale = QueueEntry.objects.filter(
        state=QueueEntry.State.OPEN,
        claimed_by__isnull=False,
        last_activity_at__lt=now - claim_expiry(),
    ).values_list("pk", flat=True)
    released = 0
    for entry_id in list(stale):
        with transaction.atomic():
            if QueueEntry.objects.filter(
                pk=entry_id, claimed_by__isnull=False, last_activity_at__lt=now - claim_expiry()
            ).update(claimed_by=None, claimed_at=None, last_activity_at=None):
                released += 1
                entry_broadcast_on_commit(entry_id)
    return released


class ActionRefused(Exception):
    """The action did not happen; the message says why, kindly."""


def entry_take(entry_id: int, moderator) -> QueueEntry:
    """Lock the entry for an action by `moderator`, claiming it on the way if it is free."""
    entry = (
        QueueEntry.objects.select_for_update(of=("self",))
        .select_related("group", "subject", "post__thread")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or entry.state != QueueEntry.State.OPEN:
        raise ActionRefused("This item has already been dealt with.")
    now = timezone.now()
    held_by_other = (
        entry.claimed_by_id not in (None, moderator.pk)
        and entry.last_activity_at is not None
        and entry.last_activity_at >= now - claim_expiry()
    )
    if held_by_other:
        raise ActionRefused("Another supporter is looking at this one.")
    entry.claimed_by = moderator
    entry.claimed_at = entry.claimed_at or now
    entry.last_activity_at = now
    entry.save(update_fields=["claimed_by", "claimed_at", "last_activity_at"])
    entry_broadcast_on_commit(entry.pk)
    return entry


def entry_resolve(entry: QueueEntry, moderator, resolution: str) -> None:
    entry.state = QueueEntry.State.RESOLVED
    entry.resolved_at = timezone.now()
    entry.resolved_by = moderator
    entry.resolution = resolution
    entry.save(update_fields=["state", "resolved_at", "resolved_by", "resolution"])


def entry_post_locked(entry: QueueEntry) -> Post:
    if entry.post_id is None:
        raise ActionRefused("That action is for posts.")
    return (
        Post.objects.select_for_update()
        .select_related("thread__group", "author")
        .get(pk=entry.post_id)
    )


def post_url(post: Post) -> str:
    return f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}"
