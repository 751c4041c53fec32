"""Private peer-support groups: membership, threads, replies, meetings, resources."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Topic(models.TextChoices):
    """Topic tags a thread can carry. Members can mute any of them."""

    GENERAL = "general", "General"
    GRIEF = "grief", "Grief"
    ANNIVERSARIES = "anniversaries", "Anniversaries and memorials"
    LEGAL = "legal", "The legal process"
    PAPERWORK = "paperwork", "Paperwork and compensation"
    THERAPIST = "therapist", "Finding a therapist"
    SELF_CARE = "self-care", "Self-care"
    NEWS = "news", "The news and media"


class Group(models.Model):
    class JoinPolicy(models.TextChoices):
        APPROVAL = "approval", "Request and approval"
        INVITE = "invite", "Invite link only"

    MAX_QUESTIONS = 5

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    description_html = models.TextField(blank=True, editable=False)
    rules = models.TextField(blank=True, help_text="Markdown. Members accept these to join.")
    rules_html = models.TextField(blank=True, editable=False)
    screening_questions = models.JSONField(default=list, blank=True)
    is_listed = models.BooleanField(
        default=True, help_text="Listed in the directory. Hidden groups are invite-only."
    )
    join_policy = models.CharField(
        max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    supporters = models.ManyToManyField(
        USER, blank=True, related_name="supported_groups", help_text="Peer supporters."
    )
    cw_required_topics = models.JSONField(default=list, blank=True)
    invite_token = models.CharField(max_length=43, blank=True, db_index=True)
    invite_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # An archived group stays readable to its members but takes no new members or posts,
    # and leaves the directory. Set from the staff console.
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:group", args=[self.slug])

    def invite_is_open(self) -> bool:
        return bool(
            self.invite_token and self.invite_expires_at and self.invite_expires_at > timezone.now()
        )

    @staticmethod
    def new_invite_token() -> str:
        return secrets.token_urlsafe(32)


class Membership(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a supporter"
        ACTIVE = "active", "Member"
        DECLINED = "declined", "Not approved"
        REMOVED = "removed", "Removed"
        LEFT = "left", "Left the group"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="memberships")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    answers = models.JSONField(default=list, blank=True)
    rules_accepted_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_message = models.CharField(max_length=500, blank=True)
    welcomed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the member first opened the group after approval."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_group_user_unique")
        ]
        indexes = [
            models.Index(fields=["group", "state"]),
            # The staff dashboard counts requests and decisions by day.
            models.Index(fields=["requested_at"], name="membership_requested_at_idx"),
            models.Index(fields=["decided_at"], name="membership_decided_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}: {self.state}"


class Thread(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=140)
    topic = models.CharField(max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    # The id range of the thread's posts. Every page query is bounded by it: without it
    # PostgreSQL may walk the primary key across other threads' posts (an old thread's
    # ids sit below everything newer) instead of using the (thread, id) index.
    first_post_id = models.BigIntegerField(null=True, blank=True)
    last_post_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["group", "-last_activity_at", "-id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:thread", args=[self.group.slug, self.pk])


class Post(models.Model):
    """The opening post of a thread or a reply. `body_html` is sanitised once, when stored.

    `state` is set by moderation: only visible posts are shown to others; the author still
    sees their held or hidden post with a kind note; a removed post leaves its place."""

    class State(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HELD = "held", "Waiting for a moderator"
        HIDDEN = "hidden", "Hidden while a moderator looks at it"
        REMOVED = "removed", "Removed by a moderator"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="posts")
    is_anonymous = models.BooleanField(default=False)
    is_opening = models.BooleanField(default=False)
    body = models.TextField()
    body_html = models.TextField()
    cw_label = models.CharField("content warning", max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    reaction_count = models.PositiveIntegerField(default=0)
    # When crisis risk detection read these words; null means not yet (crisis scans for it).
    risk_scored_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.VISIBLE)
    moderator_edited_at = models.DateTimeField(null=True, blank=True)
    moderator_note = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.VISIBLE


class Reaction(models.Model):
    class Kind(models.TextChoices):
        SUPPORT = "support", "Sending support"
        ME_TOO = "me-too", "Me too"
        THANKS = "thanks", "Thank you"
        HUG = "hug", "Holding you in my thoughts"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "kind"], name="reaction_post_user_kind_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on post {self.post_id}"


class ThreadPreference(models.Model):
    """One person's follow / mute choice for one thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="preferences")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    following = models.BooleanField(default=False)
    muted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="threadpref_thread_user_unique")
        ]

    def __str__(self) -> str:
        return f"preference of {self.user_id} for thread {self.thread_id}"


class MemberSettings(models.Model):
    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", "Right away"
        DIGEST = "digest", "Once a day, in one email"
        OFF = "off", "No emails"

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="community_settings")
    hide_cw_posts = models.BooleanField("Hide posts with a content warning entirely", default=False)
    muted_topics = models.JSONField(default=list, blank=True)
    email_mode = models.CharField(
        max_length=10, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    # The month of the member's own anniversary, set only while they ask (in their peer
    # matching profile) to mute anniversary and memorial threads in the week around it.
    # matching keeps it in step through `member_anniversary_mute_set`.
    anniversary_mute_month = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"settings of {self.user_id}"

    def in_anniversary_week(self, today: date) -> bool:
        """True from a few days before the first of the anniversary month to a week after."""
        if not self.anniversary_mute_month:
            return False
        for year in (today.year - 1, today.year, today.year + 1):
            days_left = (date(year, self.anniversary_mute_month, 1) - today).days
            if -ANNIVERSARY_MUTE_AFTER_DAYS <= days_left <= ANNIVERSARY_MUTE_BEFORE_DAYS:
                return True
        return False


# Only the month is known, so "the anniversary" is the first of that month.
ANNIVERSARY_MUTE_BEFORE_DAYS = 5
ANNIVERSARY_MUTE_AFTER_DAYS = 7


class Meeting(models.Model):
    """A peer-led session. The call link is shown only to people who said they will come."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=120)
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveIntegerField(default=60)
    capacity = models.PositiveIntegerField(default=12)
    video_url = models.URLField(max_length=300)
    facilitator = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class Rsvp(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="rsvp_meeting_user_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} for meeting {self.meeting_id}"


class Resource(models.Model):
    class Category(models.TextChoices):
        HOTLINE = "hotline", "Hotline"
        LOCAL = "local", "Local service"
        ARTICLE = "article", "Article"
        LEGAL = "legal", "Legal and financial help"

    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40, blank=True)
    text_number = models.CharField("text", max_length=40, blank=True)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    region = models.CharField(max_length=80, blank=True, help_text="Blank means anywhere.")
    category = models.CharField(max_length=10, choices=Category.choices)
    languages = models.CharField(max_length=120, blank=True, help_text="Comma separated.")

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class NoteOfHope(models.Model):
    """A short message of hope. Shown to a newly approved member once a supporter approves it."""

    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.CharField(max_length=400)
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"note of hope {self.pk}"
