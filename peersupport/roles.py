"""The roles a person can hold. A person may hold several (a supporter is also a member)."""

from django.db import models


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    SUPPORTER = "supporter", "Peer supporter"
    COUNSELOR = "counselor", "Crisis counselor"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Admin"


# Every staff role must have MFA set up before any staff page opens.
STAFF_ROLES = frozenset({Role.SUPPORTER, Role.COUNSELOR, Role.SUPERVISOR, Role.ADMIN})
