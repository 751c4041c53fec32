"""The one door from moderation to crisis support.

The crisis module fills this in (it will call `crisis.services`); moderation never imports
`crisis`. Until then an escalation holds the post, if there is one, and puts it at the very
top of the review queue so a peer supporter sees it within minutes.
"""


def crisis_escalate(*, member, source, reason: str) -> None:
    """Hand `member` to crisis support. `source` is the Post that raised it, or None when a
    moderator escalates a person rather than a post. Runs inside the caller's transaction."""
    from moderation.services import escalation_queue

    escalation_queue(member=member, post=source, reason=reason)
