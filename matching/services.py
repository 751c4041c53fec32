"""Every write in matching. Persist first; notify and broadcast only on commit.

Races are settled by conditional updates: a suggestion moves out of "asked" once (accept,
decline, expire or withdraw: whichever lands first wins) and a supporter's `load` rises
only while it is below their capacity, so two members can never both take a last slot.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from communities import services as community_services
from crisis.models import Trigger
from crisis.services import Source, content_risk_review
from matching import selectors
from matching.models import (
    ANNIVERSARY_NOTICE_DAYS,
    AnniversaryCheckin,
    Block,
    ExperienceProfile,
    Feedback,
    Match,
    MatchRequest,
    Message,
    Report,
    Suggestion,
    SupporterProfile,
)
from peersupport import live
from peersupport.audit import audit_record
from peersupport.hotlines import LIFELINE
from peersupport.models import User
from peersupport.notifications import notification_send
from peersupport.roles import Role
from peersupport.sanitize import plain_text, render_markdown

READINESS_QUESTIONS = (
    (
        "own_recovery",
        "I have made real progress in my own recovery, and hearing someone's story is "
        "unlikely to overwhelm me right now.",
    ),
    ("own_support", "I have my own support: people, a counselor or a group I can turn to."),
    (
        "boundaries",
        "I am clear about what I can realistically give, and I won't promise more "
        '(no "I will be here day and night").',
    ),
    (
        "confidentiality",
        "I will keep what people tell me confidential and respect their privacy and wishes.",
    ),
)


def conversation_group(match_id: int) -> str:
    return f"peer-match.{match_id}"


def _broadcast(match_id: int, event: dict) -> None:
    """Best effort: the database already holds the truth; clients catch up on reconnect."""
    live.group_send_quietly(conversation_group(match_id), event, what="matching: a live update")


def _screen_for_risk(*, author, text: str, match_id: int) -> None:
    """The one hook for risk detection on direct messages, before they are stored.

    High or imminent risk opens (or raises) the author's crisis escalation and tells them,
    kindly, that a counselor can talk now; concern sends a gentle check-in. The message is
    still delivered: the peer conversation goes on while help is offered.
    """
    assessment = content_risk_review(
        author=author,
        text=text,
        trigger=Trigger.MESSAGE,
        source=Source(ref=f"peer-message:{match_id}", text=text),
    )
    if assessment.escalates:
        notification_send(
            user=author,
            kind="crisis_offer",
            text="It sounds like things are very hard right now. A crisis counselor can "
            f"talk with you now, or call or text {LIFELINE.number}.",
            url=reverse("get_help"),
        )


# --- profiles ------------------------------------------------------------------------------

EXPERIENCE_FIELDS = (
    "event_kind",
    "affected",
    "event_date",
    "event_name",
    "topics",
    "languages",
    "ways",
    "gender",
)
MEMBER_FIELDS = (
    *EXPERIENCE_FIELDS,
    "same_gender",
    "own_event",
    "share_event_kind",
    "share_affected",
    "share_phase",
    "share_topics",
    "anniversary_checkin",
    "anniversary_mute",
)
SUPPORTER_FIELDS = (*EXPERIENCE_FIELDS, "bio", "availability", "capacity", "is_paused")


def experience_profile_save(*, user: User, **fields) -> ExperienceProfile:
    """Create or update the member's experience profile with the given fields."""
    profile = ExperienceProfile.objects.filter(user=user).first() or ExperienceProfile(user=user)
    for name in MEMBER_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.event_name = plain_text(profile.event_name)
    profile.save()
    mutes = profile.anniversary_mute and profile.event_date is not None
    community_services.member_anniversary_mute_set(
        user=user, month=profile.event_date.month if mutes else None
    )
    return profile


def experience_profile_delete(*, user: User) -> bool:
    """Forget everything the member told us about their experience."""
    deleted, _ = ExperienceProfile.objects.filter(user=user).delete()
    community_services.member_anniversary_mute_set(user=user, month=None)
    return bool(deleted)


def supporter_profile_save(*, user: User, **fields) -> SupporterProfile:
    profile = SupporterProfile.objects.filter(user=user).first() or SupporterProfile(
        user=user, capacity=settings.MATCHING_DEFAULT_CAPACITY
    )
    for name in SUPPORTER_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.bio = plain_text(profile.bio)
    profile.availability = plain_text(profile.availability)
    profile.event_name = plain_text(profile.event_name)
    profile.save()
    return profile


def supporter_profile_delete(*, user: User) -> bool:
    """Step away from matching. Refused (False) while someone is waiting or matched."""
    with transaction.atomic():
        deleted, _ = SupporterProfile.objects.filter(user=user, load=0).delete()
    return bool(deleted)


def supporter_readiness_confirm(*, user: User, answers: dict[str, bool]) -> bool:
    """Record the self-check. True only when every answer is yes; otherwise readiness lapses."""
    ready = all(answers.get(key) for key, _ in READINESS_QUESTIONS)
    profile = SupporterProfile.objects.get(user=user)
    profile.readiness_confirmed_at = timezone.now() if ready else None
    profile.readiness_reminded_at = None
    profile.save(update_fields=["readiness_confirmed_at", "readiness_reminded_at", "updated_at"])
    return ready


READINESS_REMIND_DAYS = 14


def readiness_reminders_send(*, now=None) -> int:
    """Daily: a gentle reminder, once, to supporters whose readiness check lapses within two
    weeks. Returns how many were reminded."""
    now = now or timezone.now()
    lapse_before = now - timedelta(days=settings.MATCHING_READINESS_DAYS - READINESS_REMIND_DAYS)
    due = SupporterProfile.objects.filter(
        readiness_confirmed_at__isnull=False,
        readiness_confirmed_at__lte=lapse_before,
        readiness_reminded_at__isnull=True,
    ).select_related("user")
    reminded = 0
    for profile in due:
        with transaction.atomic():
            # Conditional: a second run (or a second worker) never reminds twice.
            if not SupporterProfile.objects.filter(
                pk=profile.pk, readiness_reminded_at__isnull=True
            ).update(readiness_reminded_at=now):
                continue
            notification_send(
                user=profile.user,
                kind="matching.readiness",
                text="It's nearly six months since your readiness check. When you have a "
                "quiet moment, please take it again; it's fine if the answer is 'not now'.",
                url=reverse("matching:readiness"),
            )
            reminded += 1
    return reminded


@transaction.atomic
def report_resolve(*, actor: User, report_id: int) -> bool:
    """An admin marks a report as handled. False when it already was. Audited (the
    report's words stay out of the log)."""
    done = Report.objects.filter(pk=report_id, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    if done:
        audit_record(
            actor=actor, action="report.resolve", target=("matching.report", str(report_id))
        )
    return bool(done)


def _training_snapshot(profile: SupporterProfile) -> dict:
    return {
        "training_programme": profile.training_programme,
        "training_completed_on": (
            profile.training_completed_on.isoformat() if profile.training_completed_on else None
        ),
        "verified": profile.verified_at is not None,
    }


@transaction.atomic
def supporter_verify(
    *, profile_id: int, admin: User, programme: str, completed_on
) -> SupporterProfile:
    """Record the supporter's training as verified, with its audit row. The target is the
    supporter (a person), so it shows on their console page."""
    profile = SupporterProfile.objects.select_related("user").get(pk=profile_id)
    before = _training_snapshot(profile)
    profile.training_programme = plain_text(programme)
    profile.training_completed_on = completed_on
    profile.verified_at = timezone.now()
    profile.verified_by = admin
    profile.save(
        update_fields=[
            "training_programme",
            "training_completed_on",
            "verified_at",
            "verified_by",
            "updated_at",
        ]
    )
    notification_send(
        user=profile.user,
        kind="matching.verified",
        text="Your peer supporter training is verified. Thank you for being here for others.",
        url=reverse("matching:supporter_home"),
    )
    audit_record(
        actor=admin,
        action="supporter.verify",
        target=profile.user,
        before=before,
        after=_training_snapshot(profile),
    )
    return profile


def supporter_unverify(*, profile_id: int) -> None:
    SupporterProfile.objects.filter(pk=profile_id).update(verified_at=None, verified_by=None)


# --- requests and suggestions -------------------------------------------------------------


class AlreadyAsking(Exception):
    """The member already has an open request."""


def suggestions_refresh(*, request: MatchRequest) -> list[Suggestion]:
    """Replace what the member sees with the best supporters not yet asked."""
    request.suggestions.filter(state=Suggestion.State.SHOWN).delete()
    seeker = selectors.seeker_for(request.member, request)
    ranked = selectors.ranked_supporters(seeker)
    return [
        Suggestion.objects.create(
            request=request,
            supporter_id=scored.user_id,
            rank=position,
            score=scored.score,
            reasons=scored.reasons,
        )
        for position, scored in enumerate(ranked, start=1)
    ]


def match_request_create(*, member: User, note: str = "") -> MatchRequest:
    """Open a request and its first suggestions. AlreadyAsking when one is open."""
    try:
        with transaction.atomic():
            request = MatchRequest.objects.create(member=member, note=plain_text(note)[:1000])
            suggestions_refresh(request=request)
    except IntegrityError:
        raise AlreadyAsking from None
    return request


def _release_slot(supporter_id: int) -> None:
    SupporterProfile.objects.filter(user_id=supporter_id, load__gt=0).update(load=F("load") - 1)


def suggestion_pick(*, suggestion_id: int, member: User) -> Suggestion | None:
    """Ask the chosen supporter. None when they just became unavailable (others are shown)."""
    request_id = (
        Suggestion.objects.filter(pk=suggestion_id).values_list("request_id", flat=True).first()
    )
    with transaction.atomic():
        # The request row is the lock: two quick clicks on different peers ask only one.
        request = (
            MatchRequest.objects.select_for_update()
            .filter(pk=request_id, member=member, status=MatchRequest.Status.CHOOSING)
            .first()
        )
        if request is None:
            return None
        suggestion = (
            Suggestion.objects.filter(
                pk=suggestion_id, request=request, state=Suggestion.State.SHOWN
            )
            .select_related("supporter")
            .first()
        )
        if suggestion is None:
            return None
        reserved = SupporterProfile.objects.filter(
            user_id=suggestion.supporter_id,
            load__lt=F("capacity"),
            is_paused=False,
            verified_at__isnull=False,
        ).update(load=F("load") + 1)
        if not reserved:
            suggestion.state = Suggestion.State.WITHDRAWN
            suggestion.save(update_fields=["state"])
            suggestions_refresh(request=request)
            return None
        now = timezone.now()
        suggestion.state = Suggestion.State.ASKED
        suggestion.asked_at = now
        suggestion.expires_at = now + timedelta(hours=settings.MATCHING_REQUEST_WINDOW_HOURS)
        suggestion.save(update_fields=["state", "asked_at", "expires_at"])
        # The others are no longer on offer while this one is open.
        request.suggestions.filter(state=Suggestion.State.SHOWN).delete()
        request.status = MatchRequest.Status.WAITING
        request.save(update_fields=["status"])
        notification_send(
            user=suggestion.supporter,
            kind="matching.asked",
            text="A member would like to talk with you. Please answer when you can.",
            url=reverse("matching:ask", args=[suggestion.pk]),
            email_subject="A member would like to talk with you",
        )
    return suggestion


def _back_to_choosing(request_id: int, *, text: str) -> None:
    """After a decline or expiry: fresh suggestions for the member, and a gentle word."""
    request = MatchRequest.objects.select_related("member").get(pk=request_id)
    moved = MatchRequest.objects.filter(pk=request_id, status=MatchRequest.Status.WAITING).update(
        status=MatchRequest.Status.CHOOSING
    )
    if not moved:
        return
    suggestions_refresh(request=request)
    notification_send(
        user=request.member,
        kind="matching.next",
        text=text,
        url=reverse("matching:request", args=[request_id]),
    )


def _lock_request_of(suggestion_id: int) -> None:
    """Take the request's row lock first, as every writer does (request, then suggestion,
    then supporter profile), so concurrent answers and cancels never deadlock."""
    list(
        MatchRequest.objects.select_for_update(of=("self",))
        .filter(suggestions__pk=suggestion_id)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def suggestion_accept(*, suggestion_id: int, supporter: User) -> Match | None:
    """Start the conversation. None when the ask was already answered, expired or withdrawn."""
    _lock_request_of(suggestion_id)
    won = Suggestion.objects.filter(
        pk=suggestion_id,
        supporter=supporter,
        state=Suggestion.State.ASKED,
        expires_at__gt=timezone.now(),
    ).update(state=Suggestion.State.ACCEPTED, answered_at=timezone.now())
    if not won:
        return None
    suggestion = Suggestion.objects.select_related("request__member").get(pk=suggestion_id)
    request = suggestion.request
    MatchRequest.objects.filter(pk=request.pk).update(
        status=MatchRequest.Status.MATCHED, closed_at=timezone.now()
    )
    match = Match.objects.create(request=request, member=request.member, supporter=supporter)
    url = reverse("matching:conversation", args=[match.pk])
    notification_send(
        user=request.member,
        kind="matching.accepted",
        text=f"{supporter.display_name} said yes. Your private conversation is open.",
        url=url,
        email_subject="Your peer said yes",
    )
    return match


@transaction.atomic
def suggestion_decline(*, suggestion_id: int, supporter: User) -> bool:
    """Say no, kindly and without a reason. False when it was no longer open."""
    _lock_request_of(suggestion_id)
    won = Suggestion.objects.filter(
        pk=suggestion_id, supporter=supporter, state=Suggestion.State.ASKED
    ).update(state=Suggestion.State.DECLINED, answered_at=timezone.now())
    if not won:
        return False
    _release_slot(supporter.pk)
    request_id = Suggestion.objects.values_list("request_id", flat=True).get(pk=suggestion_id)
    _back_to_choosing(
        request_id,
        text="The peer you chose can't take on a new conversation just now. That is about "
        "their time, not about you. Here are others who could talk with you.",
    )
    return True


@transaction.atomic
def suggestion_expire(*, suggestion_id: int, now=None) -> bool:
    """Expire one unanswered ask, once. False when it was answered or is not stale yet."""
    now = now or timezone.now()
    _lock_request_of(suggestion_id)
    won = Suggestion.objects.filter(
        pk=suggestion_id, state=Suggestion.State.ASKED, expires_at__lte=now
    ).update(state=Suggestion.State.EXPIRED, answered_at=now)
    if not won:
        return False
    suggestion = Suggestion.objects.select_related("supporter").get(pk=suggestion_id)
    _release_slot(suggestion.supporter_id)
    notification_send(
        user=suggestion.supporter,
        kind="matching.expired",
        text="A request to talk passed its time, so the member is being offered other peers.",
        url=reverse("matching:supporter_home"),
    )
    _back_to_choosing(
        suggestion.request_id,
        text="The peer you chose hasn't been able to answer in time. Here are others who "
        "could talk with you.",
    )
    return True


def stale_asks_expire(*, now=None) -> int:
    """The sweeper: expire every ask past its window. Returns how many expired."""
    now = now or timezone.now()
    ids = list(
        Suggestion.objects.filter(state=Suggestion.State.ASKED, expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    return sum(suggestion_expire(suggestion_id=pk, now=now) for pk in ids)


@transaction.atomic
def match_request_cancel(*, request_id: int, member: User) -> bool:
    """The member stops looking. Any open ask is withdrawn and its slot freed."""
    stopped = MatchRequest.objects.filter(
        pk=request_id,
        member=member,
        status__in=[MatchRequest.Status.CHOOSING, MatchRequest.Status.WAITING],
    ).update(status=MatchRequest.Status.CANCELLED, closed_at=timezone.now())
    if not stopped:
        return False
    for suggestion in Suggestion.objects.filter(
        request_id=request_id, state=Suggestion.State.ASKED
    ):
        if Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.ASKED).update(
            state=Suggestion.State.WITHDRAWN, answered_at=timezone.now()
        ):
            _release_slot(suggestion.supporter_id)
    Suggestion.objects.filter(request_id=request_id, state=Suggestion.State.SHOWN).delete()
    return True


# --- conversations -------------------------------------------------------------------------


def message_payload(message: Message) -> dict:
    return {
        "id": message.pk,
        "author": message.author.display_name,
        "author_id": message.author_id,
        "html": message.body_html,
        "created_at": message.created_at.isoformat(),
    }


def message_send(*, match_id: int, author: User, body: str) -> Message | None:
    """Store a message, then broadcast it. None when the match is over or not theirs."""
    # PostgreSQL cannot store NUL: a body with one crashed the socket (found by fuzzing).
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise ValueError("empty")
    with transaction.atomic():
        match = (
            # Serialises with match_end: nothing is stored after a match has ended.
            Match.objects.select_for_update(of=("self",))
            .filter(pk=match_id, status=Match.Status.ACTIVE)
            .select_related("member", "supporter")
            .first()
        )
        if match is None or author.pk not in (match.member_id, match.supporter_id):
            return None
        _screen_for_risk(author=author, text=body, match_id=match_id)
        previous_author = (
            Message.objects.filter(match=match).order_by("-id").values_list("author_id", flat=True)
        ).first()
        message = Message.objects.create(
            match=match,
            author=author,
            body=body[:4000],
            body_html=render_markdown(body[:4000]),
            risk_scored_at=timezone.now(),  # _screen_for_risk read it just above
        )
        payload = message_payload(message)
        transaction.on_commit(lambda: _broadcast(match_id, {"type": "peer.message", **payload}))
        if previous_author != author.pk:
            notification_send(
                user=match.other_person(author),
                kind="matching.message",
                text=f"{author.display_name} wrote to you in your peer conversation.",
                url=reverse("matching:conversation", args=[match_id]),
            )
    return message


@transaction.atomic
def match_end(*, match_id: int, user: User) -> bool:
    """Either person may end it, any time, without a reason. False when already ended."""
    match = selectors.match_for_participant(match_id, user)
    ended = Match.objects.filter(pk=match_id, status=Match.Status.ACTIVE).update(
        status=Match.Status.ENDED, ended_at=timezone.now(), ended_by=user
    )
    if not ended:
        return False
    _release_slot(match.supporter_id)
    other = match.other_person(user)
    notification_send(
        user=other,
        kind="matching.ended",
        text=f"{user.display_name} has closed your peer conversation. Thank you for the time "
        "you shared. You can ask for another peer whenever you like.",
        url=reverse("matching:conversation", args=[match_id]),
    )
    transaction.on_commit(lambda: _broadcast(match_id, {"type": "peer.ended"}))
    return True


@transaction.atomic
def block_create(*, member: User, supporter_id: int) -> Block:
    """The member never sees this supporter again: an active match between them ends, and
    an open request to them is withdrawn (the member chooses someone else)."""
    block, _ = Block.objects.get_or_create(member=member, supporter_id=supporter_id)
    for match_id in Match.objects.filter(
        member=member, supporter_id=supporter_id, status=Match.Status.ACTIVE
    ).values_list("pk", flat=True):
        match_end(match_id=match_id, user=member)
    _suggestions_of_blocked_withdraw(member=member, supporter_id=supporter_id)
    return block


@transaction.atomic
def _suggestions_of_blocked_withdraw(*, member: User, supporter_id: int) -> None:
    open_requests = MatchRequest.objects.filter(
        member=member, status__in=[MatchRequest.Status.CHOOSING, MatchRequest.Status.WAITING]
    )
    asked = Suggestion.objects.filter(
        request__in=open_requests, supporter_id=supporter_id, state=Suggestion.State.ASKED
    )
    for suggestion_id in list(asked.values_list("pk", flat=True)):
        _lock_request_of(suggestion_id)
        withdrawn = Suggestion.objects.filter(
            pk=suggestion_id, state=Suggestion.State.ASKED
        ).update(state=Suggestion.State.WITHDRAWN, answered_at=timezone.now())
        if withdrawn:
            _release_slot(supporter_id)
            _back_to_choosing(
                Suggestion.objects.values_list("request_id", flat=True).get(pk=suggestion_id),
                text="Your request to the peer you blocked was withdrawn. Here are others "
                "who could talk with you.",
            )
    Suggestion.objects.filter(
        request__in=open_requests, supporter_id=supporter_id, state=Suggestion.State.SHOWN
    ).delete()


def _admins():
    return User.objects.filter(is_active=True, role_grants__role=Role.ADMIN).distinct()


@transaction.atomic
def report_create(*, match_id: int, reporter: User, text: str) -> Report:
    match = selectors.match_for_participant(match_id, reporter)
    report = Report.objects.create(
        match=match,
        reporter=reporter,
        reported=match.other_person(reporter),
        text=plain_text(text)[:2000],
    )
    for admin in _admins():
        notification_send(
            user=admin,
            kind="matching.report",
            text="Someone reported a peer conversation. Please take a look.",
            url=reverse("matching:manage"),
        )
    return report


def feedback_leave(*, match_id: int, author: User, helpful: int | None, text: str) -> Feedback:
    """Optional words to admins once a match has ended; the other person never sees them."""
    match = selectors.match_for_participant(match_id, author)
    if match.is_active:
        raise ValueError("still active")
    feedback, _ = Feedback.objects.update_or_create(
        match=match, author=author, defaults={"helpful": helpful, "text": plain_text(text)[:2000]}
    )
    return feedback


# --- anniversary care ----------------------------------------------------------------------


def anniversary_checkins_send(*, today=None) -> int:
    """Daily: for members who opted in, a few days before the anniversary month, ask their
    matched supporter for a gentle check-in (or, with no peer, send the member a kind note).
    Each anniversary is handled once. Returns how many members were covered."""
    today = today or timezone.now().date()
    sent = 0
    for profile in ExperienceProfile.objects.filter(
        anniversary_checkin=True, event_date__isnull=False
    ).select_related("user"):
        anniversary = profile.next_anniversary(today)
        days_left = (anniversary - today).days
        if not 0 <= days_left <= ANNIVERSARY_NOTICE_DAYS:
            continue
        with transaction.atomic():
            _record, created = AnniversaryCheckin.objects.get_or_create(
                user=profile.user, anniversary=anniversary
            )
            if not created:
                continue
            matches = Match.objects.filter(
                member=profile.user, status=Match.Status.ACTIVE
            ).select_related("supporter")
            for match in matches:
                notification_send(
                    user=match.supporter,
                    kind="matching.anniversary",
                    text=f"A hard anniversary is coming up soon for {profile.user.display_name}. "
                    "They asked for a gentle check-in: a short, kind note is enough.",
                    url=reverse("matching:conversation", args=[match.pk]),
                )
            if not matches:
                notification_send(
                    user=profile.user,
                    kind="matching.anniversary",
                    text="We're thinking of you as the anniversary comes near. Your peers and "
                    'groups are here, and so is "Get help now", any time.',
                    url=reverse("matching:home"),
                )
            sent += 1
    return sent


def message_mark_risk_scored(*, message_id: int, now) -> bool:
    """Claim a message for risk scoring. False when someone else scored it first."""
    return bool(
        Message.objects.filter(pk=message_id, risk_scored_at__isnull=True).update(
            risk_scored_at=now
        )
    )
