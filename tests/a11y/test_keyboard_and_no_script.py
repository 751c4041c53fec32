"""Keyboard only, and JavaScript off: the three walk-throughs issue 8 names.

With the keyboard alone (Tab, typing, Enter; never the mouse), a member writes in the crisis
chat, a peer supporter works an entry in the review queue, and a supporter posts a reply;
each focused control shows where focus is. With JavaScript off, a reply and a crisis chat
line still go through the plain forms, and the live pages say what needs JavaScript.
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from communities.models import Post
from crisis.models import ChatMessage
from moderation.models import QueueEntry
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_SHOWN = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== "none";
}
"""


def _tab_to(page, selector: str, limit: int = 80):
    """Press Tab until the element matching `selector` has focus; it must show focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_SHOWN), f"focus on {selector} is not visible"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.fixture
def world(with_mfa, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world(with_mfa)


@pytest.fixture
def context_for(browser, asgi_server):
    def make(user, *, javascript=True):
        context = browser.new_context(base_url=asgi_server, java_script_enabled=javascript)
        client = Client()
        client.force_login(user)
        name = django_settings.SESSION_COOKIE_NAME
        context.add_cookies(
            [{"name": name, "value": client.cookies[name].value, "url": asgi_server}]
        )
        return context

    return make


def test_keyboard_only_crisis_chat_review_queue_and_reply(world, context_for):
    ids, people = world.ids, world.people

    # A member in the crisis chat writes with the keyboard alone.
    mara = context_for(people["member"]).new_page()
    mara.goto(f"/crisis/chat/{ids['escalation_id']}/")
    _tab_to(mara, "#chat-body")
    mara.keyboard.type("Thank you for staying with me.")
    mara.keyboard.press("Enter")
    expect(mara.locator("[data-chat-log]")).to_contain_text("Thank you for staying with me.")
    expect(mara.locator("[data-chat-log]")).not_to_contain_text("sending…", timeout=10_000)
    assert ChatMessage.objects.filter(body="Thank you for staying with me.").exists()

    # A peer supporter claims the queue entry and approves it, keyboard only.
    sam = context_for(people["sup_here"]).new_page()
    sam.goto("/moderation/")
    _tab_to(sam, f"form[action='/moderation/entries/{ids['entry_id']}/claim/'] button")
    sam.keyboard.press("Enter")
    sam.wait_for_url(f"**/moderation/entries/{ids['entry_id']}/")
    _tab_to(sam, "#reason")
    sam.keyboard.type("Kind words; nothing to act on.")
    _tab_to(sam, "button[value=approve]")
    sam.keyboard.press("Enter")
    sam.wait_for_load_state()
    expect(sam.get_by_role("heading", level=1)).to_be_visible()
    assert QueueEntry.objects.get(pk=ids["entry_id"]).state != "open"

    # The supporter replies in the thread, keyboard only.
    sam.goto(f"/groups/{ids['slug']}/threads/{ids['thread_id']}/")
    expect(sam.locator("[data-no-script-note]")).to_be_hidden()  # scripts are on here
    _tab_to(sam, "textarea[name=body]")
    sam.keyboard.type("Welcome, everyone. Take your time.")
    _tab_to(sam, "form.reply-form > button[type=submit]")
    sam.keyboard.press("Enter")
    expect(sam.locator("#posts")).to_contain_text("Welcome, everyone. Take your time.")
    assert Post.objects.filter(body="Welcome, everyone. Take your time.").exists()


def test_with_javascript_off_forms_work_and_live_parts_say_so(world, context_for):
    ids, people = world.ids, world.people
    sam = context_for(people["sup_here"], javascript=False).new_page()
    sam.goto(f"/groups/{ids['slug']}/threads/{ids['thread_id']}/")
    expect(sam.get_by_text("reload the page to see new replies")).to_be_visible()
    sam.locator("textarea[name=body]").fill("Written with scripts off.")
    sam.get_by_role("button", name="Post reply").click()
    expect(sam.get_by_text("Written with scripts off.")).to_be_visible()

    mara = context_for(people["member"], javascript=False).new_page()
    mara.goto(f"/crisis/chat/{ids['escalation_id']}/")
    expect(mara.get_by_text("your messages still send")).to_be_visible()
    mara.locator("#chat-body").fill("Still here, no scripts.")
    mara.get_by_role("button", name="Send", exact=True).click()
    expect(mara.locator("[data-chat-log]")).to_contain_text("Still here, no scripts.")

    for role, path in [
        ("counselor", "/crisis/console/"),
        ("member", f"/peers/conversations/{ids['match']}/"),
        ("sup_here", "/moderation/"),
    ]:
        page = context_for(people[role], javascript=False).new_page()
        page.goto(path)
        expect(page.get_by_text("JavaScript").first).to_be_visible()
