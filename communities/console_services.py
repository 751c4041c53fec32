"""Console writes for the resource directory and archiving, each with its staff audit row."""

from django.db import transaction
from django.utils import timezone

from communities.models import Group, Resource
from communities.services import group_snapshot
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


@transaction.atomic
def group_archive(*, actor, group_id: int, archive: bool = True) -> bool:
    """Archive a group (or bring it back). False when it already was so.

    Archived groups leave the directory and take no new members or posts; members can still
    read what is there, so nobody loses what they wrote.
    """
    group = Group.objects.select_for_update().get(pk=group_id)
    if (group.archived_at is not None) == archive:
        return False
    before = group_snapshot(group)
    group.archived_at = timezone.now() if archive else None
    if archive:
        group.invite_expires_at = None  # an open invite link would let people in
    group.save(update_fields=["archived_at", "invite_expires_at"])
    audit_record(
        actor=actor,
        action="group.archive" if archive else "group.unarchive",
        target=group,
        before=before,
        after=group_snapshot(group),
    )
    return True
