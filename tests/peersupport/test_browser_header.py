"""The header gives a phone its page back (issue 20): on 390 x 844, everything above the
page's own words takes at most 120 px in every state, Get help now and Quick exit are on
screen and within a thumb's reach, the menu holds the links, and nothing is fixed over the
words while reading. On a desktop the links lie on the bar."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from peersupport.notifications import notification_send
from tests.sessions import signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BUDGET_PX = 120


def _member(name="Mara", email="mara@example.org"):
    user = get_user_model().objects.create_user(email=email, display_name=name)
    user.role_grants.create(role="member")
    return user


def _header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def _within_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_on_a_phone_the_header_stays_within_its_budget_in_every_state(asgi_server, browser, dark):
    mara = _member()
    for n in range(3):
        notification_send(user=mara, kind="reply", text=f"A reply {n}", url="/")
    states = {
        "a visitor": None,
        "a member, nobody online, three unread": mara,
    }
    for state, person in states.items():
        page = _page_for(browser, asgi_server, person, dark)
        page.goto("/")
        # Nobody is on duty here: members see the one line saying what to do.
        if person is not None:
            expect(page.locator("[data-coverage-banner]")).to_contain_text("Call or text 988")
            expect(page.locator("[data-bell-badge]")).to_contain_text("3")
        assert _header_height(page) <= BUDGET_PX, f"{state}: {_header_height(page)} px"
        for control in ("[data-get-help]", "[data-quick-exit]", "summary.menu-button"):
            assert _within_screen(page, control), f"{state}: {control} off screen"
        # The menu holds the links; it opens over the page, then closes on Escape.
        expect(
            page.locator(".site-nav").get_by_role("link", name="Groups", exact=True)
        ).to_be_hidden()
        page.locator("summary.menu-button").click()
        expect(
            page.locator(".site-nav").get_by_role("link", name="Groups", exact=True)
        ).to_be_visible()
        page.keyboard.press("Escape")
        expect(
            page.locator(".site-nav").get_by_role("link", name="Groups", exact=True)
        ).to_be_hidden()
        page.context.close()


def test_reading_on_a_phone_nothing_is_fixed_over_the_words(asgi_server, browser):
    page = _page_for(browser, asgi_server, _member(), False)
    page.goto("/help/")
    page.mouse.wheel(0, 400)
    covering = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => getComputedStyle(e).position === 'fixed')
            .map(e => e.className)"""
    )
    assert covering == [], covering
    # The bar itself stays at the top while reading, with Quick exit on it.
    assert _within_screen(page, "[data-quick-exit]")


def test_on_a_desktop_the_links_lie_on_the_bar(asgi_server, browser):
    page = _page_for(
        browser, asgi_server, _member(), False, viewport={"width": 1280, "height": 800}
    )
    page.goto("/")
    expect(page.locator(".site-nav").get_by_role("link", name="Groups", exact=True)).to_be_visible()
    expect(page.locator("summary.menu-button")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("Notifications"))).to_be_visible()


def _page_for(browser, base_url, person, dark, viewport=PHONE):
    scheme = "dark" if dark else "light"
    context = signed_in_context(browser, base_url, person, viewport=viewport, color_scheme=scheme)
    return context.new_page()
