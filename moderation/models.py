"""Watched phrases, flags, the review queue, sanctions, the audit log, notes and appeals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from moderation import rules

USER = settings.AUTH_USER_MODEL


class WatchedPhrase(models.Model):
    class Kind(models.TextChoices):
        WORDS = rules.Kind.WORDS, "Word or phrase (whole words, catches spacing tricks)"
        REGEX = rules.Kind.REGEX, "Regular expression"

    class Action(models.TextChoices):
        ESCALATE = rules.Action.ESCALATE, "Escalate to crisis support"
        BLOCK = rules.Action.BLOCK, "Block (the author is told why)"
        HOLD = rules.Action.HOLD, "Hold for a moderator"
        REQUIRE_CW = rules.Action.REQUIRE_CW, "Require a content warning"
        NUDGE = rules.Action.NUDGE, "Nudge the author to reconsider"

    pattern = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WORDS)
    action = models.CharField(max_length=12, choices=Action.choices)
    explanation = models.CharField(
        max_length=400,
        blank=True,
        help_text="What the author reads, in kind words: why this matters to survivors.",
    )
    group = models.ForeignKey(
        "communities.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="watched_phrases",
        help_text="Empty: every group.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["action", "pattern"]

    def __str__(self) -> str:
        return f"{self.pattern} ({self.action})"

    def clean(self):
        problem = rules.validate(self.kind, self.pattern)
        if problem:
            raise ValidationError({"pattern": problem})

    def as_rule(self) -> rules.Rule:
        return rules.Rule(
            id=self.pk,
            kind=self.kind,
            pattern=self.pattern,
            action=self.action,
            explanation=self.explanation,
        )

    def snapshot(self) -> dict:
        return {
            "pattern": self.pattern,
            "kind": self.kind,
            "action": self.action,
            "explanation": self.explanation,
            "group": self.group_id,
            "is_active": self.is_active,
        }


class GroupModeration(models.Model):
    """Per-group moderation settings. Groups without a row use the site defaults."""

    group = models.OneToOneField(
        "communities.Group", on_delete=models.CASCADE, related_name="moderation_settings"
    )
    first_posts_held = models.PositiveSmallIntegerField(
        default=3, help_text="A member's first posts in the group wait for a moderator."
    )
    trusted_after_posts = models.PositiveSmallIntegerField(
        default=10, help_text="Approved posts after which a member's flags count as trusted."
    )
    flags_to_hide = models.PositiveSmallIntegerField(
        default=3, help_text="Flags from trusted members that hide a post until reviewed."
    )

    def __str__(self) -> str:
        return f"moderation settings of group {self.group_id}"


class QueueEntry(models.Model):
    """One thing waiting for a moderator. Flags on one post gather into one open entry."""

    class Kind(models.TextChoices):
        HELD = "held", "Held by a watched phrase"
        NEW_MEMBER = "new_member", "A new member's post"
        FLAGGED = "flagged", "Flagged by members"
        AT_RISK = "at_risk", "Someone may be at risk"
        JOIN_REQUEST = "join_request", "Request to join"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    class Priority(models.IntegerChoices):
        AT_RISK = 0, "At risk"
        HIGH = 1, "High"
        NORMAL = 2, "Normal"

    group = models.ForeignKey(
        "communities.Group", on_delete=models.CASCADE, related_name="queue_entries"
    )
    kind = models.CharField(max_length=14, choices=Kind.choices)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    post = models.ForeignKey(
        "communities.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    membership = models.ForeignKey(
        "communities.Membership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="+", help_text="The author or requester."
    )
    detail = models.CharField(max_length=400, blank=True)
    is_graphic = models.BooleanField(default=False)
    flag_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=30, blank=True)
    breach_alerted_at = models.DateTimeField(null=True, blank=True)
    admins_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "priority", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(state="open", post__isnull=False),
                name="queueentry_one_open_per_post",
            ),
            models.UniqueConstraint(
                fields=["membership"],
                condition=Q(state="open", membership__isnull=False),
                name="queueentry_one_open_per_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} entry {self.pk} ({self.state})"


class Flag(models.Model):
    class Reason(models.TextChoices):
        AT_RISK = "at_risk", "Someone may be at risk"
        GRAPHIC = "graphic", "Graphic detail without a content warning"
        HURTFUL = "hurtful", "Hurtful or judgemental"
        HARASSMENT = "harassment", "Harassment"
        SPAM = "spam", "Spam"
        OTHER = "other", "Something else"

    post = models.ForeignKey("communities.Post", on_delete=models.CASCADE, related_name="+")
    flagger = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    is_trusted = models.BooleanField(default=False)
    entry = models.ForeignKey(
        QueueEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "flagger"], name="flag_post_flagger_unique")
        ]
        indexes = [models.Index(fields=["flagger", "created_at"])]

    def __str__(self) -> str:
        return f"flag on post {self.post_id}: {self.reason}"


class Mute(models.Model):
    """The member may read the group but not post in it until `until`."""

    group = models.ForeignKey("communities.Group", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["group", "user", "until"])]

    def __str__(self) -> str:
        return f"{self.user_id} muted in {self.group_id} until {self.until:%Y-%m-%d %H:%M}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("The audit log cannot be changed.")

    def delete(self):
        raise ValidationError("The audit log cannot be changed.")


class AuditEntry(models.Model):
    """One moderation action, join decision or watched-phrase change. Append-only: the
    model refuses updates and deletes, and a PostgreSQL trigger refuses them too.

    References carry no database constraint and no cascade: deleting a person, group or
    queue entry never touches (or is blocked by) the record of what happened."""

    actor = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=40, db_index=True)
    group = models.ForeignKey(
        "communities.Group",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    subject = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text="The member the action was about.",
    )
    target_type = models.CharField(max_length=30)
    target_id = models.BigIntegerField(null=True, blank=True)
    entry = models.ForeignKey(
        QueueEntry,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit",
    )
    reason = models.CharField(max_length=1000, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["group", "-created_at"]),
            models.Index(fields=["subject", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} on {self.target_type} {self.target_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise ValidationError("The audit log cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The audit log cannot be changed.")


class MemberNote(models.Model):
    """A supporter's private note about a member, for the group's supporters and admins."""

    group = models.ForeignKey("communities.Group", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "member"])]

    def __str__(self) -> str:
        return f"note on {self.member_id} in {self.group_id}"


class Appeal(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for an admin"
        UPHELD = "upheld", "Decision stands"
        OVERTURNED = "overturned", "Decision reversed"

    action = models.OneToOneField(
        AuditEntry, on_delete=models.PROTECT, related_name="appeal", help_text="What is appealed."
    )
    appellant = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(max_length=2000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.state})"


class ReviewSitting(models.Model):
    """One supporter's continuous stretch on the queue, for the break reminder."""

    moderator = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["moderator", "-last_seen_at"])]

    def __str__(self) -> str:
        return f"sitting of {self.moderator_id} from {self.started_at:%H:%M}"


class ModeratorPreference(models.Model):
    moderator = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    step_back_from_at_risk = models.BooleanField(
        default=False, help_text="Leave at-risk items to others for now."
    )

    def __str__(self) -> str:
        return f"preferences of {self.moderator_id}"


class CareMessage(models.Model):
    """A private message of concern from a group's peer supporters to a member.

    The member sees it signed by "the peer supporters of <group>", with crisis resources."""

    group = models.ForeignKey("communities.Group", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"care message to {self.recipient_id}"
