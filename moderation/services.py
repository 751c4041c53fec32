"""Every write in moderation. Each action writes its audit row in the same transaction;
notifications and live queue updates go out once the commit is done."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from communities import selectors as community_selectors
from communities import services as community_services
from communities.models import Group, Membership, Post
from communities.notifications import notify_member
from crisis.detection import assess as assess_risk
from crisis.models import RiskLevel, Trigger
from crisis.services import Source, escalation_open
from crisis.services import member_check_in as crisis_check_in
from moderation import rules, selectors
from moderation.models import (
    Appeal,
    AuditEntry,
    CareMessage,
    Flag,
    MemberNote,
    ModeratorPreference,
    Mute,
    QueueEntry,
    ReviewSitting,
    WatchedPhrase,
)
from peersupport import live
from peersupport.notifications import notification_send
from peersupport.services import account_close

Kind = QueueEntry.Kind
Priority = QueueEntry.Priority

# --- live queue updates -------------------------------------------------------------------


def queue_channel_group(group_id: int | None) -> str:
    """Supporters listen on their groups' channels; admins on the one for every group."""
    return "moderation.all" if group_id is None else f"moderation.group.{group_id}"


def _broadcast(entry_id: int) -> None:
    """Tell every open queue page what became of an entry. Best effort: a page that misses
    it still shows the truth from the database on its next load."""
    entry = QueueEntry.objects.select_related("claimed_by").filter(pk=entry_id).first()
    if entry is None:
        return
    event = {
        "type": "entry.changed",
        "entry_id": entry.pk,
        "state": entry.state,
        "claimed_by_id": entry.claimed_by_id,
        "claimed_by": entry.claimed_by.display_name if entry.claimed_by else "",
        "priority": entry.priority,
    }
    for name in (queue_channel_group(entry.group_id), queue_channel_group(None)):
        live.group_send_quietly(name, event, what=f"queue entry {entry_id}'s change")


def _broadcast_on_commit(entry_id: int) -> None:
    transaction.on_commit(lambda: _broadcast(entry_id))


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


# --- the one door to crisis support -----------------------------------------------------


def _crisis_escalate(
    *,
    member,
    source,
    reason: str,
    trigger: str = Trigger.SUPPORTER,
    risk_level: str | None = None,
    supporter=None,
    hold_post: bool = True,
) -> None:
    """Hand `member` to a crisis counselor, and put the post at the top of the review queue.

    `source` is the Post that raised it, or None when a moderator escalates a person rather
    than a post. `hold_post=False` keeps the post visible (a member's "may be at risk" flag
    must never let one member hide another's words). Runs inside the caller's transaction:
    crisis writes the escalation first and alerts counselors only on commit.
    """
    escalation_open(
        member=member,
        trigger=trigger,
        risk_level=risk_level,
        reasons=[reason] if reason else [],
        supporter=supporter,
        source=Source(
            ref=f"post:{source.pk}" if source is not None else "",
            url=source.thread.get_absolute_url() if source is not None else "",
            text=source.body if source is not None else "",
        ),
    )
    escalation_queue(member=member, post=source, reason=reason, hold=hold_post)


# --- screening new words ------------------------------------------------------------------


class PostNeedsChanges(ValidationError):
    """The post is not stored. `kind` says why: block, require_cw, nudge or muted. The words
    stay in the form; `message` is kind and says what to do."""

    def __init__(self, message: str, *, kind: str, explanations: list[str] | None = None):
        super().__init__(message)
        self.kind = kind
        self.explanations = explanations or []


REFUSING_ACTIONS = (rules.Action.BLOCK, rules.Action.REQUIRE_CW, rules.Action.NUDGE)


@dataclass(frozen=True)
class Screening:
    """What the screen decided about new words that may be stored: the state the post starts
    in, and what moderation and crisis support do once it exists (`post_screened`). Plain
    data: nothing here writes."""

    post_state: str = Post.State.VISIBLE
    queue_kind: str = ""
    priority: int = Priority.NORMAL
    detail: str = ""
    escalate: bool = False
    is_graphic: bool = False
    # crisis.detection's reading of the words: a level, and whether it opens an escalation.
    risk_level: str = ""
    risk_escalates: bool = False
    decision: rules.Decision = field(default_factory=rules.Decision)

    @property
    def is_held(self) -> bool:
        return self.post_state == Post.State.HELD


def post_screened(*, post: Post, screening: Screening) -> None:
    """Moderation's part once a screened post is stored: queue it when it waits for a
    moderator, and hand risk to crisis support. In the transaction that stored it."""
    trigger = Trigger.POST if post.is_opening else Trigger.REPLY
    if screening.risk_escalates and not screening.escalate:
        # Crisis words the watched phrases did not hold: the post follows the group's
        # rules (it stays up), and a counselor and the group's supporters are told.
        _crisis_escalate(
            member=post.author,
            source=post,
            reason="Words that may mean someone is at risk.",
            trigger=trigger,
            risk_level=screening.risk_level,
            hold_post=False,
        )
    elif screening.risk_level == RiskLevel.CONCERN and not screening.queue_kind:
        crisis_check_in(member=post.author)
        entry_open_for_post(
            post=post,
            kind=Kind.AT_RISK,
            priority=Priority.HIGH,
            detail="Words that may show someone is struggling: a gentle check-in may help.",
        )
    if not screening.queue_kind:
        return
    audit_write(
        actor=None,
        action="post_held",
        target_type="post",
        target_id=post.pk,
        group_id=post.thread.group_id,
        subject=post.author,
        reason=screening.detail,
        after=post_snapshot(post),
    )
    if screening.escalate:
        _crisis_escalate(
            member=post.author,
            source=post,
            reason=screening.detail,
            trigger=trigger,
            risk_level=screening.risk_level or None,
        )
        return
    entry_open_for_post(
        post=post,
        kind=screening.queue_kind,
        priority=screening.priority,
        detail=screening.detail,
        is_graphic=screening.is_graphic,
    )


NUDGE_LEAD = "Before you post, would you read this again?"
CW_LEAD = "Please add a content warning before posting: a few words are enough."


def content_screen(
    *,
    group: Group,
    author,
    body: str,
    cw_label: str = "",
    title: str = "",
    nudge_confirmed: bool = False,
    is_edit: bool = False,
    risk=None,
) -> Screening:
    """Pass new or edited words through the group's watched phrases and new-member holds.

    Raises PostNeedsChanges when the author should change something first (block, missing
    content warning, a nudge not yet confirmed, or a mute). Otherwise returns how the post
    starts (visible or held) and what to queue once it is stored. `risk` is crisis.detection's
    reading of these words when the caller already has it (`escalation_open_first`).
    """
    is_moderator = selectors.is_moderator_of(author, group)
    text = f"{title}\n{body}" if title else body
    risk = risk if risk is not None else assess_risk(text)
    risk_fields = {"risk_level": risk.level, "risk_escalates": risk.escalates}
    mute = None if is_moderator else selectors.active_mute(user=author, group=group)
    if mute is not None and not risk.escalates:
        # A muted member who may be at risk is not refused either: see below.
        raise PostNeedsChanges(
            f"You can read this group but not post in it until {mute.until:%B %-d, %H:%M} UTC. "
            "A peer supporter paused posting for a while. If you think this is a mistake you "
            "can ask for a second look from your notifications.",
            kind="muted",
        )
    matches = rules.find_matches(text, selectors.rules_for(group))
    decision = rules.decide(matches, has_cw=bool(cw_label.strip()), nudge_confirmed=nudge_confirmed)
    action = decision.action
    graphic = any(m.rule.action == rules.Action.REQUIRE_CW for m in matches)
    refused = action in REFUSING_ACTIONS or mute is not None
    if action == rules.Action.ESCALATE or (risk.escalates and refused):
        # Someone who may be at risk is never refused: the post waits, help is offered.
        return Screening(
            **risk_fields,
            post_state=Post.State.HELD,
            queue_kind=Kind.AT_RISK,
            priority=Priority.AT_RISK,
            detail="Words that may mean someone is at risk.",
            escalate=True,
            is_graphic=graphic,
            decision=decision,
        )
    if action == rules.Action.BLOCK:
        raise PostNeedsChanges(
            " ".join(decision.explanations) or "This can't be posted here as it is.",
            kind="block",
            explanations=decision.explanations,
        )
    if action == rules.Action.HOLD:
        return Screening(
            **risk_fields,
            post_state=Post.State.HELD,
            queue_kind=Kind.HELD,
            priority=Priority.NORMAL,
            detail="; ".join(decision.explanations) or "Matched a watched phrase.",
            is_graphic=graphic,
            decision=decision,
        )
    if action == rules.Action.REQUIRE_CW:
        raise PostNeedsChanges(
            " ".join([CW_LEAD, *decision.explanations]),
            kind="require_cw",
            explanations=decision.explanations,
        )
    if action == rules.Action.NUDGE:
        raise PostNeedsChanges(
            " ".join([NUDGE_LEAD, *decision.explanations]),
            kind="nudge",
            explanations=decision.explanations,
        )
    if not is_edit and not is_moderator:
        needed = selectors.first_posts_held(group)
        if needed and selectors.approved_post_count(user=author, group=group) < needed:
            return Screening(
                **risk_fields,
                post_state=Post.State.HELD,
                queue_kind=Kind.NEW_MEMBER,
                priority=Priority.NORMAL,
                detail="One of a new member's first posts.",
                decision=decision,
            )
    return Screening(decision=decision, **risk_fields)


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
                _broadcast_on_commit(entry.pk)
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
        _broadcast_on_commit(entry.pk)
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
            _broadcast_on_commit(entry.pk)
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
            _broadcast_on_commit(entry.pk)
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
        _broadcast_on_commit(entry_id)
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
            _broadcast_on_commit(entry_id)
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
                _broadcast_on_commit(entry_id)
    return released


class ActionRefused(Exception):
    """The action did not happen; the message says why, kindly."""


def _take(entry_id: int, moderator) -> QueueEntry:
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
    _broadcast_on_commit(entry.pk)
    return entry


def _resolve(entry: QueueEntry, moderator, resolution: str) -> None:
    entry.state = QueueEntry.State.RESOLVED
    entry.resolved_at = timezone.now()
    entry.resolved_by = moderator
    entry.resolution = resolution
    entry.save(update_fields=["state", "resolved_at", "resolved_by", "resolution"])


def _post_of(entry: QueueEntry) -> Post:
    if entry.post_id is None:
        raise ActionRefused("That action is for posts.")
    return (
        Post.objects.select_for_update()
        .select_related("thread__group", "author")
        .get(pk=entry.post_id)
    )


def _post_url(post: Post) -> str:
    return f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}"


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
    entry = _take(entry_id, moderator)
    post = _post_of(entry)
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
    _resolve(entry, moderator, action)
    if notice:
        url = (
            reverse("moderation:my_decision", args=[audit.pk])
            if action in ("remove", "hide")
            else _post_url(post)
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
    entry = _take(entry_id, moderator)
    if entry.membership_id is None:
        raise ActionRefused("That action is for join requests.")
    decided = community_services.membership_decide(
        membership_id=entry.membership_id, decider=moderator, approve=approve, message=message
    )
    if decided is None:
        _resolve(entry, moderator, "already decided")
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
    _resolve(entry, moderator, "approved" if approve else "declined")
    return entry


# --- actions on people --------------------------------------------------------------------


@transaction.atomic
def care_message_send(*, entry_id: int, moderator, body: str) -> CareMessage:
    """A private message of concern, with resources, signed by the group's supporters."""
    if not body.strip():
        raise ActionRefused("Please write a few words.")
    entry = _take(entry_id, moderator)
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
    entry = _take(entry_id, moderator)
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
    entry = _take(entry_id, moderator)
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
    entry = _take(entry_id, admin)
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
    entry = _take(entry_id, moderator)
    post = _post_of(entry) if entry.post_id else None
    _crisis_escalate(
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
        _crisis_escalate(
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
    _broadcast_on_commit(entry.pk)
    return flag


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


SITTING_GAP = timedelta(minutes=20)


def sitting_touch(*, moderator, now=None) -> ReviewSitting:
    """The supporter's current stretch on the queue; a pause of 20 minutes starts a new one."""
    now = now or timezone.now()
    sitting = (
        ReviewSitting.objects.filter(moderator=moderator, last_seen_at__gte=now - SITTING_GAP)
        .order_by("-last_seen_at")
        .first()
    )
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


# --- the sweep (Celery beat) --------------------------------------------------------------


def breaches_alert(*, now=None) -> int:
    """Tell a group's supporters when an entry passes its target; tell admins when it has
    waited twice as long. Each alert is sent once per entry (a conditional update)."""
    now = now or timezone.now()
    sent = 0
    for entry in selectors.entries_breaching(now=now):
        with transaction.atomic():
            if entry.breach_alerted_at is None:
                if not QueueEntry.objects.filter(
                    pk=entry.pk, breach_alerted_at__isnull=True
                ).update(breach_alerted_at=now):
                    continue
                people = list(entry.group.supporters.all()) or selectors.admins()
            elif entry.admins_alerted_at is None and selectors.is_twice_over(entry, now=now):
                if not QueueEntry.objects.filter(
                    pk=entry.pk, admins_alerted_at__isnull=True
                ).update(admins_alerted_at=now):
                    continue
                people = selectors.admins()
            else:
                continue
            urgent = entry.priority == Priority.AT_RISK
            for person in people:
                notification_send(
                    user=person,
                    kind="queue_breach",
                    text=(
                        "An at-risk item is waiting in the review queue."
                        if urgent
                        else f"An item in {entry.group.name} has waited longer than its target."
                    ),
                    url=reverse("moderation:queue"),
                )
            sent += 1
    return sent


def sweep(*, now=None) -> dict:
    """Everything the beat does each minute; safe to run twice at once."""
    return {
        "released": claims_release_expired(now=now),
        "join_requests": join_requests_sync(),
        "alerts": breaches_alert(now=now),
    }
