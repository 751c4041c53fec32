"""Console writes for matching: supporter verification, recorded in the staff audit log."""

from django.db import transaction

from matching.models import SupporterProfile
from matching.services import report_resolve, supporter_verify
from peersupport.audit import audit_record


def _snapshot(profile: SupporterProfile) -> dict:
    return {
        "training_programme": profile.training_programme,
        "training_completed_on": (
            profile.training_completed_on.isoformat() if profile.training_completed_on else None
        ),
        "verified": profile.verified_at is not None,
    }


@transaction.atomic
def supporter_verify_audited(*, profile_id: int, admin, programme: str, completed_on):
    """matching.services.supporter_verify, with its audit row in the same transaction.

    The target is the supporter (a person), so it shows on their console page."""
    before = _snapshot(SupporterProfile.objects.get(pk=profile_id))
    profile = supporter_verify(
        profile_id=profile_id, admin=admin, programme=programme, completed_on=completed_on
    )
    audit_record(
        actor=admin,
        action="supporter.verify",
        target=profile.user,
        before=before,
        after=_snapshot(profile),
    )
    return profile


@transaction.atomic
def report_resolve_audited(*, actor, report_id: int) -> bool:
    """Mark a report handled, with its audit row (the report's words stay out of the log)."""
    done = report_resolve(report_id=report_id)
    if done:
        audit_record(
            actor=actor, action="report.resolve", target=("matching.report", str(report_id))
        )
    return done
