"""Admins find people, change their roles and suspend them; every change is in the audit log."""

import pytest
from django.urls import reverse

from peersupport.models import StaffAuditEntry, User

pytestmark = pytest.mark.django_db


def test_admin_finds_someone_by_pseudonym_or_email_and_sees_their_roles(
    admin_client, member, supporter
):
    page = admin_client.get(reverse("console:people"), {"q": "mar"}).content.decode()
    assert "Mara" in page and "Sam" not in page
    page = admin_client.get(reverse("console:people"), {"q": "sam@example"}).content.decode()
    assert "Sam" in page and "Mara" not in page
    assert "Peer supporter" in page


def test_search_by_role(admin_client, member, supporter):
    page = admin_client.get(reverse("console:people"), {"role": "supporter"}).content.decode()
    assert "Sam" in page and "Mara" not in page


def test_people_search_costs_the_same_few_queries_for_many_people(
    admin_client, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    for _ in range(30):
        UserFactory(roles=["member", "supporter"])
    with django_assert_max_num_queries(8):
        assert admin_client.get(reverse("console:people")).status_code == 200


def test_granting_a_role_is_recorded_with_before_and_after(admin_client, ada, member):
    response = admin_client.post(
        reverse("console:person_role", args=[member.pk]), {"role": "supporter", "change": "grant"}
    )
    assert response.status_code == 302
    member.forget_cached_roles()
    assert member.has_role("supporter")
    entry = StaffAuditEntry.objects.get(action="role.grant")
    assert entry.actor == ada
    assert (entry.target_type, entry.target_id) == ("peersupport.user", str(member.pk))
    assert entry.before == {"roles": ["member"]}
    assert entry.after == {"roles": ["member", "supporter"]}
    page = admin_client.get(reverse("console:person", args=[member.pk])).content.decode()
    assert "role.grant" in page


def test_revoking_a_role_takes_it_away_and_is_recorded(admin_client, supporter):
    admin_client.post(
        reverse("console:person_role", args=[supporter.pk]),
        {"role": "supporter", "change": "revoke"},
    )
    supporter.forget_cached_roles()
    assert not supporter.has_role("supporter")
    assert StaffAuditEntry.objects.get(action="role.revoke").after == {"roles": ["member"]}


def test_granting_a_role_someone_already_holds_changes_and_records_nothing(admin_client, supporter):
    response = admin_client.post(
        reverse("console:person_role", args=[supporter.pk]),
        {"role": "supporter", "change": "grant"},
        follow=True,
    )
    assert b"Nothing changed." in response.content
    assert not StaffAuditEntry.objects.exists()


def test_an_admin_cannot_remove_their_own_admin_role(admin_client, ada):
    from peersupport.models import RoleGrant

    response = admin_client.post(
        reverse("console:person_role", args=[ada.pk]),
        {"role": "admin", "change": "revoke"},
        follow=True,
    )
    assert b"cannot remove your own admin role" in response.content
    assert RoleGrant.objects.filter(user=ada, role="admin").exists()
    assert not StaffAuditEntry.objects.exists()


def test_a_suspended_member_is_signed_out_and_cannot_sign_in(
    client, admin_user, with_mfa, member, password
):
    from django.test import Client

    mara = Client()
    assert mara.post(reverse("account_login"), {"login": member.email, "password": password})
    assert mara.get(reverse("matching:home")).status_code == 200

    client.force_login(with_mfa(admin_user))
    response = client.post(
        reverse("console:person_suspend", args=[member.pk]), {"reason": "harassment"}, follow=True
    )
    assert b"is suspended and signed out everywhere" in response.content
    member.refresh_from_db()
    assert not member.is_active
    # Her open session no longer works, and she cannot sign in again.
    assert mara.get(reverse("matching:home")).status_code == 302
    fresh = Client()
    fresh.post(reverse("account_login"), {"login": member.email, "password": password})
    assert fresh.get(reverse("matching:home")).status_code == 302
    entry = StaffAuditEntry.objects.get(action="person.suspend")
    assert entry.before == {"is_active": True}
    assert entry.after == {"is_active": False, "reason": "harassment"}


def test_an_admin_lets_a_suspended_person_back(admin_client, member):
    User.objects.filter(pk=member.pk).update(is_active=False)
    admin_client.post(reverse("console:person_suspend", args=[member.pk]), {"undo": "1"})
    member.refresh_from_db()
    assert member.is_active
    assert StaffAuditEntry.objects.filter(action="person.unsuspend").count() == 1


def test_an_admin_cannot_suspend_themselves(admin_client, ada):
    response = admin_client.post(
        reverse("console:person_suspend", args=[ada.pk]), {"reason": "other"}, follow=True
    )
    assert b"cannot suspend yourself" in response.content
    ada.refresh_from_db()
    assert ada.is_active


def test_the_audit_log_cannot_be_edited_or_deleted(admin_client, member):
    admin_client.post(
        reverse("console:person_role", args=[member.pk]), {"role": "supporter", "change": "grant"}
    )
    entry = StaffAuditEntry.objects.get()
    entry.action = "something else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        StaffAuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        StaffAuditEntry.objects.update(action="x")
    assert StaffAuditEntry.objects.get().action == "role.grant"


def test_audit_rows_outlive_the_admin_who_made_them(admin_user, member):
    from peersupport.console_services import person_role_grant

    person_role_grant(actor=admin_user, user=member, role="supporter")
    admin_user.delete()
    entry = StaffAuditEntry.objects.get()
    assert entry.actor is None
    assert entry.action == "role.grant"


def test_the_audit_page_lists_changes_newest_first(admin_client, member, supporter):
    admin_client.post(
        reverse("console:person_role", args=[member.pk]), {"role": "supporter", "change": "grant"}
    )
    admin_client.post(
        reverse("console:person_role", args=[supporter.pk]),
        {"role": "supporter", "change": "revoke"},
    )
    page = admin_client.get(reverse("console:audit")).content.decode()
    assert page.index("role.revoke") < page.index("role.grant")


def test_a_persons_page_shows_their_groups_training_and_a_live_crisis(
    admin_client, member, supporter
):
    from django.utils import timezone

    from communities.models import Membership
    from crisis.models import Escalation
    from matching.models import SupporterProfile
    from tests.factories import GroupFactory

    group = GroupFactory(name="Parents")
    Membership.objects.create(group=group, user=member, state=Membership.State.ACTIVE)
    group.supporters.add(supporter)
    SupporterProfile.objects.create(user=supporter, verified_at=timezone.now(), capacity=3)
    Escalation.objects.create(member=member, trigger="button")

    page = admin_client.get(reverse("console:person", args=[member.pk])).content.decode()
    assert "Parents (member)" in page
    assert "In a crisis chat or waiting for a counselor right now" in page
    page = admin_client.get(reverse("console:person", args=[supporter.pk])).content.decode()
    assert "Supports" in page and "Parents" in page
    assert "Verified" in page and "0 of 3 conversations" in page
    assert reverse("matching:manage") in page


def test_a_persons_page_lists_the_roles_they_were_given(admin_client, ada, supervisor):
    page = admin_client.get(reverse("console:person", args=[ada.pk])).content.decode()
    assert "<li>Admin</li>" in page and "Also a superuser" in page
    page = admin_client.get(reverse("console:person", args=[supervisor.pk])).content.decode()
    assert "<li>Counselor</li>" in page and "<li>Supervisor</li>" in page


def test_the_audit_log_filters_by_kind_and_pages_back(admin_client, ada, member):
    from peersupport.audit import audit_record

    for n in range(105):
        audit_record(actor=ada, action="role.grant", target=("peersupport.user", str(n)))
    audit_record(actor=ada, action="shift.add", target=("crisis.shift", "1"))
    page = admin_client.get(reverse("console:audit"), {"action": "shift"}).content.decode()
    assert "shift.add" in page and "role.grant" not in page
    page = admin_client.get(reverse("console:audit")).content.decode()
    assert page.count("<tr>") == 101  # header and 100 rows
    assert "Older changes" in page
    older = page.split("before=")[1].split('"')[0]
    page = admin_client.get(reverse("console:audit"), {"before": older}).content.decode()
    assert page.count("<tr>") == 7 and "Older changes" not in page


def test_staff_actions_outside_the_console_are_audited_too(client, admin_user, with_mfa, member):
    """Join decisions, invite renewals, notes of hope and report handling all leave a row."""
    from communities.models import Membership, NoteOfHope
    from communities.services import group_create, membership_request, note_of_hope_write
    from peersupport.models import StaffAuditEntry

    admin = with_mfa(admin_user)
    client.force_login(admin)
    group = group_create(name="Evening Circle", screening_questions=[])
    membership_request(group=group, user=member, answers=[], accepted_rules=True)
    membership = Membership.objects.get(group=group, user=member)
    client.post(
        f"/groups/{group.slug}/requests/",
        {"membership": membership.pk, "decision": "approve", "message": ""},
    )
    client.post(f"/groups/manage/{group.slug}/edit/", {"renew_invite": "1"})
    note = note_of_hope_write(author=member, body="It gets lighter, slowly.")
    client.post("/groups/hope/review/", {"note": note.pk})
    actions = set(StaffAuditEntry.objects.filter(actor=admin).values_list("action", flat=True))
    assert {"membership.approve", "group.invite_renew", "note_of_hope.approve"} <= actions
    assert NoteOfHope.objects.get(pk=note.pk).approved_at is not None
    assert not StaffAuditEntry.objects.filter(after__icontains="lighter").exists()
