"""How allauth fits this platform: no usernames, pseudonyms, calm wording, and who may step
up with an emailed code."""

from functools import partial

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.crypto import get_random_string

from peersupport.consumers import sockets_recheck

EMAILED_CODE = "reauthenticate_by_code"


def may_reauthenticate_by_emailed_code(user) -> bool:
    """Members may confirm it is still them with a code sent to their inbox: it proves no
    more than the password reset they could already do from that inbox. Staff, and anyone
    who set up an authenticator, may not: an inbox is easier to take over than a phone, and
    stepping up unlocks what the authenticator guards (turning it off, changing the email,
    staff pages). They use their password or their authenticator."""
    return not (user.is_platform_staff or is_mfa_enabled(user))


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # There are no usernames here; people are known by their display name.
        return None

    def get_reauthentication_methods(self, user):
        # allauth's code pages send anyone not offered the code to the first method listed.
        methods = super().get_reauthentication_methods(user)
        if not user.is_authenticated or may_reauthenticate_by_emailed_code(user):
            return methods
        return [method for method in methods if method["id"] != EMAILED_CODE]

    def send_account_already_exists_mail(self, email):
        # Equal answers (issue 18 #5): signing up with a new email hashes a password, so one
        # that exists hashes one too, or the response time tells which emails are here.
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def set_password(self, user, password):
        # Every password change, set and reset passes here: the other sessions' open
        # sockets close at once (the page making the change keeps its own).
        super().set_password(user, password)
        request = getattr(context, "request", None)
        session = getattr(request, "session", None)
        spare = (session.session_key or "") if request and request.user == user else ""
        transaction.on_commit(partial(sockets_recheck, user.pk, spare_session_key=spare))


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    def end_sessions(self, sessions):
        # allauth's sessions page: the ended sessions' open sockets close at once.
        sessions = list(sessions)
        super().end_sessions(sessions)
        for user_id in {session.user_id for session in sessions}:
            transaction.on_commit(partial(sockets_recheck, user_id))
