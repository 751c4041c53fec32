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
