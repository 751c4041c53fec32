"""Member notes, watched phrases, and the moderators' own wellbeing (sittings, stepping back)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.models import Group
from moderation import rules, selectors
from moderation.models import (
    CareMessage,
    MemberNote,
    ModeratorPreference,
    ReviewSitting,
    WatchedPhrase,
)
from moderation.selectors import SITTING_GAP
from moderation.services.audit import audit_write

# --- notes, phrases, wellbeing ------------------------------------------------------------


def member_note_add(*, group: Group, member, author, body: str) -> MemberNote:
    if not body.strip():
        raise ValidationError("Please write the note.")
    return MemberNote.objects.create(
        group=group, member=member, author=author, body=body.strip()[:2000]
    )


@transaction.atomic
def phrase_save(*, phrase: WatchedPhrase, by) -> WatchedPhrase:
    """Create or change a watched phrase; the change is audited with before and after."""
    problem = rules.validate(phrase.kind, phrase.pattern)
    if problem:
        raise ValidationError(problem)
    before = {}
    if phrase.pk:
        old = WatchedPhrase.objects.filter(pk=phrase.pk).first()
        before = old.snapshot() if old else {}
    phrase.save()
    audit_write(
        actor=by,
        action="phrase_change" if before else "phrase_create",
        target_type="watched_phrase",
        target_id=phrase.pk,
        group_id=phrase.group_id,
        before=before,
        after=phrase.snapshot(),
    )
    return phrase


@transaction.atomic
def phrase_delete(*, phrase: WatchedPhrase, by) -> None:
    audit_write(
        actor=by,
        action="phrase_delete",
        target_type="watched_phrase",
        target_id=phrase.pk,
        group_id=phrase.group_id,
        before=phrase.snapshot(),
    )
    phrase.delete()


def sitting_touch(*, moderator, now=None) -> ReviewSitting:
    """The supporter's current stretch on the queue; a pause of SITTING_GAP starts a new one.
    Counted while the queue page's socket is open (moderation/consumers.py)."""
    now = now or timezone.now()
    sitting = selectors.sitting_current(moderator, now)
    if sitting is None:
        return ReviewSitting.objects.create(moderator=moderator, started_at=now, last_seen_at=now)
    ReviewSitting.objects.filter(pk=sitting.pk).update(last_seen_at=now)
    sitting.last_seen_at = now
    return sitting


def sitting_end(*, moderator) -> int:
    """Taking a break: the next visit starts a fresh sitting."""
    stale = timezone.now() - SITTING_GAP - timedelta(seconds=1)
    return ReviewSitting.objects.filter(moderator=moderator, last_seen_at__gt=stale).update(
        last_seen_at=stale
    )


def step_back_set(*, moderator, step_back: bool) -> ModeratorPreference:
    pref, _ = ModeratorPreference.objects.update_or_create(
        moderator=moderator, defaults={"step_back_from_at_risk": step_back}
    )
    return pref


def care_message_read(*, message: CareMessage) -> None:
    if message.read_at is None:
        CareMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
