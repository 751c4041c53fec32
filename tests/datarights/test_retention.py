"""Risk-scoring text and closed crisis chats are purged after the configured periods."""

from datetime import timedelta

from django.utils import timezone

from crisis.models import ChatMessage, Escalation, EscalationEvent
from peersupport import datarights
from peersupport.services import account_erase
from peersupport.tasks import retention_purge
from tests.datarights.conftest import PRIVATE


def _age(escalation, days: int) -> None:
    past = timezone.now() - timedelta(days=days)
    Escalation.objects.filter(pk=escalation.pk).update(created_at=past, closed_at=past)


def test_old_chats_and_risk_text_are_purged_and_recent_ones_stay(world, settings):
    settings.RETENTION_RISK_TEXT_DAYS = 30
    settings.RETENTION_CRISIS_CHAT_DAYS = 90
    closed = world.closed_escalation
    _age(closed, 100)
    live = world.open_escalation
    Escalation.objects.filter(pk=live.pk).update(source_text=f"{PRIVATE} still live")

    retention_purge.delay()  # eager here; beat schedules it

    closed.refresh_from_db()
    assert closed.source_text == ""
    assert not ChatMessage.objects.filter(escalation=closed).exists()
    assert closed.disposition == "safety_plan"  # the record of what happened stays
    transfer = EscalationEvent.objects.get(escalation=closed, kind="transferred")
    assert "note" not in transfer.detail  # audit rows keep no words
    live.refresh_from_db()
    assert live.source_text == f"{PRIVATE} still live"


def test_recent_closed_chats_are_kept(world):
    retention_purge.delay()
    assert ChatMessage.objects.filter(escalation=world.closed_escalation).exists()
    world.closed_escalation.refresh_from_db()
    assert world.closed_escalation.source_text == f"{PRIVATE} trigger"


def test_anonymised_records_of_deleted_members_go_after_the_record_period(world, settings):
    settings.RETENTION_CRISIS_RECORD_DAYS = 365
    account_erase(user=world.mara, keep_posts=False)
    _age(world.closed_escalation, 400)
    counts = datarights.retention_purge_all(now=timezone.now())
    assert counts["crisis.records_deleted"] == 1
    assert not Escalation.objects.filter(pk=world.closed_escalation.pk).exists()
    assert Escalation.objects.filter(pk=world.open_escalation.pk).exists()  # closed today
