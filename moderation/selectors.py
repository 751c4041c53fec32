"""Reads that moderation views, consumers, tasks and communities' posting share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from communities.models import Group, Post
from communities.permissions import is_group_moderator
from communities.screening import AT_RISK_VISIBLE_NOTE
from moderation import rules
from moderation.models import (
    Appeal,
    AuditEntry,
    CareMessage,
    Flag,
    GroupModeration,
    MemberNote,
    ModeratorPreference,
    Mute,
    QueueEntry,
    ReviewSitting,
    WatchedPhrase,
)
from moderation.permissions import is_moderation_admin, moderated_group_ids
from peersupport.hotlines import LIFELINE
from peersupport.models import User
from peersupport.roles import Role

is_admin = is_moderation_admin


def is_moderator_of(user, group: Group) -> bool:
    """Moderators' own posts skip new-member holds and mutes (rules still apply)."""
    return is_group_moderator(user, group)


def rules_for(group: Group) -> list[rules.Rule]:
    return [
        p.as_rule()
        for p in WatchedPhrase.objects.filter(is_active=True).filter(
            Q(group__isnull=True) | Q(group=group)
        )
    ]


def _group_settings(group: Group) -> GroupModeration | None:
    return GroupModeration.objects.filter(group=group).first()


def first_posts_held(group: Group) -> int:
    found = _group_settings(group)
    return found.first_posts_held if found else settings.MODERATION_FIRST_POSTS_HELD


def flags_to_hide(group: Group) -> int:
    found = _group_settings(group)
    return found.flags_to_hide if found else settings.MODERATION_FLAGS_TO_HIDE


def trusted_after_posts(group: Group) -> int:
    found = _group_settings(group)
    return found.trusted_after_posts if found else settings.MODERATION_TRUSTED_AFTER_POSTS


def approved_post_count(*, user, group: Group) -> int:
    """Trust grows with posts others can read: approved ones, or ones that never needed it."""
    return Post.objects.filter(
        author=user, thread__group=group, state=Post.State.VISIBLE, deleted_at__isnull=True
    ).count()


def is_trusted_flagger(*, user, group: Group) -> bool:
    if is_group_moderator(user, group):
        return True
    return approved_post_count(user=user, group=group) >= trusted_after_posts(group)


def active_mute(*, user, group: Group) -> Mute | None:
    return (
        Mute.objects.filter(
            user=user, group=group, lifted_at__isnull=True, until__gt=timezone.now()
        )
        .order_by("-until")
        .first()
    )


def admins() -> list[User]:
    return list(User.objects.filter(role_grants__role=Role.ADMIN, is_active=True).distinct())


# --- the queue ----------------------------------------------------------------------------


def target_for(entry: QueueEntry) -> timedelta:
    minutes = (
        settings.MODERATION_TARGET_AT_RISK_MINUTES
        if entry.priority == QueueEntry.Priority.AT_RISK
        else settings.MODERATION_TARGET_OTHER_MINUTES
    )
    return timedelta(minutes=minutes)


def is_twice_over(entry: QueueEntry, *, now: datetime) -> bool:
    return now - entry.created_at > 2 * target_for(entry)


@dataclass
class QueueRow:
    entry: QueueEntry
    age: timedelta
    target: timedelta
    claimed_by_me: bool
    claimed_by_other: bool
    flag_reasons: list[str]

    @property
    def breached(self) -> bool:
        return self.age > self.target

    @property
    def age_minutes(self) -> int:
        return int(self.age.total_seconds() // 60)

    @property
    def target_minutes(self) -> int:
        return int(self.target.total_seconds() // 60)


def step_back_from_at_risk(user) -> bool:
    return ModeratorPreference.objects.filter(moderator=user, step_back_from_at_risk=True).exists()


def entries_visible_to(user) -> QuerySet[QueueEntry]:
    ids = moderated_group_ids(user)
    qs = QueueEntry.objects.all()
    if ids is not None:
        qs = qs.filter(group_id__in=ids)
    return qs


def queue_for(user, *, group_id: int | None = None, now=None) -> list[QueueRow]:
    """Open entries of the groups `user` moderates, at-risk first, then oldest first."""
    now = now or timezone.now()
    expiry = timedelta(minutes=settings.MODERATION_CLAIM_EXPIRY_MINUTES)
    qs = (
        entries_visible_to(user)
        .filter(state=QueueEntry.State.OPEN)
        .select_related("group", "subject", "claimed_by", "post__thread", "membership")
        .order_by("priority", "created_at", "id")
    )
    if group_id is not None:
        qs = qs.filter(group_id=group_id)
    if step_back_from_at_risk(user):
        qs = qs.exclude(priority=QueueEntry.Priority.AT_RISK)
    entries = list(qs[:200])
    reasons: dict[int, list[str]] = {}
    for entry_id, reason in Flag.objects.filter(entry_id__in=[e.pk for e in entries]).values_list(
        "entry_id", "reason"
    ):
        label = Flag.Reason(reason).label
        if label not in reasons.setdefault(entry_id, []):
            reasons[entry_id].append(label)
    rows = []
    for entry in entries:
        live_claim = (
            entry.claimed_by_id is not None
            and entry.last_activity_at is not None
            and entry.last_activity_at >= now - expiry
        )
        rows.append(
            QueueRow(
                entry=entry,
                age=now - entry.created_at,
                target=target_for(entry),
                claimed_by_me=live_claim and entry.claimed_by_id == user.pk,
                claimed_by_other=live_claim and entry.claimed_by_id != user.pk,
                flag_reasons=reasons.get(entry.pk, []),
            )
        )
    return rows


def entry_for(user, entry_id: int) -> QueueEntry | None:
    return (
        entries_visible_to(user)
        .select_related("group", "subject", "claimed_by", "post__thread", "membership")
        .filter(pk=entry_id)
        .first()
    )


def entries_breaching(*, now: datetime) -> list[QueueEntry]:
    """Open entries past their target that still owe someone an alert."""
    at_risk_since = now - timedelta(minutes=settings.MODERATION_TARGET_AT_RISK_MINUTES)
    other_since = now - timedelta(minutes=settings.MODERATION_TARGET_OTHER_MINUTES)
    return list(
        QueueEntry.objects.filter(state=QueueEntry.State.OPEN)
        .filter(Q(breach_alerted_at__isnull=True) | Q(admins_alerted_at__isnull=True))
        .filter(
            Q(priority=QueueEntry.Priority.AT_RISK, created_at__lt=at_risk_since)
            | Q(created_at__lt=other_since)
        )
        .select_related("group")
        .order_by("priority", "created_at")
    )


# --- audit, notes, appeals ----------------------------------------------------------------


def audit_for(
    user,
    *,
    group_id: int | None = None,
    subject_id: int | None = None,
    entry_id: int | None = None,
    post_id: int | None = None,
    action: str = "",
    limit: int = 200,
) -> list[AuditEntry]:
    """Audit rows `user` may read: their groups' rows; admins read everything."""
    qs = AuditEntry.objects.select_related("actor", "subject", "group")
    ids = moderated_group_ids(user)
    if ids is not None:
        qs = qs.filter(group_id__in=ids)
    if group_id is not None:
        qs = qs.filter(group_id=group_id)
    if subject_id is not None:
        qs = qs.filter(subject_id=subject_id)
    if entry_id is not None:
        qs = qs.filter(entry_id=entry_id)
    if post_id is not None:
        qs = qs.filter(target_type="post", target_id=post_id)
    if action:
        qs = qs.filter(action=action)
    return list(qs.order_by("-created_at", "-id")[:limit])


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.values_list("action", flat=True).distinct().order_by("action"))


def notes_on(*, group: Group, member) -> QuerySet[MemberNote]:
    return MemberNote.objects.filter(group=group, member=member).select_related("author")


def appeals_pending() -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(state=Appeal.State.PENDING)
        .select_related("action__actor", "action__group", "appellant")
        .order_by("created_at")
    )


def decision_for_member(*, member, audit_id: int) -> AuditEntry | None:
    """A decision about `member`, as they may see it: never who flagged them."""
    return AuditEntry.objects.filter(pk=audit_id, subject=member).select_related("group").first()


def appeal_of(audit: AuditEntry) -> Appeal | None:
    return Appeal.objects.filter(action=audit).first()


def care_message_for(*, member, message_id: int) -> CareMessage | None:
    return (
        CareMessage.objects.filter(pk=message_id, recipient=member).select_related("group").first()
    )


def post_flagged_by(*, post: Post, user) -> bool:
    return Flag.objects.filter(post=post, flagger=user).exists()


HELD_NOTE = "Thank you. A moderator will look at this soon; until then only you can see it."
AT_RISK_NOTE = (
    "Thank you for sharing this. A peer supporter will read it very soon. If you need to "
    f"talk to someone right now, call or text {LIFELINE.number}, or press Get help now at the "
    "top of the "
    "page: someone is there day and night."
)


def held_note_for(post: Post) -> str:
    """What the author reads after posting: why the post waits, or, when their words may
    mean they are at risk, where help is right now. Empty otherwise."""
    at_risk = QueueEntry.objects.filter(
        post=post, state=QueueEntry.State.OPEN, priority=QueueEntry.Priority.AT_RISK
    ).exists()
    if post.state != Post.State.HELD:
        return AT_RISK_VISIBLE_NOTE if at_risk else ""
    return AT_RISK_NOTE if at_risk else HELD_NOTE


# A pause this long on the queue ends a sitting: the next visit starts a fresh one.
SITTING_GAP = timedelta(minutes=20)


def sitting_current(moderator, now=None) -> ReviewSitting | None:
    """The supporter's current stretch on the queue, or None after a pause. Reads only."""
    from_ = (now or timezone.now()) - SITTING_GAP
    return (
        ReviewSitting.objects.filter(moderator=moderator, last_seen_at__gte=from_)
        .order_by("-last_seen_at")
        .first()
    )
