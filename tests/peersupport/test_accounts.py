"""Sign-up with a pseudonym, email verification, log in/out, password reset, sessions."""

import re

import pytest
import redis
from django.conf import settings
from django.core import mail
from django.urls import reverse

from peersupport.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "river@example.org",
    "display_name": "River Stone",
    "password1": "quiet evenings by the lake",
    "password2": "quiet evenings by the lake",
}


def confirm_link(message) -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_the_signup_form_asks_for_a_display_name_and_never_a_real_name(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in page
    assert "real name" in page.lower()  # the hint: please don't use it
    for field in ("first_name", "last_name", "username", "full_name"):
        assert f'name="{field}"' not in page


def test_signup_sends_a_verification_email_and_confirming_lets_the_person_log_in(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="river@example.org")
    assert user.display_name == "River Stone"
    assert user.has_role("member")
    assert len(mail.outbox) == 1

    # Not verified yet: logging in leads to the "check your email" page, not in.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert "_auth_user_id" not in client.session

    link = confirm_link(mail.outbox[-1])
    assert client.get(link).status_code == 200  # a page with a button, not a GET side effect
    response = client.post(link)
    assert response.status_code == 302
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_taken_display_name_gets_a_kind_error_and_keeps_what_was_typed(client, member):
    data = {**SIGNUP, "display_name": "mara"}  # Mara exists; names are unique ignoring case
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone is already using that name" in page
    assert 'value="river@example.org"' in page
    assert not User.objects.filter(email="river@example.org").exists()


def test_the_verification_email_says_nothing_personal_beyond_the_link(client):
    client.post(reverse("account_signup"), SIGNUP)
    body = mail.outbox[0].body
    assert SIGNUP["password1"] not in body
    assert "confirm-email" in body


def test_password_reset_by_email(client, member, password):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body
    )
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "a new and gentle morning"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)


def test_a_person_sees_where_they_are_signed_in_and_can_end_other_sessions(
    client, django_user_model, member, password
):
    from django.test import Client

    phone = Client(HTTP_USER_AGENT="PhoneBrowser/1.0")
    phone.post(reverse("account_login"), {"login": member.email, "password": password})
    client.defaults["HTTP_USER_AGENT"] = "LaptopBrowser/2.0"
    client.post(reverse("account_login"), {"login": member.email, "password": password})

    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "PhoneBrowser/1.0" in page
    assert "LaptopBrowser/2.0" in page
    assert "Current" in page
    assert "no-store" in response["Cache-Control"]

    client.post(reverse("usersessions_list"))  # "sign out other sessions"
    assert phone.get(reverse("usersessions_list")).status_code == 302  # the phone is out
    assert client.get(reverse("usersessions_list")).status_code == 200


def test_failed_logins_are_rate_limited_in_redis(client, member, password):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    # Even the right password is refused for a while after repeated failures.
    response = client.post(reverse("account_login"), {"login": member.email, "password": password})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content
    keys = redis.Redis.from_url(settings.REDIS_URL).keys("*allauth*")
    assert keys, "the rate-limit counters should live in Redis"


def test_signup_does_the_same_work_whether_or_not_the_email_exists(client, member, monkeypatch):
    """Issue 18 #5: 22 ms for an existing email against 390 ms for a new one. Both now hash
    one password and send one email, so the time tells nothing."""
    from django.contrib.auth import hashers

    hashed = []
    real = hashers.make_password

    def counting(*args, **kwargs):
        hashed.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashers, "make_password", counting)
    monkeypatch.setattr("peersupport.adapters.make_password", counting)
    monkeypatch.setattr("django.contrib.auth.base_user.make_password", counting)
    work = []
    for email, name in (("new.person@example.org", "Willow"), (member.email, "Fern")):
        hashed.clear()
        mail.outbox.clear()
        response = client.post(
            reverse("account_signup"), {**SIGNUP, "email": email, "display_name": name}
        )
        assert response.status_code == 302
        work.append((len(hashed), len(mail.outbox)))
        client.logout()
    assert work[0] == work[1] == (1, 1), work


def test_the_confirmation_email_does_not_repeat_the_chosen_name(client):
    """Issue 18 #16: whoever signs up chooses the name, and the address is anyone's."""
    name = "Visit evil example dot com"
    client.post(reverse("account_signup"), {**SIGNUP, "display_name": name})
    assert len(mail.outbox) == 1
    assert name not in mail.outbox[0].body
    assert "/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "name",
    [
        "Anonymous member",
        "Anonymous member (you)",
        "peersupport",
        "Counselor Reed",
        "Cоunselor Reed",  # noqa: RUF001 (a Cyrillic o is the point of the test)
        "Ad\u200bmin Birch",
        "Cora",  # a counselor's name
        "ＣＯＲＡ",  # noqa: RUF001 (full-width: NFKC folds it)
    ],
)
def test_signup_refuses_names_that_pass_for_the_system_or_staff(client, counselor, name):
    """Issue 18 #13: sign-up accepted names that impersonate the system or staff."""
    response = client.post(
        reverse("account_signup"), {**SIGNUP, "email": "mimic@example.org", "display_name": name}
    )
    assert response.status_code == 200
    assert "could be mistaken for the platform or its staff" in response.content.decode()
    assert not User.objects.filter(email="mimic@example.org").exists()


def test_signup_stores_the_name_normalised(client):
    client.post(reverse("account_signup"), {**SIGNUP, "display_name": "Ｒｉｖｅｒ\u200b  Stone"})  # noqa: RUF001
    assert User.objects.get(email=SIGNUP["email"]).display_name == "River Stone"
