"""How allauth fits this platform: no usernames, pseudonyms, calm wording."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # There are no usernames here; people are known by their display name.
        return None
