"""The one door from moderation to crisis support."""

from __future__ import annotations

from crisis.models import Trigger
from crisis.services import Source, escalation_open
from moderation.services.queue import escalation_queue

# --- the one door to crisis support -----------------------------------------------------


def crisis_escalate(
    *,
    member,
    source,
    reason: str,
    trigger: str = Trigger.SUPPORTER,
    risk_level: str | None = None,
    supporter=None,
    hold_post: bool = True,
) -> None:
    """Hand `member` to a crisis counselor, and put the post at the top of the review queue.

    `source` is the Post that raised it, or None when a moderator escalates a person rather
    than a post. `hold_post=False` keeps the post visible (a member's "may be at risk" flag
    must never let one member hide another's words). Runs inside the caller's transaction:
    crisis writes the escalation first and alerts counselors only on commit.
    """
    escalation_open(
        member=member,
        trigger=trigger,
        risk_level=risk_level,
        reasons=[reason] if reason else [],
        supporter=supporter,
        source=Source(
            ref=f"post:{source.pk}" if source is not None else "",
            url=source.thread.get_absolute_url() if source is not None else "",
            text=source.body if source is not None else "",
        ),
    )
    escalation_queue(member=member, post=source, reason=reason, hold=hold_post)
