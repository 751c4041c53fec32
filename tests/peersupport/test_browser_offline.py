"""Installable and safe offline (issue 20, part 8): with no network a person still sees what
to call; nothing private is kept; Quick exit and signing out leave no offline copy behind."""

import pytest
from playwright.sync_api import Error, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://weather.com/"


def _offline_copy_ready(page):
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function(
        "caches.keys().then(keys => keys.length > 0)", polling=200, timeout=15_000
    )


def test_with_no_network_the_crisis_lines_are_still_there(asgi_server, browser):
    context = browser.new_context(base_url=asgi_server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/groups/")
    _offline_copy_ready(page)
    context.set_offline(True)
    page.goto("/groups/")  # any page: the network is gone
    expect(page.get_by_role("heading", name="Help is here, right now")).to_be_visible()
    expect(page.locator("a[href='tel:988']").first).to_be_visible()
    expect(page.locator("a[href='tel:911']").first).to_be_visible()
    # Only the public help page and its styles were kept: nothing anyone wrote.
    kept = page.evaluate(
        """async () => { const out = [];
             for (const key of await caches.keys()) {
               for (const request of await (await caches.open(key)).keys()) out.push(request.url);
             } return out; }"""
    )
    assert kept and all(("/help/" in url or "/static/" in url) for url in kept), kept
    context.close()


def test_quick_exit_leaves_no_offline_copy(asgi_server, browser):
    context = browser.new_context(base_url=asgi_server)
    context.route(NEUTRAL, lambda route: route.fulfill(body="<title>Weather</title>"))
    page = context.new_page()
    page.goto("/")
    _offline_copy_ready(page)
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)
    context.set_offline(True)
    with pytest.raises(Error):  # no service worker answers any more: the browser's own error
        page.goto(f"{asgi_server}/")
    context.close()


def test_signing_out_tells_the_browser_to_clear_what_it_kept(client, django_user_model):
    person = django_user_model.objects.create_user(email="mara@example.org", display_name="Mara")
    client.force_login(person)
    response = client.post("/accounts/logout/")
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
