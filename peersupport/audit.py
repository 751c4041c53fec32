"""The staff audit log: one append-only row for every change made in the staff console.

Other apps' console services call `audit_record` inside the same transaction as the change,
so a change and its record are saved together or not at all.
"""

from django.db import models

from peersupport.models import StaffAuditEntry


def target_of(obj: models.Model) -> tuple[str, str]:
    """The stable name of a changed object: ("crisis.riskrule", "12"). Never a person's name."""
    return obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | tuple[str, str],
    before: dict | None = None,
    after: dict | None = None,
) -> StaffAuditEntry:
    """Write one audit row. `before`/`after` hold settings, never anything a member wrote."""
    target_type, target_id = target if isinstance(target, tuple) else target_of(target)
    return StaffAuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        before=before or {},
        after=after or {},
    )


def audit_forget_person(user) -> None:
    """Account erasure's one door into the append-only log: keep what was done, not who.

    Their own changes lose the actor; changes made to them lose the target id and the
    before/after (a supporter's training programme, a suspension reason).
    """
    rows = StaffAuditEntry._base_manager  # the default manager refuses updates on purpose
    rows.filter(actor=user).update(actor=None)
    rows.filter(target_type=user._meta.label_lower, target_id=str(user.pk)).update(
        target_id="", before={}, after={}
    )
