"""The counselor console over HTTP: who may open it, the queue order, claiming, closing."""

import pytest
from django.urls import reverse

from crisis import services
from crisis.models import Disposition, Escalation, RiskLevel, State, Trigger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_console_is_404_for_members_and_supporters(client, member, supporter, with_mfa):
    with_mfa(supporter)
    for person in (member, supporter):
        client.force_login(person)
        assert client.get(reverse("crisis:console")).status_code == 404


def test_console_needs_mfa_first(client, counselor):
    client.force_login(counselor)
    response = client.get(reverse("crisis:console"))
    assert response.status_code == 302
    assert "mfa" in response["Location"] or "totp" in response["Location"]


def test_console_lists_the_most_urgent_first(client, cora):
    button = services.escalation_open(
        member=UserFactory(display_name="Bea"), trigger=Trigger.BUTTON
    )
    services.escalation_open(
        member=UserFactory(display_name="Ivo"), trigger=Trigger.POST, risk_level=RiskLevel.IMMINENT
    )
    client.force_login(cora)
    page = client.get(reverse("crisis:console")).content.decode()
    assert page.index("Ivo") < page.index("Bea")
    assert f"/crisis/console/{button.pk}/claim/" in page
    assert "You are on duty" in page


def test_going_on_and_off_duty(client, counselor, with_mfa):
    with_mfa(counselor)
    client.force_login(counselor)
    client.post(reverse("crisis:duty"), {"on_duty": "1"})
    assert "You are on duty" in client.get(reverse("crisis:console")).content.decode()
    client.post(reverse("crisis:duty"), {"on_duty": "0"})
    assert "You are off duty" in client.get(reverse("crisis:console")).content.decode()


def test_the_second_counselor_to_claim_is_told_someone_else_has_it(client, waiting, cora, colin):
    client.force_login(cora)
    response = client.post(reverse("crisis:claim", args=[waiting.pk]))
    assert response["Location"] == f"/crisis/chat/{waiting.pk}/"
    client.force_login(colin)
    page = client.post(reverse("crisis:claim", args=[waiting.pk]), follow=True).content.decode()
    assert "Another counselor has already taken this one" in page


def test_counselor_sees_the_trigger_and_risk_and_closes_with_a_disposition(client, member, cora):
    escalation = services.escalation_open(
        member=member,
        trigger=Trigger.POST,
        risk_level=RiskLevel.HIGH,
        reasons=["suicidal_thoughts"],
        source=services.Source(ref="post:3", url="/groups/g/3/", text="I want to die"),
    )
    client.force_login(cora)
    client.post(reverse("crisis:claim", args=[escalation.pk]))
    page = client.get(reverse("crisis:chat", args=[escalation.pk])).content.decode()
    assert "I want to die" in page
    # Reasons in words, not codes (older escalations hold codes like this one).
    assert "A rule matched: talks about wanting to die or not be here" in page
    assert "suicidal_thoughts" not in page
    assert Escalation.objects.get(pk=escalation.pk).state == State.ACTIVE
    client.post(
        reverse("crisis:close", args=[escalation.pk]),
        {"disposition": Disposition.REFERRED, "notes": "gave 988"},
    )
    assert Escalation.objects.get(pk=escalation.pk).state == State.CLOSED
    # The member now sees the optional survey.
    client.force_login(member)
    page = client.get(reverse("crisis:chat", args=[escalation.pk])).content.decode()
    assert "Did this chat help?" in page
    client.post(
        reverse("crisis:survey", args=[escalation.pk]), {"helped": "5", "follow_up_days": "3"}
    )
    assert Escalation.objects.get(pk=escalation.pk).survey.follow_up_at is not None


def test_reading_the_chat_page_changes_nothing(client, waiting, cora):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    client.force_login(cora)
    assert client.get(reverse("crisis:chat", args=[waiting.pk])).status_code == 200
    assert Escalation.objects.get(pk=waiting.pk).state == State.CLAIMED  # the socket starts it


def test_a_counselor_who_did_not_claim_cannot_read_or_close_the_chat(client, waiting, cora, colin):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    client.force_login(colin)
    assert client.get(reverse("crisis:chat", args=[waiting.pk])).status_code == 404
    response = client.post(
        reverse("crisis:close", args=[waiting.pk]), {"disposition": Disposition.SAFE}
    )
    assert response.status_code == 404
    assert Escalation.objects.get(pk=waiting.pk).state == State.CLAIMED


def test_a_supervisor_sees_every_live_chat_and_can_open_it(
    client, waiting, cora, supervisor, on_duty
):
    on_duty(supervisor)
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    client.force_login(supervisor)
    page = client.get(reverse("crisis:console")).content.decode()
    assert "Every live chat" in page
    assert f"/crisis/chat/{waiting.pk}/" in page
    assert client.get(reverse("crisis:chat", args=[waiting.pk])).status_code == 200


def test_transfer_to_a_named_colleague(client, waiting, cora, colin):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    client.force_login(cora)
    client.post(reverse("crisis:transfer", args=[waiting.pk]), {"to": colin.pk, "note": "n"})
    escalation = Escalation.objects.get(pk=waiting.pk)
    assert escalation.state == State.OPEN
    assert escalation.transferred_to == colin


def test_the_colleague_taking_a_transfer_reads_the_handover_note(client, waiting, cora, colin):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    services.escalation_transfer(
        escalation_id=waiting.pk,
        by=cora,
        to_counselor=colin,
        note="Has a safety plan; wants a woman",
    )
    services.escalation_claim(escalation_id=waiting.pk, counselor=colin)
    client.force_login(colin)
    page = client.get(reverse("crisis:chat", args=[waiting.pk])).content.decode()
    assert "Handover note from Cora" in page
    assert "Has a safety plan; wants a woman" in page
    assert "transferred" in page  # the history of the escalation
