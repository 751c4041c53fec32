"""Who may moderate what. Anyone else gets the same 404 as for a thing that does not exist."""

from django.http import Http404

from communities.models import Group
from communities.permissions import is_group_moderator
from peersupport.permissions import has_staff_mfa
from peersupport.roles import Role


def is_moderation_admin(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.ADMIN) and has_staff_mfa(user))


def moderated_group_ids(user) -> list[int] | None:
    """The groups whose queue `user` works; None means every group (admins)."""
    if is_moderation_admin(user):
        return None
    if not (user.is_authenticated and user.has_role(Role.SUPPORTER) and has_staff_mfa(user)):
        return []
    return list(Group.objects.filter(supporters=user).values_list("pk", flat=True))


def can_moderate(user, group_id: int) -> bool:
    ids = moderated_group_ids(user)
    return ids is None or group_id in ids


def can_moderate_group(user, group: Group) -> bool:
    return is_group_moderator(user, group)


def group_or_404(user, group: Group | None) -> Group:
    if group is None or not can_moderate_group(user, group):
        raise Http404
    return group


def can_decide_appeal(user, *, acting_moderator_id: int | None) -> bool:
    """An admin who did not take the decision being appealed."""
    return is_moderation_admin(user) and user.pk != acting_moderator_id
