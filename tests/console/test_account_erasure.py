"""A deleted account leaves the console's records without the person: the audit log keeps
what was done, not who; their shifts go."""

import datetime

import pytest

from crisis.models import Shift
from peersupport.console_services import person_role_grant, person_suspend
from peersupport.models import StaffAuditEntry
from peersupport.services import account_erase

pytestmark = pytest.mark.django_db


def test_erasing_a_staff_member_keeps_their_changes_without_their_name(admin_user, member):
    person_role_grant(actor=admin_user, user=member, role="supporter")
    account_erase(user=admin_user, keep_posts=False)
    entry = StaffAuditEntry.objects.get()
    assert entry.actor is None
    assert entry.action == "role.grant" and entry.target_id == str(member.pk)


def test_erasing_a_member_strips_the_changes_made_to_them(admin_user, member):
    person_suspend(actor=admin_user, user=member, reason="harassment")
    member_pk = member.pk
    account_erase(user=member, keep_posts=False)
    entry = StaffAuditEntry.objects.get()
    assert entry.action == "person.suspend" and entry.actor == admin_user
    assert entry.target_id == "" and entry.before == {} and entry.after == {}
    assert not StaffAuditEntry.objects.filter(target_id=str(member_pk)).exists()


def test_erasing_a_counselor_takes_them_off_the_roster(counselor):
    Shift.objects.create(
        counselor=counselor, weekday=0, starts_at=datetime.time(9), ends_at=datetime.time(17)
    )
    account_erase(user=counselor, keep_posts=False)
    assert not Shift.objects.exists()
