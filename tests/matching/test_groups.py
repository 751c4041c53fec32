"""Group suggestions from the member's experience profile."""

import pytest
from django.urls import reverse

from tests.factories import GroupFactory
from tests.matching.helpers import page

pytestmark = pytest.mark.django_db


def test_member_sees_groups_that_speak_to_their_experience(member_client, mara_profile):
    GroupFactory(name="After a shooting", description="For families who lost someone.")
    GroupFactory(name="Sleep circle", description="Nights are hard.")
    GroupFactory(name="Wildfire neighbours", description="Rebuilding after the fires.")
    GroupFactory(name="Hidden shooting group", is_listed=False)
    text = page(member_client.get(reverse("matching:home")))
    assert "Groups you might like" in text
    assert "After a shooting" in text and "Sleep circle" in text
    assert "Wildfire" not in text
    assert "Hidden shooting group" not in text
    assert text.index("After a shooting") < text.index("Sleep circle")


def test_no_profile_no_group_suggestions(member_client):
    GroupFactory(name="After a shooting")
    assert "Groups you might like" not in page(member_client.get(reverse("matching:home")))
