"""People and their roles, and the beat heartbeat that /healthz reads."""

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from peersupport.roles import STAFF_ROLES, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person on the platform, known to others only by a pseudonym.

    No real name is ever asked: Django's username, first and last name are removed.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        "display name",
        max_length=40,
        help_text="The name others see. Please don't use your real name.",
    )
    timezone = models.CharField(max_length=64, default="UTC")

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="user_display_name_unique_ci"),
        ]
        # The staff dashboard counts people joining by day.
        indexes = [models.Index(fields=["date_joined"], name="user_date_joined_idx")]

    def __str__(self) -> str:
        return self.display_name or f"user {self.pk}"

    @property
    def role_names(self) -> frozenset[str]:
        """The roles this person holds, read once per instance."""
        cached = getattr(self, "_role_names", None)
        if cached is None:
            if self.pk is None:
                return frozenset()
            cached = frozenset(self.role_grants.values_list("role", flat=True))
            if self.is_superuser:
                cached |= {Role.ADMIN}
            self._role_names = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        """True when the person holds any of `roles`."""
        return bool(self.role_names.intersection(roles))

    @property
    def is_platform_staff(self) -> bool:
        return self.has_role(*STAFF_ROLES) or self.is_staff

    def forget_cached_roles(self) -> None:
        self.__dict__.pop("_role_names", None)


class RoleGrant(models.Model):
    """One role held by one person; who granted it and when, for the record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="rolegrant_user_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display()}"


class Heartbeat(models.Model):
    """The last time a named periodic job ran; /healthz reads the beat's."""

    name = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ExportJob(models.Model):
    """One member's request for a copy of their data, prepared by a Celery job.

    The archive is written under PRIVATE_MEDIA_ROOT and handed out only by the download
    view to its owner, until `expires_at`; the purge job then deletes the file.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Something went wrong"
        EXPIRED = "expired", "Expired"

    # A random id in the URL: nobody can guess their way to someone else's export.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="export_jobs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # The archive's name inside the private storage; blank once deleted.
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.state})"

    @property
    def is_unfinished(self) -> bool:
        return self.state in {self.State.PENDING, self.State.RUNNING}

    @property
    def is_downloadable(self) -> bool:
        return (
            self.state == self.State.READY
            and bool(self.file_name)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class StaffAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The staff audit log is append-only.")

    def delete(self):
        raise PermissionError("The staff audit log is append-only.")


class StaffAuditEntry(models.Model):
    """One change a staff member made in the console: who, what, to what, before and after.

    Append-only: rows are never edited or deleted by the application. The target is named by
    type and id, never by a person's name or email, and before/after hold settings (roles,
    a rule's pattern), never what a member wrote.
    """

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = StaffAuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name_plural = "staff audit entries"

    def __str__(self) -> str:
        return f"{self.action} on {self.target_type} {self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The staff audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The staff audit log is append-only.")


class DailyMetric(models.Model):
    """One figure for one day (UTC), rolled up by a nightly job so the dashboard stays fast."""

    day = models.DateField()
    key = models.CharField(max_length=60)
    series = models.CharField(max_length=60, blank=True)
    value = models.FloatField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "series", "day"], name="dailymetric_key_series_day_unique"
            ),
        ]
        indexes = [models.Index(fields=["day", "key"])]

    def __str__(self) -> str:
        return f"{self.key}/{self.series} on {self.day}: {self.value}"


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
    # Set when a digest should include it; cleared once the digest went out.
    digest_pending = models.BooleanField(default=False)

    class Meta:
        # Born in communities; every app sends them, so the platform keeps them now. The
        # table and index keep their first names (migrations 0004 here, 0010 there).
        db_table = "communities_notification"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="communities_user_id_67dc7b_idx")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
