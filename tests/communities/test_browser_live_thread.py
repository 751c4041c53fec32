"""In Chromium: join with screening, approval, a reply with a content warning appears live
(closed) for someone else reading the thread, opens on click, and rings the thread
author's bell. And posts with hostile
Markdown render with no script run."""

import pytest
from playwright.sync_api import expect

from communities.models import Membership, Reaction
from communities.services import post_create
from tests.sessions import signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _context_for(browser, base_url, user):
    return signed_in_context(browser, base_url, user)


def test_join_approve_and_a_warned_reply_arrives_live(
    browser, asgi_server, group, thread, member, outsider, staff
):
    olly = _context_for(browser, asgi_server, outsider).new_page()
    olly.goto(f"/groups/{group.slug}/join/")
    olly.get_by_label("What brings you here?").fill("I was at the concert.")
    olly.get_by_label("Have you read our rules?").fill("Yes.")
    olly.get_by_label("I have read the rules and will follow them").check()
    olly.get_by_role("button", name="Send my request").click()
    expect(olly.get_by_text("Thank you for asking to join")).to_be_visible()

    sam = _context_for(browser, asgi_server, staff["supporter"]).new_page()
    sam.goto(f"/groups/{group.slug}/requests/")
    expect(sam.get_by_text("I was at the concert.")).to_be_visible()
    sam.get_by_role("button", name="Approve").click()
    expect(sam.get_by_text("Saved. They have been told.")).to_be_visible()
    assert Membership.objects.get(user=outsider).state == "active"

    mara = _context_for(browser, asgi_server, member).new_page()
    mara.goto(thread.get_absolute_url())
    expect(mara.locator("#posts[data-live-connected=true]")).to_have_count(1)
    expect(mara.locator("[data-bell-count][data-live-connected=true]")).to_have_count(1)

    olly.goto(thread.get_absolute_url())
    olly.get_by_label("Your words").fill("The music stopped and I still hear it.")
    olly.get_by_label("Content warning (optional)").fill("the night of the attack")
    olly.get_by_role("button", name="Post reply").click()

    arrived = mara.locator("article.post").filter(has_text="the night of the attack")
    expect(arrived).to_have_count(1, timeout=10_000)
    words = arrived.get_by_text("The music stopped and I still hear it.")
    expect(words).to_be_hidden()
    arrived.get_by_text("Content warning: the night of the attack").click()
    expect(words).to_be_visible()
    # Its small forms work without a reload (they carry Mara's CSRF token, not an empty one).
    arrived.get_by_role("button", name="Sending support").click()
    expect(
        mara.locator("article.post")
        .filter(has_text="the night of the attack")
        .get_by_role("button", name="Sending support")
    ).to_have_attribute("aria-pressed", "true", timeout=10_000)
    assert Reaction.objects.filter(user=member, kind="support").count() == 1
    # Mara follows her own thread: the bell counts the new reply without a reload.
    expect(mara.locator("[data-bell-count]")).to_have_text("1", timeout=10_000)


PAYLOADS = [
    "<script>window.__xss = 1</script>",
    "<img src=x onerror='window.__xss=1'>",
    "<svg onload='window.__xss=1'></svg>",
    "<iframe src='javascript:window.__xss=1'></iframe>",
    "[click](javascript:window.__xss=1)",
    "<a href='javascript:window.__xss=1'>a</a>",
    "<body onload='window.__xss=1'>",
    "<div onclick='window.__xss=1' id='clickme'>click me</div>",
    "<math><mtext><script>window.__xss=1</script></mtext></math>",
    "<details open ontoggle='window.__xss=1'>",
    "<object data='javascript:window.__xss=1'></object>",
    "<embed src='javascript:window.__xss=1'>",
    "<style>@import 'javascript:window.__xss=1';</style>",
    "<link rel=import href='data:text/html,<script>window.__xss=1</script>'>",
    "<meta http-equiv='refresh' content='0;url=javascript:window.__xss=1'>",
    '![x](x" onerror="window.__xss=1)',
    "<form action='javascript:window.__xss=1'><button id='xssbtn'>go</button></form>",
    "<a href='&#106;avascript:window.__xss=1'>entity</a>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<input autofocus onfocus='window.__xss=1'>",
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "<video><source onerror='window.__xss=1'></video>",
]


def _all_payloads() -> list[str]:
    """Ours, plus the foundation's sanitiser table when it is in the tree."""
    try:
        from tests.peersupport.test_sanitize import PAYLOADS as FOUNDATION
    except ImportError:
        FOUNDATION = []
    return PAYLOADS + [typed.replace("alert(1)", "window.__xss=1") for typed, _ in FOUNDATION]


def test_hostile_markdown_runs_no_script_in_the_browser(browser, asgi_server, thread, member):
    payloads = _all_payloads()
    for payload in payloads:
        post_create(thread=thread, author=member, body=f"before {payload} after")
    page = _context_for(browser, asgi_server, member).new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    seen = set()
    for query in ("", "?latest=1"):  # together the two pages show every post
        page.goto(f"{thread.get_absolute_url()}{query}")
        expect(page.locator("article.post").first).to_be_visible()
        seen |= {a.get_attribute("id") for a in page.locator("article.post").all()}
        for link in page.locator(".post-body a").all():
            href = (link.get_attribute("href") or "").lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), href
        hostile = ".post-body script, .post-body iframe, .post-body object, .post-body embed, "
        hostile += ".post-body style, .post-body form, .post-body [onerror], .post-body [onload]"
        assert page.locator(hostile).count() == 0
        page.locator("#posts").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
    assert len(seen) == len(payloads) + 1
    assert dialogs == []
