"""The 24/7 monitor: re-page, then supervisors, then tell the member to call. Idempotent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crisis import services
from crisis.models import ChatMessage, CounselorPresence, Escalation, PageLevel, State
from crisis.tasks import crisis_sweep
from peersupport.models import Notification

pytestmark = pytest.mark.django_db


def later(seconds):
    return timezone.now() + timedelta(seconds=seconds)


def sweep(seconds, callbacks):
    with callbacks(execute=True):
        return services.escalations_sweep(now=later(seconds))


def test_nothing_is_paged_before_the_first_interval(
    waiting, cora, django_capture_on_commit_callbacks
):
    counts = sweep(5, django_capture_on_commit_callbacks)
    assert counts["repaged"] == 0
    assert Escalation.objects.get(pk=waiting.pk).page_level == PageLevel.FIRST_ALERT


def test_unclaimed_after_30_seconds_every_on_duty_counselor_is_paged_once(
    waiting, cora, colin, django_capture_on_commit_callbacks
):
    sweep(31, django_capture_on_commit_callbacks)
    sweep(35, django_capture_on_commit_callbacks)  # a second sweep changes nothing
    assert Notification.objects.filter(kind="crisis_page", user=cora).count() == 1
    assert Notification.objects.filter(kind="crisis_page", user=colin).count() == 1
    assert waiting.events.filter(kind="repaged").count() == 1


def test_after_2_minutes_supervisors_are_paged_by_notification_and_email(
    waiting, cora, supervisor, mailoutbox, django_capture_on_commit_callbacks
):
    sweep(31, django_capture_on_commit_callbacks)
    sweep(121, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(kind="crisis_supervisor_page", user=supervisor).exists()
    pages = [m for m in mailoutbox if "waiting for a crisis counselor" in m.subject]
    assert [m.to for m in pages] == [[supervisor.email]]


def test_after_5_minutes_the_member_is_told_plainly_to_use_the_hotlines(
    client, waiting, member, django_capture_on_commit_callbacks
):
    # Beat was down for a while: one late sweep still climbs every rung, in order.
    counts = sweep(400, django_capture_on_commit_callbacks)
    assert (counts["repaged"], counts["supervisors"], counts["member_told"]) == (1, 1, 1)
    kinds = list(waiting.events.values_list("kind", flat=True))
    assert kinds == ["opened", "repaged", "supervisors_paged", "member_told_hotlines"]
    assert ChatMessage.objects.filter(escalation=waiting, body=services.HOTLINES_TEXT).exists()
    client.force_login(member)
    page = client.get(f"/crisis/chat/{waiting.pk}/").content.decode()
    assert "No counselor is free right now" in page
    assert "call or text 988" in page
    # The chat stays open and can still be answered.
    assert Escalation.objects.get(pk=waiting.pk).state == State.OPEN
    assert sweep(500, django_capture_on_commit_callbacks)["member_told"] == 0


def test_a_claimed_escalation_is_never_paged(waiting, cora, django_capture_on_commit_callbacks):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    counts = sweep(400, django_capture_on_commit_callbacks)
    assert counts["repaged"] == counts["supervisors"] == counts["member_told"] == 0


def test_a_transfer_starts_the_ladder_again(waiting, cora, django_capture_on_commit_callbacks):
    sweep(31, django_capture_on_commit_callbacks)
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    services.escalation_transfer(escalation_id=waiting.pk, by=cora)
    assert Escalation.objects.get(pk=waiting.pk).page_level == PageLevel.FIRST_ALERT
    assert sweep(31, django_capture_on_commit_callbacks)["repaged"] == 1


def test_a_silent_console_goes_off_duty_after_60_seconds(cora):
    CounselorPresence.objects.filter(user=cora).update(
        last_seen_at=timezone.now() - timedelta(seconds=61)
    )
    assert crisis_sweep.delay().get()["off_duty"] == 1
    assert not CounselorPresence.objects.get(user=cora).on_duty


def test_with_nobody_on_duty_supervisors_and_admins_hear_once_and_again_after_cover_returns(
    supervisor, admin_user, counselor, django_capture_on_commit_callbacks
):
    def gap_notices():
        return Notification.objects.filter(kind="crisis_no_coverage").count()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalations_sweep()["coverage_gap_opened"] == 1
        services.escalations_sweep()
    assert gap_notices() == 2  # Sia and Ada, once each
    services.counselor_duty_set(counselor=counselor, on_duty=True)
    services.escalations_sweep()
    services.counselor_duty_set(counselor=counselor, on_duty=False)
    assert services.escalations_sweep()["coverage_gap_opened"] == 1
    assert gap_notices() == 4


def test_a_quiet_absent_member_is_flagged_to_the_counselor_once(waiting, cora):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    services.escalation_activate(escalation_id=waiting.pk, counselor=cora)
    Escalation.objects.filter(pk=waiting.pk).update(
        member_seen_at=timezone.now() - timedelta(minutes=6)
    )
    assert services.stale_chats_flag() == 1
    assert services.stale_chats_flag() == 0
    assert waiting.events.filter(kind="member_quiet").count() == 1


def test_a_follow_up_the_member_asked_for_reminds_their_counselor(waiting, cora):
    services.escalation_claim(escalation_id=waiting.pk, counselor=cora)
    closed = services.escalation_close(escalation_id=waiting.pk, by=cora, disposition="safe")
    services.survey_record(
        escalation=closed, helped=4, follow_up_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.follow_ups_remind() == 1
    assert services.follow_ups_remind() == 0
    assert Notification.objects.filter(user=cora, kind="crisis_follow_up").count() == 1
