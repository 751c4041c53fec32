"""People for matching tests.

Mara (member) lost her father in a shooting in spring 2024. Sam (supporter) lost his
sister in a shooting in 2021. Sol is another supporter, from a disaster. Ada is the admin.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from matching.choices import encode_list
from matching.models import ExperienceProfile, SupporterProfile
from tests.factories import UserFactory


def years_ago(years: float) -> date:
    day = timezone.now().date() - timedelta(days=int(years * 365.25))
    return day.replace(day=1)


@pytest.fixture
def make_supporter(db):
    """A verified, ready, active supporter with the given experience."""

    def make(user=None, *, name=None, verified=True, ready=True, **fields):
        if user is None:
            extra = {"display_name": name} if name else {}
            user = UserFactory(roles=["member", "supporter"], **extra)
        defaults = {
            "languages": encode_list(["en"]),
            "ways": encode_list(["chat"]),
            "capacity": 2,
            "verified_at": timezone.now() if verified else None,
            "training_programme": "Peer listening basics" if verified else "",
            "readiness_confirmed_at": timezone.now() if ready else None,
        }
        defaults.update(fields)
        for key in ("topics", "languages", "ways"):
            if isinstance(defaults.get(key), list):
                defaults[key] = encode_list(defaults[key])
        return SupporterProfile.objects.create(user=user, **defaults)

    return make


@pytest.fixture
def mara_profile(member):
    return ExperienceProfile.objects.create(
        user=member,
        event_kind="shooting",
        affected="bereaved",
        event_date=years_ago(1.5),
        event_name="Riverside Mall",
        topics=encode_list(["grief", "sleep"]),
        languages=encode_list(["en"]),
        ways=encode_list(["chat"]),
    )


@pytest.fixture
def sam_profile(supporter, make_supporter):
    return make_supporter(
        supporter,
        event_kind="shooting",
        affected="bereaved",
        event_date=years_ago(4.6),
        event_name="Lakeside School",
        topics=["grief", "family"],
        bio="I lost my sister. I'm a good listener.",
        availability="Weekday evenings",
    )


@pytest.fixture
def sol(make_supporter):
    """Another supporter, from a disaster: not part of Mara's match."""
    profile = make_supporter(
        name="Sol", event_kind="disaster", affected="present", event_date=years_ago(6)
    )
    return profile.user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def supporter_client(client, supporter, with_mfa):
    with_mfa(supporter)
    client.force_login(supporter)
    return client
