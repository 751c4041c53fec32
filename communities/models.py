"""Private peer-support groups."""

from django.db import models
from django.utils import timezone


class Group(models.Model):
    class JoinPolicy(models.TextChoices):
        APPROVAL = "approval", "Request and approval"
        INVITE = "invite", "Invite link only"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    description_html = models.TextField(blank=True, editable=False)
    is_listed = models.BooleanField(
        default=True, help_text="Listed in the directory. Hidden groups are invite-only."
    )
    join_policy = models.CharField(
        max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """Something a person should know about, shown in the app and pushed live.

    `text` never quotes what someone wrote: it says what happened and where.
    """

    user = models.ForeignKey(
        "peersupport.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=200)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
