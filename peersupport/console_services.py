"""Writes made from the staff console. Each change and its audit row share one transaction."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from peersupport import metrics
from peersupport.audit import audit_record
from peersupport.models import DailyMetric, User
from peersupport.roles import Role
from peersupport.services import account_close, role_grant, role_revoke

logger = logging.getLogger(__name__)


class SuspensionReason:
    CHOICES = (
        ("safety", "Keeping others safe"),
        ("harassment", "Harassment or cruelty"),
        ("spam", "Spam or impersonation"),
        ("request", "They asked for a pause"),
        ("other", "Another reason (noted elsewhere)"),
    )


def _roles(user: User) -> list[str]:
    return sorted(user.role_grants.values_list("role", flat=True))


@transaction.atomic
def person_role_grant(*, actor: User, user: User, role: str) -> bool:
    """Give `user` the role and record it. False when they already held it (nothing recorded)."""
    if role not in Role.values:
        raise ValidationError("That is not a role on this platform.")
    before = _roles(user)
    if not role_grant(user=user, role=role, granted_by=actor):
        return False
    audit_record(
        actor=actor,
        action="role.grant",
        target=user,
        before={"roles": before},
        after={"roles": _roles(user)},
    )
    return True


@transaction.atomic
def person_role_revoke(*, actor: User, user: User, role: str) -> bool:
    """Take the role away and record it. False when they did not hold it.

    Admins cannot take away their own admin role, so the console never locks out the last
    person who could give it back.
    """
    if user.pk == actor.pk and role == Role.ADMIN:
        raise ValidationError("You cannot remove your own admin role. Ask another admin.")
    before = _roles(user)
    if not role_revoke(user=user, role=role):
        return False
    audit_record(
        actor=actor,
        action="role.revoke",
        target=user,
        before={"roles": before},
        after={"roles": _roles(user)},
    )
    return True


@transaction.atomic
def person_suspend(*, actor: User, user: User, reason: str) -> bool:
    """Stop `user` signing in and end their sessions. False when already suspended."""
    if user.pk == actor.pk:
        raise ValidationError("You cannot suspend yourself.")
    if reason not in dict(SuspensionReason.CHOICES):
        raise ValidationError("Please choose a reason.")
    if not account_close(user=user):
        return False
    audit_record(
        actor=actor,
        action="person.suspend",
        target=user,
        before={"is_active": True},
        after={"is_active": False, "reason": reason},
    )
    logger.info("console: account %s suspended", user.pk)
    return True


@transaction.atomic
def person_unsuspend(*, actor: User, user: User) -> bool:
    """Let `user` sign in again. False when they were not suspended."""
    won = User.objects.filter(pk=user.pk, is_active=False).update(is_active=True)
    if not won:
        return False
    user.is_active = True
    audit_record(
        actor=actor,
        action="person.unsuspend",
        target=user,
        before={"is_active": False},
        after={"is_active": True},
    )
    return True


# --- metrics roll-up ---------------------------------------------------------------------


@transaction.atomic
def metrics_rollup_day(*, day: date) -> int:
    """Compute and store every rolled-up figure for the UTC day `day`. Safe to repeat."""
    start, end = metrics.day_bounds(day)
    rows = []
    for chart in metrics.charts():
        if not chart.rolls_up:
            continue
        for series, value in chart.daily(start, end).items():
            if value is not None:
                rows.append(DailyMetric(day=day, key=chart.key, series=series, value=value))
    rows.append(DailyMetric(day=day, key=metrics.ROLLUP_MARKER, series="", value=1))
    DailyMetric.objects.filter(day=day).delete()
    DailyMetric.objects.bulk_create(rows)
    return len(rows) - 1


def metrics_rollup(*, today: date | None = None, backfill_days: int | None = None) -> list[date]:
    """Roll up yesterday (again, for late changes) and any earlier day not yet rolled up,
    back `backfill_days`. Returns the days rolled up."""
    today = today or timezone.now().date()
    backfill_days = (
        settings.CONSOLE_METRICS_BACKFILL_DAYS if backfill_days is None else backfill_days
    )
    first = today - timedelta(days=max(1, backfill_days))
    done = set(
        DailyMetric.objects.filter(
            key=metrics.ROLLUP_MARKER, day__gte=first, day__lt=today
        ).values_list("day", flat=True)
    )
    yesterday = today - timedelta(days=1)
    due = [
        first + timedelta(days=n)
        for n in range((today - first).days)
        if first + timedelta(days=n) not in done or first + timedelta(days=n) == yesterday
    ]
    for day in due:
        metrics_rollup_day(day=day)
    return due
