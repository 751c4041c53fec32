"""How allauth fits this platform: no usernames, pseudonyms, calm wording, and who may step
up with an emailed code."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.utils import is_mfa_enabled

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
