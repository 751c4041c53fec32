"""Who may do what in the crisis app, as plain functions."""

from crisis.models import LIVE_STATES, ChatMessage, Escalation, State
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
    if escalation.counselor_id == user.pk and user.has_role(Role.COUNSELOR, Role.SUPERVISOR):
        return Author.COUNSELOR
    if user.has_role(Role.SUPERVISOR):
        return Author.SUPERVISOR
    if escalation.supporter_id == user.pk and supporter_still_in(escalation):
        return Author.SUPPORTER
    return None


def supporter_still_in(escalation: Escalation) -> bool:
    """The warm-handoff supporter stays with the member until a counselor joins (claims the
    chat), then leaves it: page, history and sending. A transfer back to the queue does not
    bring them back."""
    return escalation.state == State.OPEN and not escalation.events.filter(kind="claimed").exists()


def chat_socket_role(user, escalation: Escalation) -> str | None:
    """The role a live chat socket serves: as `chat_role`, but the counselor holds the chat
    only while it is live and theirs (a closed or transferred chat stops reaching them)."""
    role = chat_role(user, escalation)
    if role == Author.COUNSELOR and escalation.state not in LIVE_STATES:
        return None
    return role


def holds_chat(user, escalation: Escalation, author_kind: str) -> bool:
    """Does `user` still take part in this chat as `author_kind`, by the roles and the chat
    as they are now? (MFA is the page's and the socket's to ask.)"""
    if author_kind == Author.MEMBER:
        return escalation.member_id == user.pk
    if author_kind == Author.COUNSELOR:
        return (
            escalation.counselor_id == user.pk
            and escalation.state in LIVE_STATES
            and user.has_role(Role.COUNSELOR, Role.SUPERVISOR)
        )
    if author_kind == Author.SUPERVISOR:
        return user.has_role(Role.SUPERVISOR)
    if author_kind == Author.SUPPORTER:
        return escalation.supporter_id == user.pk and supporter_still_in(escalation)
    return False


def can_manage(user, escalation: Escalation) -> bool:
    """Transfer or close: the counselor in the chat, or any supervisor."""
    return chat_role(user, escalation) in {Author.COUNSELOR, Author.SUPERVISOR}
