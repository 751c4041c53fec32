"""Screening new words before they are stored, and moderation's part once they are."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from communities.models import Group, Post
from crisis.detection import assess as assess_risk
from crisis.models import RiskLevel, Trigger
from crisis.services import member_check_in as crisis_check_in
from moderation import rules, selectors
from moderation.models import (
    QueueEntry,
)
from moderation.services.audit import audit_write, post_snapshot
from moderation.services.handoff import crisis_escalate
from moderation.services.queue import entry_open_for_post

Kind = QueueEntry.Kind
Priority = QueueEntry.Priority

# --- screening new words ------------------------------------------------------------------


class PostNeedsChanges(ValidationError):
    """The post is not stored. `kind` says why: block, require_cw, nudge or muted. The words
    stay in the form; `message` is kind and says what to do."""

    def __init__(self, message: str, *, kind: str, explanations: list[str] | None = None):
        super().__init__(message)
        self.kind = kind
        self.explanations = explanations or []


REFUSING_ACTIONS = (rules.Action.BLOCK, rules.Action.REQUIRE_CW, rules.Action.NUDGE)


@dataclass(frozen=True)
class Screening:
    """What the screen decided about new words that may be stored: the state the post starts
    in, and what moderation and crisis support do once it exists (`post_screened`). Plain
    data: nothing here writes."""

    post_state: str = Post.State.VISIBLE
    queue_kind: str = ""
    priority: int = Priority.NORMAL
    detail: str = ""
    escalate: bool = False
    is_graphic: bool = False
    # crisis.detection's reading of the words: a level, and whether it opens an escalation.
    risk_level: str = ""
    risk_escalates: bool = False
    decision: rules.Decision = field(default_factory=rules.Decision)

    @property
    def is_held(self) -> bool:
        return self.post_state == Post.State.HELD


def post_screened(*, post: Post, screening: Screening) -> None:
    """Moderation's part once a screened post is stored: queue it when it waits for a
    moderator, and hand risk to crisis support. In the transaction that stored it."""
    trigger = Trigger.POST if post.is_opening else Trigger.REPLY
    if screening.risk_escalates and not screening.escalate:
        # Crisis words the watched phrases did not hold: the post follows the group's
        # rules (it stays up), and a counselor and the group's supporters are told.
        crisis_escalate(
            member=post.author,
            source=post,
            reason="Words that may mean someone is at risk.",
            trigger=trigger,
            risk_level=screening.risk_level,
            hold_post=False,
        )
    elif screening.risk_level == RiskLevel.CONCERN and not screening.queue_kind:
        crisis_check_in(member=post.author)
        entry_open_for_post(
            post=post,
            kind=Kind.AT_RISK,
            priority=Priority.HIGH,
            detail="Words that may show someone is struggling: a gentle check-in may help.",
        )
    if not screening.queue_kind:
        return
    audit_write(
        actor=None,
        action="post_held",
        target_type="post",
        target_id=post.pk,
        group_id=post.thread.group_id,
        subject=post.author,
        reason=screening.detail,
        after=post_snapshot(post),
    )
    if screening.escalate:
        crisis_escalate(
            member=post.author,
            source=post,
            reason=screening.detail,
            trigger=trigger,
            risk_level=screening.risk_level or None,
        )
        return
    entry_open_for_post(
        post=post,
        kind=screening.queue_kind,
        priority=screening.priority,
        detail=screening.detail,
        is_graphic=screening.is_graphic,
    )


NUDGE_LEAD = "Before you post, would you read this again?"
CW_LEAD = "Please add a content warning before posting: a few words are enough."


def content_screen(
    *,
    group: Group,
    author,
    body: str,
    cw_label: str = "",
    title: str = "",
    nudge_confirmed: bool = False,
    is_edit: bool = False,
    risk=None,
) -> Screening:
    """Pass new or edited words through the group's watched phrases and new-member holds.

    Raises PostNeedsChanges when the author should change something first (block, missing
    content warning, a nudge not yet confirmed, or a mute). Otherwise returns how the post
    starts (visible or held) and what to queue once it is stored. `risk` is crisis.detection's
    reading of these words when the caller already has it (`escalation_open_first`).
    """
    is_moderator = selectors.is_moderator_of(author, group)
    text = f"{title}\n{body}" if title else body
    risk = risk if risk is not None else assess_risk(text)
    risk_fields = {"risk_level": risk.level, "risk_escalates": risk.escalates}
    mute = None if is_moderator else selectors.active_mute(user=author, group=group)
    if mute is not None and not risk.escalates:
        # A muted member who may be at risk is not refused either: see below.
        raise PostNeedsChanges(
            f"You can read this group but not post in it until {mute.until:%B %-d, %H:%M} UTC. "
            "A peer supporter paused posting for a while. If you think this is a mistake you "
            "can ask for a second look from your notifications.",
            kind="muted",
        )
    matches = rules.find_matches(text, selectors.rules_for(group))
    decision = rules.decide(matches, has_cw=bool(cw_label.strip()), nudge_confirmed=nudge_confirmed)
    action = decision.action
    graphic = any(m.rule.action == rules.Action.REQUIRE_CW for m in matches)
    refused = action in REFUSING_ACTIONS or mute is not None
    if action == rules.Action.ESCALATE or (risk.escalates and refused):
        # Someone who may be at risk is never refused: the post waits, help is offered.
        return Screening(
            **risk_fields,
            post_state=Post.State.HELD,
            queue_kind=Kind.AT_RISK,
            priority=Priority.AT_RISK,
            detail="Words that may mean someone is at risk.",
            escalate=True,
            is_graphic=graphic,
            decision=decision,
        )
    if action == rules.Action.BLOCK:
        raise PostNeedsChanges(
            " ".join(decision.explanations) or "This can't be posted here as it is.",
            kind="block",
            explanations=decision.explanations,
        )
    if action == rules.Action.HOLD:
        return Screening(
            **risk_fields,
            post_state=Post.State.HELD,
            queue_kind=Kind.HELD,
            priority=Priority.NORMAL,
            detail="; ".join(decision.explanations) or "Matched a watched phrase.",
            is_graphic=graphic,
            decision=decision,
        )
    if action == rules.Action.REQUIRE_CW:
        raise PostNeedsChanges(
            " ".join([CW_LEAD, *decision.explanations]),
            kind="require_cw",
            explanations=decision.explanations,
        )
    if action == rules.Action.NUDGE:
        raise PostNeedsChanges(
            " ".join([NUDGE_LEAD, *decision.explanations]),
            kind="nudge",
            explanations=decision.explanations,
        )
    if not is_edit and not is_moderator:
        needed = selectors.first_posts_held(group)
        if needed and selectors.approved_post_count(user=author, group=group) < needed:
            return Screening(
                **risk_fields,
                post_state=Post.State.HELD,
                queue_kind=Kind.NEW_MEMBER,
                priority=Priority.NORMAL,
                detail="One of a new member's first posts.",
                decision=decision,
            )
    return Screening(decision=decision, **risk_fields)
