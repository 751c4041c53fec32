"""The account settings page and deleting an account, tried by every role."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from communities.models import Post
from communities.services import member_settings_update
from peersupport import datarights
from peersupport.models import User
from tests.factories import PASSWORD

PAGES = ["account_settings", "account_delete"]


@pytest.fixture
def people(member, supporter, counselor, supervisor, admin_user, with_mfa):
    for staff in (supporter, counselor, supervisor, admin_user):
        with_mfa(staff)
    return {
        "member": member,
        "supporter": supporter,
        "counselor": counselor,
        "supervisor": supervisor,
        "admin": admin_user,
    }


@pytest.mark.parametrize("role", ["member", "supporter", "counselor", "supervisor", "admin"])
@pytest.mark.parametrize("page", PAGES)
def test_every_signed_in_person_has_their_own_settings(client, people, role, page):
    client.force_login(people[role])
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert people[role].display_name.encode() in response.content or page == "account_delete"


@pytest.mark.parametrize(
    "page", [*PAGES, "account_export_request"], ids=["settings", "delete", "export"]
)
def test_anonymous_visitors_are_asked_to_log_in(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_settings_page_brings_everything_together(client, member):
    member_settings_update(
        user=member, hide_cw_posts=True, muted_topics=["news"], email_mode="digest"
    )
    client.force_login(member)
    page = client.get(reverse("account_settings")).content.decode()
    for words in [
        "Where you are signed in",
        "Two-step sign-in",
        "Turn on two-step sign-in",
        "Emails: Once a day, in one email",
        "Posts with a content warning: hidden entirely",
        "Muted topics: The news and media",
        "Prepare a copy of my data",
        "Delete my account",
    ]:
        assert words in page, words
    assert 'href="/settings/"' in client.get(reverse("home")).content.decode()  # "Your account"


def _signed_in_elsewhere(user) -> UserSession:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return UserSession.objects.create(
        user=user, ip="198.51.100.4", session_key=store.session_key, user_agent="Phone browser"
    )


def test_a_member_sees_and_ends_another_session(client, member):
    other = _signed_in_elsewhere(member)
    client.force_login(member)
    page = client.get(reverse("account_settings"))
    assert b"Phone browser" in page.content and b"198.51.100.4" in page.content
    response = client.post(reverse("account_session_end", args=[other.pk]))
    assert response.status_code == 302
    assert not UserSession.objects.filter(pk=other.pk).exists()
    assert not SessionStore().exists(other.session_key)


def test_nobody_can_end_someone_elses_session(client, member, outsider):
    theirs = _signed_in_elsewhere(outsider)
    client.force_login(member)
    assert client.post(reverse("account_session_end", args=[theirs.pk])).status_code == 404
    assert UserSession.objects.filter(pk=theirs.pk).exists()


def test_delete_page_asks_once_clearly_and_offers_the_crisis_lines(client, member):
    client.force_login(member)
    page = client.get(reverse("account_delete")).content.decode()
    assert "Call 988" in page and "1-800-985-5990" in page
    assert "Remove them" in page and "former member" in page
    assert "This can't be undone" in page


def test_a_wrong_password_deletes_nothing(client, member):
    client.force_login(member)
    response = client.post(reverse("account_delete"), {"posts": "remove", "password": "nope"})
    assert response.status_code == 200
    assert b"That password doesn&#x27;t match" in response.content
    assert User.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("role", ["member", "supporter", "counselor"])
def test_anyone_can_delete_their_own_account(client, people, role):
    person = people[role]
    pk = person.pk
    elsewhere = _signed_in_elsewhere(person)
    client.force_login(person)
    response = client.post(reverse("account_delete"), {"posts": "keep", "password": PASSWORD})
    assert response.url == reverse("account_deleted")
    assert not User.objects.filter(pk=pk).exists()
    assert not SessionStore().exists(elsewhere.session_key)  # signed out on every device
    goodbye = client.get(response.url)
    assert b"Your account is deleted" in goodbye.content and b"Call 988" in goodbye.content
    # Signed out: their settings page now asks to log in.
    assert client.get(reverse("account_settings")).status_code == 302


def test_deleting_keeps_posts_only_when_asked(client, world):
    client.force_login(world.mara)
    client.post(reverse("account_delete"), {"posts": "keep", "password": PASSWORD})
    former = datarights.former_member()
    kept = Post.objects.filter(author=former, thread=world.mara_thread).get()
    assert kept.body and kept.deleted_at is None


def test_nobody_can_sign_up_as_former_member(db):
    from peersupport.forms import SignupDetailsForm

    form = SignupDetailsForm(data={"display_name": "Former  Member"})
    assert not form.is_valid()
    assert "already using that name" in form.errors["display_name"][0]


def test_signing_out_everywhere_else_keeps_this_device(client, member):
    phone = _signed_in_elsewhere(member)
    client.force_login(member)
    client.get(reverse("account_settings"))
    response = client.post(reverse("account_sessions_end_others"))
    assert response.url == reverse("account_settings")
    assert not SessionStore().exists(phone.session_key)
    assert client.get(reverse("account_settings")).status_code == 200  # still signed in here
