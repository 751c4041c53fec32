"""Forms for profiles, requests and conversations. Bad input keeps what was typed."""

from datetime import date

from django import forms
from django.conf import settings
from django.utils import timezone

from matching.choices import Language, Topic, Way, decode_list, encode_list
from matching.models import ExperienceProfile, SupporterProfile
from matching.services import READINESS_QUESTIONS

MONTHS = [
    ("", "Prefer not to say"),
    *[(str(i), date(2000, i, 1).strftime("%B")) for i in range(1, 13)],
]


class ExperienceFormMixin(forms.Form):
    """The shared experience fields, with month and year instead of a date."""

    event_month = forms.TypedChoiceField(
        label="Month", choices=MONTHS, required=False, coerce=int, empty_value=None
    )
    event_year = forms.IntegerField(
        label="Year", required=False, min_value=1940, help_text="Leave empty if you prefer."
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    ways = forms.MultipleChoiceField(
        label="Ways to talk",
        choices=Way.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    LIST_FIELDS = ("topics", "languages", "ways")

    def _init_experience(self):
        instance = self.instance
        if instance.pk:
            for name in self.LIST_FIELDS:
                self.initial[name] = decode_list(getattr(instance, name))
            if instance.event_date:
                self.initial["event_month"] = str(instance.event_date.month)
                self.initial["event_year"] = instance.event_date.year

    def clean(self):
        cleaned = super().clean()
        month, year = cleaned.get("event_month"), cleaned.get("event_year")
        if (month is None) != (year is None):
            raise forms.ValidationError(
                "Please give both the month and the year, or leave both empty."
            )
        if month and year:
            when = date(year, month, 1)
            if when > timezone.now().date():
                self.add_error("event_year", "That month hasn't happened yet.")
            cleaned["event_date"] = when
        else:
            cleaned["event_date"] = None
        for name in self.LIST_FIELDS:
            cleaned[name] = encode_list(cleaned.get(name))
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("event_month", None)
        data.pop("event_year", None)
        return data


EXPERIENCE_MODEL_FIELDS = ["event_kind", "affected", "event_name", "gender"]


class ExperienceProfileForm(ExperienceFormMixin, forms.ModelForm):
    class Meta:
        model = ExperienceProfile
        fields = [
            *EXPERIENCE_MODEL_FIELDS,
            "same_gender",
            "own_event",
            "share_event_kind",
            "share_affected",
            "share_phase",
            "share_topics",
            "anniversary_checkin",
            "anniversary_mute",
        ]
        labels = {
            "anniversary_checkin": "A few days before the anniversary month, let my peer know "
            "so they can send me a gentle check-in",
            "anniversary_mute": "Mute threads about anniversaries and memorials that week",
            "event_kind": "What happened",
            "affected": "How it touched you",
            "event_name": "Name of the event (private)",
            "gender": "Your gender (optional)",
            "same_gender": "Only suggest peers who share my gender",
            "own_event": "Someone from your own event?",
            "share_event_kind": "What happened",
            "share_affected": "How it touched me",
            "share_phase": "Roughly how long ago (never the date)",
            "share_topics": "What I'd like to talk about",
        }
        help_texts = {
            "event_name": "Never shown to anyone. Used only for your choice about peers "
            "from your own event.",
        }

    field_order = [
        "event_kind",
        "affected",
        "event_month",
        "event_year",
        "event_name",
        "topics",
        "languages",
        "ways",
        "gender",
        "same_gender",
        "own_event",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_experience()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("same_gender") and not cleaned.get("gender"):
            self.add_error("gender", "To find a peer of the same gender, please tell us yours.")
        if (cleaned.get("anniversary_checkin") or cleaned.get("anniversary_mute")) and not (
            cleaned.get("event_date")
        ):
            self.add_error(
                "anniversary_checkin",
                "For anniversary care we need the month and year. They stay private.",
            )
        if cleaned.get("own_event") != "any" and not (cleaned.get("event_name") or "").strip():
            self.add_error(
                "event_name",
                "To honour your choice about your own event, please name it (it stays private).",
            )
        return cleaned


class SupporterProfileForm(ExperienceFormMixin, forms.ModelForm):
    class Meta:
        model = SupporterProfile
        fields = [*EXPERIENCE_MODEL_FIELDS, "bio", "availability", "capacity", "is_paused"]
        labels = {
            "event_kind": "What happened to you",
            "affected": "How it touched you",
            "event_name": "Name of the event (private)",
            "gender": "Your gender (optional)",
            "bio": "A few words about you, for members choosing a peer",
            "availability": "When you are usually available",
            "capacity": "How many people you can support at once",
            "is_paused": "Pause new requests for now",
        }
        help_texts = {
            "event_name": "Never shown to members. Used only to honour a member's wish about "
            "peers from their own event.",
            "bio": "Please don't include your real name or your exact dates.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_experience()
        self.fields["capacity"].widget.attrs.update(min=1, max=settings.MATCHING_MAX_CAPACITY)

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= settings.MATCHING_MAX_CAPACITY:
            raise forms.ValidationError(
                f"Please choose between 1 and {settings.MATCHING_MAX_CAPACITY}."
            )
        return capacity


class ReadinessForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in READINESS_QUESTIONS:
            self.fields[key] = forms.BooleanField(label=question, required=False)


class RequestForm(forms.Form):
    note = forms.CharField(
        label="Anything you'd like your peer to know (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only the peer you choose will read this.",
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Please write something first.",
            "max_length": "That message is too long. Please split it in two.",
        },
    )


class ReportForm(forms.Form):
    text = forms.CharField(
        label="What happened?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only admins will read this.",
    )


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label="How helpful were these conversations?",
        choices=[("", "Rather not say"), ("1", "Not really"), ("2", "A little"),
                 ("3", "Helpful"), ("4", "Very helpful")],
        coerce=int,
        empty_value=None,
        required=False,
    )  # fmt: skip
    text = forms.CharField(
        label="Anything you'd like the team to know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class VerifyForm(forms.Form):
    programme = forms.CharField(label="Training programme", max_length=120)
    completed_on = forms.DateField(
        label="Completed on", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value > timezone.now().date():
            raise forms.ValidationError("That date is in the future.")
        return value
