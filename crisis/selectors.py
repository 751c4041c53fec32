"""Reads shared by views, consumers and tasks."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from crisis.models import (
    LIVE_STATES,
    CannedResponse,
    ChatMessage,
    CounselorPresence,
    Escalation,
    EscalationEvent,
    State,
    SurveyResponse,
)
from peersupport.roles import Role


def escalation_live_for_member(member) -> Escalation | None:
    return Escalation.objects.filter(member=member, state__in=LIVE_STATES).order_by("-pk").first()


def escalation_latest_for_member(member) -> Escalation | None:
    return Escalation.objects.filter(member=member).order_by("-pk").first()


def queue_position(escalation: Escalation) -> int | None:
    """1 for the next person a counselor will take; None once someone has claimed it."""
    if escalation.state != State.OPEN:
        return None
    ahead = Escalation.objects.filter(state=State.OPEN).filter(
        Q(priority__lt=escalation.priority)
        | Q(priority=escalation.priority, queued_at__lt=escalation.queued_at)
        | Q(priority=escalation.priority, queued_at=escalation.queued_at, pk__lt=escalation.pk)
    )
    return ahead.count() + 1


def open_queue():
    """Everyone waiting, in the order counselors should take them: risk first, then age."""
    return (
        Escalation.objects.filter(state=State.OPEN)
        .select_related("member", "transferred_to")
        .order_by("priority", "queued_at", "pk")
    )


def chats_for_counselor(counselor):
    return (
        Escalation.objects.filter(counselor=counselor, state__in=[State.CLAIMED, State.ACTIVE])
        .select_related("member")
        .order_by("claimed_at")
    )


def live_chats_for_supervisor():
    return (
        Escalation.objects.filter(state__in=[State.CLAIMED, State.ACTIVE])
        .select_related("member", "counselor")
        .order_by("claimed_at")
    )


def abandoned_for_follow_up():
    return (
        Escalation.objects.filter(state=State.ABANDONED, follow_up_listed=True)
        .select_related("member")
        .order_by("-created_at")[:50]
    )


def follow_ups_due():
    """Members who asked to be checked in on, from today back a week."""
    now = timezone.now()
    return (
        SurveyResponse.objects.filter(
            follow_up_at__lte=now + timedelta(hours=12), follow_up_at__gte=now - timedelta(days=7)
        )
        .select_related("escalation__member", "escalation__counselor")
        .order_by("follow_up_at")
    )


def on_duty_presences():
    fresh_after = timezone.now() - timedelta(seconds=settings.CRISIS_PRESENCE_TIMEOUT_SECONDS)
    return (
        CounselorPresence.objects.filter(on_duty=True, last_seen_at__gte=fresh_after)
        .select_related("user")
        .order_by("user__display_name")
    )


def counselors_on_duty_count() -> int:
    return on_duty_presences().count()


def active_chat_count(counselor) -> int:
    return Escalation.objects.filter(
        counselor=counselor, state__in=[State.CLAIMED, State.ACTIVE]
    ).count()


def prior_escalations(escalation: Escalation):
    return (
        Escalation.objects.filter(member_id=escalation.member_id)
        .exclude(pk=escalation.pk)
        .order_by("-created_at")[:10]
    )


def escalation_events(escalation: Escalation):
    return EscalationEvent.objects.filter(escalation=escalation).select_related("actor")


def last_transfer_note(escalation: Escalation) -> EscalationEvent | None:
    """The handover note for the counselor now holding a transferred chat, if any."""
    if escalation.state == State.CLOSED:
        return None
    event = (
        EscalationEvent.objects.filter(escalation=escalation, kind="transferred")
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    return event if event is not None and event.detail.get("note") else None


def chat_messages(escalation_id: int, after_id: int = 0):
    return ChatMessage.objects.filter(escalation_id=escalation_id, pk__gt=after_id).select_related(
        "author"
    )


def canned_responses():
    return CannedResponse.objects.all()


def is_supervisor(user) -> bool:
    return user.has_role(Role.SUPERVISOR, Role.ADMIN)


def escalation_summary(escalation: Escalation) -> dict:
    """What a console shows for one queue entry. No message text, only what triggered it."""
    now = timezone.now()
    return {
        "id": escalation.pk,
        "member": str(escalation.member),
        "state": escalation.state,
        "risk_level": escalation.risk_level,
        "trigger": escalation.get_trigger_display(),
        "priority": escalation.priority,
        "reasons": escalation.risk_reasons,
        "waiting_seconds": int((now - escalation.queued_at).total_seconds()),
        "queued_at": escalation.queued_at.isoformat(),
        "page_level": escalation.page_level,
        # A console that shows an unacknowledged entry (from a snapshot) acknowledges it.
        "acked": escalation.alert_acked_at is not None,
        "transferred_to": str(escalation.transferred_to) if escalation.transferred_to_id else "",
        "url": f"/crisis/chat/{escalation.pk}/",
    }


def console_snapshot(user) -> dict:
    """Everything a console needs, read fresh from the database."""
    mine = chats_for_counselor(user)
    snapshot = {
        "type": "snapshot",
        "queue": [escalation_summary(e) for e in open_queue()],
        "my_chats": [escalation_summary(e) for e in mine],
        "on_duty": [str(p.user) for p in on_duty_presences()],
    }
    if is_supervisor(user):
        snapshot["all_chats"] = [
            {**escalation_summary(e), "counselor": str(e.counselor)}
            for e in live_chats_for_supervisor()
        ]
    return snapshot


def unread_counts_by_escalation(escalation_ids, reader_kinds) -> dict[int, int]:
    rows = (
        ChatMessage.objects.filter(escalation_id__in=escalation_ids, read_at__isnull=True)
        .exclude(author_kind__in=reader_kinds)
        .values("escalation_id")
        .annotate(n=Count("pk"))
    )
    return {row["escalation_id"]: row["n"] for row in rows}
