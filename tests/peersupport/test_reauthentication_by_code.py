"""Stepping up with a code sent by email (allauth 65.22): members may, staff may not.

A member who is asked to confirm it is still them (before turning on two-step sign-in, say)
may use a code sent to their inbox: that inbox can already reset their password. Staff, and
anyone with an authenticator, confirm with their password or their authenticator: an inbox
is easier to take over than a phone, and stepping up unlocks what the authenticator guards.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

ASK_FOR_CODE = reverse("account_request_reauthentication_code")
ENTER_CODE = reverse("account_confirm_reauthentication_code")
TWO_STEP_SETUP = reverse("mfa_activate_totp")


def _code_in(message) -> str:
    return re.search(r"^([A-Z0-9-]{6,})$", message.body, re.MULTILINE).group(1)  # "CPXZ-MPHJ"


def test_a_member_steps_up_with_a_code_from_their_inbox_and_reaches_the_page(client, member):
    client.force_login(member)
    asked = client.get(TWO_STEP_SETUP, follow=True)
    assert b"sign-in code" in asked.content.lower()  # offered beside the password

    response = client.post(f"{ASK_FOR_CODE}?next={TWO_STEP_SETUP}", {"recipient": member.email})
    assert response.status_code == 302 and response["Location"].startswith(ENTER_CODE)
    assert [m.to for m in mail.outbox] == [[member.email]]

    response = client.post(response["Location"], {"code": _code_in(mail.outbox[0])})
    assert response.status_code == 302
    assert client.get(TWO_STEP_SETUP).status_code == 200  # no second question


@pytest.mark.parametrize("person", ["supporter", "counselor", "supervisor", "admin_user"])
def test_staff_with_an_authenticator_are_never_offered_or_sent_an_emailed_code(
    request, client, with_mfa, person
):
    staff = with_mfa(request.getfixturevalue(person))
    client.force_login(staff)

    asked = client.get(reverse("account_reauthenticate"))
    assert b"sign-in code" not in asked.content.lower()

    response = client.get(ASK_FOR_CODE)
    assert response.status_code == 302
    assert not response["Location"].startswith((ASK_FOR_CODE, ENTER_CODE))
    response = client.post(ASK_FOR_CODE, {"recipient": staff.email})
    assert response.status_code == 302
    assert not response["Location"].startswith(ENTER_CODE)
    assert client.get(ENTER_CODE)["Location"] != ENTER_CODE
    assert mail.outbox == []


def test_a_member_who_set_up_an_authenticator_uses_it_not_their_inbox(client, member, with_mfa):
    client.force_login(with_mfa(member))
    client.post(ASK_FOR_CODE, {"recipient": member.email})
    assert mail.outbox == []
