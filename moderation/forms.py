"""Forms: they parse and keep what was typed; services decide and store."""

from django import forms

from moderation.models import Flag

ACTIONS = [
    ("approve", "Approve"),
    ("hide", "Hide"),
    ("remove", "Remove"),
    ("edit", "Edit with a note"),
    ("add_cw", "Add a content warning"),
    ("care", "Send a message of concern"),
    ("mute", "Pause their posting"),
    ("remove_member", "Remove from the group"),
    ("ban", "Close the account (admin)"),
    ("escalate", "Escalate to crisis support"),
    ("join_approve", "Approve the request"),
    ("join_decline", "Decline the request"),
]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Flag.Reason.choices, widget=forms.RadioSelect, label="What worries you?"
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Anything a moderator should know (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(required=False, max_length=1000)
    body = forms.CharField(required=False, max_length=20000)
    note = forms.CharField(required=False, max_length=300)
    cw_label = forms.CharField(required=False, max_length=80)
    message = forms.CharField(required=False, max_length=2000)
    days = forms.IntegerField(required=False, min_value=1, max_value=90)


class NoteForm(forms.Form):
    body = forms.CharField(
        max_length=2000, label="Private note", widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealForm(forms.Form):
    message = forms.CharField(
        max_length=2000,
        label="Why should we look again?",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("uphold", "Keep the decision"), ("overturn", "Reverse it")]
    )
    note = forms.CharField(required=False, max_length=1000, label="A note for the member")


class AuditFilterForm(forms.Form):
    group = forms.IntegerField(required=False)
    member = forms.IntegerField(required=False)
    entry = forms.IntegerField(required=False)
    post = forms.IntegerField(required=False)
    action = forms.CharField(required=False, max_length=40)
