"""Who may do what in a group, as plain functions.

Anyone who may not read a private group gets the same 404 as for a group that does not
exist: outsiders, people waiting for approval, people who left or were removed, visitors.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from communities.models import Group, Membership, Post
from peersupport.permissions import has_staff_mfa, mfa_setup_redirect, staff_required
from peersupport.roles import Role

EDIT_WINDOW = timedelta(minutes=getattr(settings, "COMMUNITIES_EDIT_WINDOW_MINUTES", 60))


_UNKNOWN = object()


@dataclass(frozen=True)
class GroupAccess:
    """What one person may do in one group: the answer of the permission check, passed
    along with the group rather than stored on it (as Zulip's `access_stream_by_id` returns
    the stream with what the user may do). Build it with `group_access`."""

    group: Group
    state: str | None = None  # the person's membership state, None when they have none
    assigned: bool = False  # a peer supporter assigned to this group
    admin: bool = False
    staff_ready: bool = False  # staff powers need MFA

    @property
    def is_moderator(self) -> bool:
        """An admin, or a peer supporter assigned to this group; either with MFA set up."""
        return (self.admin or self.assigned) and self.staff_ready

    @property
    def is_active_member(self) -> bool:
        return self.state == Membership.State.ACTIVE

    @property
    def can_read(self) -> bool:
        return self.is_active_member or self.is_moderator


def group_access(
    user, group: Group, *, state=_UNKNOWN, assigned=_UNKNOWN, staff_ready=_UNKNOWN
) -> GroupAccess:
    """The one permission check for a person in a group. A selector that has already read
    the person's membership state, assignment or MFA (in the page's query) passes them."""
    if not user.is_authenticated:
        return GroupAccess(group=group)
    if state is _UNKNOWN:
        state = (
            Membership.objects.filter(group=group, user=user)
            .values_list("state", flat=True)
            .first()
        )
    supporter = user.has_role(Role.SUPPORTER)
    if assigned is _UNKNOWN:
        assigned = supporter and group.supporters.filter(pk=user.pk).exists()
    assigned = bool(supporter and assigned)
    admin = user.has_role(Role.ADMIN)
    if staff_ready is _UNKNOWN:
        staff_ready = (admin or assigned) and has_staff_mfa(user)
    return GroupAccess(
        group=group, state=state, assigned=assigned, admin=admin, staff_ready=bool(staff_ready)
    )


# For a caller holding only the group: each asks the database.


def viewer_state(user, group: Group) -> str | None:
    return group_access(user, group).state


def is_assigned_supporter(user, group: Group) -> bool:
    return group_access(user, group).assigned


def is_group_moderator(user, group: Group) -> bool:
    return group_access(user, group).is_moderator


def is_active_member(user, group: Group) -> bool:
    return group_access(user, group).is_active_member


def can_read_group(user, group: Group) -> bool:
    return group_access(user, group).can_read


def can_post(user, group: Group) -> bool:
    return can_read_group(user, group)


def can_manage_groups(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMIN) and has_staff_mfa(user)


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own words for a while after posting."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and post.deleted_at is None
        and post.state != Post.State.REMOVED
        and timezone.now() - post.created_at <= EDIT_WINDOW
    )


def can_delete_post(user, post: Post) -> bool:
    return user.is_authenticated and post.author_id == user.pk and post.deleted_at is None


def readable_or_404(access: GroupAccess | None) -> GroupAccess:
    if access is None or not access.can_read:
        raise Http404
    return access


def moderated_or_404(access: GroupAccess | None) -> GroupAccess:
    if access is None or not access.is_moderator:
        raise Http404
    return access


def staff_page(*roles: str):
    """`staff_required(*roles)`, but any staff member without MFA is sent to set it up first,
    whichever staff role they hold: MFA comes before everything else a staff page says."""

    def decorator(view):
        guarded = staff_required(*roles)(view)

        @wraps(guarded)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and user.is_platform_staff and not has_staff_mfa(user):
                return mfa_setup_redirect(request)
            return guarded(request, *args, **kwargs)

        return wrapper

    return decorator
