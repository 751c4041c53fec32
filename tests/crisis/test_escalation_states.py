"""Every legal and illegal transition, each leaving an event; one live escalation per member."""

import pytest

from crisis import services
from crisis.models import Disposition, Escalation, RiskLevel, State, Trigger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def kinds(escalation):
    return list(escalation.events.values_list("kind", flat=True))


def test_opening_writes_the_row_and_its_first_event(member):
    escalation = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    assert escalation.state == State.OPEN
    assert kinds(escalation) == ["opened"]


def test_pressing_again_attaches_to_the_open_escalation(member):
    first = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    second = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    assert second.pk == first.pk
    assert Escalation.objects.filter(member=member).count() == 1
    assert kinds(first) == ["opened", "attached"]


def test_a_riskier_trigger_raises_the_priority_of_the_waiting_member(member):
    first = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    services.escalation_open(
        member=member,
        trigger=Trigger.POST,
        risk_level=RiskLevel.IMMINENT,
        reasons=["intent_or_timing"],
        source=services.Source(ref="post:7", url="/groups/x/7/", text="<b>the post</b>"),
    )
    first.refresh_from_db()
    assert first.risk_level == RiskLevel.IMMINENT
    assert first.priority == 0
    assert first.source_text == "the post"


def test_full_life_open_claimed_active_closed(waiting, cora):
    assert services.escalation_claim(escalation_id=waiting.pk, counselor=cora).state == "claimed"
    assert services.escalation_activate(escalation_id=waiting.pk, counselor=cora).state == "active"
    closed = services.escalation_close(
        escalation_id=waiting.pk, by=cora, disposition=Disposition.SAFETY_PLAN, notes="plan made"
    )
    assert closed.state == State.CLOSED
    assert closed.disposition == Disposition.SAFETY_PLAN
    assert kinds(waiting) == ["opened", "claimed", "active", "closed"]


def test_a_member_can_be_helped_again_after_a_closed_chat(waiting, cora, member):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    services.escalation_close(escalation_id=waiting.pk, by=cora, disposition=Disposition.SAFE)
    again = services.escalation_open(member=member, trigger=Trigger.BUTTON)
    assert again.pk != waiting.pk
    assert again.state == State.OPEN


def test_transfer_puts_the_member_back_in_the_queue_for_a_named_colleague(waiting, cora, colin):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    moved = services.escalation_transfer(
        escalation_id=waiting.pk, by=cora, to_counselor=colin, note="needs a calm voice"
    )
    assert moved.state == State.OPEN
    assert moved.counselor is None
    assert moved.transferred_to == colin
    assert services.escalation_claim(escalation_id=waiting.pk, counselor=colin).counselor == colin
    event = waiting.events.get(kind="transferred")
    assert event.detail["to"] == colin.pk


def test_member_leaving_before_anyone_joined_is_listed_for_follow_up(waiting, member):
    left = services.escalation_abandon(escalation_id=waiting.pk, by=member)
    assert left.state == State.ABANDONED
    assert left.follow_up_listed


@pytest.mark.parametrize(
    "setup, attempt",
    [
        ([], "activate"),
        ([], "close"),
        ([], "transfer"),
        (["claim"], "claim"),
        (["claim"], "abandon"),
        (["claim", "close"], "claim"),
        (["claim", "close"], "activate"),
        (["claim", "close"], "close"),
        (["claim", "close"], "transfer"),
        (["claim", "close"], "abandon"),
        (["abandon"], "claim"),
        (["abandon"], "abandon"),
        (["claim", "activate"], "activate"),
    ],
)
def test_illegal_transitions_change_nothing(waiting, cora, setup, attempt):
    steps = {
        "claim": lambda: services.escalation_claim(escalation_id=waiting.pk, counselor=cora),
        "activate": lambda: services.escalation_activate(escalation_id=waiting.pk, counselor=cora),
        "close": lambda: services.escalation_close(
            escalation_id=waiting.pk, by=cora, disposition=Disposition.SAFE
        ),
        "transfer": lambda: services.escalation_transfer(escalation_id=waiting.pk, by=cora),
        "abandon": lambda: services.escalation_abandon(escalation_id=waiting.pk),
    }
    for step in setup:
        assert steps[step]() is not None
    before_state = Escalation.objects.get(pk=waiting.pk).state
    before_events = waiting.events.count()
    assert steps[attempt]() is None
    assert Escalation.objects.get(pk=waiting.pk).state == before_state
    assert waiting.events.count() == before_events


def test_only_the_claiming_counselor_can_activate(waiting, cora, colin):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    assert services.escalation_activate(escalation_id=waiting.pk, counselor=colin) is None


def test_closing_needs_a_disposition(waiting, cora):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    with pytest.raises(services.CrisisError):
        services.escalation_close(escalation_id=waiting.pk, by=cora, disposition="")


def test_a_counselor_at_capacity_cannot_take_another_chat(cora):
    for _ in range(3):
        person = UserFactory()
        e = services.escalation_open(member=person, trigger=Trigger.BUTTON)
        assert services.escalation_claim(escalation_id=e.pk, counselor=cora)
    fourth = services.escalation_open(member=UserFactory(), trigger=Trigger.BUTTON)
    with pytest.raises(services.AtCapacity):
        services.escalation_claim(escalation_id=fourth.pk, counselor=cora)
    assert Escalation.objects.get(pk=fourth.pk).state == State.OPEN


def test_the_queue_is_ordered_imminent_high_button_concern_then_age(db):
    from crisis.selectors import open_queue, queue_position

    concern = services.escalation_open(
        member=UserFactory(), trigger=Trigger.FLAG, risk_level=RiskLevel.CONCERN
    )
    button_old = services.escalation_open(member=UserFactory(), trigger=Trigger.BUTTON)
    button_new = services.escalation_open(member=UserFactory(), trigger=Trigger.BUTTON)
    high = services.escalation_open(
        member=UserFactory(), trigger=Trigger.POST, risk_level=RiskLevel.HIGH
    )
    imminent = services.escalation_open(
        member=UserFactory(), trigger=Trigger.POST, risk_level=RiskLevel.IMMINENT
    )
    expected = [imminent.pk, high.pk, button_old.pk, button_new.pk, concern.pk]
    assert [e.pk for e in open_queue()] == expected
    assert queue_position(button_new) == 4
    assert queue_position(imminent) == 1
