"""Claiming a queue entry: exactly one supporter wins, even when fifty try at once through
real PostgreSQL connections; claims lapse after 15 minutes without activity."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from communities.models import Post
from communities.services import post_create
from moderation.models import QueueEntry
from moderation.services import (
    ActionRefused,
    claims_release_expired,
    entry_claim,
    entry_release,
    post_moderate,
    sweep,
)
from tests.factories import UserFactory


@pytest.fixture
def held_entry(member, membership, thread):
    post = post_create(thread=thread, author=member, body="My first words here.")
    return QueueEntry.objects.get(post=post)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_claims_have_exactly_one_winner(held_entry, group):
    moderators = [
        UserFactory(email=f"s{n}@example.org", display_name=f"Sup {n}", roles=["supporter"])
        for n in range(50)
    ]
    group.supporters.add(*moderators)
    barrier = threading.Barrier(50)
    winners, errors = [], []

    def claim(moderator):
        try:
            barrier.wait(timeout=30)
            if entry_claim(entry_id=held_entry.pk, moderator=moderator) is not None:
                winners.append(moderator.pk)
        except Exception as exc:  # any error fails the test below
            errors.append(repr(exc))
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=claim, args=(m,)) for m in moderators]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    connections.close_all()
    assert errors == []
    assert len(winners) == 1
    held_entry.refresh_from_db()
    assert held_entry.claimed_by_id == winners[0]


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_a_claimed_entry_cannot_be_claimed_or_acted_on_by_another(
    held_entry, supporter, other_supporter, group
):
    group.supporters.add(other_supporter)
    assert entry_claim(entry_id=held_entry.pk, moderator=supporter) is not None
    assert entry_claim(entry_id=held_entry.pk, moderator=other_supporter) is None
    with pytest.raises(ActionRefused, match="Another supporter"):
        post_moderate(entry_id=held_entry.pk, moderator=other_supporter, action="approve")
    assert Post.objects.get(pk=held_entry.post_id).state == Post.State.HELD


@pytestmark_db
def test_claim_lapses_after_fifteen_quiet_minutes(held_entry, supporter, other_supporter):
    entry_claim(entry_id=held_entry.pk, moderator=supporter)
    QueueEntry.objects.filter(pk=held_entry.pk).update(
        last_activity_at=timezone.now() - timedelta(minutes=16)
    )
    assert entry_claim(entry_id=held_entry.pk, moderator=other_supporter) is not None


@pytestmark_db
def test_the_sweep_releases_expired_claims_only(held_entry, supporter, member, thread):
    fresh = QueueEntry.objects.get(
        post=post_create(thread=thread, author=member, body="second words")
    )
    entry_claim(entry_id=held_entry.pk, moderator=supporter)
    entry_claim(entry_id=fresh.pk, moderator=supporter)
    QueueEntry.objects.filter(pk=held_entry.pk).update(
        last_activity_at=timezone.now() - timedelta(minutes=20)
    )
    assert claims_release_expired() == 1
    held_entry.refresh_from_db()
    fresh.refresh_from_db()
    assert held_entry.claimed_by is None
    assert fresh.claimed_by_id == supporter.pk
    assert sweep()["released"] == 0


@pytestmark_db
def test_release_lets_someone_else_take_it(held_entry, supporter, other_supporter):
    entry_claim(entry_id=held_entry.pk, moderator=supporter)
    assert entry_release(entry_id=held_entry.pk, moderator=supporter)
    assert entry_claim(entry_id=held_entry.pk, moderator=other_supporter) is not None


@pytestmark_db
def test_a_resolved_entry_cannot_be_claimed(held_entry, supporter):
    post_moderate(entry_id=held_entry.pk, moderator=supporter, action="approve")
    assert entry_claim(entry_id=held_entry.pk, moderator=supporter) is None
