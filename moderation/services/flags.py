"""Members' flags on posts."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from communities import services as community_services
from communities.models import Post
from crisis.models import Trigger
from moderation import selectors
from moderation.models import (
    Flag,
    QueueEntry,
)
from moderation.services.audit import audit_write, post_snapshot
from moderation.services.handoff import crisis_escalate
from moderation.services.live import entry_broadcast_on_commit
from moderation.services.queue import entry_open_for_post

Kind = QueueEntry.Kind
Priority = QueueEntry.Priority

# --- flags --------------------------------------------------------------------------------

FLAG_PRIORITY = {
    Flag.Reason.AT_RISK: Priority.AT_RISK,
    Flag.Reason.HARASSMENT: Priority.HIGH,
}
FLAG_THANKS = "Thank you for letting us know. A moderator will look at this soon."


@transaction.atomic
def flag_create(*, post: Post, flagger, reason: str, note: str = "") -> Flag:
    """A member asks a moderator to look at a post. The author is never told who.

    Raises ValidationError (kindly worded) for a second flag on the same post, one's own
    post, or too many flags in a day."""
    if reason not in Flag.Reason.values:
        raise ValidationError("Please choose a reason.")
    if reason == Flag.Reason.OTHER and not note.strip():
        raise ValidationError("Please say a few words about what worries you.")
    if post.author_id == flagger.pk:
        raise ValidationError("You can delete or edit your own post instead.")
    since = timezone.now() - timedelta(days=1)
    if Flag.objects.filter(flagger=flagger, created_at__gte=since).count() >= (
        settings.MODERATION_FLAGS_PER_DAY
    ):
        raise ValidationError(
            "Thank you for looking out for others. You've sent many flags today, so please "
            "wait until tomorrow for more; moderators will read the ones you sent."
        )
    group = post.thread.group
    trusted = selectors.is_trusted_flagger(user=flagger, group=group)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                post=post, flagger=flagger, reason=reason, note=note.strip()[:500],
                is_trusted=trusted,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            "You've already flagged this post. A moderator will look at it soon."
        ) from None
    if reason == Flag.Reason.AT_RISK:
        crisis_escalate(
            member=post.author,
            source=post,
            reason="A member is worried.",
            trigger=Trigger.FLAG,
            hold_post=False,
        )
    entry = entry_open_for_post(
        post=post,
        kind=Kind.AT_RISK if reason == Flag.Reason.AT_RISK else Kind.FLAGGED,
        priority=FLAG_PRIORITY.get(reason, Priority.NORMAL),
        detail=f"Flagged: {Flag.Reason(reason).label.lower()}",
        is_graphic=reason == Flag.Reason.GRAPHIC,
    )
    Flag.objects.filter(pk=flag.pk).update(entry=entry)
    QueueEntry.objects.filter(pk=entry.pk).update(flag_count=entry.flag_count + 1)
    trusted_flags = Flag.objects.filter(entry=entry, is_trusted=True).count()
    post.refresh_from_db(fields=["state"])
    if post.is_visible and trusted_flags >= selectors.flags_to_hide(group):
        before = post_snapshot(post)
        community_services.post_moderator_change(post=post, state=Post.State.HIDDEN)
        audit_write(
            actor=None,
            action="post_auto_hide",
            target_type="post",
            target_id=post.pk,
            group=group,
            subject=post.author,
            entry=entry,
            reason=f"{trusted_flags} flags from trusted members",
            before=before,
            after=post_snapshot(post),
        )
    entry_broadcast_on_commit(entry.pk)
    return flag
