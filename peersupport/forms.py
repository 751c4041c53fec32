"""Forms for accounts: the pseudonym asked at sign-up."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from peersupport.displaynames import NOT_ALLOWED, impersonates, normalised
from peersupport.roles import STAFF_ROLES, Role
from peersupport.services import role_grant


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form adds to email and password: a display name only."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        help_text=_(
            "This is how others will see you. Choose a name that isn't your real name "
            "if you'd like to stay private."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_display_name(self):
        name = normalised(self.cleaned_data["display_name"])
        if len(name) < 2:
            raise forms.ValidationError(_("Please choose a name with at least 2 characters."))
        taken = _("Someone is already using that name. Could you pick another?")
        # The label kept posts and anonymised records carry (peersupport/datarights.py).
        if name.lower() in {"former member", "a former member"}:
            raise forms.ValidationError(taken)
        # Passing for the platform or a staff member is the graver mix-up: said before "taken".
        staff = get_user_model().objects.filter(role_grants__role__in=STAFF_ROLES)
        if impersonates(name, staff.values_list("display_name", flat=True).distinct()):
            raise forms.ValidationError(NOT_ALLOWED)
        if get_user_model().objects.filter(display_name__iexact=name).exists():
            raise forms.ValidationError(taken)
        return name

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
        role_grant(user=user, role=Role.MEMBER)
