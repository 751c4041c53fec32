"""Experience and supporter profiles, requests for a peer, matches and their messages."""

import re
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from matching.choices import (
    Affected,
    EventKind,
    Gender,
    OwnEvent,
    Phase,
    decode_list,
)


def event_key_for(name: str) -> str:
    """A loose key for "the same event": lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).strip()[:120]


def phase_for(event_date: date | None, today: date | None = None) -> str:
    """The recovery phase for an event date; "" when the date was not given."""
    if event_date is None:
        return ""
    days = ((today or timezone.now().date()) - event_date).days
    if days <= 30:
        return Phase.EARLY
    if days <= 365:
        return Phase.INTERMEDIATE
    return Phase.LONG_TERM


class ExperienceFields(models.Model):
    """What happened, told only as much as the person wants. Every field is optional."""

    event_kind = models.CharField(max_length=20, choices=EventKind.choices, blank=True)
    affected = models.CharField(max_length=20, choices=Affected.choices, blank=True)
    # First day of the month given; null means "prefer not to say". Never shown: only a phase.
    event_date = models.DateField(null=True, blank=True)
    # Private: used only to honour "not from my own event" / "from my own event".
    event_name = models.CharField(max_length=120, blank=True)
    event_key = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    topics = models.CharField(max_length=300, blank=True)
    languages = models.CharField(max_length=100, blank=True)
    ways = models.CharField(max_length=40, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.event_key = event_key_for(self.event_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "event_key"}
        super().save(*args, **kwargs)

    @property
    def phase(self) -> str:
        return phase_for(self.event_date)

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label if self.phase else ""

    @property
    def topic_list(self) -> list[str]:
        return decode_list(self.topics)

    @property
    def language_list(self) -> list[str]:
        return decode_list(self.languages)

    @property
    def way_list(self) -> list[str]:
        return decode_list(self.ways)


class ExperienceProfile(ExperienceFields):
    """A member's own account of their experience: private, editable, deletable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experience_profile"
    )
    same_gender = models.BooleanField(
        default=False, help_text="Only suggest peers who share my gender."
    )
    own_event = models.CharField(max_length=10, choices=OwnEvent.choices, default=OwnEvent.ANY)
    # What a matched supporter may see. Nothing is shared unless ticked.
    share_event_kind = models.BooleanField(default=False)
    share_affected = models.BooleanField(default=False)
    share_phase = models.BooleanField(default=False)
    share_topics = models.BooleanField(default=False)
    # Anniversary care: nothing is sent or muted unless the member opts in.
    anniversary_checkin = models.BooleanField(default=False)
    anniversary_mute = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"experience of {self.user}"

    def next_anniversary(self, today: date) -> date | None:
        """The first day of the anniversary month, this year or next; None without a date."""
        if self.event_date is None:
            return None
        this_year = date(today.year, self.event_date.month, 1)
        if this_year >= today - timedelta(days=ANNIVERSARY_AFTER_DAYS):
            return this_year
        return date(today.year + 1, self.event_date.month, 1)


# Only the month is known, so "the anniversary" is the first of that month.
ANNIVERSARY_NOTICE_DAYS = 5  # the check-in prompt goes out this many days before at most
ANNIVERSARY_AFTER_DAYS = 7  # the mute window runs until this many days after


class AnniversaryCheckin(models.Model):
    """One anniversary check-in sent for one member in one year: never twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    anniversary = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "anniversary"], name="one_checkin_per_anniversary"
            )
        ]

    def __str__(self) -> str:
        return f"anniversary check-in for {self.user_id} ({self.anniversary:%Y-%m})"


class SupporterProfile(ExperienceFields):
    """A peer supporter's experience, training, readiness and capacity."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporter_profile"
    )
    bio = models.TextField(blank=True, max_length=600)
    availability = models.CharField(max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(default=2)
    # Asked (pending) plus active matches. Changed only by conditional updates in services.
    load = models.PositiveSmallIntegerField(default=0)
    is_paused = models.BooleanField(default=False)
    training_programme = models.CharField(max_length=120, blank=True)
    training_completed_on = models.DateField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    readiness_confirmed_at = models.DateTimeField(null=True, blank=True)
    readiness_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["is_paused", "verified_at", "readiness_confirmed_at"])]

    def __str__(self) -> str:
        return f"supporter profile of {self.user}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def readiness_due_at(self):
        if self.readiness_confirmed_at is None:
            return None
        return self.readiness_confirmed_at + timedelta(days=settings.MATCHING_READINESS_DAYS)

    @property
    def is_ready(self) -> bool:
        due = self.readiness_due_at
        return due is not None and due > timezone.now()

    @property
    def free_slots(self) -> int:
        return max(self.capacity - self.load, 0)


class MatchRequest(models.Model):
    """A member asking for a peer. Lives until a supporter accepts or the member stops."""

    class Status(models.TextChoices):
        CHOOSING = "choosing", "Choosing a peer"
        WAITING = "waiting", "Waiting for an answer"
        MATCHED = "matched", "Matched"
        CANCELLED = "cancelled", "Stopped"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_requests"
    )
    note = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHOOSING)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status__in=["choosing", "waiting"]),
                name="one_open_match_request_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"request {self.pk} by {self.member_id}"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.CHOOSING, self.Status.WAITING}


class Suggestion(models.Model):
    """One supporter suggested for a request, with the reasons given to the member."""

    class State(models.TextChoices):
        SHOWN = "shown", "Suggested"
        ASKED = "asked", "Asked"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "No answer in time"
        WITHDRAWN = "withdrawn", "Withdrawn"

    request = models.ForeignKey(MatchRequest, on_delete=models.CASCADE, related_name="suggestions")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggested_in"
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SHOWN)
    created_at = models.DateTimeField(default=timezone.now)
    asked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "supporter"], name="one_suggestion_per_supporter"
            )
        ]
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self) -> str:
        return f"suggestion {self.supporter_id} for request {self.request_id}"


class Match(models.Model):
    """Two people who both said yes: a private one-to-one conversation."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    request = models.OneToOneField(MatchRequest, on_delete=models.CASCADE, related_name="match")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matches_as_member"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matches_as_supporter"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "supporter"],
                condition=models.Q(status="active"),
                name="one_active_match_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"match {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def other_person(self, user):
        return self.supporter if user.pk == self.member_id else self.member


class Message(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_messages"
    )
    body = models.TextField(max_length=4000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # When crisis risk detection read this message; null means not yet (crisis scans for it).
    risk_scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["match", "id"])]

    def __str__(self) -> str:
        return f"message {self.pk} in match {self.match_id}"


class Block(models.Model):
    """A member never wants to be suggested this supporter again."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_blocks"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "supporter"], name="one_block_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} blocked {self.supporter_id}"


class Report(models.Model):
    """One side of a match telling admins about the other."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"report {self.pk} on match {self.match_id}"


class Feedback(models.Model):
    """Optional words to admins after a match ends. Never shown to the other person."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "author"], name="one_feedback_per_person")
        ]

    def __str__(self) -> str:
        return f"feedback on match {self.match_id}"
