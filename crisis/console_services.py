"""Console writes for the crisis app: risk rules, canned responses, the shift roster.

Each change and its staff audit row are saved in one transaction.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from crisis.models import CannedResponse, RiskRule, Shift
from peersupport.audit import audit_record
from peersupport.roles import Role

RULE_FIELDS = ("category", "level", "pattern", "enabled", "note")
CANNED_FIELDS = ("title", "text", "position")


def _snapshot(obj, fields) -> dict:
    return {name: getattr(obj, name) for name in fields}


def check_pattern(pattern: str) -> None:
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValidationError(f"That pattern is not a valid regular expression ({exc}).") from exc


@transaction.atomic
def risk_rule_save(*, actor, rule: RiskRule | None = None, **values) -> RiskRule:
    """Create (rule=None) or change a risk rule. Detection reads the table on every check,
    so the change applies to the next post at once."""
    check_pattern(values.get("pattern", rule.pattern if rule else ""))
    before = _snapshot(rule, RULE_FIELDS) if rule else {}
    if rule is None:
        rule = RiskRule(**values)
    else:
        for name, value in values.items():
            setattr(rule, name, value)
    rule.full_clean()
    rule.save()
    audit_record(
        actor=actor,
        action="risk_rule.create" if not before else "risk_rule.change",
        target=rule,
        before=before,
        after=_snapshot(rule, RULE_FIELDS),
    )
    return rule


@transaction.atomic
def canned_response_save(*, actor, canned: CannedResponse | None = None, **values):
    before = _snapshot(canned, CANNED_FIELDS) if canned else {}
    if canned is None:
        canned = CannedResponse(**values)
    else:
        for name, value in values.items():
            setattr(canned, name, value)
    canned.full_clean()
    canned.save()
    audit_record(
        actor=actor,
        action="canned_response.create" if not before else "canned_response.change",
        target=canned,
        before=before,
        after=_snapshot(canned, CANNED_FIELDS),
    )
    return canned


@transaction.atomic
def canned_response_delete(*, actor, canned: CannedResponse) -> None:
    target = (canned._meta.label_lower, str(canned.pk))
    before = _snapshot(canned, CANNED_FIELDS)
    canned.delete()
    audit_record(actor=actor, action="canned_response.delete", target=target, before=before)


def _shift_snapshot(shift: Shift) -> dict:
    return {
        "counselor_id": shift.counselor_id,
        "weekday": shift.weekday,
        "starts_at": shift.starts_at.strftime("%H:%M"),
        "ends_at": shift.ends_at.strftime("%H:%M"),
    }


@transaction.atomic
def shift_add(*, actor, counselor, weekday: int, starts_at, ends_at) -> Shift:
    if not counselor.has_role(Role.COUNSELOR, Role.SUPERVISOR):
        raise ValidationError("Only counselors and supervisors can be put on the roster.")
    if starts_at == ends_at:
        raise ValidationError("A shift needs a start and an end that differ.")
    shift = Shift.objects.create(
        counselor=counselor, weekday=weekday, starts_at=starts_at, ends_at=ends_at
    )
    audit_record(actor=actor, action="shift.add", target=shift, after=_shift_snapshot(shift))
    return shift


@transaction.atomic
def shift_remove(*, actor, shift: Shift) -> None:
    target = (shift._meta.label_lower, str(shift.pk))
    before = _shift_snapshot(shift)
    shift.delete()
    audit_record(actor=actor, action="shift.remove", target=target, before=before)
