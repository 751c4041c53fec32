"""Concurrent claims on real PostgreSQL connections: exactly one counselor wins."""

import threading

import pytest
from django.db import connection

from crisis import services
from crisis.models import Escalation, State
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_counselors_pressing_take_at_once_give_exactly_one_winner(waiting, on_duty):
    counselors = [
        on_duty(UserFactory(display_name=f"Counselor {i}", roles=["counselor"])) for i in range(8)
    ]
    barrier = threading.Barrier(len(counselors))
    results = {}

    def press(counselor):
        try:
            barrier.wait()
            results[counselor.pk] = services.escalation_claim(
                escalation_id=waiting.pk, counselor=counselor
            )
        finally:
            connection.close()  # each thread had its own PostgreSQL connection

    threads = [threading.Thread(target=press, args=(c,)) for c in counselors]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    winners = [pk for pk, result in results.items() if result is not None]
    assert len(results) == 8
    assert len(winners) == 1
    escalation = Escalation.objects.get(pk=waiting.pk)
    assert escalation.state == State.CLAIMED
    assert escalation.counselor_id == winners[0]
    assert escalation.events.filter(kind="claimed").count() == 1


def test_pressing_help_twice_at_once_gives_one_queue_entry(member):
    barrier = threading.Barrier(4)
    opened = []

    def press():
        try:
            barrier.wait()
            opened.append(services.escalation_open(member=member, trigger="button").pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(opened) == 4
    assert len(set(opened)) == 1
    assert Escalation.objects.filter(member=member).count() == 1


def test_one_counselor_taking_several_chats_at_once_stays_within_capacity(cora, member):
    """Two tabs (or a double tap) claiming different chats at the same instant: a counselor
    with room for one more chat gets exactly one of them."""
    from crisis.models import CounselorPresence

    CounselorPresence.objects.filter(user=cora).update(capacity=1)
    waiting = [
        services.escalation_open(
            member=UserFactory(display_name=f"Member {i}", roles=["member"]), trigger="button"
        )
        for i in range(6)
    ]
    barrier = threading.Barrier(len(waiting))
    outcomes = []

    def press(escalation_id):
        try:
            barrier.wait()
            claimed = services.escalation_claim(escalation_id=escalation_id, counselor=cora)
            outcomes.append("won" if claimed else "lost")
        except services.AtCapacity:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(e.pk,)) for e in waiting]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes) == ["full"] * 5 + ["won"]
    assert Escalation.objects.filter(counselor=cora, state=State.CLAIMED).count() == 1
