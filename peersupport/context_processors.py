"""What every page needs: crisis lines and the quick-exit address."""

from django.conf import settings
from django.utils import timezone

HOTLINES = (
    {"name": "988 Suicide & Crisis Lifeline", "how": "Call or text 988", "href": "tel:988"},
    {
        "name": "Disaster Distress Helpline",
        "how": "Call or text 1-800-985-5990",
        "href": "tel:18009855990",
    },
    {"name": "Emergency services", "how": "Call 911 if you are in danger now", "href": "tel:911"},
)


def platform(request):
    user = request.user
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "HOTLINES": HOTLINES,
        "user_is_staff": bool(user.is_authenticated and user.is_platform_staff),
        "time_zone_name": timezone.get_current_timezone_name(),
    }
