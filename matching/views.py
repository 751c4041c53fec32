"""Pages for finding a peer, offering support, talking and managing. Thin: parse, check, call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import permissions, selectors, services
from matching.forms import (
    ExperienceProfileForm,
    FeedbackForm,
    MessageForm,
    ReadinessForm,
    ReportForm,
    RequestForm,
    SupporterProfileForm,
    VerifyForm,
)
from matching.models import ExperienceProfile, Report, Suggestion, SupporterProfile
from peersupport.permissions import has_staff_mfa, mfa_setup_redirect, staff_required


def member_required(view):
    """Signed-in members only; anyone else gets a 404."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.can_ask_for_peer(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- member --------------------------------------------------------------------------------


@member_required
def home(request):
    user = request.user
    profile = selectors.experience_for(user)
    return render(
        request,
        "matching/home.html",
        {
            "profile": profile,
            "groups": selectors.groups_suggested_for(profile),
            "open_request": selectors.open_request_for(user),
            "matches": selectors.matches_of(user),
            "is_supporter": permissions.can_offer_support(user),
        },
    )


@member_required
def profile_edit(request):
    instance = selectors.experience_for(request.user) or ExperienceProfile(user=request.user)
    form = ExperienceProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.experience_profile_save(user=request.user, **form.service_fields())
        messages.success(request, "Your experience profile is saved. Only you can see it.")
        return redirect("matching:home")
    return render(request, "matching/profile_form.html", {"form": form, "instance": instance})


@member_required
@require_POST
def profile_delete(request):
    services.experience_profile_delete(user=request.user)
    messages.success(request, "Your experience profile is deleted.")
    return redirect("matching:home")


@member_required
def request_new(request):
    existing = selectors.open_request_for(request.user)
    if existing:
        return redirect("matching:request", existing.pk)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.match_request_create(
                member=request.user, note=form.cleaned_data["note"]
            )
        except services.AlreadyAsking:
            created = selectors.open_request_for(request.user)
        return redirect("matching:request", created.pk)
    return render(
        request,
        "matching/request_new.html",
        {"form": form, "profile": selectors.experience_for(request.user)},
    )


@member_required
def request_detail(request, pk):
    match_request = selectors.request_for_member(pk, request.user)
    asked = match_request.suggestions.filter(state=Suggestion.State.ASKED).first()
    return render(
        request,
        "matching/request_detail.html",
        {
            "match_request": match_request,
            "suggestions": selectors.shown_suggestions(match_request),
            "asked": asked,
            "match": getattr(match_request, "match", None),
        },
    )


@member_required
@require_POST
def suggestion_pick(request, pk, suggestion_id):
    selectors.request_for_member(pk, request.user)
    picked = services.suggestion_pick(suggestion_id=suggestion_id, member=request.user)
    if picked is None:
        messages.info(
            request,
            "That peer has just become unavailable. Here is who else could talk with you.",
        )
    else:
        messages.success(
            request,
            f"We've asked {picked.supporter.display_name}. You'll hear as soon as they answer.",
        )
    return redirect("matching:request", pk)


@member_required
@require_POST
def request_cancel(request, pk):
    selectors.request_for_member(pk, request.user)
    if services.match_request_cancel(request_id=pk, member=request.user):
        messages.success(request, "You've stopped looking for now. You can ask again any time.")
    return redirect("matching:home")


# --- supporter -----------------------------------------------------------------------------


@staff_required("supporter")
def supporter_home(request):
    return render(
        request,
        "matching/supporter_home.html",
        {
            "profile": selectors.supporter_profile_for(request.user),
            "asks": selectors.waiting_asks(request.user),
            "matches": selectors.matches_of(request.user).filter(supporter=request.user),
        },
    )


@staff_required("supporter")
def supporter_profile_edit(request):
    instance = selectors.supporter_profile_for(request.user) or SupporterProfile(user=request.user)
    form = SupporterProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.supporter_profile_save(user=request.user, **form.service_fields())
        messages.success(request, "Your supporter profile is saved.")
        return redirect("matching:supporter_home")
    return render(request, "matching/supporter_profile_form.html", {"form": form})


@staff_required("supporter")
@require_POST
def supporter_profile_delete(request):
    if services.supporter_profile_delete(user=request.user):
        messages.success(request, "Your supporter profile is deleted. Thank you for your time.")
    else:
        messages.error(
            request,
            "Please end or answer your current conversations first, then delete your profile.",
        )
    return redirect("matching:supporter_home")


@staff_required("supporter")
def readiness(request):
    profile = selectors.supporter_profile_for(request.user)
    if profile is None:
        return redirect("matching:supporter_profile")
    form = ReadinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.supporter_readiness_confirm(user=request.user, answers=form.cleaned_data):
            messages.success(request, "Thank you. You're ready to be suggested to members.")
        else:
            messages.info(
                request,
                "Thank you for being honest. It's fine to wait: look after yourself first, "
                "and come back to this whenever you feel ready.",
            )
        return redirect("matching:supporter_home")
    return render(request, "matching/readiness.html", {"form": form, "profile": profile})


@staff_required("supporter")
def ask_detail(request, pk):
    suggestion = selectors.ask_for_supporter(pk, request.user)
    member_profile = selectors.experience_for(suggestion.request.member)
    shared = {}
    if member_profile is not None:
        shared = selectors.shared_experience_of(member_profile)
    return render(
        request,
        "matching/ask_detail.html",
        {"suggestion": suggestion, "shared": shared, "is_open": suggestion.state == "asked"},
    )


@staff_required("supporter")
@require_POST
def ask_answer(request, pk):
    selectors.ask_for_supporter(pk, request.user)
    if request.POST.get("answer") == "accept":
        match = services.suggestion_accept(suggestion_id=pk, supporter=request.user)
        if match is not None:
            return redirect("matching:conversation", match.pk)
    elif request.POST.get("answer") == "decline" and services.suggestion_decline(
        suggestion_id=pk, supporter=request.user
    ):
        messages.success(
            request, "Thank you for letting them know. They'll be offered someone else."
        )
        return redirect("matching:supporter_home")
    messages.info(request, "This request is no longer open, so nothing changed.")
    return redirect("matching:supporter_home")


# --- conversations -------------------------------------------------------------------------


def participant_required(view):
    """Only the two people in the match (404 for anyone else). The supporter side is
    staff work, so it needs MFA like every staff page; the member side never does."""

    @login_required
    def wrapper(request, pk, *args, **kwargs):
        match = selectors.match_for_participant(pk, request.user)
        if request.user.pk == match.supporter_id and not has_staff_mfa(request.user):
            return mfa_setup_redirect(request)
        return view(request, match, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@participant_required
def conversation(request, match):
    pk = match.pk
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.message_send(match_id=pk, author=request.user, body=form.cleaned_data["body"]):
            return redirect("matching:conversation", pk)
        form.add_error(None, "This conversation has ended, so the message wasn't sent.")
    msgs = selectors.messages_of(match)
    shared = {}
    if request.user.pk == match.supporter_id:
        shared = selectors.shared_experience(match)
    return render(
        request,
        "matching/conversation.html",
        {
            "match": match,
            "other": match.other_person(request.user),
            "chat_messages": msgs,
            "last_id": msgs[-1].pk if msgs else 0,
            "form": form,
            "shared": shared,
            "can_block": permissions.can_block(request.user, match),
        },
    )


@require_POST
@participant_required
def conversation_end(request, match):
    pk = match.pk
    services.match_end(match_id=pk, user=request.user)
    messages.success(request, "The conversation is closed. Thank you for the time you shared.")
    return redirect("matching:feedback", pk)


@require_POST
@participant_required
def block(request, match):
    if not permissions.can_block(request.user, match):
        raise Http404
    services.block_create(member=request.user, supporter_id=match.supporter_id)
    messages.success(request, f"{match.supporter.display_name} won't be suggested to you again.")
    return redirect("matching:home")


@participant_required
def report(request, match):
    pk = match.pk
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_create(match_id=pk, reporter=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Thank you for telling us. An admin will look at this soon.")
        return redirect("matching:conversation", pk)
    return render(request, "matching/report.html", {"match": match, "form": form})


@participant_required
def feedback(request, match):
    pk = match.pk
    if match.is_active:
        return redirect("matching:conversation", pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feedback_leave(match_id=pk, author=request.user, **form.cleaned_data)
        messages.success(request, "Thank you. Only the team will read this.")
        return redirect("matching:home")
    return render(request, "matching/feedback.html", {"match": match, "form": form})


# --- admins --------------------------------------------------------------------------------


@staff_required("admin")
def manage(request):
    return render(
        request,
        "matching/manage.html",
        {
            "awaiting": selectors.supporters_awaiting_verification(),
            "funnel": selectors.funnel(),
            "loads": selectors.supporter_loads(),
            "reports": Report.objects.filter(resolved_at__isnull=True).select_related(
                "reporter", "reported"
            ),
        },
    )


@staff_required("admin")
def manage_verify(request, pk):
    profile = get_object_or_404(SupporterProfile.objects.select_related("user"), pk=pk)
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.supporter_verify(
            profile_id=pk,
            admin=request.user,
            programme=form.cleaned_data["programme"],
            completed_on=form.cleaned_data["completed_on"],
        )
        messages.success(request, f"{profile.user.display_name}'s training is verified.")
        return redirect("matching:manage")
    return render(request, "matching/manage_verify.html", {"profile": profile, "form": form})


@staff_required("admin")
@require_POST
def manage_report_resolve(request, pk):
    if services.report_resolve(actor=request.user, report_id=pk):
        messages.success(request, "Marked as handled.")
    return redirect("matching:manage")
