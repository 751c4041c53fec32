"""What every page needs: crisis lines and the quick-exit address."""

from django.conf import settings
from django.utils import timezone

from peersupport.hotlines import HOTLINES, LINES


def platform(request):
    user = request.user
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "HOTLINES": HOTLINES,
        "LINES": LINES,
        "user_is_staff": bool(user.is_authenticated and user.is_platform_staff),
        "time_zone_name": timezone.get_current_timezone_name(),
    }
