"""Anniversary care: only with the member's opt-in, a few days before, once."""

from datetime import date

import pytest
from django.urls import reverse

from matching import selectors, services
from matching.models import ExperienceProfile
from matching.tasks import send_anniversary_checkins

pytestmark = pytest.mark.django_db


@pytest.fixture
def mara_opted_in(mara_profile):
    # Through the service, as the profile page does: communities keeps the mute's month.
    services.experience_profile_save(
        user=mara_profile.user,
        event_date=date(2024, 6, 1),
        anniversary_checkin=True,
        anniversary_mute=True,
    )
    mara_profile.refresh_from_db()
    return mara_profile


def _matched(member, supporter):
    match_request = services.match_request_create(member=member)
    suggestion = match_request.suggestions.get(supporter=supporter)
    services.suggestion_pick(suggestion_id=suggestion.pk, member=member)
    return services.suggestion_accept(suggestion_id=suggestion.pk, supporter=supporter)


def test_matched_supporter_is_asked_for_a_gentle_checkin_once(
    member, supporter, mara_opted_in, sam_profile
):
    _matched(member, supporter)
    assert services.anniversary_checkins_send(today=date(2026, 5, 20)) == 0  # too early
    assert services.anniversary_checkins_send(today=date(2026, 5, 28)) == 1
    assert services.anniversary_checkins_send(today=date(2026, 5, 29)) == 0  # once
    note = supporter.notifications.get(kind="matching.anniversary")
    assert "gentle check-in" in note.text and "2024" not in note.text and "June" not in note.text


def test_without_a_peer_the_member_gets_a_kind_note(member, mara_opted_in):
    assert services.anniversary_checkins_send(today=date(2026, 5, 30)) == 1
    assert member.notifications.filter(kind="matching.anniversary").exists()


def test_nothing_is_sent_without_the_opt_in(member, supporter, mara_profile, sam_profile):
    mara_profile.event_date = date(2024, 6, 1)
    mara_profile.save()
    _matched(member, supporter)
    assert services.anniversary_checkins_send(today=date(2026, 5, 28)) == 0
    assert not supporter.notifications.filter(kind="matching.anniversary").exists()


def test_the_beat_task_runs_the_same_service(member, mara_opted_in):
    assert send_anniversary_checkins.delay().get() in (0, 1)


def test_mute_window_is_the_week_around_the_anniversary(member, mara_opted_in):
    assert selectors.mutes_anniversary_threads(member, date(2026, 5, 29))
    assert selectors.mutes_anniversary_threads(member, date(2026, 6, 6))
    assert not selectors.mutes_anniversary_threads(member, date(2026, 6, 20))
    assert not selectors.mutes_anniversary_threads(member, date(2026, 5, 1))
    mara_opted_in.anniversary_mute = False
    mara_opted_in.save()
    assert not selectors.mutes_anniversary_threads(member, date(2026, 5, 29))


def test_december_anniversary_in_january_is_next_year(member, mara_opted_in):
    mara_opted_in.event_date = date(2020, 1, 1)
    mara_opted_in.save()
    assert mara_opted_in.next_anniversary(date(2026, 12, 29)) == date(2027, 1, 1)
    assert services.anniversary_checkins_send(today=date(2026, 12, 29)) == 1


def test_anniversary_care_needs_a_date(member_client, member):
    response = member_client.post(
        reverse("matching:profile"), {"own_event": "any", "anniversary_checkin": "on"}
    )
    assert "For anniversary care we need the month and year" in response.content.decode()
    assert not ExperienceProfile.objects.filter(user=member).exists()


def test_anniversary_threads_are_muted_in_the_members_week_only(
    member, mara_opted_in, monkeypatch, with_mfa
):
    from datetime import UTC, datetime

    from django.utils import timezone

    from communities.models import MemberSettings, Membership
    from communities.selectors import threads_page
    from communities.services import thread_create
    from tests.factories import GroupFactory, UserFactory

    group = GroupFactory()
    sam = with_mfa(UserFactory(roles=["member", "supporter"]))
    group.supporters.add(sam)  # a group's own supporter: their threads are not held
    Membership.objects.create(group=group, user=member, state=Membership.State.ACTIVE)
    thread_create(group=group, author=sam, title="Memorial plans", topic="anniversaries", body="x")
    thread_create(group=group, author=sam, title="Good sleep", topic="self-care", body="x")

    def titles_on(day):
        monkeypatch.setattr(
            timezone, "now", lambda: datetime.combine(day, datetime.min.time(), UTC)
        )
        threads, _ = threads_page(group=group, user=member, settings=MemberSettings(user=member))
        return {t.title for t in threads}

    assert titles_on(date(2026, 5, 29)) == {"Good sleep"}  # three days before June 1
    assert titles_on(date(2026, 3, 1)) == {"Good sleep", "Memorial plans"}
