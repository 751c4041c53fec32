"""Rank supporters for 1,000 random requests over 10,000 supporter profiles.

Each request takes the real path: read the member's profile and exclusions, filter
supporters in PostgreSQL, score the survivors in Python. Prints p50/p99 per request.
Goal (issue 6): p99 <= 50 ms on 2 cores.

    DJANGO_ENV=test DATABASE_URL=postgres://... REDIS_URL=redis://... python bench/matching.py

It creates and then drops its own test database (test_<name>).
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._report import record, row  # noqa: E402

SUPPORTERS = int(os.environ.get("BENCH_SUPPORTERS", 10_000))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 1_000))


def experience(rng, today, *, supporter: bool) -> dict:
    from matching.choices import Affected, EventKind, Gender, Language, Topic, Way, encode_list

    languages = ["en"] if rng.random() < 0.85 else []
    languages += rng.sample(Language.values, rng.randint(0, 2))
    years = rng.uniform(0.0, 25.0) if supporter else rng.uniform(0.0, 6.0)
    return {
        "event_kind": rng.choice(EventKind.values),
        "affected": rng.choice(Affected.values),
        "event_date": (today - timedelta(days=int(years * 365))).replace(day=1)
        if rng.random() < 0.85
        else None,
        "event_name": f"event {rng.randint(1, 400)}",
        "topics": encode_list(rng.sample(Topic.values, rng.randint(0, 4))),
        "languages": encode_list(languages),
        "ways": encode_list(rng.sample(Way.values, rng.randint(1, 3))),
        "gender": rng.choice(["", *Gender.values]),
    }


def populate(rng) -> list:
    from matching.models import ExperienceProfile, SupporterProfile, event_key_for
    from peersupport.models import RoleGrant, User

    now = timezone.now()
    today = now.date()
    unusable = make_password(None)  # nobody logs in as these people
    users = User.objects.bulk_create(
        [
            User(email=f"s{i}@bench.invalid", display_name=f"Supporter {i}", password=unusable)
            for i in range(SUPPORTERS)
        ]
        + [
            User(email=f"m{i}@bench.invalid", display_name=f"Member {i}", password=unusable)
            for i in range(REQUESTS)
        ],
        batch_size=2000,
    )
    supporters, members = users[:SUPPORTERS], users[SUPPORTERS:]
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=u, role="supporter") for u in supporters]
        + [RoleGrant(user=u, role="member") for u in users],
        batch_size=5000,
    )
    profiles = []
    for user in supporters:
        fields = experience(rng, today, supporter=True)
        capacity = rng.randint(1, 3)
        profiles.append(
            SupporterProfile(
                user=user,
                event_key=event_key_for(fields["event_name"]),
                capacity=capacity,
                load=rng.randint(0, capacity),
                is_paused=rng.random() < 0.05,
                verified_at=now if rng.random() < 0.9 else None,
                readiness_confirmed_at=now - timedelta(days=rng.randint(0, 240)),
                **fields,
            )
        )
    SupporterProfile.objects.bulk_create(profiles, batch_size=2000)
    member_profiles = []
    for user in members:
        fields = experience(rng, today, supporter=False)
        member_profiles.append(
            ExperienceProfile(
                user=user,
                event_key=event_key_for(fields["event_name"]),
                same_gender=bool(fields["gender"]) and rng.random() < 0.2,
                own_event=rng.choice(["any", "any", "not_own", "own"]),
                **fields,
            )
        )
    ExperienceProfile.objects.bulk_create(member_profiles, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return members


def main() -> None:
    from matching import selectors

    rng = random.Random(6)
    old = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        members = populate(rng)
        print(f"populated {SUPPORTERS} supporters, {REQUESTS} members "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        if os.environ.get("BENCH_EXPLAIN"):
            qs = selectors.available_supporters(selectors.seeker_for(members[0]))
            print(qs.explain(analyze=True))
        timings, survivors, empty = [], [], 0
        for member in members[:50]:  # warm caches and connections
            selectors.ranked_supporters(selectors.seeker_for(member))
        for member in members:
            t0 = time.perf_counter()
            seeker = selectors.seeker_for(member)
            ranked = selectors.ranked_supporters(seeker)
            timings.append((time.perf_counter() - t0) * 1000)
            empty += not ranked
        for member in members[:100]:
            survivors.append(selectors.available_supporters(selectors.seeker_for(member)).count())
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(f"requests: {len(timings)}  supporters: {SUPPORTERS}")
        print(f"survivors of the SQL filter (first 100 requests): median "
              f"{statistics.median(survivors):.0f}, max {max(survivors)}")  # fmt: skip
        print(f"requests with no suggestion: {empty}")
        print(f"per request: p50 {p50:.1f} ms  p99 {p99:.1f} ms  max {timings[-1]:.1f} ms")
        print("goal p99 <= 50 ms:", "met" if p99 <= 50 else "NOT met")
        record(
            "matching",
            "Matching: ranking supporters for a request",
            [
                row("supporters / requests", f"{SUPPORTERS:,} / {len(timings):,}"),
                row(
                    "per request p50 / p99 / max",
                    f"{p50:.1f} / {p99:.1f} / {timings[-1]:.1f} ms",
                    "p99 <= 50 ms",
                    p99 <= 50,
                ),
            ],
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
