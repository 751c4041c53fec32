"""Writes for people and roles. Views, commands and other apps call these."""

from django.db import transaction
from django.utils import timezone

from peersupport.models import Heartbeat, RoleGrant, User
from peersupport.roles import Role


@transaction.atomic
def user_create(
    *,
    email: str,
    display_name: str,
    password: str | None,
    roles: tuple[str, ...] = (Role.MEMBER,),
) -> User:
    """Create a person with `roles` (a member by default). No email is sent here."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


def role_grant(*, user: User, role: str, granted_by: User | None = None) -> bool:
    """Give `user` the role. False when they already held it."""
    _grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": granted_by}
    )
    user.forget_cached_roles()
    return created


def role_revoke(*, user: User, role: str) -> bool:
    """Take the role away. False when they did not hold it."""
    deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
    user.forget_cached_roles()
    return bool(deleted)


def heartbeat_record(*, name: str) -> None:
    """Note that the periodic job `name` ran just now."""
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})
