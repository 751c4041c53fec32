"""Who may do what in a group, as plain functions.

Anyone who may not read a private group gets the same 404 as for a group that does not
exist: outsiders, people waiting for approval, people who left or were removed, visitors.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from communities.models import Group, Membership, Post
from peersupport.permissions import has_staff_mfa, mfa_setup_redirect, staff_required
from peersupport.roles import Role

EDIT_WINDOW = timedelta(minutes=getattr(settings, "COMMUNITIES_EDIT_WINDOW_MINUTES", 60))


def _staff_ready(user) -> bool:
    """Staff powers need MFA. Read once per user object: pages ask several times."""
    cached = getattr(user, "_communities_mfa", None)
    if cached is None:
        cached = has_staff_mfa(user)
        user._communities_mfa = cached
    return cached


def viewer_state(user, group: Group) -> str | None:
    """The viewer's membership state, from the selector's annotation when present."""
    if not user.is_authenticated:
        return None
    if hasattr(group, "viewer_state"):
        return group.viewer_state
    return Membership.objects.filter(group=group, user=user).values_list("state", flat=True).first()


def is_assigned_supporter(user, group: Group) -> bool:
    if not user.is_authenticated or not user.has_role(Role.SUPPORTER):
        return False
    if hasattr(group, "viewer_assigned"):
        return bool(group.viewer_assigned)
    return group.supporters.filter(pk=user.pk).exists()


def is_group_moderator(user, group: Group) -> bool:
    """An admin, or a peer supporter assigned to this group; either with MFA set up."""
    if not user.is_authenticated:
        return False
    if not (user.has_role(Role.ADMIN) or is_assigned_supporter(user, group)):
        return False
    return _staff_ready(user)


def is_active_member(user, group: Group) -> bool:
    return viewer_state(user, group) == Membership.State.ACTIVE


def can_read_group(user, group: Group) -> bool:
    return is_active_member(user, group) or is_group_moderator(user, group)


def can_post(user, group: Group) -> bool:
    return can_read_group(user, group)


def can_manage_groups(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMIN) and _staff_ready(user)


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


def readable_group_or_404(user, group: Group | None) -> Group:
    if group is None or not can_read_group(user, group):
        raise Http404
    return group


def moderated_group_or_404(user, group: Group | None) -> Group:
    if group is None or not is_group_moderator(user, group):
        raise Http404
    return group


def staff_page(*roles: str):
    """`staff_required(*roles)`, but any staff member without MFA is sent to set it up first,
    whichever staff role they hold: MFA comes before everything else a staff page says."""

    def decorator(view):
        guarded = staff_required(*roles)(view)

        @wraps(guarded)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and user.is_platform_staff and not _staff_ready(user):
                return mfa_setup_redirect(request)
            return guarded(request, *args, **kwargs)

        return wrapper

    return decorator
