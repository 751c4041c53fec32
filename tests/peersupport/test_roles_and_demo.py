"""Roles are data; the demo seeds groups and one account per role."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from communities.models import Group
from peersupport.models import User
from peersupport.roles import Role
from peersupport.services import role_grant, role_revoke

pytestmark = pytest.mark.django_db


def test_a_member_can_also_become_a_supporter_and_stop_being_one(member, admin_user):
    assert member.has_role(Role.MEMBER)
    assert not member.has_role(Role.SUPPORTER)
    assert role_grant(user=member, role=Role.SUPPORTER, granted_by=admin_user) is True
    assert role_grant(user=member, role=Role.SUPPORTER) is False  # already held
    assert member.has_role(Role.SUPPORTER) and member.has_role(Role.MEMBER)
    assert member.is_platform_staff
    assert role_revoke(user=member, role=Role.SUPPORTER) is True
    assert not member.has_role(Role.SUPPORTER)
    assert not member.is_platform_staff


def test_seed_demo_creates_the_groups_and_one_verified_account_per_role(capsys):
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert Group.objects.filter(name="Survivors of Mass Violence").exists()
    assert Group.objects.count() == 3
    for role in Role:
        holders = [u for u in User.objects.all() if u.has_role(role)]
        assert holders, f"no demo account holds {role}"
    for user in User.objects.all():
        assert EmailAddress.objects.get(user=user).verified
        assert user.email in output


def test_seed_demo_runs_again_with_fresh_passwords(capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out
    assert Group.objects.count() == 3
    assert User.objects.count() == 5
    line = next(line for line in first.splitlines() if "member@demo.invalid" in line)
    password = line.split()[-1]
    assert not User.objects.get(email="member@demo.invalid").check_password(password)
    line = next(line for line in second.splitlines() if "member@demo.invalid" in line)
    new_password = line.split()[-1]
    assert User.objects.get(email="member@demo.invalid").check_password(new_password)
