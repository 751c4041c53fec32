"""The queue page: at-risk first, then oldest; age against target with breaches marked;
graphic content blurred behind a button; the supporter's time in this sitting and a break
suggestion; stepping back from at-risk items. The beat's sweep alerts supporters, then
admins, once per entry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.services import post_create
from moderation.models import QueueEntry, ReviewSitting
from moderation.services import breaches_alert, flag_create, sweep
from moderation.tasks import sweep as sweep_task
from peersupport.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_entries(member, membership, thread, trusted):
    calm = post_create(thread=thread, author=member, body="A calm first post.")
    risky = post_create(thread=thread, author=trusted, body="I want to die tonight")
    return QueueEntry.objects.get(post=calm), QueueEntry.objects.get(post=risky)


def test_at_risk_comes_first_even_when_newer(login, supporter, two_entries):
    page = login(supporter).get("/moderation/").content.decode()
    assert page.index("I want to die tonight") < page.index("A calm first post.")
    assert "target 5 min" in page and "target 1440 min" in page


def test_breached_entries_are_marked(login, supporter, two_entries):
    calm, _ = two_entries
    QueueEntry.objects.filter(pk=calm.pk).update(created_at=timezone.now() - timedelta(days=2))
    page = login(supporter).get("/moderation/").content.decode()
    assert "past its target" in page and "is-breached" in page


def test_graphic_content_is_blurred_until_revealed(
    login, supporter, trusted, member, membership, thread
):
    post = post_create(thread=thread, author=trusted, body="What I saw that day.")
    flag_create(post=post, flagger=member, reason="graphic")
    page = login(supporter).get("/moderation/").content.decode()
    assert 'class="entry-content is-blurred"' in page
    assert "Show graphic content" in page


def test_warned_words_stay_blurred_with_their_label_until_the_supporter_opens_them(
    login, supporter, trusted, member, membership, thread
):
    post = post_create(
        thread=thread, author=trusted, body="The sound of the sirens that morning.",
        cw_label="the shooting, sirens",
    )  # fmt: skip
    flag_create(post=post, flagger=member, reason="other", note="It may upset people.")
    page = login(supporter).get("/moderation/").content.decode()
    assert "Content warning: the shooting, sirens" in page
    label_at = page.index("Content warning: the shooting, sirens")
    blurred_at = page.index('class="entry-content is-blurred"', label_at)
    assert blurred_at < page.index("The sound of the sirens", label_at)
    assert "Show the post" in page


def test_sitting_time_and_break_suggestion(login, supporter, group, settings):
    settings.MODERATION_BREAK_AFTER_MINUTES = 30
    ReviewSitting.objects.create(
        moderator=supporter,
        started_at=timezone.now() - timedelta(minutes=40),
        last_seen_at=timezone.now() - timedelta(minutes=1),
    )
    page = login(supporter).get("/moderation/").content.decode()
    assert "40 minutes" in page
    assert "good moment for a break" in page
    login(supporter).post("/moderation/break/")
    page = login(supporter).get("/moderation/").content.decode()
    assert "0 minutes" in page and "good moment for a break" not in page


def test_reading_the_queue_and_an_entry_changes_nothing(login, supporter, two_entries):
    calm, _ = two_entries
    before = (ReviewSitting.objects.count(), list(QueueEntry.objects.values().order_by("pk")))
    client = login(supporter)
    assert client.get("/moderation/").status_code == 200
    assert client.get(f"/moderation/entries/{calm.pk}/").status_code == 200
    after = (ReviewSitting.objects.count(), list(QueueEntry.objects.values().order_by("pk")))
    assert after == before


def test_supporter_can_step_back_from_at_risk_items(login, supporter, two_entries):
    login(supporter).post("/moderation/step-back/", {"on": "1"})
    page = login(supporter).get("/moderation/").content.decode()
    assert "I want to die tonight" not in page and "A calm first post." in page
    login(supporter).post("/moderation/step-back/", {"on": "0"})
    assert "I want to die tonight" in login(supporter).get("/moderation/").content.decode()


def test_breach_alerts_supporters_then_admins_once_each(supporter, admin, two_entries):
    _, risky = two_entries
    QueueEntry.objects.filter(pk=risky.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    assert breaches_alert() == 1
    assert breaches_alert() == 0
    assert Notification.objects.filter(user=supporter, kind="queue_breach").count() == 1
    assert not Notification.objects.filter(user=admin, kind="queue_breach").exists()
    QueueEntry.objects.filter(pk=risky.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    assert breaches_alert() == 1
    assert Notification.objects.filter(user=admin, kind="queue_breach").count() == 1
    assert breaches_alert() == 0


def test_the_beat_task_runs_the_sweep(settings):
    assert "moderation-sweep" in settings.CELERY_BEAT_SCHEDULE
    assert set(sweep_task.delay().get()) == {"released", "join_requests", "alerts"}
    assert sweep()["alerts"] == 0
