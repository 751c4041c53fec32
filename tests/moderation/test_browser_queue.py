"""In Chromium: two supporters work the queue in two browser contexts. One claims; the
other sees the claim appear live, with no refresh; the first approves the held post and it
appears in the thread. Graphic content stays blurred until revealed."""

import pytest
from django.db import connections
from playwright.sync_api import expect

from communities.models import Post
from communities.services import post_create
from moderation.models import QueueEntry
from moderation.services import flag_create
from tests.sessions import signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page_for(browser, base_url, user):
    return signed_in_context(browser, base_url, user).new_page()


def test_claim_appears_live_and_approval_puts_the_post_up(
    browser, asgi_server, group, thread, member, membership, supporter, other_supporter
):
    group.supporters.add(other_supporter)
    post = post_create(thread=thread, author=member, body="My first words in this group.")
    entry = QueueEntry.objects.get(post=post)
    connections.close_all()

    sam = _page_for(browser, asgi_server, supporter)
    tess = _page_for(browser, asgi_server, other_supporter)
    for page in (sam, tess):
        page.goto("/moderation/")
        expect(page.get_by_text("My first words in this group.")).to_be_visible()
    expect(tess.locator("#queue[data-live-connected=true]")).to_have_count(1)

    sam.locator(f"#entry-{entry.pk}").get_by_role("button", name="Claim").click()
    expect(sam.get_by_role("heading", name="A new member's post")).to_be_visible()

    row = tess.locator(f"#entry-{entry.pk}")
    expect(row.get_by_text("Claimed by Sam")).to_be_visible(timeout=10_000)
    expect(row.get_by_role("button", name="Claim")).to_be_disabled()

    sam.get_by_role("button", name="Approve", exact=True).click()
    expect(sam.get_by_text("Nothing is waiting right now")).to_be_visible()
    expect(row.get_by_text("Dealt with")).to_be_visible(timeout=10_000)
    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE

    mara = _page_for(browser, asgi_server, member)
    mara.goto(thread.get_absolute_url())
    article = mara.locator(f"#post-{post.pk}")
    expect(article.get_by_text("My first words in this group.")).to_be_visible()
    expect(article.get_by_text("Waiting for a moderator")).to_have_count(0)
    tess.goto(thread.get_absolute_url())
    expect(tess.get_by_text("My first words in this group.")).to_be_visible()


def test_graphic_content_is_blurred_until_the_supporter_reveals_it(
    browser, asgi_server, group, thread, member, membership, supporter, trusted
):
    post = post_create(thread=thread, author=trusted, body="What I saw in the hallway.")
    flag_create(post=post, flagger=member, reason="graphic")
    connections.close_all()
    sam = _page_for(browser, asgi_server, supporter)
    sam.goto("/moderation/")
    content = sam.locator(".entry-content").filter(has_text="What I saw in the hallway.")
    expect(content).to_have_class("entry-content is-blurred")
    sam.get_by_role("button", name="Show graphic content").click()
    expect(content).to_have_class("entry-content")
