"""Crisis records and a person's data rights (see peersupport/datarights.py for the contract).

On deletion a live chat is ended first (the counselor is told the member left). The member's
escalations then keep only what RETENTION_CRISIS_RECORD_DAYS allows: state, timings, trigger,
risk level and disposition, pointed at the "former member" account, with no text, no notes,
no chat and no survey. Staff who delete their account leave the records they worked on,
without their name.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from crisis import detection, services
from crisis.models import (
    LIVE_STATES,
    ChatMessage,
    CounselorPresence,
    Disposition,
    Escalation,
    EscalationEvent,
    Shift,
    State,
    SurveyResponse,
)
from peersupport.datarights import FORMER_MEMBER_EMAIL

ERASE_ORDER = 10  # before communities and matching: a live chat is ended while it still exists

USER_FIELDS = (
    "crisis.Escalation.member",
    "crisis.Escalation.counselor",
    "crisis.Escalation.transferred_to",
    "crisis.Escalation.supporter",
    "crisis.EscalationEvent.actor",
    "crisis.ChatMessage.author",
    "crisis.CounselorPresence.user",
    "crisis.Shift.counselor",
)

PERSONAL_FIELDS = {
    "crisis.Escalation": [
        "source_ref",
        "source_url",
        "source_text",
        "private_notes",
        "member_seen_at",
    ],
    "crisis.ChatMessage": ["body", "client_id"],
}

# Event details that say what happened, never what anyone wrote ("note" is a transfer note).
EVENT_DETAIL_KEPT = frozenset({"trigger", "risk_level", "disposition", "follow_up"})


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def export(user) -> dict[str, list[dict]]:
    escalations = list(Escalation.objects.filter(member=user).order_by("created_at"))
    ids = [e.pk for e in escalations]
    messages = ChatMessage.objects.filter(escalation_id__in=ids).order_by("created_at", "pk")
    surveys = SurveyResponse.objects.filter(escalation_id__in=ids)
    return {
        # The counselor's private notes are theirs, not the member's: not included.
        "crisis_chats": [
            {
                "id": e.pk,
                "started": _iso(e.created_at),
                "how_it_started": e.get_trigger_display(),
                "state": e.get_state_display(),
                "closed": _iso(e.closed_at),
                "how_it_ended": e.get_disposition_display() if e.disposition else "",
                "what_you_wrote_that_started_it": e.source_text,
            }
            for e in escalations
        ],
        "crisis_chat_messages": [
            {
                "chat": m.escalation_id,
                "from": "you" if m.author_id == user.pk else m.get_author_kind_display(),
                "text": m.body,
                "at": _iso(m.created_at),
            }
            for m in messages
        ],
        "crisis_chat_feedback": [
            {"chat": s.escalation_id, "helped": s.helped, "follow_up": _iso(s.follow_up_at)}
            for s in surveys
        ],
    }


def _end_live(user) -> None:
    live = Escalation.objects.filter(member=user, state__in=LIVE_STATES).first()
    if live is None:
        return
    if live.state == State.OPEN:
        services.escalation_abandon(escalation_id=live.pk)
    else:
        services.escalation_close(
            escalation_id=live.pk, by=None, disposition=Disposition.MEMBER_LEFT
        )
    EscalationEvent.objects.create(escalation_id=live.pk, kind="member_deleted_account")


def _strip_event_details(escalation_ids) -> None:
    for event in EscalationEvent.objects.filter(escalation_id__in=escalation_ids).exclude(
        detail={}
    ):
        kept = {k: v for k, v in event.detail.items() if k in EVENT_DETAIL_KEPT}
        if kept != event.detail:
            event.detail = kept
            event.save(update_fields=["detail"])


def erase(user, *, former, keep_posts: bool) -> None:
    _end_live(user)
    mine = Escalation.objects.filter(member=user)
    if settings.RETENTION_CRISIS_RECORD_DAYS <= 0:
        mine.delete()
    else:
        ids = list(mine.values_list("pk", flat=True))
        ChatMessage.objects.filter(escalation_id__in=ids).delete()
        SurveyResponse.objects.filter(escalation_id__in=ids).delete()
        _strip_event_details(ids)
        _strip_reason_words(Escalation.objects.filter(pk__in=ids))
        mine.update(
            member=former,
            source_ref="",
            source_url="",
            source_text="",
            private_notes="",
            member_seen_at=None,
            follow_up_listed=False,
        )
    # Staff: anyone they were helping goes back to the queue at once (and is paged for);
    # the records they worked on stay, without their name.
    for escalation_id in Escalation.objects.filter(
        counselor=user, state__in=[State.CLAIMED, State.ACTIVE]
    ).values_list("pk", flat=True):
        services.escalation_transfer(escalation_id=escalation_id, by=user)
    Escalation.objects.filter(counselor=user).update(counselor=former)
    Escalation.objects.filter(transferred_to=user).update(transferred_to=None)
    Escalation.objects.filter(supporter=user).update(supporter=None)
    EscalationEvent.objects.filter(actor=user).update(actor=None)
    ChatMessage.objects.filter(author=user).update(author=None, client_id="")
    CounselorPresence.objects.filter(user=user).delete()
    Shift.objects.filter(counselor=user).delete()


def _strip_reason_words(escalations) -> None:
    """The model's reasons quote the clause it read: it goes when the words themselves go."""
    quoting = escalations.annotate(reasons_text=Cast("risk_reasons", TextField())).filter(
        reasons_text__contains="\u201c"
    )
    for pk, reasons in quoting.values_list("pk", "risk_reasons"):
        stripped = detection.reasons_without_words(reasons or [])
        if stripped != (reasons or []):
            Escalation.objects.filter(pk=pk).update(risk_reasons=stripped)


def retention_purge(*, now) -> dict[str, int]:
    """Blank old risk-scoring text, delete old closed chats, drop expired anonymised records."""
    text_before = now - timedelta(days=settings.RETENTION_RISK_TEXT_DAYS)
    old_text = Escalation.objects.filter(created_at__lt=text_before).exclude(state__in=LIVE_STATES)
    _strip_reason_words(old_text)
    blanked = old_text.exclude(source_text="").update(source_text="")
    chat_before = now - timedelta(days=settings.RETENTION_CRISIS_CHAT_DAYS)
    old_closed = Escalation.objects.filter(
        ~Q(state__in=LIVE_STATES), closed_at__lt=chat_before
    ).values("pk")
    chats, _ = ChatMessage.objects.filter(escalation_id__in=old_closed).delete()
    _strip_event_details(old_closed)
    records = 0
    if settings.RETENTION_CRISIS_RECORD_DAYS > 0:
        record_before = now - timedelta(days=settings.RETENTION_CRISIS_RECORD_DAYS)
        _, by_model = (
            Escalation.objects.filter(
                member__email=FORMER_MEMBER_EMAIL, closed_at__lt=record_before
            )
            .exclude(state__in=LIVE_STATES)
            .delete()
        )
        records = by_model.get(Escalation._meta.label, 0)
    return {
        "risk_texts_blanked": blanked,
        "chat_messages_deleted": chats,
        "records_deleted": records,
    }
