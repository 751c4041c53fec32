"""Crisis fixtures: counselors on duty with MFA, and a member already waiting."""

import pytest

from crisis import services
from crisis.detection import rules_forget
from crisis.models import Trigger
from crisis.templatetags.crisis_tags import coverage_forget
from tests.factories import UserFactory


@pytest.fixture
def on_duty(with_mfa):
    """Put a counselor (or supervisor) on duty, with MFA, as their console would."""

    def put(user):
        with_mfa(user)
        services.counselor_duty_set(counselor=user, on_duty=True)
        return user

    return put


@pytest.fixture
def cora(counselor, on_duty):
    return on_duty(counselor)


@pytest.fixture
def colin(db, on_duty):
    return on_duty(
        UserFactory(email="colin@example.org", display_name="Colin", roles=["counselor"])
    )


@pytest.fixture
def waiting(member):
    """Mara pressed "Get help now" and is waiting."""
    return services.escalation_open(member=member, trigger=Trigger.BUTTON)


@pytest.fixture(autouse=True)
def _fresh_risk_rules():
    """Rules cached from a rolled-back test must not score the next one."""
    rules_forget()
    coverage_forget()
    yield
    rules_forget()
    coverage_forget()
