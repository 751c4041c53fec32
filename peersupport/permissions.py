"""Who may do what, as plain functions and one decorator for staff pages."""

from functools import wraps
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from peersupport.roles import STAFF_ROLES


def has_staff_mfa(user) -> bool:
    """Staff pages open only once TOTP (with its recovery codes) is set up."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def mfa_setup_redirect(request):
    url = reverse("mfa_activate_totp") + "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)


def is_staff_path(path: str) -> bool:
    return path.startswith(settings.STAFF_URL_PREFIXES)


def staff_required(*roles: str):
    """Open the view only to people holding one of `roles` (any staff role by default).

    Anonymous visitors go to log in; staff without MFA go to MFA set-up first (whatever
    the page's role: they know staff pages exist); everyone else without the role gets a
    404, no hint that the page exists.
    """
    allowed = tuple(roles) or tuple(STAFF_ROLES)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.is_platform_staff and not has_staff_mfa(user):
                return mfa_setup_redirect(request)
            if not user.has_role(*allowed):
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.staff_only = True
        wrapper.staff_roles = allowed
        return wrapper

    return decorator
