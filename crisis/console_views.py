"""Staff console pages for the crisis app: risk rules (with "try a sentence"), canned
responses and the counselor shift roster. Thin: authorise, parse, call a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crisis import console_selectors as selectors
from crisis import console_services as services
from crisis.console_forms import CannedResponseForm, RiskRuleForm, ShiftForm, TrySentenceForm
from crisis.models import CannedResponse, RiskRule, Shift
from crisis.selectors import on_duty_presences
from peersupport.permissions import staff_required
from peersupport.roles import Role

LEADS = (Role.ADMIN, Role.SUPERVISOR)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@staff_required(Role.ADMIN)
def risk_rules(request):
    """The rules, and a box that shows which rule fires for a sentence.

    The box posts here: without JavaScript the page re-renders with the result; with htmx
    only the result fragment is swapped in.
    """
    try_form = TrySentenceForm(request.POST or None)
    rules = list(selectors.risk_rules())
    overall = results = None
    if request.method == "POST" and try_form.is_valid():
        overall, results = selectors.try_sentence(try_form.cleaned_data["text"], rules)
    context = {"try_form": try_form, "rules": rules, "overall": overall, "results": results}
    if request.htmx:
        return render(request, "crisis/console/_try_result.html", context)
    return render(request, "crisis/console/risk_rules.html", context)


@staff_required(Role.ADMIN)
def risk_rule_edit(request, pk=None):
    rule = get_object_or_404(RiskRule, pk=pk) if pk else None
    form = RiskRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            # A fresh instance: the form has already set the new values on `rule`.
            current = RiskRule.objects.get(pk=rule.pk) if rule else None
            services.risk_rule_save(actor=request.user, rule=current, **form.cleaned_data)
            messages.info(request, "Saved. New posts are checked with it within a few seconds.")
            return redirect("crisis_console:risk_rules")
        except ValidationError as exc:
            _add_errors(form, exc)
    return render(request, "crisis/console/risk_rule_form.html", {"form": form, "rule": rule})


@staff_required(*LEADS)
def canned_responses(request):
    form = CannedResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.canned_response_save(actor=request.user, **form.cleaned_data)
            messages.info(request, "Added.")
            return redirect("crisis_console:canned")
        except ValidationError as exc:
            _add_errors(form, exc)
    return render(
        request,
        "crisis/console/canned.html",
        {"form": form, "responses": CannedResponse.objects.all()},
    )


@staff_required(*LEADS)
def canned_response_edit(request, pk):
    canned = get_object_or_404(CannedResponse, pk=pk)
    if request.method == "POST" and request.POST.get("delete"):
        services.canned_response_delete(actor=request.user, canned=canned)
        messages.info(request, "Removed.")
        return redirect("crisis_console:canned")
    form = CannedResponseForm(request.POST or None, instance=canned)
    if request.method == "POST" and form.is_valid():
        try:
            current = CannedResponse.objects.get(pk=pk)
            services.canned_response_save(actor=request.user, canned=current, **form.cleaned_data)
            messages.info(request, "Saved.")
            return redirect("crisis_console:canned")
        except ValidationError as exc:
            _add_errors(form, exc)
    return render(request, "crisis/console/canned_form.html", {"form": form, "canned": canned})


@staff_required(*LEADS)
def shifts(request):
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.shift_add(actor=request.user, **form.cleaned_data)
            messages.info(request, "The shift is on the roster.")
            return redirect("crisis_console:shifts")
        except ValidationError as exc:
            _add_errors(form, exc)
    all_shifts = list(selectors.shifts())
    return render(
        request,
        "crisis/console/shifts.html",
        {
            "form": form,
            "shifts": all_shifts,
            "on_duty": list(on_duty_presences()),
            **selectors.roster_view(all_shifts),
        },
    )


@staff_required(*LEADS)
@require_POST
def shift_remove(request, pk):
    shift = get_object_or_404(Shift, pk=pk)
    services.shift_remove(actor=request.user, shift=shift)
    messages.info(request, "The shift is off the roster.")
    return redirect("crisis_console:shifts")
