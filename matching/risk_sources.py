"""Peer messages for crisis's sweep of words stored without a risk score (crisis.sweep)."""

from crisis.models import Trigger
from crisis.sweep import RiskSource, UnscoredWords, register_source
from matching import selectors, services


def _messages_claimed(*, written_before, now):
    for message in selectors.messages_unscored(written_before=written_before):
        if not services.message_mark_risk_scored(message_id=message.pk, now=now):
            continue  # another sweep took it
        yield UnscoredWords(
            author=message.author,
            text=message.body,
            trigger=Trigger.MESSAGE,
            ref=f"peer-message:{message.match_id}",
        )


register_source(RiskSource(name="messages", claimed=_messages_claimed))
