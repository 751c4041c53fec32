"""A peer supporter escalates someone they are talking to and stays until the counselor joins."""

import pytest
from django.urls import reverse

from crisis import services
from crisis.models import ChatMessage, Escalation, RiskLevel, Trigger

pytestmark = pytest.mark.django_db


def test_supporter_escalates_stays_in_the_chat_and_hands_over(
    client, member, supporter, with_mfa, cora
):
    with_mfa(supporter)
    escalation = services.escalation_open(
        member=member, trigger=Trigger.SUPPORTER, risk_level=RiskLevel.HIGH, supporter=supporter
    )
    assert escalation.priority == 1
    client.force_login(supporter)
    url = reverse("crisis:chat", args=[escalation.pk])
    assert client.get(url).status_code == 200
    client.post(reverse("crisis:chat_send", args=[escalation.pk]), {"body": "I'm still here."})
    assert ChatMessage.objects.filter(author=supporter, author_kind="supporter").exists()

    services.escalation_claim(escalation_id=escalation.pk, counselor=cora)
    client.force_login(cora)
    page = client.get(url).content.decode()
    assert "with peer supporter Sam" in page
    assert "I&#x27;m still here." in page

    # Issue 18 #9: once the counselor has joined, the supporter leaves the chat.
    client.force_login(supporter)
    assert client.get(url).status_code == 404
    with pytest.raises(services.CrisisError):
        services.chat_message_post(
            escalation_id=escalation.pk, author=supporter, author_kind="supporter", body="Hi"
        )
    services.escalation_transfer(escalation_id=escalation.pk, by=cora)
    assert client.get(url).status_code == 404  # back in the queue, still not theirs

    client.force_login(cora)
    services.escalation_claim(escalation_id=escalation.pk, counselor=cora)
    services.escalation_close(escalation_id=escalation.pk, by=cora, disposition="safe")
    client.force_login(supporter)
    assert client.get(url).status_code == 404


def test_a_supporter_without_mfa_cannot_open_the_chat(client, member, supporter):
    escalation = services.escalation_open(
        member=member, trigger=Trigger.SUPPORTER, supporter=supporter
    )
    client.force_login(supporter)
    assert client.get(reverse("crisis:chat", args=[escalation.pk])).status_code == 404


def test_a_flag_on_someone_already_waiting_names_the_supporter_without_a_second_entry(
    member, supporter, waiting
):
    services.escalation_open(
        member=member, trigger=Trigger.FLAG, risk_level=RiskLevel.CONCERN, supporter=supporter
    )
    assert Escalation.objects.filter(member=member).count() == 1
    waiting.refresh_from_db()
    assert waiting.supporter == supporter
    assert waiting.priority == 2  # a concern never lowers a help-button press
