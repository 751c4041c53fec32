"""The crisis services and pages ask for the person's rights as they are now: a counselor
whose role was revoked cannot claim or open a chat, and someone who no longer holds a chat
cannot write in it (found by an independent probe, issue #18 findings 1 and 2)."""

import pytest

from crisis import services
from crisis.models import ChatMessage, Escalation
from peersupport.services import role_revoke

pytestmark = pytest.mark.django_db

Author = ChatMessage.Author


def test_a_revoked_counselor_cannot_claim_even_with_a_cached_user(waiting, cora):
    assert cora.has_role("counselor")  # the roles are cached on this object now
    role_revoke(user=cora, role="counselor")
    cora.__dict__["_role_names"] = frozenset({"counselor"})  # as an open socket held them
    with pytest.raises(services.CrisisError, match="Only crisis counselors"):
        services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    assert Escalation.objects.get(pk=waiting.pk).counselor_id is None


def test_a_revoked_counselors_chat_page_is_not_found(client, waiting, cora):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    client.force_login(cora)
    assert client.get(f"/crisis/chat/{waiting.pk}/").status_code == 200
    role_revoke(user=cora, role="counselor")
    assert client.get(f"/crisis/chat/{waiting.pk}/").status_code == 404


def test_the_counselor_who_handed_a_chat_over_cannot_write_in_it(waiting, cora, supervisor):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    services.escalation_transfer(escalation_id=waiting.pk, by=supervisor)
    with pytest.raises(services.CrisisError, match="no longer yours"):
        services.chat_message_post(
            escalation_id=waiting.pk, author=cora, author_kind=Author.COUNSELOR, body="Still here"
        )
    assert not ChatMessage.objects.filter(body="Still here").exists()


def test_the_member_and_the_counselor_holding_the_chat_still_write(waiting, cora):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    for author, kind in ((waiting.member, Author.MEMBER), (cora, Author.COUNSELOR)):
        message, created = services.chat_message_post(
            escalation_id=waiting.pk, author=author, author_kind=kind, body=f"hello {kind}"
        )
        assert created and message.author_kind == kind
