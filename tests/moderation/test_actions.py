"""What a supporter can do with an entry, and what everyone then sees. Every action writes
an audit row; the author is told in plain, kind words, never who flagged them."""

import pytest
from django.utils import timezone

from communities.models import Membership, Post
from communities.services import post_create
from moderation.models import AuditEntry, CareMessage, Mute, QueueEntry
from moderation.services import (
    ActionRefused,
    care_message_send,
    entry_escalate,
    join_request_decide,
    join_requests_sync,
    member_ban,
    member_mute,
    member_remove_from_group,
    post_moderate,
)
from peersupport.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(member, membership, thread):
    post = post_create(thread=thread, author=member, body="My first words here.")
    return QueueEntry.objects.get(post=post)


def _page(client, thread):
    return client.get(thread.get_absolute_url()).content.decode()


def _notes_for(user):
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_approve_shows_the_post_to_everyone_and_tells_the_author(
    held, supporter, thread, trusted, member, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_moderate(entry_id=held.pk, moderator=supporter, action="approve", reason="fine")
    assert "My first words here." in _page(login(trusted), thread)
    held.refresh_from_db()
    assert held.state == "resolved" and held.resolved_by == supporter
    row = AuditEntry.objects.get(action="post_approve")
    assert (row.actor, row.subject, row.reason) == (supporter, member, "fine")
    assert row.before["state"] == "held" and row.after["state"] == "visible"
    assert any("now up for the group" in t for t in _notes_for(member))


def test_remove_leaves_a_kind_placeholder_and_the_author_can_ask_again(
    held, supporter, thread, trusted, member, login
):
    post_moderate(entry_id=held.pk, moderator=supporter, action="remove", reason="identifies")
    assert "My first words here." not in _page(login(trusted), thread)
    assert "A moderator took this post down." in _page(login(trusted), thread)
    assert "only you can still read it" in _page(login(member), thread)
    note = Notification.objects.get(user=member, kind="moderation")
    assert "ask for a second look" in note.text
    assert "violat" not in note.text.lower()
    decision = login(member).get(note.url).content.decode()
    assert "identifies" in decision and "Ask for a second look" in decision
    assert "Sam" not in decision  # which supporter acted is not shown


def test_hide_takes_it_from_the_group_but_the_author_still_sees_it(
    held, supporter, thread, trusted, member, login
):
    post_moderate(entry_id=held.pk, moderator=supporter, action="approve")
    entry = QueueEntry.objects.create(
        group=held.group, kind="flagged", post=held.post, subject=member
    )
    post_moderate(entry_id=entry.pk, moderator=supporter, action="hide")
    assert "My first words here." not in _page(login(trusted), thread)
    assert "put this aside for now" in _page(login(member), thread)


def test_edit_with_note_shows_edited_by_a_moderator(held, supporter, thread, trusted, login):
    post_moderate(
        entry_id=held.pk, moderator=supporter, action="edit",
        body="My first words.", note="a name was taken out",
    )  # fmt: skip
    page = _page(login(trusted), thread)
    assert "My first words." in page
    assert "Edited by a moderator: a name was taken out" in page
    row = AuditEntry.objects.get(action="post_edit")
    # The audit keeps the change's shape, never the words (a member may later erase them).
    assert row.before["chars"] == len("My first words here.")
    assert row.after["chars"] == len("My first words.")
    assert "My first words" not in str(row.before) + str(row.after)


def test_edit_needs_words_and_a_note(held, supporter):
    with pytest.raises(ActionRefused):
        post_moderate(entry_id=held.pk, moderator=supporter, action="edit", body="x")
    assert not AuditEntry.objects.filter(action="post_edit").exists()


def test_add_content_warning_closes_the_post_for_readers(held, supporter, thread, trusted, login):
    post_moderate(entry_id=held.pk, moderator=supporter, action="add_cw", cw_label="violence")
    page = _page(login(trusted), thread)
    assert "Content warning: violence" in page
    assert Post.objects.get(pk=held.post_id).cw_label == "violence"


def test_mute_stops_posting_in_that_group_with_a_kind_explanation(
    held, supporter, member, thread, login
):
    member_mute(entry_id=held.pk, moderator=supporter, days=3, reason="cooling off")
    assert Mute.objects.get(user=member).until > timezone.now()
    page = login(member).post(thread.get_absolute_url(), {"body": "hello again"})
    assert page.status_code == 400
    assert "not post in it until" in page.content.decode()
    assert "hello again" in page.content.decode()
    assert AuditEntry.objects.filter(action="member_mute", subject=member).exists()


def test_a_muted_member_in_crisis_is_not_refused_help_is_offered(
    held, supporter, member, thread, login
):
    """The mute still keeps the words off the page, but someone who may be at risk is never
    turned away: the post waits for a moderator and a crisis counselor is alerted."""
    from crisis.models import Escalation

    member_mute(entry_id=held.pk, moderator=supporter, days=3, reason="cooling off")
    words = "I have the pills here and I am going to take them all tonight."
    page = login(member).post(thread.get_absolute_url(), {"body": words}, follow=True)
    assert page.status_code == 200
    assert "not post in it until" not in page.content.decode()
    post = Post.objects.get(body=words)
    assert post.state == Post.State.HELD
    assert QueueEntry.objects.get(post=post, state="open").kind == "at_risk"
    escalation = Escalation.objects.get(member=member)
    assert escalation.source_ref == f"post:{post.pk}"


def test_remove_from_group(held, supporter, member, thread, login):
    member_remove_from_group(entry_id=held.pk, moderator=supporter, reason="repeated harm")
    assert Membership.objects.get(user=member, group=held.group).state == "removed"
    assert login(member).get(thread.get_absolute_url()).status_code == 404
    assert AuditEntry.objects.filter(action="member_remove").exists()


def test_only_admins_close_accounts(held, supporter, admin, member):
    with pytest.raises(ActionRefused):
        member_ban(entry_id=held.pk, admin=supporter)
    member_ban(entry_id=held.pk, admin=admin, reason="spam network")
    member.refresh_from_db()
    assert member.is_active is False
    assert AuditEntry.objects.filter(action="member_ban", actor=admin).exists()


def test_a_banned_member_is_signed_out_everywhere(held, admin, member, password):
    from django.test import Client
    from django.urls import reverse

    mara = Client()
    mara.post(reverse("account_login"), {"login": member.email, "password": password})
    assert mara.get(reverse("matching:home")).status_code == 200
    member_ban(entry_id=held.pk, admin=admin, reason="spam network")
    assert mara.get(reverse("matching:home")).status_code == 302  # her open session ended


def test_message_of_concern_reaches_only_the_member_with_resources(
    held, supporter, member, outsider, login
):
    message = care_message_send(
        entry_id=held.pk, moderator=supporter, body="We are thinking of you."
    )
    note = Notification.objects.get(user=member, kind="care_message")
    assert "thinking" not in note.text  # notifications never quote
    page = login(member).get(note.url).content.decode()
    assert "We are thinking of you." in page and "988" in page
    assert login(outsider).get(note.url).status_code == 404
    assert CareMessage.objects.get(pk=message.pk).read_at is not None


def test_escalate_moves_the_entry_to_the_top(held, supporter):
    entry_escalate(entry_id=held.pk, moderator=supporter, reason="worried")
    held.refresh_from_db()
    assert held.priority == QueueEntry.Priority.AT_RISK
    assert AuditEntry.objects.filter(action="escalate", actor=supporter).exists()


def test_join_requests_are_decided_from_the_queue_and_audited(group, supporter):
    pia = UserFactory(email="pia@example.org", display_name="Pia")
    Membership.objects.create(group=group, user=pia, state=Membership.State.PENDING)
    assert join_requests_sync() == 1
    assert join_requests_sync() == 0  # one entry per request
    entry = QueueEntry.objects.get(kind="join_request")
    join_request_decide(entry_id=entry.pk, moderator=supporter, approve=True, message="Welcome")
    assert Membership.objects.get(user=pia).state == "active"
    row = AuditEntry.objects.get(action="join_approve")
    assert row.after == {"state": "active"} and row.subject == pia


def test_an_action_on_a_resolved_entry_is_refused(held, supporter):
    post_moderate(entry_id=held.pk, moderator=supporter, action="approve")
    with pytest.raises(ActionRefused, match="already been dealt with"):
        post_moderate(entry_id=held.pk, moderator=supporter, action="remove")


def test_actions_through_the_page(held, supporter, login, thread, trusted):
    client = login(supporter)
    page = client.get(f"/moderation/entries/{held.pk}/")
    assert "My first words here." in page.content.decode()
    client.post(f"/moderation/entries/{held.pk}/claim/")
    response = client.post(f"/moderation/entries/{held.pk}/act/", {"action": "approve"})
    assert response.status_code == 302
    assert "My first words here." in _page(login(trusted), thread)


def test_requests_answered_on_the_groups_page_leave_the_queue_and_are_audited(
    group, supporter, login
):
    pia = UserFactory(email="pia@example.org", display_name="Pia")
    membership = Membership.objects.create(group=group, user=pia, state="pending")
    join_requests_sync()
    login(supporter).post(
        f"/groups/{group.slug}/requests/",
        {"membership": membership.pk, "decision": "decline", "message": "Not this group"},
    )
    join_requests_sync()
    entry = QueueEntry.objects.get(kind="join_request")
    assert entry.state == "resolved"
    row = AuditEntry.objects.get(action="join_decline")
    assert row.actor == supporter and row.reason == "Not this group" and row.subject == pia


def test_a_moderator_acts_on_a_post_straight_from_the_thread(
    login, supporter, trusted, thread, other_supporter
):
    post = post_create(thread=thread, author=trusted, body="Some hurtful words.")
    page = login(supporter).get(thread.get_absolute_url()).content.decode()
    assert f"/moderation/posts/{post.pk}/review/" in page
    assert f"/moderation/posts/{post.pk}/review/" not in _page(login(trusted), thread)
    response = login(supporter).post(f"/moderation/posts/{post.pk}/review/")
    entry = QueueEntry.objects.get(post=post)
    assert response["Location"] == f"/moderation/entries/{entry.pk}/"
    assert entry.claimed_by == supporter
    assert login(other_supporter).post(f"/moderation/posts/{post.pk}/review/").status_code == 404
