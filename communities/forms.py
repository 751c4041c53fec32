"""Forms: they parse and keep what was typed; services decide and store."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms
from django.utils import timezone

from communities.models import Group, MemberSettings, Reaction, Resource, Topic
from peersupport.models import User
from peersupport.roles import Role


class JoinForm(forms.Form):
    accept_rules = forms.BooleanField(
        required=False, label="I have read the rules and will follow them"
    )

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for i, question in enumerate(questions):
            self.fields[f"answer_{i}"] = forms.CharField(
                label=question,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.order_fields([f"answer_{i}" for i in range(len(questions))] + ["accept_rules"])

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"answer_{i}", "") for i in range(len(self.questions))]


class DecisionForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    message = forms.CharField(
        required=False,
        max_length=500,
        label="A message for them (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


REPLY_MAX_CHARS = 20000


class _PostFields(forms.Form):
    body = forms.CharField(
        label="Your words",
        max_length=REPLY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown works: *italic*, **bold**, lists and links.",
        error_messages={"required": "Please write something before posting."},
    )
    cw_label = forms.CharField(
        label="Content warning (optional)",
        required=False,
        max_length=80,
        help_text="A few words, e.g. “loss of a child”. Your post starts closed until someone "
        "chooses to open it.",
    )


class ReplyForm(_PostFields):
    is_anonymous = forms.BooleanField(
        required=False,
        label="Post anonymously",
        help_text="Others see “Anonymous member”. The group's peer supporters can still see "
        "who wrote it, to keep everyone safe.",
    )


class ThreadForm(ReplyForm):
    title = forms.CharField(max_length=140, label="Title")
    topic = forms.ChoiceField(choices=Topic.choices, label="Topic")
    field_order = ["title", "topic", "body", "cw_label", "is_anonymous"]


class EditForm(_PostFields):
    pass


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class SettingsForm(forms.Form):
    hide_cw_posts = forms.BooleanField(
        required=False, label="Hide posts with a content warning entirely"
    )
    muted_topics = forms.MultipleChoiceField(
        required=False,
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Topics I'd rather not see",
    )
    email_mode = forms.ChoiceField(
        choices=MemberSettings.EmailMode.choices, label="Emails about my groups"
    )
    time_zone = forms.ChoiceField(
        label="My time zone",
        help_text="Session times are shown in it.",
        choices=lambda: [(z, z.replace("_", " ")) for z in sorted(available_timezones())],
    )


class GroupForm(forms.Form):
    name = forms.CharField(max_length=80)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    rules = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Members accept these before they join.",
    )
    question_1 = forms.CharField(required=False, max_length=300, label="Screening question 1")
    question_2 = forms.CharField(required=False, max_length=300, label="Screening question 2")
    question_3 = forms.CharField(required=False, max_length=300, label="Screening question 3")
    question_4 = forms.CharField(required=False, max_length=300, label="Screening question 4")
    question_5 = forms.CharField(required=False, max_length=300, label="Screening question 5")
    is_listed = forms.BooleanField(
        required=False, label="Listed in the directory (otherwise hidden and invite-only)"
    )
    join_policy = forms.ChoiceField(choices=Group.JoinPolicy.choices)
    supporters = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Peer supporters who moderate this group",
    )
    cw_required_topics = forms.MultipleChoiceField(
        required=False,
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Topics that need a content warning",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporters"].queryset = User.objects.filter(
            role_grants__role=Role.SUPPORTER
        ).order_by("display_name")

    @classmethod
    def initial_for(cls, group: Group) -> dict:
        initial = {
            "name": group.name,
            "description": group.description,
            "rules": group.rules,
            "is_listed": group.is_listed,
            "join_policy": group.join_policy,
            "supporters": list(group.supporters.all()),
            "cw_required_topics": group.cw_required_topics,
        }
        for i, question in enumerate(group.screening_questions[:5], start=1):
            initial[f"question_{i}"] = question
        return initial

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "rules": data["rules"],
            "screening_questions": [data[f"question_{i}"] for i in range(1, 6)],
            "is_listed": data["is_listed"],
            "join_policy": data["join_policy"],
            "supporters": data["supporters"],
            "cw_required_topics": data["cw_required_topics"],
        }


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=120)
    starts_at = forms.DateTimeField(
        label="Starts (your time)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(min_value=15, max_value=240, initial=60)
    capacity = forms.IntegerField(min_value=2, max_value=200, initial=12)
    video_url = forms.URLField(label="Video-call link", assume_scheme="https")
    facilitator = forms.ModelChoiceField(queryset=User.objects.none())
    repeat_monthly = forms.IntegerField(
        min_value=0, max_value=12, initial=0, label="Repeat monthly, this many more times"
    )

    def __init__(self, *args, group: Group, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = (
            User.objects.filter(pk__in=group.supporters.values("pk"))
            | User.objects.filter(pk=user.pk)
        ).distinct()
        self.fields["facilitator"].initial = user.pk

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        try:
            zone = ZoneInfo(self.user.timezone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        naive = timezone.make_naive(value, timezone.get_current_timezone())
        return naive.replace(tzinfo=zone)


class NoteOfHopeForm(forms.Form):
    body = forms.CharField(
        max_length=400,
        label="A few words of hope",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Someone who just joined may read this on their first day.",
    )


class ResourceSearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    category = forms.ChoiceField(
        required=False, choices=[("", "Any kind"), *Resource.Category.choices]
    )
    region = forms.CharField(required=False)
    language = forms.CharField(required=False)
