"""Staff console pages for communities: the groups overview and the resource directory.

Group create and edit (with supporters) stay on the communities pages this links to."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from communities import console_services as services
from communities.console_services import RESOURCE_FIELDS
from communities.models import Group, Membership, Resource
from peersupport.models import User
from peersupport.permissions import staff_required
from peersupport.roles import Role


class ResourceForm(forms.ModelForm):
    url = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Resource
        fields = list(RESOURCE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


@staff_required(Role.ADMIN)
def groups(request):
    all_groups = (
        Group.objects.annotate(
            pending=Count("memberships", filter=Q(memberships__state=Membership.State.PENDING)),
            active=Count("memberships", filter=Q(memberships__state=Membership.State.ACTIVE)),
        )
        .prefetch_related(Prefetch("supporters", queryset=User.objects.order_by("display_name")))
        .order_by("name")
    )
    return render(request, "communities/console/groups.html", {"groups": all_groups})


@staff_required(Role.ADMIN)
@require_POST
def group_archive(request, pk):
    group = get_object_or_404(Group, pk=pk)
    archive = not request.POST.get("undo")
    done = services.group_archive(actor=request.user, group_id=group.pk, archive=archive)
    if not done:
        messages.info(request, "Nothing changed.")
    elif archive:
        messages.info(request, f"{group} is archived. Members can still read it.")
    else:
        messages.info(request, f"{group} is open again.")
    return redirect("communities_console:groups")


@staff_required(Role.ADMIN)
def resources(request):
    form = ResourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_save(actor=request.user, **form.cleaned_data)
            messages.info(request, "Added to the directory.")
            return redirect("communities_console:resources")
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(
        request,
        "communities/console/resources.html",
        {"form": form, "resources": Resource.objects.all()},
    )


@staff_required(Role.ADMIN)
def resource_edit(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    if request.method == "POST" and request.POST.get("delete"):
        services.resource_delete(actor=request.user, resource=resource)
        messages.info(request, "Removed from the directory.")
        return redirect("communities_console:resources")
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            current = Resource.objects.get(pk=pk)
            services.resource_save(actor=request.user, resource=current, **form.cleaned_data)
            messages.info(request, "Saved.")
            return redirect("communities_console:resources")
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(
        request, "communities/console/resource_form.html", {"form": form, "resource": resource}
    )
