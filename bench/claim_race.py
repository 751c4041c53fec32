"""Claim race benchmark: many supporters claim the same queue entry at the same moment.

Each round opens a fresh queue entry and releases BENCH_CLAIMERS threads at once (a
barrier), each with its own PostgreSQL connection, all calling the real service
`moderation.services.entry_claim`. Prints the winners of every round (must be exactly one),
errors, claims per second over all attempts, and per-claim latency p50/p95.

    python bench/claim_race.py

Environment: BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/peersupport_bench_moderation), BENCH_CLAIMERS (50),
BENCH_ROUNDS (20), REDIS_URL (redis://127.0.0.1:6379/5).
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._db import ensure_database, use_bench_database  # noqa: E402
from bench._report import record, row  # noqa: E402

CLAIMERS = int(os.environ.get("BENCH_CLAIMERS", "50"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))

DATABASE_URL = use_bench_database("peersupport_bench_moderation", redis_db=5)


def setup_people():
    from communities.models import Group, Membership, Post, Thread
    from communities.services import group_create
    from peersupport.models import RoleGrant, User

    group = Group.objects.filter(slug="claim-race").first()
    if group is None:
        group = group_create(name="Claim race")
        group.slug = "claim-race"
        group.save(update_fields=["slug"])
    author, _ = User.objects.get_or_create(
        email="bench-author@example.org", defaults={"display_name": "Bench author"}
    )
    Membership.objects.get_or_create(group=group, user=author, defaults={"state": "active"})
    moderators = []
    for n in range(CLAIMERS):
        user, created = User.objects.get_or_create(
            email=f"bench-sup-{n}@example.org", defaults={"display_name": f"Bench sup {n}"}
        )
        if created:
            RoleGrant.objects.create(user=user, role="supporter")
        moderators.append(user)
    group.supporters.add(*moderators)
    thread = Thread.objects.filter(group=group).first() or Thread.objects.create(
        group=group, title="Bench"
    )
    return group, thread, author, moderators, Post


def one_round(entry_id, moderators, entry_claim, connection):
    barrier = threading.Barrier(len(moderators))
    winners, errors, latencies = [], [], []
    lock = threading.Lock()

    def claim(moderator):
        try:
            barrier.wait(timeout=30)
            started = time.perf_counter()
            won = entry_claim(entry_id=entry_id, moderator=moderator) is not None
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if won:
                    winners.append(moderator.pk)
        except Exception as exc:
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(m,)) for m in moderators]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return winners, errors, latencies


def main() -> int:
    ensure_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from moderation.models import QueueEntry
    from moderation.services import entry_claim

    call_command("migrate", verbosity=0)
    group, thread, author, moderators, post_model = setup_people()

    all_latencies, rounds_ok, total_errors = [], 0, 0
    started = time.perf_counter()
    for n in range(ROUNDS):
        post = post_model.objects.create(
            thread=thread, author=author, body=f"round {n}", body_html="", state="held"
        )
        entry = QueueEntry.objects.create(
            group=group, kind="held", post=post, subject=author, detail="bench"
        )
        connection.close()
        winners, errors, latencies = one_round(entry.pk, moderators, entry_claim, connection)
        all_latencies += latencies
        total_errors += len(errors)
        rounds_ok += len(winners) == 1
        print(f"round {n + 1:>3}: winners={len(winners)} errors={len(errors)}")
        for error in errors[:3]:
            print(f"    {error}")
    elapsed = time.perf_counter() - started
    attempts = len(all_latencies)
    all_latencies.sort()
    p95 = all_latencies[int(0.95 * (attempts - 1))] if attempts else 0.0
    print(f"claimers per round: {CLAIMERS}, rounds: {ROUNDS}")
    print(f"rounds with exactly one winner: {rounds_ok}/{ROUNDS}; errors: {total_errors}")
    print(f"claims per second (all attempts, incl. thread start): {attempts / elapsed:.0f}")
    if attempts:
        print(
            f"claim latency p50 {statistics.median(all_latencies) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms"
        )
    record(
        "claim_race",
        "Claim race (moderation)",
        [
            row(
                f"rounds of {CLAIMERS} simultaneous claims with exactly one winner",
                f"{rounds_ok} / {ROUNDS}",
                "all",
                rounds_ok == ROUNDS,
            ),
            row("errors", str(total_errors), "0", not total_errors),
            row("claims per second, all attempts", f"{attempts / elapsed:.0f}"),
        ],
    )
    return 0 if rounds_ok == ROUNDS and not total_errors else 1


if __name__ == "__main__":
    sys.exit(main())
