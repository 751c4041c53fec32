"""A member whose post was removed or who was paused may appeal once; an admin who did not
take the decision answers; both steps are audited and the member is told."""

import pytest

from communities.models import Post
from communities.services import post_create
from moderation.models import AuditEntry, Mute, QueueEntry
from moderation.services import (
    ActionRefused,
    appeal_create,
    appeal_decide,
    member_mute,
    post_moderate,
)
from peersupport.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def removal(member, membership, thread, admin):
    post = post_create(thread=thread, author=member, body="Names and all.")
    entry = QueueEntry.objects.get(post=post)
    post_moderate(entry_id=entry.pk, moderator=admin, action="remove", reason="a name")
    return AuditEntry.objects.get(action="post_remove")


def test_member_appeals_once_from_the_decision_page(login, member, removal):
    url = f"/moderation/decisions/{removal.pk}/"
    login(member).post(url, {"message": "The name was my own."})
    page = login(member).get(url).content.decode()
    assert "Waiting for an admin" in page
    assert "Ask for a second look" not in page
    with pytest.raises(Exception, match="already asked"):
        appeal_create(audit_id=removal.pk, member=member, message="again")
    assert AuditEntry.objects.filter(action="appeal_create", actor=member).exists()


def test_the_acting_admin_cannot_decide_but_another_can(member, removal, admin, second_admin):
    appeal = appeal_create(audit_id=removal.pk, member=member, message="Please look again.")
    with pytest.raises(ActionRefused):
        appeal_decide(appeal_id=appeal.pk, admin=admin, overturn=True)
    appeal_decide(appeal_id=appeal.pk, admin=second_admin, overturn=True, note="You're right.")
    assert Post.objects.get(pk=removal.target_id).state == Post.State.VISIBLE
    assert AuditEntry.objects.filter(action="appeal_overturned", actor=second_admin).exists()
    assert Notification.objects.filter(user=member, kind="appeal_decided").exists()
    assert appeal_decide(appeal_id=appeal.pk, admin=second_admin, overturn=False) is None


def test_a_supporter_cannot_decide_appeals(member, removal, supporter):
    appeal = appeal_create(audit_id=removal.pk, member=member, message="Please.")
    with pytest.raises(ActionRefused):
        appeal_decide(appeal_id=appeal.pk, admin=supporter, overturn=True)


def test_overturned_mute_is_lifted(member, membership, thread, supporter, admin):
    post = post_create(thread=thread, author=member, body="first")
    entry = QueueEntry.objects.get(post=post)
    member_mute(entry_id=entry.pk, moderator=supporter, days=7)
    row = AuditEntry.objects.get(action="member_mute")
    appeal = appeal_create(audit_id=row.pk, member=member, message="I was upset; sorry.")
    appeal_decide(appeal_id=appeal.pk, admin=admin, overturn=True)
    assert Mute.objects.get().lifted_at is not None


def test_only_removals_hides_and_mutes_can_be_appealed(member, membership, thread, supporter):
    post = post_create(thread=thread, author=member, body="first")
    entry = QueueEntry.objects.get(post=post)
    post_moderate(entry_id=entry.pk, moderator=supporter, action="approve")
    row = AuditEntry.objects.get(action="post_approve")
    with pytest.raises(Exception, match="can't be appealed"):
        appeal_create(audit_id=row.pk, member=member, message="?")


def test_admins_decide_through_the_page(login, member, removal, second_admin):
    appeal = appeal_create(audit_id=removal.pk, member=member, message="Please look again.")
    page = login(second_admin).get("/moderation/appeals/").content.decode()
    assert "Please look again." in page
    login(second_admin).post(
        f"/moderation/appeals/{appeal.pk}/decide/", {"decision": "uphold", "note": "It stays."}
    )
    appeal.refresh_from_db()
    assert appeal.state == "upheld"
