"""People and places for moderation tests.

`group` ("Survivors of Mass Violence"): Sam (`supporter`) assigned; Mara (`member`) a new
member; Tom (`trusted`) has 12 approved posts. `other_group` ("Parents Circle"): Tess
(`other_supporter`) assigned, Olly (`outsider`) a member there. Ada is an admin; Abe a
second admin. Staff have MFA set up unless a test says otherwise.
"""

import pytest
from django.test import Client

from communities.models import Membership, Post
from communities.services import group_create, thread_create
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def group(supporter, with_mfa):
    with_mfa(supporter)
    return group_create(
        name="Survivors of Mass Violence",
        description="A private group.",
        supporters=[supporter],
    )


@pytest.fixture
def other_supporter(db, with_mfa):
    tess = UserFactory(email="tess@example.org", display_name="Tess", roles=["member", "supporter"])
    return with_mfa(tess)


@pytest.fixture
def other_group(other_supporter, outsider):
    found = group_create(name="Parents Circle", supporters=[other_supporter])
    Membership.objects.create(group=found, user=outsider, state=Membership.State.ACTIVE)
    return found


@pytest.fixture
def admin(admin_user, with_mfa):
    return with_mfa(admin_user)


@pytest.fixture
def second_admin(db, with_mfa):
    abe = UserFactory(email="abe@example.org", display_name="Abe", roles=["admin"])
    return with_mfa(abe)


@pytest.fixture
def membership(group, member):
    return Membership.objects.create(group=group, user=member, state=Membership.State.ACTIVE)


@pytest.fixture
def thread(group, supporter):
    """A thread opened by the group's supporter (supporters' posts are never held)."""
    return thread_create(
        group=group, author=supporter, title="Introductions", topic="general", body="Welcome."
    )


@pytest.fixture
def trusted(group, thread):
    tom = UserFactory(email="tom@example.org", display_name="Tom")
    Membership.objects.create(group=group, user=tom, state=Membership.State.ACTIVE)
    Post.objects.bulk_create(
        [Post(thread=thread, author=tom, body=f"post {n}", body_html="") for n in range(12)]
    )
    return tom


@pytest.fixture
def make_trusted(group, thread):
    """More trusted members, each with 12 approved posts."""

    def make(name: str):
        person = UserFactory(email=f"{name.lower()}@example.org", display_name=name)
        Membership.objects.create(group=group, user=person, state=Membership.State.ACTIVE)
        Post.objects.bulk_create(
            [Post(thread=thread, author=person, body="hi", body_html="") for _ in range(12)]
        )
        return person

    return make


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
