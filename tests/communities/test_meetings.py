"""Peer-led sessions: scheduling in one's own time zone, places, reminders sent once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communities.models import Meeting, Rsvp
from communities.services import meeting_reminders_send, meeting_rsvp, meeting_schedule
from communities.tasks import meeting_reminders


@pytest.fixture
def meeting(group, staff):
    return meeting_schedule(
        group=group,
        created_by=staff["supporter"],
        title="Monthly circle",
        starts_at=timezone.now() + timedelta(hours=1),
        duration_minutes=60,
        capacity=2,
        video_url="https://meet.example.org/circle",
        facilitator=staff["supporter"],
    )[0]


def test_supporter_schedules_monthly_sessions_in_their_own_time(client, staff, group):
    supporter = staff["supporter"]
    supporter.timezone = "America/Chicago"
    supporter.save(update_fields=["timezone"])
    client.force_login(supporter)
    next_year = timezone.now().year + 1
    response = client.post(
        reverse("communities:meeting_new", args=[group.slug]),
        {
            "title": "Evening circle",
            "starts_at": f"{next_year}-01-15T19:00",
            "duration_minutes": 60,
            "capacity": 10,
            "video_url": "https://meet.example.org/evening",
            "facilitator": supporter.pk,
            "repeat_monthly": 2,
        },
    )
    assert response.status_code == 302
    starts = [m.starts_at for m in Meeting.objects.filter(title="Evening circle")]
    chicago = ZoneInfo("America/Chicago")
    assert [s.astimezone(chicago).replace(tzinfo=None) for s in starts] == [
        datetime(next_year, month, 15, 19, 0) for month in (1, 2, 3)
    ]


def test_member_cannot_schedule(client, member, membership, group):
    client.force_login(member)
    assert client.get(reverse("communities:meeting_new", args=[group.slug])).status_code == 404


def test_times_show_in_the_members_zone(client, member, membership, meeting):
    member.timezone = "Europe/Berlin"
    member.save(update_fields=["timezone"])
    client.force_login(member)
    page = client.get(reverse("communities:meetings", args=[meeting.group.slug]))
    assert b"(Europe/Berlin)" in page.content


def test_places_run_out_and_cancelling_frees_one(client, member, membership, meeting, staff):
    from tests.factories import UserFactory

    assert meeting_rsvp(meeting=meeting, user=UserFactory())
    assert meeting_rsvp(meeting=meeting, user=staff["supporter"])
    assert not meeting_rsvp(meeting=meeting, user=member)
    client.force_login(staff["supporter"])
    client.post(reverse("communities:meeting_cancel", args=[meeting.group.slug, meeting.pk]))
    assert meeting_rsvp(meeting=meeting, user=member)


def test_reminder_goes_out_once_by_email_and_in_app(
    member, membership, meeting, django_capture_on_commit_callbacks
):
    meeting_rsvp(meeting=meeting, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders() == 1  # the beat task
        assert meeting_reminders_send() == 0
    assert member.notifications.filter(kind="meeting_reminder").count() == 1
    assert len(mail.outbox) == 1
    assert "starts soon" in mail.outbox[0].subject
    assert "meet.example.org" not in mail.outbox[0].body


def test_no_reminder_for_sessions_far_ahead(group, staff, member):
    later = meeting_schedule(
        group=group,
        created_by=staff["supporter"],
        title="Later",
        starts_at=timezone.now() + timedelta(days=5),
        duration_minutes=60,
        capacity=5,
        video_url="https://meet.example.org/later",
        facilitator=staff["supporter"],
    )[0]
    Rsvp.objects.create(meeting=later, user=member)
    assert meeting_reminders_send() == 0


def test_beat_schedule_includes_the_reminder():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "communities.meeting_reminders" in tasks


def test_supporter_calls_a_session_off_and_those_coming_are_told(
    client, member, membership, meeting, staff
):
    meeting_rsvp(meeting=meeting, user=member)
    url = reverse("communities:meeting_call_off", args=[meeting.group.slug, meeting.pk])
    client.force_login(member)
    assert client.post(url).status_code == 404
    client.force_login(staff["supporter"])
    client.post(url)
    assert member.notifications.filter(kind="meeting_cancelled").exists()
    page = client.get(reverse("communities:meetings", args=[meeting.group.slug]))
    assert b"Monthly circle" not in page.content
    assert meeting_reminders_send() == 0
