"""Template helpers for community pages."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from communities.selectors import notifications_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def community_bar(context):
    """The groups sub-navigation."""
    request = context["request"]
    return render_to_string("communities/_bar.html", {"user": request.user}, request=request)


@register.inclusion_tag("communities/_bell.html", takes_context=True)
def notification_bell(context):
    """The header's bell with the unread count; static/js/live.js keeps it live."""
    return {"unread_count": _unread_count(context)}


@register.inclusion_tag("communities/_bell_badge.html", takes_context=True)
def notification_badge(context):
    """The unread count on the phone's Menu button (the bell itself is inside the menu)."""
    return {"unread_count": _unread_count(context)}


def _unread_count(context) -> int:
    """Read once per page, for the badge and the bell alike."""
    cache = context.render_context
    if "unread_count" not in cache:
        user = context["request"].user
        cache["unread_count"] = notifications_unread_count(user) if user.is_authenticated else 0
    return cache["unread_count"]


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
