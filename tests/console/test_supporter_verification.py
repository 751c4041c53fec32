"""Verifying a supporter's training on matching's page lands in the staff audit log."""

import pytest
from django.urls import reverse

from matching.models import SupporterProfile
from peersupport.models import StaffAuditEntry

pytestmark = pytest.mark.django_db


def test_verifying_training_is_audited_and_shows_on_the_persons_page(admin_client, ada, supporter):
    profile = SupporterProfile.objects.create(user=supporter)
    admin_client.post(
        reverse("matching:manage_verify", args=[profile.pk]),
        {"programme": "Peer listening basics", "completed_on": "2026-01-10"},
    )
    profile.refresh_from_db()
    assert profile.verified_at is not None
    entry = StaffAuditEntry.objects.get(action="supporter.verify")
    assert entry.actor == ada
    assert (entry.target_type, entry.target_id) == ("peersupport.user", str(supporter.pk))
    assert entry.before["verified"] is False
    assert entry.after == {
        "training_programme": "Peer listening basics",
        "training_completed_on": "2026-01-10",
        "verified": True,
    }
    page = admin_client.get(reverse("console:person", args=[supporter.pk])).content.decode()
    assert "supporter.verify" in page
