"""Who may do what in the crisis app, as plain functions."""

from crisis.models import LIVE_STATES, ChatMessage, Escalation
from peersupport.permissions import has_staff_mfa
from peersupport.roles import Role

Author = ChatMessage.Author


def is_crisis_staff(user) -> bool:
    return user.is_authenticated and user.has_role(Role.COUNSELOR, Role.SUPERVISOR)


def chat_role(user, escalation: Escalation) -> str | None:
    """How `user` takes part in this chat: member, counselor, supervisor, supporter or None.

    Staff need MFA set up before they see anyone's chat.
    """
    if not user.is_authenticated:
        return None
    if escalation.member_id == user.pk:
        return Author.MEMBER
    if not has_staff_mfa(user):
        return None
    if escalation.counselor_id == user.pk:
        return Author.COUNSELOR
    if user.has_role(Role.SUPERVISOR):
        return Author.SUPERVISOR
    if escalation.supporter_id == user.pk and escalation.state in LIVE_STATES:
        return Author.SUPPORTER
    return None


def can_manage(user, escalation: Escalation) -> bool:
    """Transfer or close: the counselor in the chat, or any supervisor."""
    return chat_role(user, escalation) in {Author.COUNSELOR, Author.SUPERVISOR}
