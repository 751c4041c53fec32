"""Staff pages open only after TOTP MFA (with recovery codes) is set up."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from peersupport.permissions import is_staff_path

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def staff_urls():
    """Every URL that only staff may open: marked views, and all under a staff prefix."""
    urls = set()
    for route, view in _walk(get_resolver().url_patterns):
        if "<" in route or "(?P" in route or "^" in route:
            continue  # routes with parameters are covered by their app's own tests
        path = "/" + route
        if getattr(view, "staff_only", False) or is_staff_path(path):
            urls.add(path)
    return sorted(urls)


def test_there_are_staff_urls_to_check():
    found = staff_urls()
    assert "/staff/" in found
    assert "/admin/" in found


@pytest.mark.parametrize("role_fixture", ["supporter", "counselor", "supervisor", "admin_user"])
def test_staff_without_mfa_are_sent_to_set_it_up_from_every_staff_url(
    request, client, role_fixture
):
    person = request.getfixturevalue(role_fixture)
    client.force_login(person)
    setup = reverse("mfa_activate_totp")
    for url in staff_urls():
        response = client.get(url)
        if response.status_code == 405:  # an action: it must refuse a POST the same way
            response = client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(setup), url


def test_a_supporter_sets_up_totp_gets_recovery_codes_and_then_opens_staff_pages(
    client, supporter, password
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    response = client.post(
        reverse("account_login"), {"login": supporter.email, "password": password}
    )
    assert response.status_code == 302
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password once more before changing how someone signs in.
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(response.redirect_chain[-1][0], {"password": password}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp"))
    assert b"authenticator" in response.content.lower()

    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    kinds = set(Authenticator.objects.filter(user=supporter).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/staff/").status_code == 200


def test_staff_with_mfa_reach_the_staff_home(client, supporter, with_mfa):
    client.force_login(with_mfa(supporter))
    response = client.get("/staff/")
    assert response.status_code == 200
    assert b"Staff area" in response.content


def test_admin_with_mfa_reaches_django_admin(client, admin_user, with_mfa):
    client.force_login(with_mfa(admin_user))
    assert client.get("/admin/").status_code == 200


def test_members_get_404_not_a_hint_for_staff_pages(client, member):
    client.force_login(member)
    assert client.get("/staff/").status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_member_does_not_need_mfa_for_ordinary_pages(client, member):
    client.force_login(member)
    assert client.get("/").status_code == 200
    assert client.get("/help/").status_code == 200


def test_a_signed_in_page_costs_few_queries(
    client, member, password, django_assert_max_num_queries
):
    client.post(reverse("account_login"), {"login": member.email, "password": password})
    client.get("/")  # the first page fills short-lived caches (e.g. who is on duty): not counted
    with django_assert_max_num_queries(4):  # session, user, roles, unread notifications
        assert client.get("/").status_code == 200


def test_a_supporter_without_mfa_is_sent_to_set_it_up_even_from_an_admin_only_page(
    client, supporter, rf
):
    from peersupport.permissions import staff_required

    @staff_required("admin")
    def admin_only(request):
        raise AssertionError("must not run")

    request = rf.get("/staff/somewhere/")
    request.user = supporter
    response = admin_only(request)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
