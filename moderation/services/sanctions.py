"""Actions on people: a message of concern, a mute, removal from a group, closing an account."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities import services as community_services
from communities.models import Membership
from communities.notifications import notify_member
from crisis.models import Trigger
from moderation import selectors
from moderation.models import (
    CareMessage,
    Mute,
    QueueEntry,
)
from moderation.services.audit import audit_write
from moderation.services.handoff import crisis_escalate
from moderation.services.queue import ActionRefused, entry_post_locked, entry_take
from peersupport.notifications import notification_send
from peersupport.services import account_close

Kind = QueueEntry.Kind
Priority = QueueEntry.Priority

# --- actions on people --------------------------------------------------------------------


@transaction.atomic
def care_message_send(*, entry_id: int, moderator, body: str) -> CareMessage:
    """A private message of concern, with resources, signed by the group's supporters."""
    if not body.strip():
        raise ActionRefused("Please write a few words.")
    entry = entry_take(entry_id, moderator)
    message = CareMessage.objects.create(
        group=entry.group, recipient=entry.subject, sender=moderator, body=body.strip()[:2000]
    )
    audit_write(
        actor=moderator,
        action="care_message",
        target_type="member",
        target_id=entry.subject_id,
        group_id=entry.group_id,
        subject=entry.subject,
        entry=entry,
        after={"message": message.pk},
    )
    notification_send(
        user=entry.subject,
        kind="care_message",
        text=f"The peer supporters of {entry.group.name} sent you a message.",
        url=reverse("moderation:care_message", args=[message.pk]),
    )
    return message


@transaction.atomic
def member_mute(*, entry_id: int, moderator, days: int, reason: str = "") -> Mute:
    """The member may read the group but not post in it for `days` days."""
    if not 1 <= days <= 90:
        raise ActionRefused("A pause lasts between 1 and 90 days.")
    entry = entry_take(entry_id, moderator)
    mute = Mute.objects.create(
        group=entry.group,
        user=entry.subject,
        until=timezone.now() + timedelta(days=days),
        by=moderator,
        reason=reason.strip()[:500],
    )
    audit = audit_write(
        actor=moderator,
        action="member_mute",
        target_type="member",
        target_id=entry.subject_id,
        group_id=entry.group_id,
        subject=entry.subject,
        entry=entry,
        reason=reason,
        after={"mute": mute.pk, "until": mute.until.isoformat(), "days": days},
    )
    notify_member(
        user=entry.subject,
        kind="moderation",
        text=f"You can read {entry.group.name} but not post in it for {days} "
        f"day{'s' if days != 1 else ''}. You can read why and ask for a second look.",
        url=reverse("moderation:my_decision", args=[audit.pk]),
        email_subject="About your posting in a group",
    )
    return mute


@transaction.atomic
def member_remove_from_group(*, entry_id: int, moderator, reason: str = "") -> bool:
    entry = entry_take(entry_id, moderator)
    membership = Membership.objects.filter(
        group_id=entry.group_id, user_id=entry.subject_id, state=Membership.State.ACTIVE
    ).first()
    if membership is None or not community_services.membership_remove(
        membership_id=membership.pk, by=moderator
    ):
        raise ActionRefused("They are not a member of this group any more.")
    audit_write(
        actor=moderator,
        action="member_remove",
        target_type="membership",
        target_id=membership.pk,
        group_id=entry.group_id,
        subject=entry.subject,
        entry=entry,
        reason=reason,
        before={"state": Membership.State.ACTIVE},
        after={"state": Membership.State.REMOVED},
    )
    return True


@transaction.atomic
def member_ban(*, entry_id: int, admin, reason: str = "") -> bool:
    """Admins only: the account can no longer log in anywhere on the platform."""
    if not selectors.is_admin(admin):
        raise ActionRefused("Only an admin can close an account.")
    entry = entry_take(entry_id, admin)
    user = entry.subject
    if not account_close(user=user):  # sessions end and open sockets close too
        raise ActionRefused("That account is already closed.")
    audit_write(
        actor=admin,
        action="member_ban",
        target_type="member",
        target_id=user.pk,
        group_id=entry.group_id,
        subject=user,
        entry=entry,
        reason=reason,
        before={"is_active": True},
        after={"is_active": False},
    )
    return True


@transaction.atomic
def entry_escalate(*, entry_id: int, moderator, reason: str = "") -> QueueEntry:
    """Hand the member to crisis support through the one hook."""
    entry = entry_take(entry_id, moderator)
    post = entry_post_locked(entry) if entry.post_id else None
    crisis_escalate(
        member=entry.subject,
        source=post,
        reason=reason or "A moderator asked.",
        trigger=Trigger.SUPPORTER,
        supporter=moderator,
    )
    audit_write(
        actor=moderator,
        action="escalate",
        target_type="post" if post else "member",
        target_id=post.pk if post else entry.subject_id,
        group_id=entry.group_id,
        subject=entry.subject,
        entry=entry,
        reason=reason,
    )
    QueueEntry.objects.filter(pk=entry.pk).update(priority=Priority.AT_RISK, kind=Kind.AT_RISK)
    return entry
