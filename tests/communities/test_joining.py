"""Asking to join, being approved or declined, invite links, leaving."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from communities.services import group_invite_renew, membership_decide


def _join(client, group, answers=("Someone I love was hurt.", "Yes."), accept=True):
    data = {f"answer_{i}": a for i, a in enumerate(answers)}
    if accept:
        data["accept_rules"] = "on"
    return client.post(reverse("communities:join", args=[group.slug]), data)


def test_outsider_asks_to_join_and_sees_the_request_waiting(client, outsider, group):
    client.force_login(outsider)
    page = client.get(reverse("communities:join", args=[group.slug]))
    assert b"What brings you here?" in page.content
    assert b"Be kind." in page.content
    response = _join(client, group)
    assert response.status_code == 302
    page = client.get(reverse("communities:join", args=[group.slug]))
    assert b'data-request-state="pending"' in page.content
    membership = Membership.objects.get(user=outsider, group=group)
    assert membership.state == "pending"
    assert membership.answers[0] == {
        "question": "What brings you here?",
        "answer": "Someone I love was hurt.",
    }
    # still no way in while waiting
    assert client.get(group.get_absolute_url()).status_code == 404


def test_missing_answer_keeps_what_was_typed_with_a_kind_message(client, outsider, group):
    client.force_login(outsider)
    response = _join(client, group, answers=("I lost my brother.", ""))
    assert response.status_code == 200
    assert b"Please answer each question" in response.content
    assert b"I lost my brother." in response.content
    assert not Membership.objects.filter(user=outsider).exists()


def test_rules_must_be_accepted(client, outsider, group):
    client.force_login(outsider)
    response = _join(client, group, accept=False)
    assert b"tick the box" in response.content
    assert not Membership.objects.filter(user=outsider).exists()


def test_supporter_approves_and_the_person_is_told_and_can_read(
    client, outsider, group, staff, thread, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    _join(client, group)
    membership = Membership.objects.get(user=outsider)
    moderator = client.__class__()
    moderator.force_login(staff["supporter"])
    with django_capture_on_commit_callbacks(execute=True):
        moderator.post(
            reverse("communities:requests", args=[group.slug]),
            {"membership": membership.pk, "decision": "approve", "message": ""},
        )
    membership.refresh_from_db()
    assert membership.state == "active"
    assert outsider.notifications.filter(kind="join_decision").exists()
    assert mail.outbox and "approved" in mail.outbox[-1].body
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_declined_person_sees_the_note_and_may_ask_again(client, outsider, group, staff):
    client.force_login(outsider)
    _join(client, group)
    membership = Membership.objects.get(user=outsider)
    membership_decide(
        membership_id=membership.pk,
        decider=staff["supporter"],
        approve=False,
        message="This group is for survivors; the family group may suit you better.",
    )
    page = client.get(reverse("communities:join", args=[group.slug]))
    assert b"family group may suit you better" in page.content
    assert b"welcome to ask again" in page.content
    _join(client, group)
    membership.refresh_from_db()
    assert membership.state == "pending"


def test_only_one_decision_counts(group, pending, staff):
    membership = Membership.objects.get(user=pending)
    assert membership_decide(membership_id=membership.pk, decider=staff["admin"], approve=True)
    assert (
        membership_decide(membership_id=membership.pk, decider=staff["supporter"], approve=False)
        is None
    )
    membership.refresh_from_db()
    assert membership.state == "active"


def test_removed_person_cannot_ask_again(client, removed, group):
    client.force_login(removed)
    _join(client, group)
    assert Membership.objects.get(user=removed).state == "removed"


def test_invite_link_joins_at_once_until_it_expires(client, outsider, hidden_group):
    group_invite_renew(group=hidden_group, days=7)
    client.force_login(outsider)
    url = reverse("communities:invite", args=[hidden_group.invite_token])
    response = client.post(url, {"accept_rules": "on"})
    assert response.status_code == 302
    assert client.get(hidden_group.get_absolute_url()).status_code == 200

    hidden_group.invite_expires_at = timezone.now() - timedelta(minutes=1)
    hidden_group.save()
    assert client.get(url).status_code == 302  # already a member: straight in
    client.logout()
    assert client.get(url).status_code == 410
    assert client.get(reverse("communities:invite", args=["wrong-token"])).status_code == 404


def test_invite_only_group_refuses_a_request_without_the_link(client, outsider, hidden_group):
    client.force_login(outsider)
    assert client.get(reverse("communities:join", args=[hidden_group.slug])).status_code == 404


def test_leaving_keeps_posts_as_former_member(client, member, group, thread, staff):
    client.force_login(member)
    client.post(reverse("communities:leave", args=[group.slug]))
    assert client.get(thread.get_absolute_url()).status_code == 404
    moderator = client.__class__()
    moderator.force_login(staff["supporter"])
    page = moderator.get(thread.get_absolute_url())
    assert b"former member" in page.content
    assert b"Mara" not in page.content


def test_admin_creates_a_group_with_questions_and_supporters(client, staff):
    client.force_login(staff["admin"])
    response = client.post(
        reverse("communities:group_new"),
        {
            "name": "Anniversaries and Memorials",
            "description": "Getting through the hard days.",
            "rules": "Be gentle.",
            "question_1": "What would you like from this group?",
            "is_listed": "on",
            "join_policy": "approval",
            "supporters": [staff["supporter"].pk],
            "cw_required_topics": ["grief"],
        },
    )
    assert response.status_code == 302
    from communities.models import Group

    created = Group.objects.get(name="Anniversaries and Memorials")
    assert created.screening_questions == ["What would you like from this group?"]
    assert list(created.supporters.all()) == [staff["supporter"]]
    assert created.cw_required_topics == ["grief"]


def test_group_admin_pages_are_404_for_members_and_supporters(client, member, staff, group):
    for person in (member, staff["supporter"]):
        client.force_login(person)
        assert client.get(reverse("communities:group_new")).status_code == 404
        assert client.get(reverse("communities:group_edit", args=[group.slug])).status_code == 404


def test_newly_approved_member_sees_a_note_of_hope_once(client, outsider, group, staff):
    from communities.services import note_of_hope_approve, note_of_hope_write

    note = note_of_hope_write(author=staff["supporter"], body="It does get lighter. Slowly.")
    note_of_hope_approve(note_id=note.pk, by=staff["supporter"])
    client.force_login(outsider)
    _join(client, group)
    membership_decide(
        membership_id=Membership.objects.get(user=outsider).pk,
        decider=staff["supporter"],
        approve=True,
    )
    assert b"It does get lighter" in client.get(group.get_absolute_url()).content
    assert b"It does get lighter" not in client.get(group.get_absolute_url()).content


def test_supporter_removes_a_member_who_then_gets_404(client, member, thread, staff, group):
    moderator = client.__class__()
    moderator.force_login(staff["supporter"])
    url = reverse("communities:members", args=[group.slug])
    assert b"Mara" in moderator.get(url).content
    membership = Membership.objects.get(user=member, group=group)
    moderator.post(url, {"membership": membership.pk})
    membership.refresh_from_db()
    assert membership.state == "removed"
    assert member.notifications.filter(kind="membership_removed").exists()
    client.force_login(member)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert b"can't rejoin" in client.get(reverse("communities:join", args=[group.slug])).content


def test_members_page_is_404_for_members(client, member, membership, group):
    client.force_login(member)
    assert client.get(reverse("communities:members", args=[group.slug])).status_code == 404


def test_a_group_named_like_a_page_still_gets_its_own_address(db):
    from communities.services import group_create

    group = group_create(name="Resources")
    assert group.slug == "resources-group"
