"""Threads and replies as members see them: warnings, anonymity, reactions, edits, follows."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communities.models import Post, Thread
from communities.services import post_create, thread_preference_set


def _reply(client, thread, **data):
    return client.post(thread.get_absolute_url(), {"body": "Thinking of you.", **data})


def test_member_starts_a_thread_with_a_topic(client, member, membership, group):
    client.force_login(member)
    response = client.post(
        reverse("communities:thread_new", args=[group.slug]),
        {"title": "Sleeping again", "topic": "self-care", "body": "Small wins."},
    )
    thread = Thread.objects.get(title="Sleeping again")
    assert response.url == thread.get_absolute_url()
    page = client.get(group.get_absolute_url())
    assert b"Sleeping again" in page.content and b"Self-care" in page.content


def test_reply_with_content_warning_is_collapsed(client, member, thread):
    client.force_login(member)
    _reply(client, thread, body="The sirens still wake me.", cw_label="the night of the attack")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert '<details class="cw">' in page
    assert "Content warning: the night of the attack" in page
    assert '<details class="cw" open' not in page


def test_topic_that_needs_a_warning_keeps_the_text_and_asks_kindly(
    client, member, membership, group
):
    client.force_login(member)
    response = client.post(
        reverse("communities:thread_new", args=[group.slug]),
        {"title": "Testifying", "topic": "legal", "body": "I have to testify next month."},
    )
    assert response.status_code == 200
    assert b"need a content warning" in response.content
    assert b"I have to testify next month." in response.content
    assert not Thread.objects.filter(title="Testifying").exists()


def test_empty_reply_is_refused_with_a_kind_word(client, member, thread):
    client.force_login(member)
    response = _reply(client, thread, body="   ")
    assert response.status_code == 400
    assert b"Please write something" in response.content


def test_anonymous_reply_hides_the_author_from_members_not_from_supporters(
    client, member, thread, staff, group
):
    from tests.factories import UserFactory

    other = UserFactory(display_name="Juniper")
    from communities.models import Membership

    Membership.objects.create(group=group, user=other, state="active")
    client.force_login(other)
    _reply(client, thread, body="I was there too.", is_anonymous="on")
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Anonymous member" in page
    assert "Juniper" not in page
    client.force_login(staff["supporter"])
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "written by Juniper (only moderators see this)" in page
    assert Post.objects.get(body="I was there too.").author == other  # the record keeps it


def test_author_edits_within_the_window_then_not(client, member, thread):
    client.force_login(member)
    post = thread.posts.get()
    url = reverse("communities:post_edit", args=[thread.group.slug, post.pk])
    client.post(url, {"body": "It is next week. I am **scared**."})
    post.refresh_from_db()
    assert post.body_html == "<p>It is next week. I am <strong>scared</strong>.</p>"
    assert post.edited_at is not None
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert client.get(url).status_code == 404


def test_author_deletes_their_post_and_the_words_are_gone(client, member, thread):
    client.force_login(member)
    post = thread.posts.get()
    client.post(reverse("communities:post_delete", args=[thread.group.slug, post.pk]))
    page = client.get(thread.get_absolute_url()).content
    assert b"The author deleted this post." in page
    assert b"dread" not in page


def test_others_cannot_delete_or_edit_a_post(client, thread, staff):
    client.force_login(staff["supporter"])
    post = thread.posts.get()
    delete = client.post(reverse("communities:post_delete", args=[thread.group.slug, post.pk]))
    assert delete.status_code == 404
    assert Post.objects.get(pk=post.pk).deleted_at is None


def test_reactions_show_a_total_and_toggle(client, member, thread, staff):
    post = thread.posts.get()
    url = reverse("communities:post_react", args=[thread.group.slug, post.pk])
    client.force_login(member)
    client.post(url, {"kind": "support"})
    client.force_login(staff["supporter"])
    client.post(url, {"kind": "me-too"})
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "2 reactions" in page
    assert "Mara" not in page.split("post-actions")[1]  # who reacted is never listed
    client.post(url, {"kind": "me-too"})  # take it back
    post.refresh_from_db()
    assert post.reaction_count == 1
    assert client.post(url, {"kind": "downvote"}).status_code == 302
    post.refresh_from_db()
    assert post.reaction_count == 1


def test_followers_are_notified_without_the_words(
    member, thread, staff, django_capture_on_commit_callbacks
):
    supporter = staff["supporter"]
    thread_preference_set(thread=thread, user=supporter, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(thread=thread, author=member, body="My private words about that night.")
    note = supporter.notifications.get(kind="reply")
    assert note.text == "There is a new reply in a thread you follow."
    assert mail.outbox
    assert "private words" not in mail.outbox[-1].body
    assert "new reply" in mail.outbox[-1].subject
    assert not member.notifications.filter(kind="reply").exists()  # not for your own reply


def test_digest_members_get_one_summary_email(
    client, member, thread, staff, django_capture_on_commit_callbacks
):
    from communities.services import member_settings_update, notification_digests_send

    supporter = staff["supporter"]
    member_settings_update(
        user=supporter, hide_cw_posts=False, muted_topics=[], email_mode="digest"
    )
    thread_preference_set(thread=thread, user=supporter, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(thread=thread, author=member, body="one")
        post_create(thread=thread, author=member, body="two")
    assert not mail.outbox
    assert notification_digests_send() == 1
    assert "2 new updates" in mail.outbox[0].body
    assert notification_digests_send() == 0


def test_muted_thread_and_muted_topic_leave_the_list(client, member, thread, group):
    client.force_login(member)
    client.post(reverse("communities:thread_mute", args=[group.slug, thread.pk]), {"on": "1"})
    assert b"The first anniversary" not in client.get(group.get_absolute_url()).content
    settings_page = client.get(reverse("communities:settings"))
    assert b"The first anniversary" in settings_page.content
    client.post(reverse("communities:thread_mute", args=[group.slug, thread.pk]), {"on": "0"})
    assert b"The first anniversary" in client.get(group.get_absolute_url()).content
    client.post(
        reverse("communities:settings"),
        {"muted_topics": ["anniversaries"], "email_mode": "immediate", "time_zone": "UTC"},
    )
    assert b"The first anniversary" not in client.get(group.get_absolute_url()).content


def test_hide_content_warned_posts_entirely(client, member, thread, staff):
    post_create(thread=thread, author=staff["supporter"], body="Hard details", cw_label="injury")
    client.force_login(member)
    client.post(
        reverse("communities:settings"),
        {"hide_cw_posts": "on", "email_mode": "immediate", "time_zone": "America/Denver"},
    )
    page = client.get(thread.get_absolute_url()).content
    assert b"injury" not in page and b"Hard details" not in page
    member.refresh_from_db()
    assert member.timezone == "America/Denver"


def test_thread_pages_go_by_cursor(client, member, thread):
    for n in range(45):
        post_create(thread=thread, author=member, body=f"reply number {n}")
    client.force_login(member)
    first = client.get(thread.get_absolute_url()).content.decode()
    assert "reply number 38" in first and "reply number 39" not in first
    assert "?after=" in first
    cursor = first.split("?after=")[1].split('"')[0]
    second = client.get(f"{thread.get_absolute_url()}?after={cursor}").content.decode()
    assert "reply number 39" in second and "reply number 44" in second
    assert "reply number 38" not in second
    assert "?before=" in second
    latest = client.get(f"{thread.get_absolute_url()}?latest=1").content.decode()
    assert "reply number 44" in latest
    assert client.get(f"{thread.get_absolute_url()}?after=abc").status_code == 200


def test_group_thread_list_goes_by_cursor(client, member, group, membership):
    from communities.services import thread_create

    for n in range(30):
        thread_create(group=group, author=member, title=f"Topic {n:02d}", topic="general", body="x")
    client.force_login(member)
    first = client.get(group.get_absolute_url()).content.decode()
    assert "Topic 29" in first and "Topic 04" not in first
    cursor = first.split("?cursor=")[1].split('"')[0]
    second = client.get(f"{group.get_absolute_url()}?cursor={cursor}").content.decode()
    assert "Topic 04" in second and "Topic 29" not in second
    assert client.get(f"{group.get_absolute_url()}?cursor=nonsense").status_code == 200


def test_reacting_with_htmx_returns_the_post_updated_in_place(client, member, thread):
    post = thread.posts.get()
    client.force_login(member)
    response = client.post(
        reverse("communities:post_react", args=[thread.group.slug, post.pk]),
        {"kind": "thanks"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.strip().startswith("<article")
    assert f'id="post-{post.pk}"' in html
    assert "1 reaction" in html and 'aria-pressed="true"' in html
