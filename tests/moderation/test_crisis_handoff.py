"""Words and flags that may mean someone is at risk reach a crisis counselor."""

import pytest

from communities.models import Post
from communities.services import post_create
from crisis.models import Escalation, Trigger
from moderation import services
from moderation.models import QueueEntry
from moderation.selectors import held_note_for
from peersupport.models import Notification

pytestmark = pytest.mark.django_db


def reply(thread, author, body):
    return post_create(thread=thread, author=author, body=body, cw_label="")


def test_crisis_words_open_an_escalation_and_show_the_author_where_help_is(
    thread, trusted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(thread, trusted, "I'm going to kill myself tonight.")
    escalation = Escalation.objects.get(member=trusted)
    assert escalation.trigger == Trigger.REPLY
    assert escalation.risk_level == "imminent"
    assert escalation.source_ref == f"post:{post.pk}"
    entry = QueueEntry.objects.get(post=post)
    assert entry.priority == QueueEntry.Priority.AT_RISK
    assert "988" in held_note_for(post)


def test_risk_the_watched_phrases_miss_still_reaches_a_counselor_and_the_post_stays_up(
    thread, trusted
):
    post = reply(thread, trusted, "I don't want to be here anymore.")
    post.refresh_from_db()
    assert post.state == Post.State.VISIBLE
    escalation = Escalation.objects.get(member=trusted)
    assert escalation.risk_level == "high"
    assert QueueEntry.objects.get(post=post).priority == QueueEntry.Priority.AT_RISK
    assert "counselor" in held_note_for(post)


def test_concern_gets_a_gentle_check_in_and_a_supporter_look_but_no_escalation(
    thread, trusted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(thread, trusted, "I feel so hopeless lately.")
    assert not Escalation.objects.filter(member=trusted).exists()
    assert Notification.objects.filter(user=trusted, kind="crisis_check_in").exists()
    post.refresh_from_db()
    assert post.state == Post.State.VISIBLE
    assert QueueEntry.objects.get(post=post).priority == QueueEntry.Priority.HIGH


def test_past_trauma_talk_opens_nothing(thread, trusted):
    post = reply(thread, trusted, "That day I thought I would die. Today I went for a walk.")
    assert not Escalation.objects.filter(member=trusted).exists()
    assert not QueueEntry.objects.filter(post=post).exists()


def test_an_at_risk_flag_reaches_crisis_without_hiding_the_post(
    thread, trusted, member, membership
):
    post = reply(thread, trusted, "Rough week. Going to bed early.")
    services.flag_create(post=post, flagger=member, reason="at_risk", note="")
    post.refresh_from_db()
    assert post.state == Post.State.VISIBLE  # one member can never hide another's words
    escalation = Escalation.objects.get(member=trusted)
    assert escalation.trigger == Trigger.FLAG
    assert QueueEntry.objects.get(post=post).priority == QueueEntry.Priority.AT_RISK


def test_a_supporter_escalates_and_stays_named_on_the_escalation(thread, trusted, supporter):
    post = reply(thread, trusted, "Rough week.")
    entry = services.entry_open_for_post(
        post=post, kind=QueueEntry.Kind.FLAGGED, priority=QueueEntry.Priority.NORMAL, detail="x"
    )
    services.entry_claim(entry_id=entry.pk, moderator=supporter)
    services.entry_escalate(entry_id=entry.pk, moderator=supporter, reason="Worried about them.")
    escalation = Escalation.objects.get(member=trusted)
    assert escalation.trigger == Trigger.SUPPORTER
    assert escalation.supporter == supporter


@pytest.mark.django_db(transaction=True)
def test_the_counselor_is_alerted_before_the_reply_itself_is_stored(thread, trusted, monkeypatch):
    """Crisis first: the alert does not wait for moderation's screen and the post's storing.

    Committed for real (no test transaction), so on-commit alerts go out when they would."""
    from crisis import services as crisis_services

    posts_when_alerted = []
    real_alert_send = crisis_services.alert_send

    def alert_send_noting_posts(**kwargs):
        posts_when_alerted.append(
            Post.objects.filter(author=trusted, body__contains="pills").count()
        )
        return real_alert_send(**kwargs)

    monkeypatch.setattr(crisis_services, "alert_send", alert_send_noting_posts)
    post = reply(thread, trusted, "I have the pills here and I am taking them all tonight.")
    assert posts_when_alerted == [0]
    escalation = Escalation.objects.get(member=trusted)
    # Once stored, the post is the escalation's source, for the counselor to read.
    assert escalation.source_ref == f"post:{post.pk}"
    assert [e.kind for e in escalation.events.order_by("pk")] == ["opened", "attached"]


def test_words_of_risk_in_a_reply_that_is_refused_still_reach_a_counselor(login, thread, trusted):
    thread.group.cw_required_topics = ["general"]
    thread.group.save(update_fields=["cw_required_topics"])
    words = "I'm going to kill myself tonight."
    page = login(trusted).post(thread.get_absolute_url(), {"body": words})
    assert page.status_code == 400
    text = page.content.decode()
    assert "need a content warning" in text
    assert words.replace("'", "&#x27;") in text  # kept in the form
    assert "A crisis counselor can talk with you now" in text
    assert Escalation.objects.get(member=trusted).risk_level == "imminent"
    assert not Post.objects.filter(author=trusted, body=words).exists()


def test_words_of_risk_sent_to_a_thread_they_cannot_reach_still_reach_a_counselor(
    login, thread, outsider
):
    """Crisis first runs before the page checks the group: a thread removed while someone
    typed, or a group they were just removed from, must not swallow their words."""
    words = "I have the pills here and I am taking them all tonight."
    client = login(outsider)
    page = client.post(thread.get_absolute_url(), {"body": words})
    assert page.status_code == 404
    text = page.content.decode()
    assert "A crisis counselor can talk with you now" in text
    assert "988" in text
    assert words in text  # given back, so nothing is lost
    assert Escalation.objects.get(member=outsider).risk_level == "imminent"
    assert not Post.objects.filter(body=words).exists()
    # The page says nothing about whether that thread exists: a made-up one reads the same.
    missing = client.post(f"/groups/{thread.group.slug}/threads/999999/", {"body": words})
    assert missing.status_code == 404
    assert missing.content.decode().split("<main")[1] == text.split("<main")[1]


def test_an_ordinary_reply_to_a_thread_they_cannot_reach_is_a_plain_not_found(
    login, thread, outsider
):
    page = login(outsider).post(thread.get_absolute_url(), {"body": "Rough week, going to bed."})
    assert page.status_code == 404
    assert "We couldn't find that page" in page.content.decode()
    assert not Escalation.objects.filter(member=outsider).exists()


def test_words_of_risk_in_a_reply_too_long_to_post_still_reach_a_counselor(login, thread, trusted):
    words = "I'm going to kill myself tonight. " + "x" * 20000
    page = login(trusted).post(thread.get_absolute_url(), {"body": words})
    assert page.status_code == 400
    text = page.content.decode()
    assert "A crisis counselor can talk with you now" in text
    assert "I&#x27;m going to kill myself tonight." in text  # kept in the form
    assert Escalation.objects.get(member=trusted).risk_level == "imminent"


def test_words_of_risk_in_a_new_thread_for_a_group_they_cannot_reach_still_reach_a_counselor(
    login, group, outsider
):
    words = "I'm going to end my life tonight."
    page = login(outsider).post(
        f"/groups/{group.slug}/threads/new/",
        {"title": "Tonight", "topic": "general", "body": words},
    )
    assert page.status_code == 404
    assert "A crisis counselor can talk with you now" in page.content.decode()
    assert Escalation.objects.get(member=outsider).trigger == Trigger.POST
