"""Peer matching and a person's data rights (contract: peersupport/datarights.py).

On deletion the person's profiles, requests, notes, reports (by or about them), feedback
and every message they wrote go. A conversation they were in ends, and the other person
keeps their own side of it: the match stays, pointed at the "former member" account, with
only the other person's messages. Anyone waiting on them as a supporter is offered others.
"""

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.models import (
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
from peersupport.notifications import notification_send

ERASE_ORDER = 20  # before communities, which scrubs the person's name from notifications

USER_FIELDS = (
    "matching.ExperienceProfile.user",
    "matching.AnniversaryCheckin.user",
    "matching.SupporterProfile.user",
    "matching.SupporterProfile.verified_by",
    "matching.MatchRequest.member",
    "matching.Suggestion.supporter",
    "matching.Match.member",
    "matching.Match.supporter",
    "matching.Match.ended_by",
    "matching.Message.author",
    "matching.Block.member",
    "matching.Block.supporter",
    "matching.Report.reporter",
    "matching.Report.reported",
    "matching.Feedback.author",
)

_EXPERIENCE = [
    "event_kind",
    "affected",
    "event_date",
    "event_name",
    "event_key",
    "topics",
    "languages",
    "ways",
    "gender",
]

PERSONAL_FIELDS = {
    "matching.ExperienceProfile": _EXPERIENCE,
    "matching.SupporterProfile": [
        *_EXPERIENCE,
        "bio",
        "availability",
        "training_programme",
        "training_completed_on",
    ],
    "matching.AnniversaryCheckin": ["anniversary"],
    "matching.MatchRequest": ["note"],
    "matching.Message": ["body", "body_html"],
    "matching.Report": ["text"],
    "matching.Feedback": ["text", "helpful"],
}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _experience(profile) -> dict:
    return {
        "what_happened": profile.get_event_kind_display(),
        "how_you_were_affected": profile.get_affected_display(),
        "when": profile.event_date.strftime("%Y-%m") if profile.event_date else "",
        "event_name": profile.event_name,
        "topics": profile.topic_list,
        "languages": profile.language_list,
        "ways_to_talk": profile.way_list,
        "gender": profile.get_gender_display(),
    }


def export(user) -> dict[str, list[dict]]:
    matches = list(
        Match.objects.filter(Q(member=user) | Q(supporter=user)).select_related(
            "member", "supporter"
        )
    )
    messages = Message.objects.filter(match__in=matches).select_related("author").order_by("pk")
    supporter = SupporterProfile.objects.filter(user=user).first()
    return {
        "experience_profile": [_experience(p) for p in ExperienceProfile.objects.filter(user=user)],
        "supporter_profile": [
            {
                **_experience(supporter),
                "bio": supporter.bio,
                "availability": supporter.availability,
                "training": supporter.training_programme,
                "training_completed": _iso(supporter.training_completed_on),
                "capacity": supporter.capacity,
            }
        ]
        if supporter
        else [],
        "requests_for_a_peer": [
            {"asked": _iso(r.created_at), "status": r.get_status_display(), "your_note": r.note}
            for r in MatchRequest.objects.filter(member=user)
        ],
        "peer_conversations": [
            {
                "id": m.pk,
                "with": m.other_person(user).display_name,
                "you_were": "the member" if m.member_id == user.pk else "the supporter",
                "started": _iso(m.started_at),
                "ended": _iso(m.ended_at),
            }
            for m in matches
        ],
        "peer_messages": [
            {
                "conversation": m.match_id,
                "from": "you" if m.author_id == user.pk else m.author.display_name,
                "text": m.body,
                "at": _iso(m.created_at),
            }
            for m in messages
        ],
        "reports_you_made": [
            {"conversation": r.match_id, "text": r.text, "at": _iso(r.created_at)}
            for r in Report.objects.filter(reporter=user)
        ],
        "feedback_you_left": [
            {"conversation": f.match_id, "helpful": f.helpful, "text": f.text}
            for f in Feedback.objects.filter(author=user)
        ],
        "peers_you_blocked": [
            {"peer": b.supporter.display_name, "at": _iso(b.created_at)}
            for b in Block.objects.filter(member=user).select_related("supporter")
        ],
    }


def _end_conversations(user) -> None:
    for match in Match.objects.filter(
        Q(member=user) | Q(supporter=user), status=Match.Status.ACTIVE
    ).select_related("member", "supporter"):
        ended = Match.objects.filter(pk=match.pk, status=Match.Status.ACTIVE).update(
            status=Match.Status.ENDED, ended_at=timezone.now()
        )
        if not ended:
            continue
        SupporterProfile.objects.filter(user_id=match.supporter_id, load__gt=0).update(
            load=F("load") - 1
        )
        other = match.other_person(user)
        if not other.is_active:  # the former-member account reads nothing
            continue
        notification_send(
            user=other,
            kind="matching.ended",
            text="The person you were talking with has left peersupport, so your peer "
            "conversation has ended. Thank you for the time you shared.",
            url=reverse("matching:conversation", args=[match.pk]),
        )


def erase(user, *, former, keep_posts: bool) -> None:
    # Out of the pool first, so nobody is offered them while their asks are handed back.
    SupporterProfile.objects.filter(user=user).delete()
    SupporterProfile.objects.filter(verified_by=user).update(verified_by=None)
    for request_id in MatchRequest.objects.filter(
        member=user, status__in=[MatchRequest.Status.CHOOSING, MatchRequest.Status.WAITING]
    ).values_list("pk", flat=True):
        services.match_request_cancel(request_id=request_id, member=user)
    for suggestion_id in Suggestion.objects.filter(
        supporter=user, state=Suggestion.State.ASKED
    ).values_list("pk", flat=True):
        services.suggestion_decline(suggestion_id=suggestion_id, supporter=user)
    _end_conversations(user)

    Message.objects.filter(author=user).delete()
    Feedback.objects.filter(author=user).delete()
    # Reports by or about the person go: with the account gone there is nobody to act on,
    # and their text is about them.
    Report.objects.filter(Q(reporter=user) | Q(reported=user)).delete()
    Block.objects.filter(Q(member=user) | Q(supporter=user)).delete()
    Suggestion.objects.filter(Q(supporter=user) | Q(request__member=user)).delete()
    MatchRequest.objects.filter(member=user, match__isnull=True).delete()
    MatchRequest.objects.filter(member=user).update(member=former, note="")
    Match.objects.filter(member=user).update(member=former)
    Match.objects.filter(supporter=user).update(supporter=former)
    Match.objects.filter(ended_by=user).update(ended_by=None)
    ExperienceProfile.objects.filter(user=user).delete()
    AnniversaryCheckin.objects.filter(user=user).delete()


def settings_summary(user) -> list[dict]:
    profile = ExperienceProfile.objects.filter(user=user).first()
    if profile is None:
        return []
    return [
        {
            "title": "Anniversaries",
            "lines": [
                "A check-in from your peer before the anniversary: "
                + ("yes" if profile.anniversary_checkin else "no"),
                "Quieter group notifications around it: "
                + ("yes" if profile.anniversary_mute else "no"),
            ],
            "url": reverse("matching:profile"),
            "action": "Change",
        }
    ]
