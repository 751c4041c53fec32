"""Django admin's own login form must not be a side door: it skipped the MFA code and
had no limit on failed attempts. It now hands over to the site's (allauth) login."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(admin_user, with_mfa):
    return with_mfa(admin_user)


def test_the_admin_password_form_does_not_skip_the_mfa_code(client, ada):
    response = client.post(
        reverse("admin:login"), {"username": ada.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("account_login"))
    assert client.get("/admin/").status_code == 302  # still outside


def test_signing_in_for_the_admin_asks_for_the_code(client, ada):
    login = client.get(reverse("admin:login") + "?next=/admin/", follow=True)
    assert login.request["PATH_INFO"] == reverse("account_login")
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": ada.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_is_rate_limited_after_repeated_failures(client, ada):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": ada.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": ada.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session
