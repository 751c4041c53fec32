"""Words stored without a risk score (a failure while posting) are read within minutes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Post
from communities.services import post_create
from crisis.models import Escalation, Trigger
from crisis.tasks import unscored_content_scan
from matching.models import Message
from tests.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(member):
    from communities.models import Membership
    from communities.services import thread_create

    group = GroupFactory()
    supporter = UserFactory(roles=["member", "supporter"])
    group.supporters.add(supporter)
    Membership.objects.create(group=group, user=member, state=Membership.State.ACTIVE)
    return thread_create(
        group=group, author=supporter, title="Evenings", topic="general", body="How are you?"
    )


def stored_unscored(thread, author, body, minutes_ago=1):
    """A reply as it would be if it had been stored while risk detection failed."""
    return Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=body,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_an_unscored_reply_with_risk_reaches_a_counselor_once(thread, member):
    post = stored_unscored(thread, member, "I'm going to kill myself tonight.")
    counts = unscored_content_scan()
    assert counts["posts"] == 1 and counts["escalated"] == 1
    escalation = Escalation.objects.get(member=member)
    assert escalation.trigger == Trigger.REPLY
    assert escalation.source_ref == f"post:{post.pk}"
    post.refresh_from_db()
    assert post.risk_scored_at is not None
    assert unscored_content_scan()["posts"] == 0  # never read twice
    assert Escalation.objects.filter(member=member).count() == 1


def test_words_just_being_posted_are_left_to_the_posting_request(thread, member):
    stored_unscored(thread, member, "A quiet evening.", minutes_ago=0)
    assert unscored_content_scan()["posts"] == 0


def test_posts_written_normally_are_scored_as_they_are_written(thread, member):
    post = post_create(thread=thread, author=member, body="Thank you all.", cw_label="")
    post.refresh_from_db()
    assert post.risk_scored_at is not None


def test_unscored_peer_messages_are_read_too(member, supporter):
    from matching.models import Match, MatchRequest

    ask = MatchRequest.objects.create(member=member, status="matched")
    match = Match.objects.create(request=ask, member=member, supporter=supporter)
    Message.objects.create(
        match=match,
        author=member,
        body="I don't want to be here anymore.",
        body_html="",
        created_at=timezone.now() - timedelta(minutes=1),
    )
    counts = unscored_content_scan()
    assert counts["messages"] == 1
    assert Escalation.objects.get(member=member).trigger == Trigger.MESSAGE
