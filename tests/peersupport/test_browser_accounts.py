"""In Chromium: joining with a pseudonym, and leaving in a hurry."""

import re

import pytest
from playwright.sync_api import Page, expect

from peersupport.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://weather.com/"


def test_signup_verify_email_and_log_in(page: Page, live_server, mailoutbox):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join", exact=True).first.click()
    expect(page.get_by_label("Display name")).to_be_visible()
    page.get_by_label("Email").fill("harbor@example.org")
    page.get_by_label("Display name").fill("Harbor Light")
    page.get_by_label("Password:", exact=True).fill("slow mornings by the sea")
    page.get_by_label("Password (again)").fill("slow mornings by the sea")
    page.get_by_role("button", name=re.compile("Sign Up", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("Verify", re.I))).to_be_visible()

    assert len(mailoutbox) == 1
    link = re.search(r"(/accounts/confirm-email/[^\s]+/)", mailoutbox[0].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("harbor@example.org")
    page.get_by_label("Password").fill("slow mornings by the sea")
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page.get_by_text("Hello, Harbor Light.")).to_be_visible()
    assert User.objects.get(email="harbor@example.org").has_role("member")


def serve_neutral_site(page: Page):
    # The neutral site is elsewhere on the internet; this machine has no internet, so the
    # browser is handed a stand-in page for that one address. Our own pages are real.
    page.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<h1>Weather today</h1>"
        ),
    )


def test_escape_twice_leaves_for_a_neutral_site_and_back_does_not_return(page: Page, live_server):
    serve_neutral_site(page)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Get help now").click()
    expect(page).to_have_url(live_server.url + "/help/")
    expect(page.get_by_role("heading", name="Help is here, right now")).to_be_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(NEUTRAL)
    expect(page.get_by_text("Weather today")).to_be_visible()
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url


def test_the_quick_exit_button_leaves_too(page: Page, live_server):
    serve_neutral_site(page)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Quick exit").click()
    expect(page).to_have_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(live_server.url), page.url


def test_a_single_escape_does_not_leave(page: Page, live_server):
    serve_neutral_site(page)
    page.goto(live_server.url + "/")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1200)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.startswith(live_server.url)
