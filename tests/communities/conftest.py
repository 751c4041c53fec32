"""People and places for community tests.

`group`: "Survivors of Mass Violence", listed, joined by approval, two screening questions,
Sam (`supporter`) assigned. Mara (`member`) is an active member; Pia is waiting (`pending`);
Rex was removed (`removed`); Olly (`outsider`) has nothing to do with it. Ada is an admin.
"""

import pytest
from django.test import Client

from communities.models import Membership
from communities.services import group_create, membership_request, thread_create
from tests.factories import UserFactory


@pytest.fixture
def group(supporter):
    return group_create(
        name="Survivors of Mass Violence",
        description="A private group for people affected by mass violence.",
        rules="Be kind. What is shared here stays here.",
        screening_questions=["What brings you here?", "Have you read our rules?"],
        supporters=[supporter],
        cw_required_topics=["legal"],
    )


@pytest.fixture
def hidden_group(supporter):
    return group_create(
        name="Parents of Riverside",
        description="Invite only.",
        is_listed=False,
        join_policy="invite",
        supporters=[supporter],
    )


@pytest.fixture(autouse=True)
def _no_new_member_holds(settings):
    """Community tests are about posting itself; moderation's hold of a new member's first
    posts is tested in tests/moderation."""
    settings.MODERATION_FIRST_POSTS_HELD = 0


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Seven people per test: the production hasher would spend seconds on each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _membership(group, user, state):
    return Membership.objects.create(group=group, user=user, state=state)


@pytest.fixture
def membership(group, member):
    return _membership(group, member, Membership.State.ACTIVE)


@pytest.fixture
def pending(group):
    user = UserFactory(email="pia@example.org", display_name="Pia")
    membership_request(
        group=group,
        user=user,
        answers=["A friend told me about it.", "Yes, and I agree."],
        accepted_rules=True,
    )
    return user


@pytest.fixture
def removed(group):
    user = UserFactory(email="rex@example.org", display_name="Rex")
    _membership(group, user, Membership.State.REMOVED)
    return user


@pytest.fixture
def thread(group, member, membership):
    return thread_create(
        group=group,
        author=member,
        title="The first anniversary",
        topic="anniversaries",
        body="It is coming up next week and I **dread** it.",
    )


@pytest.fixture
def staff(with_mfa, supporter, admin_user):
    with_mfa(supporter)
    with_mfa(admin_user)
    return {"supporter": supporter, "admin": admin_user}


@pytest.fixture
def client_for(staff, member, outsider, pending, removed, membership):
    """A logged-in client for each role by name; "anonymous" is a fresh client."""

    people = {
        "member": member,
        "supporter": staff["supporter"],
        "admin": staff["admin"],
        "outsider": outsider,
        "pending": pending,
        "removed": removed,
    }

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        return client

    return make


READERS = ["member", "supporter", "admin"]
SHUT_OUT = ["outsider", "pending", "removed", "anonymous"]
