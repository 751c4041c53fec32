"""The "Get help now" control every page shows, and the banner when nobody is on duty."""

import time

from django import template
from django.db import DatabaseError

from crisis import detection, selectors
from peersupport.hotlines import LINES

register = template.Library()

# Read on every page: keep the on-duty count a few seconds per process (no Redis needed).
COVERAGE_TTL_SECONDS = 10.0
_coverage: dict = {"checked_at": 0.0, "on_duty": None}


def coverage_forget() -> None:
    _coverage["on_duty"] = None


def counselors_on_duty() -> int | None:
    """How many counselors are on duty; None when it cannot be read (never breaks a page)."""
    now = time.monotonic()
    if _coverage["on_duty"] is None or now - _coverage["checked_at"] > COVERAGE_TTL_SECONDS:
        try:
            _coverage["on_duty"] = selectors.counselors_on_duty_count()
        except DatabaseError:
            return None
        _coverage["checked_at"] = now
    return _coverage["on_duty"]


@register.inclusion_tag("crisis/_get_help_control.html", takes_context=True)
def get_help_control(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "signed_in": signed_in,
    }


@register.inclusion_tag("crisis/_coverage_notice.html", takes_context=True)
def coverage_notice(context):
    """One line under the header bar for signed-in people while no counselor is on duty."""
    user = getattr(context.get("request"), "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {"nobody_on_duty": signed_in and counselors_on_duty() == 0, "LINES": LINES}


@register.filter
def risk_reason(reason: str) -> str:
    """A reason as a counselor reads it; escalations stored before 2026-12-06 hold codes
    ("suicidal_thoughts:high"), shown in the same plain words as new ones."""
    return detection.reason_in_words(reason)
