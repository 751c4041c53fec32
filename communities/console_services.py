"""Console writes for the resource directory, each with its staff audit row."""

from django.db import transaction

from communities.models import Resource
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
