"""Every write in the crisis app. One function per state transition of an escalation:

    open -> claimed -> active -> closed
    claimed/active -> open       (transfer, to a named counselor or the pool)
    open -> abandoned            (the member left before anyone joined; listed for follow-up)

Each transition is a conditional UPDATE (exactly one caller wins; the loser gets None), writes
an `EscalationEvent` in the same transaction, and sends its hints only on commit.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from crisis import broadcast, permissions, selectors, statements, sweep
from crisis.detection import assess
from crisis.models import (
    LIVE_STATES,
    RISK_ORDER,
    ChatMessage,
    CounselorPresence,
    CoverageGap,
    Disposition,
    Escalation,
    EscalationEvent,
    PageLevel,
    RiskLevel,
    State,
    SurveyResponse,
    Trigger,
    priority_for,
)
from peersupport.consumers import group_recheck
from peersupport.hotlines import DISASTER_DISTRESS, EMERGENCY, LIFELINE
from peersupport.models import User
from peersupport.notifications import notification_send
from peersupport.roles import Role
from peersupport.sanitize import plain_text

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
HOTLINES_TEXT = (
    "No counselor is free right this moment. Please don't wait for us: call or text "
    f"{LIFELINE.number}, or call or text the {DISASTER_DISTRESS.name} at "
    f"{DISASTER_DISTRESS.number}. If you are in danger right now, call {EMERGENCY.number}. "
    "This chat stays open and a counselor will still answer here."
)


class CrisisError(Exception):
    """A request that cannot be carried out; the message is safe to show."""


NOT_A_COUNSELOR = "Only crisis counselors can take a chat. A colleague on shift will take it."
NOT_IN_CHAT = "This chat is no longer yours, so the message wasn't sent."


class AtCapacity(CrisisError):
    pass


@dataclass(frozen=True)
class Source:
    """What triggered an escalation, for the counselor: `ref` like "post:42"."""

    ref: str = ""
    url: str = ""
    text: str = ""


def _event(escalation_id: int, kind: str, actor=None, **detail) -> None:
    EscalationEvent.objects.create(
        escalation_id=escalation_id, kind=kind, actor=actor, detail=detail
    )


def _on_commit(func, *args, **kwargs) -> None:
    transaction.on_commit(partial(func, *args, **kwargs))


# --- opening --------------------------------------------------------------------------------


def escalation_open(
    *,
    member,
    trigger: str,
    risk_level: str | None = None,
    source: Source | None = None,
    reasons: list[str] | None = None,
    supporter=None,
) -> Escalation:
    """The single entry point for every trigger: returns the member's live escalation.

    Call it from the help button, from risk detection on posts, replies and messages
    (`trigger=Trigger.POST`, `risk_level` from `crisis.detection.assess`, `source` naming the
    post), from a "may be at risk" flag (`Trigger.FLAG`) and from a supporter's escalate action
    (`Trigger.SUPPORTER`, `supporter=` the person already talking to them: they may stay in
    the chat until a counselor joins).

    When the member already has a live escalation (open, claimed or active) it is returned
    instead of a second queue entry; a higher risk level raises its priority. The row and its
    "opened" event are committed before any alert is sent, so a dead Redis delays an alert but
    never loses it. Safe to call inside the caller's transaction.
    """
    risk_level = risk_level or RiskLevel.NONE
    source = source or Source()
    reasons = list(reasons or [])
    for _attempt in range(3):
        # Most presses open a new escalation: try that first, in one statement.
        fresh = Escalation(
            member=member,
            trigger=trigger,
            risk_level=risk_level,
            risk_reasons=reasons,
            priority=priority_for(trigger=trigger, risk_level=risk_level),
            source_ref=source.ref[:60],
            source_url=source.url[:300],
            source_text=plain_text(source.text)[:2000],
            supporter=supporter,
        )
        opened = EscalationEvent(
            kind="opened",
            actor=supporter,
            detail={"trigger": trigger, "risk_level": risk_level},
        )
        if statements.escalation_insert(fresh, opened):
            _on_commit(alert_send, escalation_id=fresh.pk, fresh=fresh)
            return fresh
        # The member already has a live one: attach to it. Should it end before we hold it
        # (a counselor closing it this instant), open a new one after all.
        with transaction.atomic():
            existing = (
                Escalation.objects.select_for_update()
                .filter(member=member, state__in=LIVE_STATES)
                .first()
            )
            if existing is not None:
                return _escalation_attach(
                    existing,
                    trigger=trigger,
                    risk_level=risk_level,
                    reasons=reasons,
                    source=source,
                    supporter=supporter,
                )
    raise IntegrityError(f"could neither open nor find a live escalation for user {member.pk}")


def _escalation_attach(escalation, *, trigger, risk_level, reasons, source, supporter):
    """A new trigger for someone already in the queue or in a chat: record it, raise risk."""
    update_fields = []
    if RISK_ORDER[risk_level] > RISK_ORDER[escalation.risk_level]:
        escalation.risk_level = risk_level
        escalation.risk_reasons = sorted(set(escalation.risk_reasons) | set(reasons))
        escalation.priority = min(
            escalation.priority, priority_for(trigger=trigger, risk_level=risk_level)
        )
        update_fields += ["risk_level", "risk_reasons", "priority"]
    if source.ref and not escalation.source_ref:
        escalation.source_ref = source.ref[:60]
        escalation.source_url = source.url[:300]
        escalation.source_text = plain_text(source.text)[:2000]
        update_fields += ["source_ref", "source_url", "source_text"]
    if supporter is not None and escalation.supporter_id is None:
        escalation.supporter = supporter
        update_fields.append("supporter")
    if update_fields:
        escalation.save(update_fields=update_fields)
    _event(escalation.pk, "attached", actor=supporter, trigger=trigger, risk_level=risk_level)
    if "risk_level" in update_fields:
        if escalation.state == State.OPEN:
            _on_commit(alert_send, escalation_id=escalation.pk)
        # Whoever is already in the chat (counselor, supervisor, supporter) sees it at once.
        _on_commit(
            broadcast.group_send,
            broadcast.chat_group(escalation.pk),
            {
                "type": "crisis.risk",
                "risk_level": escalation.risk_level,
                "reasons": escalation.risk_reasons,
            },
        )
    return escalation


def content_risk_review(*, author, text: str, trigger: str, source: Source | None = None):
    """Score a post, reply or message before it shows; act on what the score says.

    High or imminent opens (or raises) the author's escalation; concern sends the author a
    gentle check-in. Returns the `crisis.detection.Assessment`, so the caller can show the
    author a calm message offering the chat right now when `assessment.escalates`.
    Moderation decides separately what happens to the post itself.
    """
    assessment = assess(text)
    if assessment.escalates:
        _escalation_open_for_words(
            member=author, assessment=assessment, trigger=trigger, source=source
        )
    elif assessment.level == RiskLevel.CONCERN:
        member_check_in(member=author)
    return assessment


def escalation_open_first(*, member, text: str, trigger: str):
    """Open the escalation for words that show high risk before the words themselves are
    stored, in a transaction of its own, so the alert does not wait for the rest of storing a
    post (moderation's screen, the queue, the thread's live update). Returns the
    `crisis.detection.Assessment` for the caller to pass on, so the words are read once.

    Storing the post afterwards attaches it to this escalation as its source. Should the post
    then be refused or fail, the escalation stands: someone who wrote these words is offered
    a counselor either way. Inside a caller's transaction it simply commits with it.
    """
    assessment = assess(text)
    if assessment.escalates:
        _escalation_open_for_words(
            member=member, assessment=assessment, trigger=trigger, source=Source(text=text)
        )
    return assessment


def _escalation_open_for_words(*, member, assessment, trigger: str, source: Source | None):
    escalation_open(
        member=member,
        trigger=trigger,
        risk_level=assessment.level,
        reasons=list(assessment.reasons),
        source=source,
    )


def member_check_in(*, member) -> None:
    """A gentle card for someone whose words show they may be struggling (risk "concern")."""

    notification_send(
        user=member,
        kind="crisis_check_in",
        text="Checking in: if things feel heavy, a counselor is here to talk any time.",
        url="/help/",
    )


# --- transitions ----------------------------------------------------------------------------


def escalation_claim(*, escalation_id: int, counselor) -> Escalation | None:
    """Give the escalation to `counselor`. None when someone else claimed it first.

    Raises AtCapacity when the counselor already has their full number of chats
    (supervisors are never held back by capacity: they are the last rung of the ladder), and
    CrisisError when they no longer hold a crisis role (read now, not from a cached user).
    """
    counselor.forget_cached_roles()
    if not counselor.has_role(Role.COUNSELOR, Role.SUPERVISOR):
        raise CrisisError(NOT_A_COUNSELOR)
    with transaction.atomic():
        if not counselor.has_role(Role.SUPERVISOR):
            # One claim at a time per counselor: two tabs pressing "Take" at once must not
            # both pass the count below and leave them one chat over their capacity.
            list(User.objects.select_for_update().filter(pk=counselor.pk).values_list("pk"))
            presence = CounselorPresence.objects.filter(user=counselor).first()
            capacity = presence.capacity if presence else settings.CRISIS_DEFAULT_CAPACITY
            if selectors.active_chat_count(counselor) >= capacity:
                raise AtCapacity(f"You already have {capacity} chats open.")
        won = Escalation.objects.filter(pk=escalation_id, state=State.OPEN).update(
            state=State.CLAIMED,
            counselor=counselor,
            claimed_at=timezone.now(),
            transferred_to=None,
        )
        if not won:
            return None
        _event(escalation_id, "claimed", actor=counselor)
        _system_message(escalation_id, f"{counselor} (crisis counselor) is joining you now.")
        _on_commit(_broadcast_state, escalation_id=escalation_id)
        _on_commit(_chat_recheck, escalation_id=escalation_id)
        return Escalation.objects.get(pk=escalation_id)


def escalation_activate(*, escalation_id: int, counselor) -> Escalation | None:
    """The claiming counselor has opened the chat. None when it was not claimed by them."""
    with transaction.atomic():
        won = Escalation.objects.filter(
            pk=escalation_id, state=State.CLAIMED, counselor=counselor
        ).update(state=State.ACTIVE, active_at=timezone.now())
        if not won:
            return None
        _event(escalation_id, "active", actor=counselor)
        _on_commit(_broadcast_state, escalation_id=escalation_id)
        return Escalation.objects.get(pk=escalation_id)


def escalation_transfer(
    *, escalation_id: int, by, to_counselor=None, note: str = ""
) -> Escalation | None:
    """Back to the queue, for `to_counselor` first or for anyone. None when not claimed/active.

    The ladder starts again from now: a transferred member is never left waiting unpaged.
    """
    now = timezone.now()
    with transaction.atomic():
        won = Escalation.objects.filter(
            pk=escalation_id, state__in=[State.CLAIMED, State.ACTIVE]
        ).update(
            state=State.OPEN,
            counselor=None,
            transferred_to=to_counselor,
            queued_at=now,
            claimed_at=None,
            active_at=None,
            page_level=PageLevel.FIRST_ALERT,
            alert_sent_at=None,
            alert_acked_at=None,
        )
        if not won:
            return None
        _event(
            escalation_id,
            "transferred",
            actor=by,
            to=to_counselor.pk if to_counselor else None,
            note=plain_text(note)[:500],
        )
        _system_message(
            escalation_id,
            "Your counselor is handing you to a colleague, who will join you here shortly.",
        )
        _on_commit(_broadcast_state, escalation_id=escalation_id)
        _on_commit(_chat_recheck, escalation_id=escalation_id)  # the old counselor leaves
        _on_commit(alert_send, escalation_id=escalation_id)
        return Escalation.objects.get(pk=escalation_id)


def escalation_close(
    *, escalation_id: int, by, disposition: str, notes: str = ""
) -> Escalation | None:
    """End the chat with a disposition and private notes. None when not claimed or active."""
    if disposition not in Disposition.values:
        raise CrisisError("Please choose how the chat ended.")
    with transaction.atomic():
        won = Escalation.objects.filter(
            pk=escalation_id, state__in=[State.CLAIMED, State.ACTIVE]
        ).update(
            state=State.CLOSED,
            closed_at=timezone.now(),
            disposition=disposition,
            private_notes=plain_text(notes)[:5000],
        )
        if not won:
            return None
        _event(escalation_id, "closed", actor=by, disposition=disposition)
        _system_message(escalation_id, "The counselor has closed this chat. Take care of yourself.")
        _on_commit(_broadcast_state, escalation_id=escalation_id)
        _on_commit(_chat_recheck, escalation_id=escalation_id)  # the old counselor leaves
        return Escalation.objects.get(pk=escalation_id)


def escalation_abandon(*, escalation_id: int, by=None) -> Escalation | None:
    """The member left before anyone joined. Listed for follow-up. None when not open."""
    with transaction.atomic():
        won = Escalation.objects.filter(pk=escalation_id, state=State.OPEN).update(
            state=State.ABANDONED, closed_at=timezone.now(), follow_up_listed=True
        )
        if not won:
            return None
        _event(escalation_id, "abandoned", actor=by)
        _on_commit(_broadcast_state, escalation_id=escalation_id)
        return Escalation.objects.get(pk=escalation_id)


# --- alerts and the paging ladder -----------------------------------------------------------


def alert_send(*, escalation_id: int, page: bool = False, fresh: Escalation | None = None) -> bool:
    """Send the alert for an open escalation to the consoles; record when it went out.

    Only records `alert_sent_at` when the channel layer took the message, so the sweeper
    sends it again otherwise. False when there was nothing to send or the send failed.
    `fresh`: the row escalation_open has just committed, sent as it is instead of read again
    (the first alert, on the path of every press).
    """
    escalation = fresh or (
        Escalation.objects.select_related("member", "transferred_to")
        .filter(pk=escalation_id, state=State.OPEN)
        .first()
    )
    if escalation is None:
        return False
    message = {
        "type": "crisis.alert",
        "escalation": selectors.escalation_summary(escalation),
        "page": page,
    }
    if escalation.transferred_to_id and not page:
        sent = broadcast.group_send(
            broadcast.console_user_group(escalation.transferred_to_id), message
        )
        broadcast.group_send(broadcast.SUPERVISOR_GROUP, message)
    else:
        sent = broadcast.group_send(broadcast.CONSOLE_GROUP, message)
    if sent:
        Escalation.objects.filter(pk=escalation_id).update(alert_sent_at=timezone.now())
    return sent


def alert_acknowledge(*, escalation_id: int, counselor) -> bool:
    """A console saw the alert. True the first time."""
    return bool(
        Escalation.objects.filter(pk=escalation_id, alert_acked_at__isnull=True).update(
            alert_acked_at=timezone.now()
        )
    )


def _raise_page_level(escalation_id: int, level: int) -> bool:
    return bool(
        Escalation.objects.filter(pk=escalation_id, state=State.OPEN, page_level__lt=level).update(
            page_level=level
        )
    )


def escalation_repage(*, escalation_id: int) -> bool:
    """Rung 1: nobody claimed in time; page every on-duty counselor again, loudly."""

    with transaction.atomic():
        if not _raise_page_level(escalation_id, PageLevel.REPAGED):
            return False
        _event(escalation_id, "repaged")
        for presence in selectors.on_duty_presences():
            notification_send(
                user=presence.user,
                kind="crisis_page",
                text="Someone is still waiting for a crisis counselor.",
                url="/crisis/console/",
            )
        _on_commit(alert_send, escalation_id=escalation_id, page=True)
    return True


def escalation_page_supervisors(*, escalation_id: int) -> bool:
    """Rung 2: page every supervisor (stored notification, email and live alert)."""

    with transaction.atomic():
        if not _raise_page_level(escalation_id, PageLevel.SUPERVISORS):
            return False
        _event(escalation_id, "supervisors_paged")
        supervisors = User.objects.filter(
            role_grants__role=Role.SUPERVISOR, is_active=True
        ).distinct()
        for supervisor in supervisors:
            notification_send(
                user=supervisor,
                kind="crisis_supervisor_page",
                text="A member has waited over two minutes for a crisis counselor.",
                url="/crisis/console/",
                email_subject="A member is waiting for a crisis counselor",
            )
        _on_commit(alert_send, escalation_id=escalation_id, page=True)
        _on_commit(
            broadcast.group_send,
            broadcast.SUPERVISOR_GROUP,
            {"type": "crisis.page", "escalation_id": escalation_id},
        )
    return True


def escalation_tell_member_hotlines(*, escalation_id: int) -> bool:
    """Rung 3: tell the member plainly that nobody is free and to use the hotlines.

    The chat stays open and is still answered when a counselor is free.
    """

    with transaction.atomic():
        if not _raise_page_level(escalation_id, PageLevel.MEMBER_TOLD):
            return False
        escalation = Escalation.objects.select_related("member").get(pk=escalation_id)
        _event(escalation_id, "member_told_hotlines")
        _system_message(escalation_id, HOTLINES_TEXT)
        notification_send(
            user=escalation.member,
            kind="crisis_hotlines",
            text=f"No counselor is free right now. Please call or text {LIFELINE.number}.",
            url=f"/crisis/chat/{escalation_id}/",
        )
        _on_commit(
            broadcast.group_send,
            broadcast.chat_group(escalation_id),
            {"type": "crisis.hotlines"},
        )
    return True


def escalations_sweep(*, now=None) -> dict:
    """The 24/7 monitor, run every few seconds by beat. Idempotent; never drops anything.

    Expires stale presence, climbs the paging ladder for escalations nobody claimed, and
    re-sends alerts no console acknowledged. Returns counts, for logs and tests.
    """
    now = now or timezone.now()
    counts = {"off_duty": presence_expire(now=now), "repaged": 0, "supervisors": 0}
    counts.update({"member_told": 0, "resent": 0})
    counts["coverage_gap_opened"] = int(coverage_check(now=now))
    counts["quiet_chats"] = stale_chats_flag(now=now)
    counts["follow_ups"] = follow_ups_remind(now=now)
    ladder = [
        (settings.CRISIS_MEMBER_HOTLINES_AFTER_SECONDS, PageLevel.MEMBER_TOLD),
        (settings.CRISIS_SUPERVISOR_AFTER_SECONDS, PageLevel.SUPERVISORS),
        (settings.CRISIS_REPAGE_AFTER_SECONDS, PageLevel.REPAGED),
    ]
    rungs = {
        PageLevel.REPAGED: (escalation_repage, "repaged"),
        PageLevel.SUPERVISORS: (escalation_page_supervisors, "supervisors"),
        PageLevel.MEMBER_TOLD: (escalation_tell_member_hotlines, "member_told"),
    }
    for escalation in Escalation.objects.filter(state=State.OPEN).only(
        "pk", "queued_at", "page_level", "alert_sent_at", "alert_acked_at"
    ):
        waited = (now - escalation.queued_at).total_seconds()
        target = next((level for after, level in ladder if waited >= after), 0)
        # Climb every rung not yet reached, in order: a sweep that missed a few minutes
        # (beat down) still pages supervisors before telling the member.
        for level in range(escalation.page_level + 1, target + 1):
            func, key = rungs[PageLevel(level)]
            if func(escalation_id=escalation.pk):
                counts[key] += 1
        resend_before = now - timedelta(seconds=settings.CRISIS_ALERT_RESEND_SECONDS)
        due = escalation.alert_sent_at is None or escalation.alert_sent_at < resend_before
        if escalation.alert_acked_at is None and due and alert_send(escalation_id=escalation.pk):
            counts["resent"] += 1
    return counts


def _staff_leads():

    return User.objects.filter(
        role_grants__role__in=[Role.SUPERVISOR, Role.ADMIN], is_active=True
    ).distinct()


def coverage_check(*, now=None) -> bool:
    """Alert supervisors and admins once when nobody is on duty; close the gap when someone is.

    True when a new gap opened. Members meanwhile see the hotlines first (the chat page reads
    the on-duty count), and the help button still records every escalation.
    """

    now = now or timezone.now()
    covered = selectors.counselors_on_duty_count() > 0
    with transaction.atomic():
        gap = CoverageGap.objects.select_for_update().filter(ended_at__isnull=True).first()
        if covered:
            if gap is not None:
                gap.ended_at = now
                gap.save(update_fields=["ended_at"])
            return False
        if gap is not None:
            return False
        try:
            with transaction.atomic():
                CoverageGap.objects.create(started_at=now)
        except IntegrityError:  # another sweep opened it first
            return False
        for person in _staff_leads():
            notification_send(
                user=person,
                kind="crisis_no_coverage",
                text="No crisis counselor is on duty. Members are being pointed to the hotlines.",
                url="/crisis/console/",
                email_subject="No crisis counselor is on duty",
            )
    return True


def chat_member_seen(*, escalation_id: int) -> None:
    Escalation.objects.filter(pk=escalation_id).update(member_seen_at=timezone.now())


def stale_chats_flag(*, now=None) -> int:
    """Active chats whose member has been silent and away: tell the counselor, once each."""
    now = now or timezone.now()
    quiet_before = now - timedelta(seconds=settings.CRISIS_STALE_CHAT_SECONDS)
    # Not flagged yet, or flagged before the member last came back.
    unflagged = Q(quiet_flagged_at__isnull=True) | Q(quiet_flagged_at__lt=F("member_seen_at"))
    candidates = Escalation.objects.filter(
        unflagged, state=State.ACTIVE, member_seen_at__lt=quiet_before
    )
    flagged = 0
    for escalation in candidates.only("pk"):
        with transaction.atomic():
            won = (
                Escalation.objects.filter(pk=escalation.pk)
                .filter(unflagged)
                .update(quiet_flagged_at=now)
            )
            if not won:
                continue
            _event(escalation.pk, "member_quiet")
            _on_commit(
                broadcast.group_send,
                broadcast.chat_group(escalation.pk),
                {"type": "crisis.quiet"},
            )
            flagged += 1
    return flagged


def follow_ups_remind(*, now=None) -> int:
    """Remind the counselor (or, without one, supervisors) of a check-in the member asked for."""

    now = now or timezone.now()
    due = SurveyResponse.objects.filter(
        follow_up_at__lte=now, follow_up_reminded_at__isnull=True
    ).select_related("escalation__counselor")
    reminded = 0
    for survey in due:
        with transaction.atomic():
            won = SurveyResponse.objects.filter(
                pk=survey.pk, follow_up_reminded_at__isnull=True
            ).update(follow_up_reminded_at=now)
            if not won:
                continue
            counselor = survey.escalation.counselor
            people = [counselor] if counselor and counselor.is_active else list(_staff_leads())
            for person in people:
                notification_send(
                    user=person,
                    kind="crisis_follow_up",
                    text="A member asked for a follow-up check-in today.",
                    url="/crisis/console/",
                )
            _event(survey.escalation_id, "follow_up_reminded")
            reminded += 1
    return reminded


# --- chat -----------------------------------------------------------------------------------


def _system_message(escalation_id: int, text: str) -> ChatMessage:
    message = ChatMessage.objects.create(
        escalation_id=escalation_id, author_kind=ChatMessage.Author.SYSTEM, body=text
    )
    _on_commit(_broadcast_message, message_id=message.pk)
    return message


def chat_message_post(
    *, escalation_id: int, author, author_kind: str, body: str, client_id: str = ""
) -> tuple[ChatMessage, bool]:
    """Store a chat line, then broadcast it on commit. Returns (message, created).

    A resend with the same `client_id` returns the stored message (created False).
    Raises CrisisError for an empty message or a chat that has ended.
    """
    text = plain_text(body).strip()[:MAX_MESSAGE_CHARS]
    if not text:
        raise CrisisError("The message is empty.")
    escalation = Escalation.objects.filter(pk=escalation_id).first()
    author.forget_cached_roles()
    if escalation is None or not permissions.holds_chat(author, escalation, author_kind):
        raise CrisisError(NOT_IN_CHAT)
    # PostgreSQL cannot store NUL: a client_id with one was a 500 (found by fuzzing).
    client_id = (client_id or "").replace("\x00", "")[:64]
    message = ChatMessage(
        escalation_id=escalation_id,
        author=author,
        author_kind=author_kind,
        body=text,
        client_id=client_id,
        created_at=timezone.now(),
    )
    message_id = statements.chat_line_insert(message)
    if message_id is None:  # rare: the chat has ended, or this is a resend
        earlier = client_id and (
            ChatMessage.objects.filter(
                escalation_id=escalation_id, author=author, client_id=client_id
            ).first()
        )
        if not earlier:
            raise CrisisError("This chat has ended.")
        return earlier, False
    message.pk = message_id
    _on_commit(_broadcast_payload, escalation_id=escalation_id, payload=message_payload(message))
    if author_kind == ChatMessage.Author.MEMBER:
        _chat_risk_check(escalation_id=escalation_id, member=author, text=text)
    return message, True


def _chat_risk_check(*, escalation_id: int, member, text: str) -> None:
    """Raise the priority of a waiting member whose words show higher risk."""
    assessment = assess(text)
    if RISK_ORDER[assessment.level] >= RISK_ORDER[RiskLevel.HIGH]:
        escalation_open(
            member=member,
            trigger=Trigger.CHAT,
            risk_level=assessment.level,
            reasons=list(assessment.reasons),
        )


def chat_mark_read(*, escalation_id: int, reader_kinds: list[str], up_to_id: int) -> int:
    """Mark the other side's messages up to `up_to_id` as read; tell the chat on commit."""
    with transaction.atomic():
        n = (
            ChatMessage.objects.filter(
                escalation_id=escalation_id, pk__lte=up_to_id, read_at__isnull=True
            )
            .exclude(author_kind__in=reader_kinds)
            .update(read_at=timezone.now())
        )
        if n:
            _on_commit(
                broadcast.group_send,
                broadcast.chat_group(escalation_id),
                {"type": "crisis.read", "up_to_id": up_to_id, "reader_kinds": reader_kinds},
            )
    return n


def message_payload(message: ChatMessage) -> dict:
    return {
        "id": message.pk,
        "author_kind": message.author_kind,
        "author": str(message.author) if message.author_id else "peersupport",
        "body": message.body,
        "client_id": message.client_id,
        "created_at": message.created_at.isoformat(),
        "read": message.read_at is not None,
    }


def _broadcast_payload(*, escalation_id: int, payload: dict) -> None:
    broadcast.group_send(
        broadcast.chat_group(escalation_id), {"type": "crisis.message", "message": payload}
    )


def _broadcast_message(*, message_id: int) -> None:
    message = ChatMessage.objects.select_related("author").filter(pk=message_id).first()
    if message is not None:
        broadcast.group_send(
            broadcast.chat_group(message.escalation_id),
            {"type": "crisis.message", "message": message_payload(message)},
        )


def _chat_recheck(*, escalation_id: int) -> None:
    """Every open socket of the chat checks its person still holds it; those who don't
    (the counselor who handed over or closed it) close and hear nothing more."""
    group_recheck(broadcast.chat_group(escalation_id))


def _broadcast_state(*, escalation_id: int) -> None:
    escalation = Escalation.objects.select_related("counselor").get(pk=escalation_id)
    broadcast.group_send(
        broadcast.chat_group(escalation_id),
        {
            "type": "crisis.state",
            "state": escalation.state,
            "counselor": str(escalation.counselor) if escalation.counselor_id else "",
        },
    )
    # Every console drops or re-adds the entry; they re-read their lists from the database.
    broadcast.group_send(
        broadcast.CONSOLE_GROUP,
        {"type": "crisis.changed", "escalation_id": escalation_id, "state": escalation.state},
    )


# --- presence -------------------------------------------------------------------------------


def counselor_duty_set(*, counselor, on_duty: bool) -> CounselorPresence:
    presence, _ = CounselorPresence.objects.get_or_create(
        user=counselor, defaults={"capacity": settings.CRISIS_DEFAULT_CAPACITY}
    )
    presence.on_duty = on_duty
    presence.last_seen_at = timezone.now()
    presence.save(update_fields=["on_duty", "last_seen_at"])
    return presence


def counselor_heartbeat(*, counselor) -> None:
    CounselorPresence.objects.filter(user=counselor).update(last_seen_at=timezone.now())


def presence_expire(*, now=None) -> int:
    """Counselors whose console went quiet are off duty. Returns how many."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.CRISIS_PRESENCE_TIMEOUT_SECONDS)
    return CounselorPresence.objects.filter(on_duty=True, last_seen_at__lt=stale).update(
        on_duty=False
    )


# --- after the chat -------------------------------------------------------------------------


def survey_record(
    *, escalation: Escalation, helped: int | None, follow_up_at=None
) -> SurveyResponse:
    """The member's short answer after a closed chat; at most one per escalation."""
    if escalation.state != State.CLOSED:
        raise CrisisError("The survey opens once the chat has closed.")
    if helped is not None and not 1 <= helped <= 5:
        raise CrisisError("Please choose from 1 to 5.")
    survey, _ = SurveyResponse.objects.update_or_create(
        escalation=escalation, defaults={"helped": helped, "follow_up_at": follow_up_at}
    )
    with transaction.atomic():
        _event(escalation.pk, "survey", follow_up=follow_up_at is not None)
    return survey


def unscored_content_review(*, now=None, grace_seconds: int = 10) -> dict:
    """Read, for risk, every post and peer message stored without a risk score.

    Words are normally scored as they are written; this catches any that slipped past (a
    failure while posting). The apps that store words hand them out through crisis.sweep,
    each item claimed first. Returns counts, never contents.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=grace_seconds)  # leave words still being posted alone
    sources = sweep.sources()
    counts = {source.name: 0 for source in sources}
    counts["escalated"] = 0
    for source in sources:
        for words in source.claimed(written_before=cutoff, now=now):
            with transaction.atomic():
                assessment = content_risk_review(
                    author=words.author,
                    text=words.text,
                    trigger=words.trigger,
                    source=Source(ref=words.ref, url=words.url, text=words.text),
                )
            counts[source.name] += 1
            counts["escalated"] += int(assessment.escalates)
    return counts
