"""Request-wide rules: MFA before any staff page, no caching of private pages."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from peersupport.permissions import has_staff_mfa, is_staff_path, mfa_setup_redirect


class StaffMFAMiddleware:
    """Send staff without MFA to set it up before any page under a staff prefix.

    Covers Django admin too; views elsewhere use `permissions.staff_required`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and user.is_authenticated
            and not user.is_platform_staff
        ):
            # Django admin answered 403 to a signed-in member: a hint it is there.
            raise Http404
        if (
            is_staff_path(request.path)
            and user.is_authenticated
            and user.is_platform_staff
            and not has_staff_mfa(user)
        ):
            return mfa_setup_redirect(request)
        return self.get_response(request)


class PrivatePagesNoStoreMiddleware:
    """Never let a browser or proxy keep a copy of a signed-in page.

    A shared phone's back button or cache must not show someone's private pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class SignOutClearsSiteDataMiddleware:
    """Signing out leaves nothing of the platform in the browser: no cached pages, no stored
    data, no offline copy (the service worker). Cookies go with the session as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and request.path == reverse("account_logout"):
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class PersonTimeZoneMiddleware:
    """Every time shown to a signed-in person is in the zone they chose in their settings
    (the footer names it); visitors see UTC. Stored times stay UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = None
        if request.user.is_authenticated and request.user.timezone:
            try:
                zone = ZoneInfo(request.user.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                zone = None
        if zone is not None:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


# The browser features no page here uses, refused for the site and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
        "browsing-topics", "interest-cohort",
    )
)  # fmt: skip


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header on every response (issue 18 #17)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
