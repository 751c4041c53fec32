"""Thread page benchmark: first page and a deep page of a 100,000-post thread.

Generates (once) 1,000,000 posts in its own database, one thread holding 100,000 of them,
then measures the thread's first page and its page 2,500 (keyset cursor) through Django's
test client, in process: p50/p95 over BENCH_REQUESTS requests each, and the SQL queries per
page. Prints one line per figure.

    python bench/thread_page.py

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/peersupport_bench),
BENCH_POSTS (1000000), BENCH_THREAD_POSTS (100000), BENCH_REQUESTS (200),
REDIS_URL (redis://127.0.0.1:6379/2).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._db import ensure_database, use_bench_database  # noqa: E402
from bench._report import record, row  # noqa: E402

TOTAL_POSTS = int(os.environ.get("BENCH_POSTS", "1000000"))
THREAD_POSTS = int(os.environ.get("BENCH_THREAD_POSTS", "100000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
PER_OTHER_THREAD = 100
PAGE = 2500

DATABASE_URL = use_bench_database("peersupport_bench", redis_db=2)


def generate():
    """Create the data with set-based SQL (minutes, not hours). Skipped when already there."""
    from django.db import connection

    from communities.models import Group, Membership, Post, Thread
    from peersupport.models import User
    from peersupport.services import user_create

    group = Group.objects.filter(slug="bench").first()
    if group and Post.objects.filter(thread__group=group).count() >= TOTAL_POSTS:
        with connection.cursor() as cur:  # figures from before id ranges existed
            cur.execute(
                "UPDATE communities_thread t SET first_post_id = r.low, last_post_id = r.high "
                "FROM (SELECT thread_id, min(id) AS low, max(id) AS high FROM communities_post "
                "GROUP BY thread_id) r WHERE r.thread_id = t.id AND t.first_post_id IS NULL"
            )
        return group
    from communities.services import group_create

    started = time.perf_counter()
    group = group or group_create(name="Bench", description="Benchmark group.")
    authors = []
    for n in range(20):
        email = f"bench{n}@example.invalid"
        user = User.objects.filter(email=email).first() or user_create(
            email=email, display_name=f"Bench {n}", password=None
        )
        Membership.objects.get_or_create(group=group, user=user, defaults={"state": "active"})
        authors.append(user.pk)
    Thread.objects.filter(group=group).delete()
    big = Thread.objects.create(group=group, title="The big thread", topic="general")
    other_threads = max(0, (TOTAL_POSTS - THREAD_POSTS) // PER_OTHER_THREAD)
    body = "I read every word here. Thank you for *being* here, all of you."
    html = "<p>I read every word here. Thank you for <em>being</em> here, all of you.</p>"
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO communities_thread (group_id, title, topic, created_at, "
            "last_activity_at, reply_count) SELECT %s, 'Thread ' || g, 'general', now(), "
            "now() - (g || ' seconds')::interval, %s FROM generate_series(1, %s) g",
            [group.pk, PER_OTHER_THREAD - 1, other_threads],
        )
        cur.execute(
            "INSERT INTO communities_post (thread_id, author_id, is_anonymous, is_opening, "
            "body, body_html, cw_label, created_at, updated_at, reaction_count, moderator_note, "
            "state) SELECT %s, (%s::bigint[])[1 + (g %% 20)], g %% 17 = 0, g = 1, %s, %s, "
            "CASE WHEN g %% 11 = 0 THEN 'grief' ELSE '' END, now(), now(), g %% 4, '', 'visible' "
            "FROM generate_series(1, %s) g",
            [big.pk, authors, body, html, THREAD_POSTS],
        )
        cur.execute(
            "INSERT INTO communities_post (thread_id, author_id, is_anonymous, is_opening, "
            "body, body_html, cw_label, created_at, updated_at, reaction_count, moderator_note, "
            "state) SELECT t.id, (%s::bigint[])[1 + (g %% 20)], false, g = 1, %s, %s, '', now(), "
            "now(), 0, '', 'visible' FROM communities_thread t CROSS JOIN generate_series(1, %s) g "
            "WHERE t.group_id = %s AND t.id <> %s",
            [authors, body, html, PER_OTHER_THREAD, group.pk, big.pk],
        )
        cur.execute(
            "UPDATE communities_thread t SET first_post_id = r.low, last_post_id = r.high "
            "FROM (SELECT thread_id, min(id) AS low, max(id) AS high FROM communities_post "
            "GROUP BY thread_id) r WHERE r.thread_id = t.id AND t.group_id = %s",
            [group.pk],
        )
        cur.execute("ANALYZE communities_post")
        cur.execute("ANALYZE communities_thread")
    Thread.objects.filter(pk=big.pk).update(reply_count=THREAD_POSTS - 1)
    print(f"generated posts: {Post.objects.count()} in {time.perf_counter() - started:.1f} s")
    return group


def measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, len(queries)


def main() -> None:
    ensure_database(DATABASE_URL)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    group = generate()
    from communities.models import Post, Thread
    from peersupport.models import User

    thread = Thread.objects.get(group=group, title="The big thread")
    count = Post.objects.filter(thread=thread).count()
    deep_index = min((PAGE - 1) * 40, count - 40)
    after = (
        Post.objects.filter(thread=thread)
        .order_by("id")
        .values_list("id", flat=True)[deep_index - 1]
    )
    client = Client()
    client.force_login(User.objects.get(email="bench0@example.invalid"))
    url = thread.get_absolute_url()
    print(f"posts in database: {Post.objects.count()}")
    print(f"posts in measured thread: {count}")
    first = measure(client, url)
    deep = measure(client, f"{url}?after={after}")
    print(f"first page p50: {first[0]:.1f} ms")
    print(f"first page p95: {first[1]:.1f} ms")
    print(f"first page queries: {first[2]}")
    print(f"page {deep_index // 40 + 1} p50: {deep[0]:.1f} ms")
    print(f"page {deep_index // 40 + 1} p95: {deep[1]:.1f} ms")
    print(f"page {deep_index // 40 + 1} queries: {deep[2]}")
    print(f"deep / first p95: {deep[1] / first[1]:.2f}x")
    newest = measure(client, f"{url}?latest=1")
    print(f"newest page p50: {newest[0]:.1f} ms")
    print(f"newest page p95: {newest[1]:.1f} ms")
    print(f"requests per figure: {REQUESTS}")
    ratio = deep[1] / first[1]
    record(
        "thread_page",
        "Thread page (communities)",
        [
            row(
                "posts in database / in the measured thread",
                f"{Post.objects.count():,} / {count:,}",
            ),
            row(
                "first page p50 / p95",
                f"{first[0]:.1f} / {first[1]:.1f} ms",
                "p95 <= 100 ms",
                first[1] <= 100,
            ),
            row(
                f"page {deep_index // 40 + 1} p50 / p95",
                f"{deep[0]:.1f} / {deep[1]:.1f} ms",
                "p95 <= 100 ms",
                deep[1] <= 100,
            ),
            row("deep / first page p95", f"{ratio:.2f}x", "<= 1.2x", ratio <= 1.2),
            row("newest page p50 / p95", f"{newest[0]:.1f} / {newest[1]:.1f} ms"),
            row(
                "SQL statements per page (first, deep)",
                f"{first[2]}, {deep[2]}",
                "<= 10",
                max(first[2], deep[2]) <= 10,
            ),
        ],
    )


if __name__ == "__main__":
    main()
