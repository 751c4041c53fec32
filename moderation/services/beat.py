"""The sweep Celery beat runs: stale claims, breaches of the queue's time limits, join requests."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from moderation import selectors
from moderation.models import (
    QueueEntry,
)
from moderation.services.queue import claims_release_expired, join_requests_sync
from peersupport.notifications import notification_send

Priority = QueueEntry.Priority

# --- the sweep (Celery beat) --------------------------------------------------------------


def breaches_alert(*, now=None) -> int:
    """Tell a group's supporters when an entry passes its target; tell admins when it has
    waited twice as long. Each alert is sent once per entry (a conditional update)."""
    now = now or timezone.now()
    sent = 0
    for entry in selectors.entries_breaching(now=now):
        with transaction.atomic():
            if entry.breach_alerted_at is None:
                if not QueueEntry.objects.filter(
                    pk=entry.pk, breach_alerted_at__isnull=True
                ).update(breach_alerted_at=now):
                    continue
                people = list(entry.group.supporters.all()) or selectors.admins()
            elif entry.admins_alerted_at is None and selectors.is_twice_over(entry, now=now):
                if not QueueEntry.objects.filter(
                    pk=entry.pk, admins_alerted_at__isnull=True
                ).update(admins_alerted_at=now):
                    continue
                people = selectors.admins()
            else:
                continue
            urgent = entry.priority == Priority.AT_RISK
            for person in people:
                notification_send(
                    user=person,
                    kind="queue_breach",
                    text=(
                        "An at-risk item is waiting in the review queue."
                        if urgent
                        else f"An item in {entry.group.name} has waited longer than its target."
                    ),
                    url=reverse("moderation:queue"),
                )
            sent += 1
    return sent


def sweep(*, now=None) -> dict:
    """Everything the beat does each minute; safe to run twice at once."""
    return {
        "released": claims_release_expired(now=now),
        "join_requests": join_requests_sync(),
        "alerts": breaches_alert(now=now),
    }
