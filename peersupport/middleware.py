"""Request-wide rules: MFA before any staff page, no caching of private pages."""

from django.http import Http404
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
