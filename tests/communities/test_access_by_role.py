"""Who sees what: readers get the page; everyone else gets the same 404 as for nothing."""

import pytest
from django.urls import reverse

from communities.models import Meeting
from tests.communities.conftest import READERS, SHUT_OUT

ALL = READERS + SHUT_OUT


@pytest.fixture
def meeting(group, supporter):
    from datetime import timedelta

    from django.utils import timezone

    return Meeting.objects.create(
        group=group,
        title="Monthly circle",
        starts_at=timezone.now() + timedelta(days=3),
        video_url="https://meet.example.org/secret-room",
        facilitator=supporter,
        created_by=supporter,
    )


def _pages(group, thread):
    post = thread.posts.get()
    return {
        "group": reverse("communities:group", args=[group.slug]),
        "thread": thread.get_absolute_url(),
        "thread_new": reverse("communities:thread_new", args=[group.slug]),
        "meetings": reverse("communities:meetings", args=[group.slug]),
        "leave": reverse("communities:leave", args=[group.slug]),
        "post_edit_other": reverse("communities:post_edit", args=[group.slug, post.pk]),
    }


@pytest.mark.parametrize("role", ALL)
def test_group_pages_open_to_readers_and_404_for_everyone_else(role, client_for, group, thread):
    client = client_for(role)
    for name, url in _pages(group, thread).items():
        response = client.get(url)
        if name == "post_edit_other":
            expected = 200 if role == "member" else 404  # only the author edits
        elif name == "leave" and role != "member":
            expected = 404 if role in SHUT_OUT else 200
        else:
            expected = 200 if role in READERS else 404
        assert response.status_code == expected, (role, name)
        if expected == 404:
            assert b"dread" not in response.content
            assert b"first anniversary" not in response.content.lower()


@pytest.mark.parametrize("role", ALL)
def test_thread_content_is_visible_only_to_readers(role, client_for, thread):
    response = client_for(role).get(thread.get_absolute_url())
    if role in READERS:
        assert b"<strong>dread</strong>" in response.content
        assert (
            response["Cache-Control"].startswith("max-age=0")
            or "no-store" in response["Cache-Control"]
        )
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ALL)
def test_replying_is_for_readers_only(role, client_for, thread):
    response = client_for(role).post(thread.get_absolute_url(), {"body": "I hear you."})
    assert response.status_code == (302 if role in READERS else 404)
    assert thread.posts.filter(body="I hear you.").exists() == (role in READERS)


@pytest.mark.parametrize("role", ALL)
def test_reacting_is_for_readers_only(role, client_for, thread):
    post = thread.posts.get()
    url = reverse("communities:post_react", args=[thread.group.slug, post.pk])
    response = client_for(role).post(url, {"kind": "support"})
    assert response.status_code == (302 if role in READERS else 404)
    post.refresh_from_db()
    assert post.reaction_count == (1 if role in READERS else 0)


@pytest.mark.parametrize("role", ALL)
def test_join_requests_page_only_for_the_groups_moderators(role, client_for, group, pending):
    response = client_for(role).get(reverse("communities:requests", args=[group.slug]))
    if role in ("supporter", "admin"):
        assert response.status_code == 200
        assert b"Pia" in response.content
        assert b"What brings you here?" in response.content
    elif role == "anonymous":
        assert response.status_code == 302  # asked to log in, told nothing about the group
    else:
        assert response.status_code == 404


def test_supporter_not_assigned_to_the_group_gets_404(
    client, with_mfa, group, thread, django_user_model
):
    from tests.factories import UserFactory

    other = with_mfa(UserFactory(display_name="Other Helper", roles=["member", "supporter"]))
    client.force_login(other)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(reverse("communities:requests", args=[group.slug])).status_code == 404


def test_supporter_without_mfa_cannot_read_a_group_they_are_not_in(client, supporter, thread):
    client.force_login(supporter)
    assert client.get(thread.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ALL)
def test_meeting_link_shown_only_to_people_who_said_they_will_come(role, client_for, meeting):
    client = client_for(role)
    url = reverse("communities:meetings", args=[meeting.group.slug])
    response = client.get(url)
    if role not in READERS:
        assert response.status_code == 404
        rsvp = client.post(
            reverse("communities:meeting_rsvp", args=[meeting.group.slug, meeting.pk])
        )
        assert rsvp.status_code == 404
        return
    assert b"Monthly circle" in response.content
    assert b"secret-room" not in response.content
    client.post(reverse("communities:meeting_rsvp", args=[meeting.group.slug, meeting.pk]))
    assert b"secret-room" in client.get(url).content


def test_hidden_group_is_not_in_the_directory_and_its_join_page_is_404(
    client, outsider, hidden_group, group
):
    client.force_login(outsider)
    directory = client.get(reverse("communities:directory"))
    assert b"Survivors of Mass Violence" in directory.content
    assert b"Riverside" not in directory.content
    assert client.get(reverse("communities:join", args=[hidden_group.slug])).status_code == 404
    assert client.get(reverse("communities:group", args=[hidden_group.slug])).status_code == 404
    assert client.get(reverse("communities:join", args=["no-such-group"])).status_code == 404


def test_directory_shows_member_count_but_no_content(client, group, thread, pending, removed):
    response = client.get(reverse("communities:directory"))
    assert b"1 member" in response.content  # only Mara is active
    assert b"anniversary" not in response.content.lower()


def test_post_of_another_group_is_404_through_this_groups_url(client_for, group, thread):
    from communities.services import group_create

    other = group_create(name="Another place")
    post = thread.posts.get()
    url = reverse("communities:post_react", args=[other.slug, post.pk])
    assert client_for("member").post(url, {"kind": "support"}).status_code == 404


@pytest.mark.parametrize("role", ALL)
def test_search_finds_posts_for_readers_and_is_404_for_everyone_else(
    role, client_for, group, thread
):
    response = client_for(role).get(
        reverse("communities:search", args=[group.slug]), {"q": "dread"}
    )
    if role in READERS:
        assert b"The first anniversary" in response.content
    else:
        assert response.status_code == 404
        assert b"anniversary" not in response.content


@pytest.mark.parametrize("role", ALL)
def test_every_other_group_action_is_404_for_people_who_cannot_read(
    role, client_for, group, thread, meeting
):
    post = thread.posts.get()
    slug = group.slug
    posts = [
        reverse("communities:thread_follow", args=[slug, thread.pk]),
        reverse("communities:thread_mute", args=[slug, thread.pk]),
        reverse("communities:post_delete", args=[slug, post.pk]),
        reverse("communities:meeting_cancel", args=[slug, meeting.pk]),
        reverse("communities:meeting_call_off", args=[slug, meeting.pk]),
        reverse("communities:members", args=[slug]),
    ]
    gets = [
        reverse("communities:meeting_new", args=[slug]),
        reverse("communities:members", args=[slug]),
        reverse("communities:search", args=[slug]),
    ]
    client = client_for(role)
    for url in posts:
        status = client.post(url).status_code
        if role in SHUT_OUT:
            assert status in ((302,) if role == "anonymous" and "members" in url else (404,)), url
    for url in gets:
        status = client.get(url).status_code
        moderator_only = "search" not in url
        if role in SHUT_OUT:
            assert status in ((302,) if role == "anonymous" and "members" in url else (404,)), url
        elif moderator_only:
            assert status == (404 if role == "member" else 200), (role, url)
        else:
            assert status == 200
    post.refresh_from_db()
    assert post.deleted_at is None or role == "member"
    leave = client.post(reverse("communities:leave", args=[slug])).status_code
    assert leave == (404 if role in SHUT_OUT else 302)


@pytest.mark.parametrize("role_fixture", ["supporter", "counselor", "supervisor", "admin_user"])
def test_staff_without_mfa_are_sent_to_set_it_up_from_group_staff_pages(
    request, client, role_fixture, group
):
    client.force_login(request.getfixturevalue(role_fixture))
    for url in (
        reverse("communities:group_new"),
        reverse("communities:hope_review"),
        reverse("communities:requests", args=[group.slug]),
        reverse("communities:members", args=[group.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url
