"""The shift roster with its coverage holes; canned responses and resources, all audited."""

import datetime

import pytest
from django.urls import reverse

from communities.models import Resource
from crisis import roster
from crisis.models import CannedResponse, Shift
from peersupport.models import StaffAuditEntry

pytestmark = pytest.mark.django_db


def test_an_empty_roster_is_one_big_hole(client, sia):
    client.force_login(sia)
    page = client.get(reverse("crisis_console:shifts")).content.decode()
    assert 'data-hole-minutes="10080"' in page
    assert "Nobody is on the roster yet" in page
    assert "On duty now:</strong> nobody" in page
    assert page.count('class="hole"') == 24 * 7


def test_adding_shifts_fills_the_roster_and_leaves_the_rest_red(client, sia, counselor):
    client.force_login(sia)
    for day in range(7):
        response = client.post(
            reverse("crisis_console:shifts"),
            {"counselor": counselor.pk, "weekday": day, "starts_at": "08:00", "ends_at": "20:00"},
        )
        assert response.status_code == 302
    page = client.get(reverse("crisis_console:shifts")).content.decode()
    assert page.count('class="hole"') == 12 * 7
    assert page.count('class="covered"') == 12 * 7
    assert "Monday 20:00 to Tuesday 08:00" in page
    assert "Sunday 20:00 to Monday 08:00" in page  # one hole across the weekend
    assert "Nobody is scheduled for 84 hours a week" in page
    entry = StaffAuditEntry.objects.filter(action="shift.add").first()
    assert entry.actor == sia and entry.after["starts_at"] == "08:00"


def test_an_overnight_shift_covers_past_midnight_and_a_half_hour_shows_partial(counselor):
    night = Shift(
        counselor=counselor, weekday=6, starts_at=datetime.time(22), ends_at=datetime.time(2)
    )
    half = Shift(
        counselor=counselor,
        weekday=2,
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(10),
    )
    spans = [
        (counselor.pk, roster.shift_intervals(s.weekday, s.starts_at, s.ends_at))
        for s in (night, half)
    ]
    grid = roster.grid(spans)
    assert grid[23][6].state == "covered"  # Sunday 23:00
    assert grid[1][0].state == "covered"  # Monday 01:00, after the week wraps
    assert grid[2][0].state == "hole"
    assert grid[9][2].state == "partial"
    assert roster.holes(iv for _who, ivs in spans for iv in ivs)[0] == (120, 2 * 1440 + 570)


def test_only_counselors_go_on_the_roster(client, sia, member):
    client.force_login(sia)
    response = client.post(
        reverse("crisis_console:shifts"),
        {"counselor": member.pk, "weekday": 0, "starts_at": "08:00", "ends_at": "20:00"},
    )
    assert response.status_code == 200
    assert not Shift.objects.exists()


def test_removing_a_shift_is_audited(client, sia, counselor):
    shift = Shift.objects.create(
        counselor=counselor, weekday=1, starts_at=datetime.time(9), ends_at=datetime.time(17)
    )
    client.force_login(sia)
    client.post(reverse("crisis_console:shift_remove", args=[shift.pk]))
    assert not Shift.objects.exists()
    entry = StaffAuditEntry.objects.get(action="shift.remove")
    assert entry.before["weekday"] == 1 and entry.target_id == str(shift.pk)


def test_supervisors_keep_canned_responses(client, sia):
    client.force_login(sia)
    client.post(
        reverse("crisis_console:canned"),
        {"title": "Grounding", "text": "Name five things you can see.", "position": 1},
    )
    canned = CannedResponse.objects.get(title="Grounding")
    client.post(
        reverse("crisis_console:canned_edit", args=[canned.pk]),
        {"title": "Grounding", "text": "Name three things you can hear.", "position": 1},
    )
    canned.refresh_from_db()
    assert canned.text == "Name three things you can hear."
    client.post(reverse("crisis_console:canned_edit", args=[canned.pk]), {"delete": "1"})
    assert not CannedResponse.objects.filter(title="Grounding").exists()
    actions = list(StaffAuditEntry.objects.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [
        "canned_response.create",
        "canned_response.change",
        "canned_response.delete",
    ]


def test_admins_keep_the_resource_directory(admin_client, member):
    from django.test import Client

    admin_client.post(
        reverse("communities_console:resources"),
        {"name": "Riverside trauma clinic", "category": "local", "region": "Riverside"},
    )
    resource = Resource.objects.get(name="Riverside trauma clinic")
    mara = Client()
    mara.force_login(member)
    assert b"Riverside trauma clinic" in mara.get(reverse("communities:resources")).content
    admin_client.post(
        reverse("communities_console:resource_edit", args=[resource.pk]), {"delete": 1}
    )
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert StaffAuditEntry.objects.filter(target_type="communities.resource").count() == 2


def test_the_groups_overview_shows_who_is_waiting_and_who_moderates(
    admin_client, member, supporter
):
    from communities.models import Membership
    from tests.factories import GroupFactory

    group = GroupFactory(name="Parents")
    group.supporters.add(supporter)
    Membership.objects.create(group=group, user=member)
    GroupFactory(name="Siblings")
    page = admin_client.get(reverse("communities_console:groups")).content.decode()
    assert "1 waiting" in page and "Sam" in page
    assert "Nobody assigned" in page
    assert reverse("communities:group_edit", args=[group.slug]) in page
