"""The account settings page: sessions, MFA, notifications, filters, export and delete.

Every page here is the signed-in person's own; another person's export is a 404.
"""

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from peersupport import datarights, services
from peersupport.models import ExportJob


class DeleteAccountForm(forms.Form):
    posts = forms.ChoiceField(
        label="What should happen to your posts?",
        choices=[
            ("remove", "Remove them. Each place in a thread will say the post was removed."),
            ("keep", "Keep them, shown as written by “former member”, without your name."),
        ],
        widget=forms.RadioSelect,
        initial="remove",
    )
    password = forms.CharField(
        label="Your password, to be sure it is you", widget=forms.PasswordInput, strip=False
    )


@login_required
def account_settings(request):
    user = request.user
    sessions = sorted(UserSession.objects.purge_and_list(user), key=lambda s: s.created_at)
    return render(request, "peersupport/settings.html", {
        "sessions": sessions,
        "current_session_key": request.session.session_key,
        "mfa_enabled": Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists(),
        "summaries": datarights.settings_summaries(user),
        "latest_export": ExportJob.objects.filter(user=user).first(),
        "delete_form": DeleteAccountForm(),
    })  # fmt: skip


@login_required
@require_POST
def session_end(request, session_id: int):
    if not services.session_end(user=request.user, session_id=session_id):
        raise Http404
    messages.info(request, "That session has been signed out.")
    return redirect("account_settings")


@login_required
@require_POST
def sessions_end_others(request):
    services.sessions_end_others(user=request.user, keep_session_key=request.session.session_key)
    messages.info(request, "You are now signed out everywhere else.")
    return redirect("account_settings")


@login_required
@require_POST
def export_request(request):
    job = services.account_export_request(user=request.user)
    return redirect("account_export", job_id=job.pk)


@login_required
def export_status(request, job_id):
    job = get_object_or_404(ExportJob, pk=job_id, user=request.user)
    template = (
        "peersupport/export/_status.html" if request.htmx else "peersupport/export/status.html"
    )
    return render(request, template, {"job": job})


@login_required
def export_download(request, job_id):
    job = get_object_or_404(ExportJob, pk=job_id, user=request.user)
    if not job.is_downloadable:
        return render(request, "peersupport/export/status.html", {"job": job}, status=410)
    handle = datarights.export_storage().open(job.file_name, "rb")
    stamp = job.created_at.strftime("%Y-%m-%d")
    return FileResponse(handle, as_attachment=True, filename=f"peersupport-data-{stamp}.zip")


# Wrong passwords on the delete page, per person: a stolen session must not be a way to
# guess the password (issue 18 #15). Counted in the cache (Redis), forgotten after a while.
DELETE_PASSWORD_TRIES = 5
DELETE_PASSWORD_WINDOW = 15 * 60
DELETE_TOO_MANY = (
    "That password didn't match several times, so we've paused this for 15 minutes. "
    "Your account is safe. If you've forgotten your password, you can reset it by email."
)


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    tries_key = f"delete-password-tries:{request.user.pk}"
    if request.method == "POST" and form.is_valid():
        if (cache.get(tries_key) or 0) >= DELETE_PASSWORD_TRIES:
            form.add_error("password", DELETE_TOO_MANY)
            return render(request, "peersupport/delete.html", {"form": form}, status=429)
        try:
            services.account_delete(
                user=request.user,
                password=form.cleaned_data["password"],
                keep_posts=form.cleaned_data["posts"] == "keep",
            )
        except services.WrongPassword:
            cache.add(tries_key, 0, DELETE_PASSWORD_WINDOW)
            cache.incr(tries_key)
            form.add_error("password", "That password doesn't match. Please try again.")
        else:
            logout(request)
            return redirect("account_deleted")
    return render(request, "peersupport/delete.html", {"form": form})


def account_deleted(request):
    return render(request, "peersupport/deleted.html")
