"""Appeals against a decision, answered by another admin."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from communities import services as community_services
from communities.models import Post
from communities.notifications import notify_member
from moderation import selectors
from moderation.models import (
    Appeal,
    AuditEntry,
    Mute,
)
from moderation.services.audit import audit_write
from moderation.services.queue import ActionRefused
from peersupport.notifications import notification_send

# --- appeals ------------------------------------------------------------------------------

APPEALABLE = ("post_remove", "post_hide", "member_mute")


@transaction.atomic
def appeal_create(*, audit_id: int, member, message: str) -> Appeal:
    """Ask once for a second look at a removal, hiding or mute. An admin decides."""
    action = AuditEntry.objects.filter(pk=audit_id, subject=member, action__in=APPEALABLE).first()
    if action is None:
        raise ValidationError("That decision can't be appealed.")
    if not message.strip():
        raise ValidationError("Please tell us, in a few words, why we should look again.")
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                action=action, appellant=member, message=message.strip()[:2000]
            )
    except IntegrityError:
        raise ValidationError("You've already asked for a second look at this.") from None
    audit_write(
        actor=member,
        action="appeal_create",
        target_type="appeal",
        target_id=appeal.pk,
        group_id=action.group_id,
        subject=member,
        reason=message,
    )
    for admin in selectors.admins():
        notification_send(
            user=admin,
            kind="appeal",
            text="A member asked for a second look at a moderation decision.",
            url=reverse("moderation:appeals"),
        )
    return appeal


@transaction.atomic
def appeal_decide(*, appeal_id: int, admin, overturn: bool, note: str = "") -> Appeal | None:
    """None when someone already decided it. The acting moderator may not decide."""
    appeal = Appeal.objects.select_related("action").filter(pk=appeal_id).first()
    if appeal is None:
        return None
    if not selectors.is_admin(admin) or admin.pk == appeal.action.actor_id:
        raise ActionRefused("Another admin, not the one who decided, answers this appeal.")
    state = Appeal.State.OVERTURNED if overturn else Appeal.State.UPHELD
    won = Appeal.objects.filter(pk=appeal_id, state=Appeal.State.PENDING).update(
        state=state, decided_by=admin, decided_at=timezone.now(), decision_note=note.strip()[:1000]
    )
    if not won:
        return None
    original = appeal.action
    after: dict = {"appeal": state}
    if overturn and original.target_type == "post":
        post = Post.objects.select_for_update().filter(pk=original.target_id).first()
        if post is not None and post.state in (Post.State.REMOVED, Post.State.HIDDEN):
            community_services.post_moderator_change(post=post, state=Post.State.VISIBLE)
            after["post_state"] = post.state
    if overturn and original.action == "member_mute":
        lifted = Mute.objects.filter(pk=original.after.get("mute"), lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
        after["mute_lifted"] = bool(lifted)
    audit_write(
        actor=admin,
        action="appeal_overturned" if overturn else "appeal_upheld",
        target_type="appeal",
        target_id=appeal.pk,
        group_id=original.group_id,
        subject=appeal.appellant,
        reason=note,
        before={"appeal": Appeal.State.PENDING},
        after=after,
    )
    notify_member(
        user=appeal.appellant,
        kind="appeal_decided",
        text="An admin looked again at the decision you asked about"
        + (" and reversed it." if overturn else ". It stays as it was; there is a note for you."),
        url=reverse("moderation:my_decision", args=[original.pk]),
        email_subject="About your request for a second look",
    )
    return Appeal.objects.get(pk=appeal_id)
