from django import forms

from peersupport.console_services import SuspensionReason
from peersupport.roles import Role

PERIODS = ((7, "Last 7 days"), (30, "Last 30 days"), (90, "Last 90 days"), (365, "Last year"))


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Pseudonym or email", required=False, max_length=100)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Any role"), *Role.choices]
    )


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    change = forms.ChoiceField(choices=(("grant", "Give"), ("revoke", "Take away")))


class SuspendForm(forms.Form):
    reason = forms.ChoiceField(choices=SuspensionReason.CHOICES, label="Why")


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Period", choices=PERIODS, coerce=int, required=False, empty_value=30
    )

    def days_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data["days"]:
            return self.cleaned_data["days"]
        return 30
