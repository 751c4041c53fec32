"""The staff console's own pages: people, the audit log and the metrics dashboard.

Views are thin: authorise with `staff_required`, parse a form, call a service or selector.
"""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from peersupport import console, metrics
from peersupport import console_selectors as selectors
from peersupport import console_services as services
from peersupport.console_forms import PeopleSearchForm, PeriodForm, RoleChangeForm, SuspendForm
from peersupport.models import User
from peersupport.permissions import has_staff_mfa, staff_required
from peersupport.roles import Role

METRICS_ROLES = (Role.ADMIN, Role.SUPERVISOR)
AUDIT_PAGE = 100


def _csv_cell(value):
    """Spreadsheets run cells that start with = + - @ as formulas; pseudonyms are user text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@staff_required(Role.ADMIN)
def people(request):
    form = PeopleSearchForm(request.GET or None)
    found = (
        selectors.people_search(form.cleaned_data["q"], form.cleaned_data["role"])
        if form.is_valid()
        else selectors.people_search()
    )
    return render(request, "peersupport/console/people.html", {"form": form, "people": found})


@staff_required(Role.ADMIN)
def person(request, pk):
    person = get_object_or_404(User, pk=pk)
    return render(
        request,
        "peersupport/console/person.html",
        {
            "person": person,
            "roles": sorted(person.role_grants.values_list("role", flat=True)),
            "is_superuser": person.is_superuser,
            "has_mfa": has_staff_mfa(person),
            "facts": console.person_facts(person),
            "role_form": RoleChangeForm(),
            "suspend_form": SuspendForm(),
            "entries": selectors.audit_entries(
                target_type=User._meta.label_lower, target_id=str(person.pk), limit=50
            ),
            "is_self": person.pk == request.user.pk,
        },
    )


@staff_required(Role.ADMIN)
@require_POST
def person_role(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please choose a role.")
        return redirect("console:person", pk)
    role, change = form.cleaned_data["role"], form.cleaned_data["change"]
    label = Role(role).label
    try:
        if change == "grant":
            done = services.person_role_grant(actor=request.user, user=person, role=role)
            messages.info(request, f"{person} is now {label}." if done else "Nothing changed.")
        else:
            done = services.person_role_revoke(actor=request.user, user=person, role=role)
            messages.info(
                request, f"{person} is no longer {label}." if done else "Nothing changed."
            )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    return redirect("console:person", pk)


@staff_required(Role.ADMIN)
@require_POST
def person_suspend(request, pk):
    person = get_object_or_404(User, pk=pk)
    if request.POST.get("undo"):
        done = services.person_unsuspend(actor=request.user, user=person)
        messages.info(request, f"{person} can sign in again." if done else "Nothing changed.")
        return redirect("console:person", pk)
    form = SuspendForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Please choose a reason.")
        done = services.person_suspend(
            actor=request.user, user=person, reason=form.cleaned_data["reason"]
        )
        messages.info(
            request,
            f"{person} is suspended and signed out everywhere." if done else "Nothing changed.",
        )
    except ValidationError as exc:
        messages.error(request, _error(exc))
    return redirect("console:person", pk)


@staff_required(Role.ADMIN)
def audit(request):
    action = request.GET.get("action", "")[:60]
    before = request.GET.get("before", "")
    before_id = int(before) if before.isdigit() else None
    entries = selectors.audit_entries(action=action, before_id=before_id, limit=AUDIT_PAGE + 1)
    return render(
        request,
        "peersupport/console/audit.html",
        {
            "entries": entries[:AUDIT_PAGE],
            "older": entries[AUDIT_PAGE - 1].pk if len(entries) > AUDIT_PAGE else None,
            "action": action,
            "actions": selectors.audit_actions(),
        },
    )


@staff_required(*METRICS_ROLES)
def metrics_dashboard(request):
    form = PeriodForm(request.GET or None)
    days = form.days_or_default()
    return render(
        request,
        "peersupport/console/metrics.html",
        {
            "form": form,
            "days": days,
            "weekly": days > selectors.WEEKLY_AFTER_DAYS,
            "charts": selectors.dashboard(user=request.user, days=days),
            "slots": metrics.planned_slots(),
            "rolled_up_through": selectors.rolled_up_through(),
        },
    )


@staff_required(*METRICS_ROLES)
def metrics_csv(request, key):
    chart = metrics.chart(key)
    if chart is None or not request.user.has_role(*chart.roles):
        raise Http404
    days = PeriodForm(request.GET or None).days_or_default()
    (view,) = selectors.dashboard(user=request.user, days=days, keys=[key])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-{days}d.csv"'
    writer = csv.writer(response)
    first = "stage" if chart.shape == metrics.TOTALS else "day"
    if chart.shape == metrics.DAYS and days > selectors.WEEKLY_AFTER_DAYS:
        first = "week_from"
    if chart.shape == metrics.NOW:
        first = "category"
    writer.writerow([first, *(s.label for s in view.data.series)])
    writer.writerows([_csv_cell(cell) for cell in row] for row in view.data.rows())
    return response
