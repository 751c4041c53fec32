"""Moderation's figures on the dashboard: queue age against targets and flags by reason."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Post, Thread
from moderation.models import Flag, QueueEntry
from peersupport import metrics
from tests.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_queue_age_against_targets_and_flags_by_reason(admin_client, member, settings):
    settings.MODERATION_TARGET_AT_RISK_MINUTES = 5
    settings.MODERATION_TARGET_OTHER_MINUTES = 60
    now = timezone.now()
    group = GroupFactory()
    thread = Thread.objects.create(group=group, title="Hello")
    post = Post.objects.create(thread=thread, author=member, body="Words.", body_html="Words.")
    for kind, waited in (("at_risk", 3), ("at_risk", 9), ("held", 30), ("flagged", 200)):
        QueueEntry.objects.create(
            group=group,
            kind=kind,
            subject=member,
            state="resolved",
            created_at=now - timedelta(minutes=waited + 1),
            resolved_at=now - timedelta(minutes=1),
        )
    for reason in ("hurtful", "hurtful", "spam"):
        Flag.objects.create(post=post, flagger=UserFactory(), reason=reason)

    start, end = metrics.day_bounds(now.date())
    assert metrics.chart("moderation_queue_age").daily(start, end) == {
        "at_risk_within": 50.0,
        "other_within": 50.0,
    }
    assert metrics.chart("flags_by_reason").daily(start, end) == {"hurtful": 2, "spam": 1}
    page = admin_client.get(reverse("console:metrics")).content.decode()
    assert 'data-chart="moderation_queue_age"' in page
    assert 'data-chart="flags_by_reason"' in page
    assert "Arrives with the moderation app" not in page
