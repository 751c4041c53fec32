"""Hints sent over the channel layer after a commit. Never the truth: consoles and chats
re-read the database on (re)connect, and the sweeper re-sends alerts nobody acknowledged.

A send that fails (Redis down) is logged without any personal data and otherwise ignored:
the escalation is already in the database, so the failure delays an alert, never loses it.
"""

from channels.layers import get_channel_layer

from peersupport import live
from peersupport.consumers import user_group

CONSOLE_GROUP = "crisis.console"  # every connected counselor and supervisor console
SUPERVISOR_GROUP = "crisis.supervisors"


def chat_group(escalation_id: int) -> str:
    return f"crisis.chat.{escalation_id}"


def console_user_group(user_id: int) -> str:
    """One counselor's consoles, for an alert meant for them (a transfer to them by name)."""
    return f"crisis.console.user.{user_id}"


def group_send(group: str, message: dict) -> bool:
    """Send `message` to `group`. False when the channel layer could not be reached."""
    layer = get_channel_layer()
    if layer is None:
        return False
    return live.group_send_quietly(group, message, what="crisis: a live update")


def notify_user_live(user_id: int, message: dict) -> bool:
    return group_send(user_group(user_id), message)
