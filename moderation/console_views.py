"""Staff console pages for watched phrases: edit them, and try a sentence to see which
phrase fires and what would happen to the post. Changes go through moderation.services,
which records them in the moderation audit log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from moderation import rules, services
from moderation.models import WatchedPhrase
from peersupport.permissions import staff_required
from peersupport.roles import Role


class PhraseForm(forms.ModelForm):
    class Meta:
        model = WatchedPhrase
        fields = ["pattern", "kind", "action", "explanation", "group", "is_active"]
        widgets = {"pattern": forms.TextInput(attrs={"spellcheck": "false"})}


class TryForm(forms.Form):
    text = forms.CharField(
        label="A sentence to try",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nothing you type here is stored. Please don't paste a member's words.",
    )
    has_cw = forms.BooleanField(label="The post has a content warning", required=False)


def phrases_tried(text: str, phrases, *, has_cw: bool):
    """The decision every-group phrases (and each group's own) would reach, and which
    phrases match. Inactive phrases are tried too, so an admin sees what turning one on
    would do; they never count towards the decision."""
    phrases = list(phrases)
    matches = rules.find_matches(text, [p.as_rule() for p in phrases])
    active_ids = {p.pk for p in phrases if p.is_active and p.group_id is None}
    decision = rules.decide([m for m in matches if m.rule.id in active_ids], has_cw=has_cw)
    matched = {m.rule.id: m.snippet for m in matches}
    return decision, [(p, matched[p.pk]) for p in phrases if p.pk in matched]


@staff_required(Role.ADMIN)
def phrases(request):
    form = TryForm(request.POST or None)
    all_phrases = list(WatchedPhrase.objects.select_related("group"))
    decision = fired = None
    if request.method == "POST" and form.is_valid():
        decision, fired = phrases_tried(
            form.cleaned_data["text"], all_phrases, has_cw=form.cleaned_data["has_cw"]
        )
    context = {
        "try_form": form,
        "phrases": all_phrases,
        "decision": decision,
        "fired": fired,
        "decision_label": (
            dict(WatchedPhrase.Action.choices).get(decision.action, "") if decision else ""
        ),
    }
    if request.htmx:
        return render(request, "moderation/console/_try_result.html", context)
    return render(request, "moderation/console/phrases.html", context)


@staff_required(Role.ADMIN)
def phrase_edit(request, pk=None):
    phrase = get_object_or_404(WatchedPhrase, pk=pk) if pk else None
    form = PhraseForm(request.POST or None, instance=phrase)
    if request.method == "POST" and request.POST.get("delete") and phrase is not None:
        services.phrase_delete(phrase=phrase, by=request.user)
        messages.info(request, "The phrase is removed.")
        return redirect("moderation_console:phrases")
    if request.method == "POST" and form.is_valid():
        try:
            services.phrase_save(phrase=form.instance, by=request.user)
            messages.info(request, "Saved. New posts are checked with it.")
            return redirect("moderation_console:phrases")
        except ValidationError as exc:
            form.add_error("pattern", exc.messages)
    return render(request, "moderation/console/phrase_form.html", {"form": form, "phrase": phrase})
