"""What every page carries: crisis help, hotlines, quick exit; nothing from elsewhere."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home", "get_help", "account_login", "account_signup", "account_reset_password"]


def pages_for(client, member):
    for name in PUBLIC_PAGES:
        yield name, client.get(reverse(name))
    client.force_login(member)
    for name in ("home", "get_help", "account_email", "account_change_password", "mfa_index"):
        yield f"{name} (signed in)", client.get(reverse(name))


def test_every_page_has_get_help_hotlines_and_quick_exit(client, member):
    for name, response in pages_for(client, member):
        assert response.status_code == 200, name
        page = response.content.decode()
        # Visitors get the hotline page; signed-in people start (or return to) a crisis chat.
        assert 'href="/help/"' in page or 'action="/crisis/help/' in page, name
        assert "data-get-help" in page and "Get help now" in page, name
        assert "988" in page, name
        assert "1-800-985-5990" in page, name
        assert "911" in page, name
        assert "data-quick-exit" in page and "Quick exit" in page, name


def test_no_page_loads_anything_from_another_site(client, member):
    for name, response in pages_for(client, member):
        page = response.content.decode()
        external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', page)
        assert not external, name
        assert "<script>" not in page, f"{name}: inline scripts are blocked by the CSP"


def test_pages_send_a_strict_content_security_policy_and_no_referrer_elsewhere(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "no-referrer"  # no site learns where they came from
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_never_cached(client, member):
    client.force_login(member)
    cache_control = client.get("/").headers["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_the_help_page_leads_with_what_to_do_now(client):
    page = client.get(reverse("get_help")).content.decode()
    main = page[page.index('<main id="main"') :]
    first_heading = re.search(r"<h1>(.*?)</h1>", main).group(1)
    assert "now" in first_heading.lower()
    # The hotlines come before any other advice.
    assert main.index("tel:988") < main.index("Breathe")
    assert 'href="sms:988"' in main


def test_htmx_and_styles_are_served_from_our_own_static_files(client):
    page = client.get("/").content.decode()
    assert 'src="/static/js/htmx.min.js"' in page
    assert client.get("/static/js/htmx.min.js").status_code == 200
    assert client.get("/static/js/quick-exit.js").status_code == 200


def test_a_missing_or_private_page_is_a_calm_404_that_still_offers_help(client):
    response = client.get("/groups/no-such-group-anywhere/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We couldn't find that page" in page
    assert "988" in page and "Quick exit" in page


def test_the_error_page_leads_with_the_crisis_lines():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert page.index("tel:988") < page.index("try again")
    assert "1-800-985-5990" in page and "tel:911" in page


def test_an_expired_form_gets_a_kind_explanation(member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    response = strict.post("/accounts/password/change/", {"oldpassword": "x"})
    assert response.status_code == 403
    assert "Please try that once more" in response.content.decode()


def test_the_notification_bell_is_on_every_page_for_signed_in_people(client, member):
    from peersupport.notifications import notification_send

    notification_send(user=member, kind="test", text="A new reply in a thread you follow.")
    client.force_login(member)
    for url in ("/", "/help/", "/peers/", "/groups/"):
        page = client.get(url).content.decode()
        assert "data-bell-count>1<" in page, url
        assert 'src="/static/js/live.js"' in page, url


def test_times_are_shown_in_the_zone_the_member_chose_and_the_page_names_it(
    client, member, password
):
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    member.timezone = "America/Chicago"
    member.save(update_fields=["timezone"])
    client.post("/accounts/login/", {"login": member.email, "password": password})
    before = timezone.now().astimezone(ZoneInfo("America/Chicago"))
    page = client.get("/settings/").content.decode()
    after = timezone.now().astimezone(ZoneInfo("America/Chicago"))
    shown = {f"{moment:%-d %b %Y, %H:%M}" for moment in (before, after)}
    assert any(time in page for time in shown), shown  # the session's start, in Chicago
    assert "Times are shown in America/Chicago" in page
