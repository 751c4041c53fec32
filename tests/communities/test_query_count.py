"""The thread page costs the same number of queries with 10 replies as with 1,000."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import Post, Thread
from peersupport.sanitize import render_markdown


def _grow(thread, author, total):
    have = thread.posts.count()
    Post.objects.bulk_create(
        Post(thread=thread, author=author, body=f"r{n}", body_html=render_markdown(f"r{n}"))
        for n in range(have, total)
    )
    last = thread.posts.order_by("-id").values_list("id", flat=True)[0]
    Thread.objects.filter(pk=thread.pk).update(reply_count=total - 1, last_post_id=last)


def _queries(client, url) -> list[str]:
    client.get(url)  # the first request after logging in records the session: not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def _count(client, url):
    return len(_queries(client, url))


def test_thread_page_queries_stay_constant_from_10_to_1000_replies(client, member, thread):
    client.force_login(member)
    url = thread.get_absolute_url()
    _grow(thread, member, 11)
    first_small, latest_small = _count(client, url), _count(client, f"{url}?latest=1")
    _grow(thread, member, 1001)
    deep_cursor = thread.posts.order_by("id").values_list("id", flat=True)[500]
    assert _count(client, url) == first_small
    assert _count(client, f"{url}?latest=1") == latest_small
    assert _count(client, f"{url}?after={deep_cursor}") <= first_small + 1
    # 7 are the platform's own per request (session, user, allauth's session tracking);
    # the thread page itself adds 7.
    assert first_small <= 14, first_small


def test_supporter_view_queries_stay_constant_too(client, staff, member, thread):
    client.force_login(staff["supporter"])
    url = thread.get_absolute_url()
    _grow(thread, member, 11)
    small = _queries(client, url)
    _grow(thread, member, 1001)
    large = _queries(client, url)
    assert len(large) == len(small), "\n".join(large)
