from django import forms

from crisis.models import CannedResponse, RiskRule, Weekday
from peersupport.models import User
from peersupport.roles import Role


class RiskRuleForm(forms.ModelForm):
    class Meta:
        model = RiskRule
        fields = ["category", "level", "pattern", "enabled", "note"]
        widgets = {"pattern": forms.TextInput(attrs={"spellcheck": "false"})}


class TrySentenceForm(forms.Form):
    text = forms.CharField(
        label="A sentence to try",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nothing you type here is stored. Please don't paste a member's words.",
    )


class CannedResponseForm(forms.ModelForm):
    class Meta:
        model = CannedResponse
        fields = ["title", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class ShiftForm(forms.Form):
    counselor = forms.ModelChoiceField(queryset=User.objects.none())
    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, label="Day")
    starts_at = forms.TimeField(label="From (UTC)", widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(
        label="Until (UTC)",
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="An end at or before the start runs past midnight.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counselor"].queryset = (
            User.objects.filter(
                is_active=True, role_grants__role__in=[Role.COUNSELOR, Role.SUPERVISOR]
            )
            .distinct()
            .order_by("display_name")
        )
