"""Who sees what. Supporters see only the groups they moderate (404 for the rest); admins
see everything; members and counselors get 404; staff without MFA are sent to set it up."""

import pytest

from communities.services import post_create
from moderation.models import AuditEntry, QueueEntry
from moderation.services import member_note_add, post_moderate

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(member, membership, thread, other_group, outsider, other_supporter):
    """One held post in each group; a removal in the other group's audit."""
    from communities.services import thread_create

    mine = post_create(thread=thread, author=member, body="In group A.")
    theirs_thread = thread_create(
        group=other_group, author=outsider, title="B", topic="general", body="In group B."
    )
    a = QueueEntry.objects.get(post=mine)
    b = QueueEntry.objects.get(post_id=theirs_thread.first_post_id)
    post_moderate(entry_id=b.pk, moderator=other_supporter, action="remove", reason="B reason")
    b_second = post_create(thread=theirs_thread, author=outsider, body="Another in B.")
    return {"a": a, "b": QueueEntry.objects.get(post=b_second)}


def test_supporter_sees_only_their_groups_queue(login, supporter, entries):
    page = login(supporter).get("/moderation/").content.decode()
    assert "In group A." in page
    assert "In group B." not in page and "Another in B." not in page
    assert login(supporter).get(f"/moderation/entries/{entries['a'].pk}/").status_code == 200
    assert login(supporter).get(f"/moderation/entries/{entries['b'].pk}/").status_code == 404
    assert login(supporter).post(f"/moderation/entries/{entries['b'].pk}/claim/").status_code == 404


def test_supporter_cannot_act_on_another_groups_entry(login, supporter, entries):
    response = login(supporter).post(
        f"/moderation/entries/{entries['b'].pk}/act/", {"action": "approve"}
    )
    assert response.status_code == 404
    assert QueueEntry.objects.get(pk=entries["b"].pk).state == "open"


def test_admin_sees_every_group(login, admin, entries):
    page = login(admin).get("/moderation/").content.decode()
    assert "In group A." in page and "Another in B." in page


def test_audit_is_limited_to_ones_groups(login, supporter, admin, other_group, entries):
    mine = login(supporter).get("/moderation/audit/").content.decode()
    assert "B reason" not in mine
    assert login(supporter).get(f"/moderation/audit/?group={other_group.pk}").status_code == 404
    assert "B reason" in login(admin).get("/moderation/audit/").content.decode()


def test_member_notes_stay_with_the_groups_supporters(
    login, supporter, other_supporter, admin, group, member, membership
):
    member_note_add(group=group, member=member, author=supporter, body="Prefers mornings.")
    url = f"/moderation/groups/{group.slug}/members/{member.pk}/"
    assert "Prefers mornings." in login(supporter).get(url).content.decode()
    assert "Prefers mornings." in login(admin).get(url).content.decode()
    assert login(other_supporter).get(url).status_code == 404
    assert login(member).get(url).status_code == 404


def test_supporter_adds_a_note_through_the_page(login, supporter, group, member, membership):
    url = f"/moderation/groups/{group.slug}/members/{member.pk}/"
    login(supporter).post(url, {"body": "Lost her brother in the attack."})
    assert "Lost her brother" in login(supporter).get(url).content.decode()


@pytest.mark.parametrize("who", ["member", "outsider", "counselor", "anonymous"])
def test_queue_pages_are_closed_to_everyone_else(login, who, request, entries, with_mfa):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    if who == "counselor":
        with_mfa(user)  # without MFA, staff are sent to set it up first (tested below)
    client = login(user)
    for url in ("/moderation/", "/moderation/audit/", f"/moderation/entries/{entries['a'].pk}/"):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, url


def test_staff_without_mfa_are_sent_to_set_it_up(login, db):
    from tests.factories import UserFactory

    fresh = UserFactory(email="fay@example.org", display_name="Fay", roles=["supporter"])
    response = login(fresh).get("/moderation/")
    assert response.status_code == 302 and "totp" in response["Location"]


def test_appeals_page_is_for_admins_only(login, supporter, admin, with_mfa):
    assert login(with_mfa(supporter)).get("/moderation/appeals/").status_code == 404
    assert login(admin).get("/moderation/appeals/").status_code == 200


def test_members_decision_pages_are_their_own(login, member, outsider, entries):
    row = AuditEntry.objects.get(action="post_remove")
    assert login(outsider).get(f"/moderation/decisions/{row.pk}/").status_code == 200
    assert login(member).get(f"/moderation/decisions/{row.pk}/").status_code == 404
