"""Who may do what in matching, as plain functions."""

from peersupport.roles import Role


def can_ask_for_peer(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MEMBER)


def can_offer_support(user) -> bool:
    return user.is_authenticated and user.has_role(Role.SUPPORTER)


def is_participant(user, match) -> bool:
    return user.is_authenticated and user.pk in (match.member_id, match.supporter_id)


def can_block(user, match) -> bool:
    """Only the member blocks; a supporter who wants out ends the match."""
    return user.is_authenticated and user.pk == match.member_id
