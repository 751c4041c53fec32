"""Console fixtures: staff with MFA already set up, and escalations spread over days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crisis.models import Escalation, EscalationEvent, State
from tests.factories import UserFactory


@pytest.fixture
def ada(admin_user, with_mfa):
    """Ada, an admin with two-step sign-in set up."""
    return with_mfa(admin_user)


@pytest.fixture
def sia(supervisor, with_mfa):
    return with_mfa(supervisor)


@pytest.fixture
def admin_client(client, ada):
    client.force_login(ada)
    return client


@pytest.fixture
def make_escalations(db):
    """Closed escalations: `n` per day for `days` days back, each claimed after `wait` s."""

    def make(*, days: int, n: int = 1, wait: int = 30, trigger="button", risk_level="none"):
        now = timezone.now()
        made = []
        for day in range(days):
            for _ in range(n):
                created = now - timedelta(days=day, minutes=1)
                person = UserFactory(roles=["member"])
                escalation = Escalation.objects.create(
                    member=person,
                    trigger=trigger,
                    risk_level=risk_level,
                    state=State.CLOSED,
                    created_at=created,
                    queued_at=created,
                    claimed_at=created + timedelta(seconds=wait),
                    closed_at=created + timedelta(minutes=20),
                )
                EscalationEvent.objects.create(
                    escalation=escalation, kind="claimed", at=created + timedelta(seconds=wait)
                )
                made.append(escalation)
        return made

    return make


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """These tests make many people; the real hasher's slowness tests nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _short_backfill(settings):
    """The roll-up fills in two weeks here, not the production default of 400 days."""
    settings.CONSOLE_METRICS_BACKFILL_DAYS = 14
