"""A direct message that shows risk reaches a crisis counselor, and the peers keep talking."""

import pytest

from crisis.models import Escalation, Trigger
from matching import services
from matching.models import Message
from peersupport.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(member, supporter, mara_profile, sam_profile, with_mfa):
    with_mfa(supporter)
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    return services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)


def test_a_message_with_imminent_risk_opens_an_escalation_and_offers_help(
    match, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_send(
            match_id=match.pk, author=member, body="I'm going to kill myself tonight."
        )
    assert message is not None
    assert Message.objects.filter(match=match).count() == 1
    escalation = Escalation.objects.get(member=member)
    assert escalation.trigger == Trigger.MESSAGE
    assert escalation.risk_level in {"high", "imminent"}
    offer = Notification.objects.get(user=member, kind="crisis_offer")
    assert "988" in offer.text
    assert "kill" not in offer.text  # notifications never quote what was written


def test_ordinary_talk_opens_nothing(match, member):
    services.message_send(
        match_id=match.pk, author=member, body="That day I thought I would die. Today was calmer."
    )
    assert not Escalation.objects.filter(member=member).exists()
