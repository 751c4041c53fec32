"""Under `Referrer-Policy: no-referrer` a browser posts the site's own forms with
`Origin: null`. They are accepted when the browser vouches (Sec-Fetch-Site: same-origin) and
the CSRF token is right; nothing from another site gets through."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_like(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(reverse("account_settings"))  # a page with a form sets the CSRF cookie
    return client


def _post(client, *, origin="null", site="same-origin", token=True):
    data = {"csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME].value} if token else {}
    headers = {"HTTP_ORIGIN": origin}
    if site:
        headers["HTTP_SEC_FETCH_SITE"] = site
    return client.post("/crisis/help/", data, **headers)


def test_the_policy_is_no_referrer_outside_development():
    assert settings.SECURE_REFERRER_POLICY == "no-referrer"


def test_a_same_origin_post_with_origin_null_and_the_token_goes_through(browser_like):
    assert _post(browser_like).status_code == 302


@pytest.mark.parametrize(
    "origin, site, token",
    [
        ("null", "cross-site", True),  # another site's form, in a browser that says so
        ("null", "same-site", True),  # a sibling subdomain is not this site
        ("null", None, True),  # a browser that does not vouch
        ("null", "same-origin", False),  # vouched for, but no token
        ("https://evil.example", "same-origin", True),  # a real other origin
    ],
)
def test_anything_else_is_refused(browser_like, origin, site, token):
    assert _post(browser_like, origin=origin, site=site, token=token).status_code == 403
