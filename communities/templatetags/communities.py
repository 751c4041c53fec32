"""Template helpers for community pages."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from communities.selectors import notifications_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def community_bar(context):
    """The groups sub-navigation with the notification bell and its unread count."""
    request = context["request"]
    user = request.user
    unread = notifications_unread_count(user) if user.is_authenticated else 0
    return render_to_string(
        "communities/_bar.html", {"user": user, "unread_count": unread}, request=request
    )


@register.simple_tag(takes_context=True)
def local_time(context, moment):
    """A moment in the viewer's own time zone, with the zone named."""
    user = context["request"].user
    try:
        zone = ZoneInfo(getattr(user, "timezone", "") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = timezone.localtime(moment, zone)
    return f"{local:%A %-d %B %Y, %-H:%M} ({zone.key})"
