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
    user = context["request"].user
    return {"unread_count": notifications_unread_count(user) if user.is_authenticated else 0}


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
