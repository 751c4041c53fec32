"""Smaller holes an independent probe found over HTTP (issue #18), each tried as a person
would: the member-notes page for someone outside the group, reacting to a post one cannot
see."""

import pytest
from django.test import Client

from communities.models import Post, Reaction
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(with_mfa):
    return build_world(with_mfa)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_member_notes_page_is_not_found_for_people_outside_the_group(world):
    """#10: a supporter walked ids and saw every account's pseudonym, staff included."""
    sam, slug = world.people["sup_here"], world.ids["slug"]
    client = _as(sam)
    mara = world.people["member"]
    assert client.get(f"/moderation/groups/{slug}/members/{mara.pk}/").status_code == 200
    for stranger in ("outsider", "counselor", "admin", "sup_other"):
        person = world.people[stranger]
        url = f"/moderation/groups/{slug}/members/{person.pk}/"
        assert client.get(url).status_code == 404, stranger
        assert client.post(url, {"body": "A note about a stranger."}).status_code == 404


def test_reacting_to_a_post_one_cannot_see_is_not_found(world):
    """#12: the react endpoint answered for a removed post (a 302 naming the thread)."""
    removed = Post.objects.get(body="A post a moderator removes.")
    held = Post.objects.create(
        thread=removed.thread, author=world.people["member"], body="Held.", state=Post.State.HELD
    )
    finch = (
        Post.objects.get(pk=world.ids["post_id"])
        .thread.group.memberships.get(user__display_name="CanaryFlaggerFinch")
        .user
    )
    for post in (held, removed):
        url = f"/groups/{world.ids['slug']}/posts/{post.pk}/react/"
        response = _as(finch).post(url, {"kind": Reaction.Kind.choices[0][0]})
        assert response.status_code == 404
        assert not Reaction.objects.filter(post=post).exists()
    visible = f"/groups/{world.ids['slug']}/posts/{world.ids['post_id']}/react/"
    assert _as(finch).post(visible, {"kind": Reaction.Kind.choices[0][0]}).status_code == 302


def test_the_delete_account_password_has_an_attempt_limit(member, password):
    """#15: the password check on /settings/delete/ could be tried without end."""
    client = _as(member)
    for _ in range(5):
        response = client.post("/settings/delete/", {"password": "guess", "posts": "keep"})
        assert response.status_code == 200
        assert "doesn&#x27;t match" in response.content.decode()
    # Now even the right password waits: nothing is deleted, and the words are calm.
    response = client.post("/settings/delete/", {"password": password, "posts": "keep"})
    assert response.status_code == 429
    assert "paused this for 15 minutes" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_websocket_handshake_logs_carry_no_path_or_address(settings):
    """#17: uvicorn logged every handshake with the client IP and the crisis chat id."""
    import logging

    from peersupport.connection_logs import quiet_connection_logs

    quiet_connection_logs(False)
    record = logging.LogRecord(
        "uvicorn.error", logging.INFO, "", 0, '%s - "WebSocket %s" [accepted]',
        ("203.0.113.9:51234", "/ws/crisis/chat/42/"), None,
    )  # fmt: skip
    for log_filter in logging.getLogger("uvicorn.error").filters:
        log_filter.filter(record)
    line = record.getMessage()
    assert "203.0.113.9" not in line and "/42/" not in line and "WebSocket" in line


def test_signed_in_non_staff_get_404_under_admin_and_every_page_has_a_permissions_policy(
    member,
):
    """#17: /admin/ answered 403 (a hint it is there); no Permissions-Policy header."""
    response = _as(member).get("/admin/")
    assert response.status_code == 404
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in Client().get("/").get("Permissions-Policy", "")
