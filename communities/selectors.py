"""Reads for groups that views share."""

from django.db.models import QuerySet

from communities.models import Group


def groups_listed() -> QuerySet[Group]:
    """Groups shown in the public directory: names and descriptions only, never content."""
    return Group.objects.filter(is_listed=True).order_by("name")
