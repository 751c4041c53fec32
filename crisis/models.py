"""Escalations (a state machine, persisted before anything is sent), their events and chat,
counselor presence, and the risk rules admins edit.

The database is the truth: the channel layer only carries hints that something changed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from crisis import detection


class State(models.TextChoices):
    OPEN = "open", "Waiting for a counselor"
    CLAIMED = "claimed", "Claimed by a counselor"
    ACTIVE = "active", "In conversation"
    CLOSED = "closed", "Closed"
    ABANDONED = "abandoned", "Member left before anyone joined"


# An escalation in one of these states is "open" in the everyday sense: someone is waiting or
# being helped. A member has at most one at a time (a partial unique index keeps it so).
LIVE_STATES = (State.OPEN, State.CLAIMED, State.ACTIVE)


class Trigger(models.TextChoices):
    BUTTON = "button", "Pressed Get help now"
    POST = "post", "Risk found in a post"
    REPLY = "reply", "Risk found in a reply"
    MESSAGE = "message", "Risk found in a direct message"
    CHAT = "chat", "Risk found in crisis chat"
    FLAG = "flag", "Flagged as possibly at risk"
    SUPPORTER = "supporter", "Escalated by a peer supporter"


class RiskLevel(models.TextChoices):
    NONE = "none", "None"
    CONCERN = "concern", "Concern"
    HIGH = "high", "High"
    IMMINENT = "imminent", "Imminent"


RISK_ORDER = {RiskLevel.NONE: 0, RiskLevel.CONCERN: 1, RiskLevel.HIGH: 2, RiskLevel.IMMINENT: 3}


def priority_for(*, trigger: str, risk_level: str) -> int:
    """Queue priority, smaller first: imminent > high > help button > concern."""
    if risk_level == RiskLevel.IMMINENT:
        return 0
    if risk_level == RiskLevel.HIGH:
        return 1
    if trigger == Trigger.BUTTON:
        return 2
    return 3


class Disposition(models.TextChoices):
    SAFE = "safe", "Supported and safe"
    SAFETY_PLAN = "safety_plan", "Safety plan made"
    REFERRED = "referred", "Referred to 988 / local services"
    EMERGENCY = "emergency", "Emergency services contacted"
    MEMBER_LEFT = "member_left", "Member left"


class Escalation(models.Model):
    """One person who needs a counselor, from the first alert to the close."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="crisis_escalations"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    trigger = models.CharField(max_length=12, choices=Trigger.choices)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, default=RiskLevel.NONE)
    risk_reasons = models.JSONField(default=list, blank=True)
    priority = models.PositiveSmallIntegerField(default=2)
    # What triggered it, for the counselor: e.g. "post:42" and a link and plain-text excerpt.
    source_ref = models.CharField(max_length=60, blank=True)
    source_url = models.CharField(max_length=300, blank=True)
    source_text = models.TextField(blank=True)

    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="crisis_escalations_handled",
    )
    # After a transfer to a named colleague, the alert goes to them first.
    transferred_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A peer supporter who was already talking to the member may stay until a counselor joins.
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crisis_escalations_supported",
    )

    created_at = models.DateTimeField(default=timezone.now)
    # When it (re-)entered the queue: creation, or the last transfer. The ladder counts from it.
    queued_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    active_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # The outbox: the last alert sent, and whether any console acknowledged it.
    alert_sent_at = models.DateTimeField(null=True, blank=True)
    alert_acked_at = models.DateTimeField(null=True, blank=True)
    # How far up the paging ladder it went since queued_at (see PageLevel).
    page_level = models.PositiveSmallIntegerField(default=0)

    # The member's chat socket was last connected or heard from; the stale-chat check reads it.
    member_seen_at = models.DateTimeField(null=True, blank=True)
    quiet_flagged_at = models.DateTimeField(null=True, blank=True)

    disposition = models.CharField(max_length=12, choices=Disposition.choices, blank=True)
    private_notes = models.TextField(blank=True)
    follow_up_listed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(state__in=["open", "claimed", "active"]),
                name="crisis_one_live_escalation_per_member",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "priority", "queued_at"]),
            # The staff dashboard counts escalations by the day they opened.
            models.Index(fields=["created_at"], name="escalation_created_at_idx"),
        ]

    def __str__(self) -> str:
        return f"escalation {self.pk} ({self.state})"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES


class PageLevel(models.IntegerChoices):
    FIRST_ALERT = 0, "First alert"
    REPAGED = 1, "Re-paged to every on-duty counselor"
    SUPERVISORS = 2, "Supervisors paged"
    MEMBER_TOLD = 3, "Member told to use the hotlines"


class EscalationEvent(models.Model):
    """What happened to an escalation, and who did it. Never holds what anyone wrote."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.escalation_id}"


class ChatMessage(models.Model):
    """A line in a crisis chat, stored before it is broadcast."""

    class Author(models.TextChoices):
        MEMBER = "member", "Member"
        COUNSELOR = "counselor", "Counselor"
        SUPPORTER = "supporter", "Peer supporter"
        SUPERVISOR = "supervisor", "Supervisor"
        SYSTEM = "system", "peersupport"

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_kind = models.CharField(max_length=12, choices=Author.choices)
    body = models.TextField()
    # The sender's own id for the message, so a resend after a reconnect is not stored twice.
    client_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "author", "client_id"],
                condition=~Q(client_id=""),
                name="crisis_chat_message_client_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.escalation_id}"


class CounselorPresence(models.Model):
    """Whether a counselor is on duty, kept alive by their console's heartbeats."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_presence"
    )
    on_duty = models.BooleanField(default=False)
    last_seen_at = models.DateTimeField(default=timezone.now)
    capacity = models.PositiveSmallIntegerField(default=3)

    def __str__(self) -> str:
        return f"{self.user} {'on' if self.on_duty else 'off'} duty"


class CoverageGap(models.Model):
    """A stretch of time with no counselor on duty. Supervisors and admins hear when it starts."""

    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ended_at"],
                condition=Q(ended_at__isnull=True),
                name="crisis_one_open_coverage_gap",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"no counselor on duty from {self.started_at:%Y-%m-%d %H:%M}"


class SurveyResponse(models.Model):
    """The member's short word after a chat, and an optional follow-up check-in."""

    escalation = models.OneToOneField(Escalation, on_delete=models.CASCADE, related_name="survey")
    helped = models.PositiveSmallIntegerField(null=True, blank=True)  # 1..5
    follow_up_at = models.DateTimeField(null=True, blank=True)
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"survey for {self.escalation_id}"


class CannedResponse(models.Model):
    """Words a counselor can insert into a chat, kept by supervisors and admins."""

    title = models.CharField(max_length=60)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class RiskRule(models.Model):
    """A phrase or pattern that signals risk. Admins edit these; detection reads them."""

    class Category(models.TextChoices):
        SUICIDAL_THOUGHTS = "suicidal_thoughts", "Suicidal thoughts"
        PLAN_OR_MEANS = "plan_or_means", "Plan or means"
        INTENT_OR_TIMING = "intent_or_timing", "Intent or timing"
        SELF_HARM = "self_harm", "Self-harm"
        HARM_TO_OTHERS = "harm_to_others", "Harm to others"
        IMMEDIATE_DANGER = "immediate_danger", "Immediate danger"
        DISTRESS = "distress", "Distress"

    category = models.CharField(max_length=20, choices=Category.choices)
    level = models.CharField(
        max_length=10,
        choices=[c for c in RiskLevel.choices if c[0] != RiskLevel.NONE],
    )
    pattern = models.CharField(
        max_length=1000,
        help_text="A regular expression matched case-insensitively against each clause.",
    )
    enabled = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.pattern}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        detection.rules_forget()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        detection.rules_forget()
        return result


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Shift(models.Model):
    """A weekly slot on the counselor roster (UTC). Ending at or before its start time means
    it runs past midnight into the next day; the roster shows hours nobody covers."""

    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_shifts"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["weekday", "starts_at", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M} "
            f"({self.counselor})"
        )
