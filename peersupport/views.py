"""Platform pages: home, crisis help, staff home, health."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from peersupport import console
from peersupport.health import platform_health
from peersupport.permissions import staff_required


def home(request):
    return render(request, "peersupport/home.html")


def get_help(request):
    """What to do now, for someone who may be in danger. Works for everyone, signed in or not."""
    return render(request, "peersupport/get_help.html")


@staff_required()
def staff_home(request):
    """The staff console's home: the sections this person's roles open."""
    return render(
        request,
        "peersupport/staff_home.html",
        {
            "roles": sorted(request.user.role_names),
            "sections": console.sections_for(request.user),
            "slots": console.planned_slots_for(request.user),
        },
    )


@require_GET
@never_cache
def healthz(request):
    status, checks = platform_health()
    return JsonResponse({"status": status, "checks": checks}, status=200 if status == "ok" else 503)
