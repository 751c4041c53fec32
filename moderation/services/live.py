"""Live queue updates: every open queue page hears what became of an entry."""

from __future__ import annotations

from django.db import transaction

from moderation.models import (
    QueueEntry,
)
from peersupport import live

# --- live queue updates -------------------------------------------------------------------


def queue_channel_group(group_id: int | None) -> str:
    """Supporters listen on their groups' channels; admins on the one for every group."""
    return "moderation.all" if group_id is None else f"moderation.group.{group_id}"


def _broadcast(entry_id: int) -> None:
    """Tell every open queue page what became of an entry. Best effort: a page that misses
    it still shows the truth from the database on its next load."""
    entry = QueueEntry.objects.select_related("claimed_by").filter(pk=entry_id).first()
    if entry is None:
        return
    event = {
        "type": "entry.changed",
        "entry_id": entry.pk,
        "state": entry.state,
        "claimed_by_id": entry.claimed_by_id,
        "claimed_by": entry.claimed_by.display_name if entry.claimed_by else "",
        "priority": entry.priority,
    }
    for name in (queue_channel_group(entry.group_id), queue_channel_group(None)):
        live.group_send_quietly(name, event, what=f"queue entry {entry_id}'s change")


def entry_broadcast_on_commit(entry_id: int) -> None:
    transaction.on_commit(lambda: _broadcast(entry_id))
