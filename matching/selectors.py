"""Reads for matching that views, services and the benchmark share."""

import dataclasses
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from communities.selectors import groups_listed
from matching import scoring
from matching.choices import TOPIC_SHORT, Topic, decode_list
from matching.models import (
    ANNIVERSARY_AFTER_DAYS,
    ANNIVERSARY_NOTICE_DAYS,
    Block,
    ExperienceProfile,
    Match,
    MatchRequest,
    Message,
    Suggestion,
    SupporterProfile,
)
from peersupport.models import User
from peersupport.roles import Role

CANDIDATE_FIELDS = (
    "user_id",
    "event_kind",
    "affected",
    "event_date",
    "event_key",
    "topics",
    "languages",
    "ways",
    "gender",
    "capacity",
    "load",
)


def experience_for(user) -> ExperienceProfile | None:
    return ExperienceProfile.objects.filter(user=user).first()


def supporter_profile_for(user) -> SupporterProfile | None:
    return SupporterProfile.objects.filter(user=user).first()


def excluded_supporter_ids(member, request: MatchRequest | None = None) -> set[int]:
    """Supporters never to suggest to `member`: blocked, matched now, or already asked."""
    ids = set(Block.objects.filter(member=member).values_list("supporter_id", flat=True))
    ids |= set(
        Match.objects.filter(member=member, status=Match.Status.ACTIVE).values_list(
            "supporter_id", flat=True
        )
    )
    if request is not None:
        ids |= set(
            request.suggestions.exclude(state=Suggestion.State.SHOWN).values_list(
                "supporter_id", flat=True
            )
        )
    return ids


def seeker_for(member, request: MatchRequest | None = None, profile=None) -> scoring.Seeker:
    profile = profile if profile is not None else experience_for(member)
    excluded = frozenset(excluded_supporter_ids(member, request))
    if profile is None:
        return scoring.Seeker(user_id=member.pk, excluded=excluded)
    return scoring.Seeker(
        user_id=member.pk,
        event_kind=profile.event_kind,
        affected=profile.affected,
        event_date=profile.event_date,
        event_key=profile.event_key,
        topics=frozenset(profile.topic_list),
        languages=frozenset(profile.language_list),
        ways=frozenset(profile.way_list),
        gender=profile.gender,
        same_gender=profile.same_gender,
        own_event=profile.own_event,
        excluded=excluded,
    )


def available_supporters(seeker: scoring.Seeker, today: date | None = None) -> QuerySet:
    """The hard filters of `scoring.exclusion`, in SQL: only these rows reach Python.

    Whether the person is still an active supporter is checked afterwards, on the few
    ranked at the top (`ranked_supporters`): joining users and roles here doubles the cost.
    """
    now = timezone.now()
    today = today or now.date()
    qs = SupporterProfile.objects.filter(
        is_paused=False,
        verified_at__isnull=False,
        readiness_confirmed_at__gt=now - timedelta(days=settings.MATCHING_READINESS_DAYS),
        load__lt=F("capacity"),
    ).filter(
        Q(event_date__isnull=True)
        | Q(event_date__lte=today - timedelta(days=scoring.SUPPORTER_MIN_DAYS_SINCE_EVENT))
    )
    qs = qs.exclude(user_id__in=[seeker.user_id, *seeker.excluded])
    if seeker.languages:
        any_language = Q()
        for code in sorted(seeker.languages):
            any_language |= Q(languages__contains=f",{code},")
        qs = qs.filter(any_language)
    if seeker.same_gender and seeker.gender:
        qs = qs.filter(gender=seeker.gender)
    if seeker.own_event == "not_own" and seeker.event_key:
        qs = qs.exclude(event_key=seeker.event_key)
    return qs


def candidates_for(seeker: scoring.Seeker, today: date | None = None, weights: dict | None = None):
    """Candidates in descending `scoring.prescore` order, read lazily from PostgreSQL."""
    weights = weights or settings.MATCHING_WEIGHTS
    pre = Value(0.0) + ExpressionWrapper(
        Value(float(weights["load"])) * (F("capacity") - F("load")) / F("capacity"),
        output_field=FloatField(),
    )
    if seeker.event_kind:
        pre = pre + Case(
            When(event_kind=seeker.event_kind, then=Value(float(weights["event_kind"]))),
            default=Value(0.0),
        )
    if seeker.affected:
        pre = pre + Case(
            When(affected=seeker.affected, then=Value(float(weights["affected"]))),
            default=Value(0.0),
        )
    rows = (
        available_supporters(seeker, today)
        .annotate(pre=ExpressionWrapper(pre, output_field=FloatField()))
        .order_by("-pre", "load", "user_id")
        .values_list(*CANDIDATE_FIELDS)
    )
    return (
        scoring.Candidate(
            user_id=user_id,
            event_kind=kind,
            affected=affected,
            event_date=event_date,
            event_key=key,
            topics=frozenset(decode_list(topics)),
            languages=frozenset(decode_list(languages)),
            ways=frozenset(decode_list(ways)),
            gender=gender,
            capacity=capacity,
            load=load,
        )
        for (
            user_id,
            kind,
            affected,
            event_date,
            key,
            topics,
            languages,
            ways,
            gender,
            capacity,
            load,
        ) in _in_two_reads(rows, first=300)
    )


def _in_two_reads(rows: QuerySet, first: int):
    """The first rows, then (only if the caller keeps reading) the rest.

    The ranking walk usually stops within the first few hundred; a server-side cursor
    would cost more here (in autocommit it is WITH HOLD and materialises every row).
    """
    head = list(rows[:first])
    yield from head
    if len(head) == first:
        yield from rows[first:]


def ranked_supporters(seeker: scoring.Seeker, limit: int | None = None) -> list[scoring.Scored]:
    today = timezone.now().date()
    weights = settings.MATCHING_WEIGHTS
    limit = limit or settings.MATCHING_SUGGESTIONS
    while True:
        ranked = scoring.rank(
            seeker,
            candidates_for(seeker, today, weights),
            weights,
            today,
            limit=limit + 5,
            presorted=True,
        )
        ids = [r.user_id for r in ranked]
        still_supporters = set(
            User.objects.filter(
                pk__in=ids, is_active=True, role_grants__role=Role.SUPPORTER
            ).values_list("pk", flat=True)
        )
        gone = set(ids) - still_supporters
        if not gone or len(ranked) < limit + 5:
            return [r for r in ranked if r.user_id in still_supporters][:limit]
        # Someone near the top lost the role or left: look again without them.
        seeker = dataclasses.replace(seeker, excluded=seeker.excluded | gone)


def open_request_for(member) -> MatchRequest | None:
    return (
        MatchRequest.objects.filter(
            member=member,
            status__in=[MatchRequest.Status.CHOOSING, MatchRequest.Status.WAITING],
        )
        .prefetch_related("suggestions__supporter__supporter_profile")
        .first()
    )


def request_for_member(request_id: int, member) -> MatchRequest:
    """The member's own request; 404 for anyone else's."""
    try:
        return MatchRequest.objects.get(pk=request_id, member=member)
    except MatchRequest.DoesNotExist:
        raise Http404 from None


def shown_suggestions(request: MatchRequest) -> list[Suggestion]:
    return list(
        request.suggestions.filter(state=Suggestion.State.SHOWN)
        .select_related("supporter__supporter_profile")
        .order_by("rank")
    )


def match_for_participant(match_id: int, user) -> Match:
    """The match, only for its two people; 404 for everyone else (admins included)."""
    try:
        return Match.objects.select_related("member", "supporter").get(
            Q(member=user) | Q(supporter=user), pk=match_id
        )
    except Match.DoesNotExist:
        raise Http404 from None


def ask_for_supporter(suggestion_id: int, supporter) -> Suggestion:
    try:
        return Suggestion.objects.select_related("request__member").get(
            pk=suggestion_id, supporter=supporter
        )
    except Suggestion.DoesNotExist:
        raise Http404 from None


def waiting_asks(supporter) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(
        supporter=supporter, state=Suggestion.State.ASKED
    ).select_related("request__member")


def matches_of(user) -> QuerySet[Match]:
    return Match.objects.filter(Q(member=user) | Q(supporter=user)).select_related(
        "member", "supporter"
    )


def messages_of(match: Match, after_id: int = 0, limit: int = 200) -> list[Message]:
    return list(
        Message.objects.filter(match=match, id__gt=after_id)
        .select_related("author")
        .order_by("id")[:limit]
    )


def shared_experience(match: Match) -> dict[str, str]:
    """What the member chose to share with their supporter, and nothing else."""
    profile = experience_for(match.member)
    return shared_experience_of(profile) if profile is not None else {}


def shared_experience_of(profile: ExperienceProfile) -> dict[str, str]:
    shared = {}
    if profile.share_event_kind and profile.event_kind:
        shared["Kind of event"] = profile.get_event_kind_display()
    if profile.share_affected and profile.affected:
        shared["How they were affected"] = profile.get_affected_display()
    if profile.share_phase and profile.phase:
        shared["When"] = profile.phase_label
    if profile.share_topics and profile.topic_list:
        labels = dict(Topic.choices)
        shared["Would like to talk about"] = ", ".join(labels[t] for t in profile.topic_list)
    return shared


def supporters_awaiting_verification() -> QuerySet[SupporterProfile]:
    return SupporterProfile.objects.filter(verified_at__isnull=True).select_related("user")


def supporter_loads() -> QuerySet[SupporterProfile]:
    return SupporterProfile.objects.select_related("user").order_by("-load", "user__display_name")


def funnel(since=None) -> dict[str, int]:
    """Counts a coordinator reads: how requests turn into conversations."""
    requests = MatchRequest.objects.all()
    suggestions = Suggestion.objects.all()
    if since is not None:
        requests = requests.filter(created_at__gte=since)
        suggestions = suggestions.filter(created_at__gte=since)
    by_state = dict(
        suggestions.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return {
        "requests": requests.count(),
        "suggestions": sum(by_state.values()),
        "asked": sum(
            by_state.get(s, 0) for s in ("asked", "accepted", "declined", "expired", "withdrawn")
        ),
        "accepts": by_state.get("accepted", 0),
        "declines": by_state.get("declined", 0),
        "expiries": by_state.get("expired", 0),
        "active_matches": Match.objects.filter(status=Match.Status.ACTIVE).count(),
    }


def mutes_anniversary_threads(user, today: date | None = None) -> bool:
    """For communities: True in the week around the member's anniversary, when they opted in
    to muting threads tagged with anniversaries and memorials."""
    today = today or timezone.now().date()
    profile = ExperienceProfile.objects.filter(
        user=user, anniversary_mute=True, event_date__isnull=False
    ).first()
    if profile is None:
        return False
    days_left = (profile.next_anniversary(today) - today).days
    return -ANNIVERSARY_AFTER_DAYS <= days_left <= ANNIVERSARY_NOTICE_DAYS


# Words that suggest a group is about an experience; groups have no tags yet, so their
# names and descriptions are read.
GROUP_WORDS = {
    "shooting": ("shooting", "gun violence"),
    "terror": ("terror", "attack"),
    "mass_violence": ("mass violence",),
    "disaster": ("disaster", "flood", "wildfire", "hurricane", "earthquake", "tornado"),
    "domestic": ("domestic", "family violence"),
    "sexual": ("sexual", "assault"),
    "community": ("community violence",),
    "combat": ("combat", "veteran", "military"),
    "bereaved": ("bereave", "loss", "lost a", "grief"),
    "injured": ("injur",),
    "responder": ("responder", "health worker", "nurse", "paramedic"),
}


def groups_suggested_for(profile: ExperienceProfile | None, limit: int = 3) -> list:
    """Listed groups whose name or description speaks to the member's event kind, way
    affected or topics, best first. Only listed groups: never a hidden group's existence."""
    if profile is None:
        return []

    words = [
        *GROUP_WORDS.get(profile.event_kind, ()),
        *GROUP_WORDS.get(profile.affected, ()),
        *(TOPIC_SHORT[t] for t in profile.topic_list if t in TOPIC_SHORT),
    ]
    if not words:
        return []
    scored = []
    for group in groups_listed():
        text = f"{group.name} {group.description}".lower()
        hits = sum(1 for word in words if word in text)
        if hits:
            scored.append((-hits, group.name, group))
    scored.sort(key=lambda row: row[:2])
    return [row[2] for row in scored[:limit]]


def messages_unscored(*, written_before, limit: int = 200):
    """Peer messages that crisis risk detection has not read yet."""
    return (
        Message.objects.filter(risk_scored_at__isnull=True, created_at__lt=written_before)
        .select_related("author")
        .order_by("pk")[:limit]
    )
