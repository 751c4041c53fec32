"""Admins create, edit and archive groups; every change lands in the audit log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communities import services
from communities.models import Group, Membership
from peersupport.models import StaffAuditEntry
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def _form(name="Parents after Uvalde", supporters=()):
    return {
        "name": name,
        "description": "",
        "rules": "Be gentle.",
        "is_listed": "on",
        "join_policy": "approval",
        "supporters": [s.pk for s in supporters],
    }


def test_creating_and_editing_a_group_is_audited(admin_client, ada, supporter):
    response = admin_client.post(reverse("communities:group_new"), _form())
    assert response.status_code == 302
    group = Group.objects.get(name="Parents after Uvalde")
    admin_client.post(
        reverse("communities:group_edit", args=[group.slug]), _form(supporters=[supporter])
    )
    assert list(group.supporters.all()) == [supporter]
    create, change = StaffAuditEntry.objects.order_by("at", "pk")
    assert create.action == "group.create" and create.actor == ada
    assert change.action == "group.change"
    assert change.before["supporter_ids"] == [] and change.after["supporter_ids"] == [supporter.pk]


def test_an_archived_group_leaves_the_directory_and_takes_nothing_new(
    admin_client, member, outsider
):
    group = GroupFactory(name="Siblings")
    Membership.objects.create(group=group, user=member, state=Membership.State.ACTIVE)
    thread = services.thread_create(
        group=group, author=member, title="Hello", topic="general", body="First words."
    )
    admin_client.post(reverse("communities_console:group_archive", args=[group.pk]))
    group.refresh_from_db()
    assert group.archived_at is not None
    admin_client.get(reverse("communities:directory"))  # shows (and clears) the note
    assert "Siblings" not in admin_client.get(reverse("communities:directory")).content.decode()
    with pytest.raises(ValidationError, match="archived"):
        services.post_create(thread=thread, author=member, body="More words.")
    with pytest.raises(ValidationError, match="archived"):
        services.membership_request(group=group, user=outsider, answers=[], accepted_rules=True)
    entry = StaffAuditEntry.objects.get(action="group.archive")
    assert entry.before["archived_at"] is None and entry.after["archived_at"]

    # Her words are still there for her to read.
    from django.test import Client

    mara = Client()
    mara.force_login(member)
    page = mara.get(group.get_absolute_url()).content.decode()
    assert "This group is archived" in page

    admin_client.post(reverse("communities_console:group_archive", args=[group.pk]), {"undo": "1"})
    group.refresh_from_db()
    assert group.archived_at is None
    assert StaffAuditEntry.objects.filter(action="group.unarchive").count() == 1
