"""Writes for groups."""

from django.utils.text import slugify

from communities.models import Group
from peersupport.sanitize import render_markdown


def group_create(
    *, name: str, description: str = "", is_listed: bool = True, join_policy: str = "approval"
) -> Group:
    return Group.objects.create(
        name=name,
        slug=slugify(name),
        description=description,
        description_html=render_markdown(description),
        is_listed=is_listed,
        join_policy=join_policy,
    )
