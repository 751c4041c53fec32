"""Console writes for the resource directory, each with its staff audit row."""

from django.db import transaction
from django.utils import timezone

from communities.models import Group, Resource
from communities.services import (
    group_create,
    group_invite_renew,
    group_update,
    membership_decide,
    note_of_hope_approve,
)
from peersupport.audit import audit_record

RESOURCE_FIELDS = (
    "name",
    "phone",
    "text_number",
    "url",
    "description",
    "region",
    "category",
    "languages",
)


def _snapshot(resource: Resource) -> dict:
    return {name: getattr(resource, name) for name in RESOURCE_FIELDS}


@transaction.atomic
def resource_save(*, actor, resource: Resource | None = None, **values) -> Resource:
    before = _snapshot(resource) if resource else {}
    if resource is None:
        resource = Resource(**values)
    else:
        for name, value in values.items():
            setattr(resource, name, value)
    resource.full_clean()
    resource.save()
    audit_record(
        actor=actor,
        action="resource.create" if not before else "resource.change",
        target=resource,
        before=before,
        after=_snapshot(resource),
    )
    return resource


@transaction.atomic
def resource_delete(*, actor, resource: Resource) -> None:
    target = (resource._meta.label_lower, str(resource.pk))
    before = _snapshot(resource)
    resource.delete()
    audit_record(actor=actor, action="resource.delete", target=target, before=before)


# --- groups ------------------------------------------------------------------------------

GROUP_FIELDS = (
    "name",
    "is_listed",
    "join_policy",
    "screening_questions",
    "cw_required_topics",
    "archived_at",
)


def _group_snapshot(group) -> dict:
    snapshot = {name: getattr(group, name) for name in GROUP_FIELDS}
    snapshot["archived_at"] = group.archived_at.isoformat() if group.archived_at else None
    snapshot["supporter_ids"] = sorted(group.supporters.values_list("pk", flat=True))
    return snapshot


@transaction.atomic
def group_create_audited(*, actor, **values):
    """communities.services.group_create, recorded in the staff audit log."""
    group = group_create(**values)
    audit_record(actor=actor, action="group.create", target=group, after=_group_snapshot(group))
    return group


@transaction.atomic
def group_update_audited(*, actor, group, **values):
    """communities.services.group_update, recorded with what changed."""
    before = _group_snapshot(group)
    group = group_update(group=group, **values)
    audit_record(
        actor=actor,
        action="group.change",
        target=group,
        before=before,
        after=_group_snapshot(group),
    )
    return group


@transaction.atomic
def group_archive(*, actor, group_id: int, archive: bool = True) -> bool:
    """Archive a group (or bring it back). False when it already was so.

    Archived groups leave the directory and take no new members or posts; members can still
    read what is there, so nobody loses what they wrote.
    """
    group = Group.objects.select_for_update().get(pk=group_id)
    if (group.archived_at is not None) == archive:
        return False
    before = _group_snapshot(group)
    group.archived_at = timezone.now() if archive else None
    if archive:
        group.invite_expires_at = None  # an open invite link would let people in
    group.save(update_fields=["archived_at", "invite_expires_at"])
    audit_record(
        actor=actor,
        action="group.archive" if archive else "group.unarchive",
        target=group,
        before=before,
        after=_group_snapshot(group),
    )
    return True


@transaction.atomic
def group_invite_renew_audited(*, actor, group, days: int = 7):
    """A fresh invite link (the old one stops working), with its audit row."""
    group = group_invite_renew(group=group, days=days)
    audit_record(
        actor=actor,
        action="group.invite_renew",
        target=group,
        after={"expires": group.invite_expires_at.isoformat() if group.invite_expires_at else None},
    )
    return group


@transaction.atomic
def membership_decide_audited(*, actor, membership_id: int, approve: bool, message: str) -> bool:
    """A join decision, with its audit row (the answers and message stay out of the log)."""
    done = membership_decide(
        membership_id=membership_id, decider=actor, approve=approve, message=message
    )
    if done:
        audit_record(
            actor=actor,
            action="membership.approve" if approve else "membership.decline",
            target=("communities.membership", str(membership_id)),
        )
    return done


@transaction.atomic
def note_of_hope_approve_audited(*, actor, note_id: int) -> bool:
    done = note_of_hope_approve(note_id=note_id, by=actor)
    if done:
        audit_record(
            actor=actor,
            action="note_of_hope.approve",
            target=("communities.noteofhope", str(note_id)),
        )
    return done
