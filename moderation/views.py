"""Thin views: parse, authorise (404 for anyone who may not see), call a service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from communities import permissions as community_permissions
from communities.models import Group, Post
from moderation import forms, permissions, selectors, services
from moderation.models import Flag
from peersupport.models import User
from peersupport.permissions import staff_required
from peersupport.roles import Role

moderators_only = staff_required(Role.SUPPORTER, Role.ADMIN)


def _entry_or_404(request, entry_id: int):
    entry = selectors.entry_for(request.user, entry_id)
    if entry is None:
        raise Http404
    return entry


# --- the queue ----------------------------------------------------------------------------


@moderators_only
def queue(request):
    # A GET changes nothing: join requests reach the queue through the sweep (each minute),
    # and time on the queue is counted by the page's socket (QueueConsumer).
    sitting = selectors.sitting_current(request.user)
    minutes = int((timezone.now() - sitting.started_at).total_seconds() // 60) if sitting else 0
    return render(request, "moderation/queue.html", {
        "rows": selectors.queue_for(request.user),
        "sitting_minutes": minutes,
        "suggest_break": minutes >= settings.MODERATION_BREAK_AFTER_MINUTES,
        "stepped_back": selectors.step_back_from_at_risk(request.user),
    })  # fmt: skip


def _my_groups(user):
    ids = permissions.moderated_group_ids(user)
    return Group.objects.all() if ids is None else Group.objects.filter(pk__in=ids)


@moderators_only
def entry_detail(request, entry_id):
    entry = _entry_or_404(request, entry_id)
    return render(request, "moderation/entry.html", {
        "entry": entry, "post": entry.post,
        "flags": Flag.objects.filter(entry=entry).order_by("created_at"),
        "audit": selectors.audit_for(request.user, entry_id=entry.pk),
        "notes": selectors.notes_on(group=entry.group, member=entry.subject),
        "is_admin": permissions.is_moderation_admin(request.user),
        "claimed_by_other": entry.claimed_by_id not in (None, request.user.pk),
    })  # fmt: skip


@moderators_only
@require_POST
def entry_claim(request, entry_id):
    entry = _entry_or_404(request, entry_id)
    if services.entry_claim(entry_id=entry.pk, moderator=request.user) is None:
        messages.info(request, "Another supporter is already looking at this one.")
        return redirect("moderation:queue")
    return redirect("moderation:entry", entry.pk)


@moderators_only
@require_POST
def entry_release(request, entry_id):
    entry = _entry_or_404(request, entry_id)
    services.entry_release(entry_id=entry.pk, moderator=request.user)
    return redirect("moderation:queue")


def _run_action(user, entry, data) -> str:
    """Call the service for one action; the message to show when it is done."""
    action, reason = data["action"], data["reason"]
    if action in services.POST_ACTIONS:
        services.post_moderate(
            entry_id=entry.pk, moderator=user, action=action, reason=reason,
            body=data["body"], note=data["note"], cw_label=data["cw_label"],
        )  # fmt: skip
        return "Done. The author has been told where that helps."
    if action in ("join_approve", "join_decline"):
        services.join_request_decide(
            entry_id=entry.pk, moderator=user, approve=action == "join_approve",
            message=data["message"],
        )  # fmt: skip
        return "Saved. They have been told."
    if action == "care":
        services.care_message_send(entry_id=entry.pk, moderator=user, body=data["message"])
        return "Your message is on its way."
    if action == "mute":
        services.member_mute(entry_id=entry.pk, moderator=user, days=data["days"] or 1,
                             reason=reason)  # fmt: skip
        return "Their posting is paused in this group."
    if action == "remove_member":
        services.member_remove_from_group(entry_id=entry.pk, moderator=user, reason=reason)
        return "They are no longer a member. Their posts stay."
    if action == "ban":
        services.member_ban(entry_id=entry.pk, admin=user, reason=reason)
        return "The account is closed."
    services.entry_escalate(entry_id=entry.pk, moderator=user, reason=reason)
    return "Escalated. Crisis support has been asked to help."


@moderators_only
@require_POST
def entry_act(request, entry_id):
    entry = _entry_or_404(request, entry_id)
    form = forms.ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That action could not be read. Please try again.")
        return redirect("moderation:entry", entry.pk)
    try:
        messages.info(request, _run_action(request.user, entry, form.cleaned_data))
    except (services.ActionRefused, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("moderation:entry", entry.pk)
    return redirect("moderation:queue")


@moderators_only
@require_POST
def post_review(request, post_id):
    post = get_object_or_404(Post.objects.select_related("thread__group"), pk=post_id)
    permissions.group_or_404(request.user, post.thread.group)
    entry = services.post_review_open(post=post, moderator=request.user)
    return redirect("moderation:entry", entry.pk)


# --- wellbeing ----------------------------------------------------------------------------


@moderators_only
@require_POST
def take_break(request):
    services.sitting_end(moderator=request.user)
    messages.info(request, "Thank you for your care today. Step away for a while.")
    return redirect("moderation:queue")


@moderators_only
@require_POST
def step_back(request):
    on = request.POST.get("on") == "1"
    services.step_back_set(moderator=request.user, step_back=on)
    messages.info(
        request,
        "At-risk items are left to others for now. Thank you for looking after yourself."
        if on
        else "At-risk items are shown to you again.",
    )
    return redirect("moderation:queue")


# --- audit and members --------------------------------------------------------------------


@moderators_only
def audit(request):
    form = forms.AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    group_id = filters.get("group")
    if group_id is not None and not permissions.can_moderate(request.user, group_id):
        raise Http404
    rows = selectors.audit_for(
        request.user, group_id=group_id, subject_id=filters.get("member"),
        entry_id=filters.get("entry"), post_id=filters.get("post"),
        action=filters.get("action") or "",
    )  # fmt: skip
    return render(request, "moderation/audit.html", {
        "rows": rows, "form": form, "actions": selectors.audit_actions(),
        "groups": _my_groups(request.user),
    })  # fmt: skip


@moderators_only
def member(request, slug, user_id):
    group = permissions.group_or_404(request.user, Group.objects.filter(slug=slug).first())
    # Only someone who is or was in this group: anyone else is not found here.
    person = get_object_or_404(User.objects.filter(memberships__group=group).distinct(), pk=user_id)
    form = forms.NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_note_add(
            group=group, member=person, author=request.user, body=form.cleaned_data["body"]
        )
        messages.info(request, "Note saved. Only this group's supporters and admins see it.")
        return redirect("moderation:member", group.slug, person.pk)
    return render(request, "moderation/member.html", {
        "group": group, "person": person, "form": form,
        "notes": selectors.notes_on(group=group, member=person),
        "audit": selectors.audit_for(request.user, group_id=group.pk, subject_id=person.pk),
    })  # fmt: skip


# --- appeals (admins) ---------------------------------------------------------------------


@staff_required(Role.ADMIN)
def appeals(request):
    return render(request, "moderation/appeals.html", {
        "appeals": selectors.appeals_pending(), "form": forms.AppealDecisionForm(),
    })  # fmt: skip


@staff_required(Role.ADMIN)
@require_POST
def appeal_decide(request, appeal_id):
    form = forms.AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            done = services.appeal_decide(
                appeal_id=appeal_id, admin=request.user,
                overturn=form.cleaned_data["decision"] == "overturn",
                note=form.cleaned_data["note"],
            )  # fmt: skip
            messages.info(request, "Saved. The member has been told." if done
                          else "Someone already answered this appeal.")  # fmt: skip
        except services.ActionRefused as exc:
            messages.error(request, str(exc))
    return redirect("moderation:appeals")


# --- members' own pages -------------------------------------------------------------------


@login_required
def flag(request, post_id):
    post = get_object_or_404(Post.objects.select_related("thread__group"), pk=post_id)
    group = post.thread.group
    readable = community_permissions.can_read_group(request.user, group)
    if not readable or not post.is_visible or post.deleted_at is not None:
        raise Http404
    form = forms.FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(post=post, flagger=request.user, **form.cleaned_data)
            messages.info(request, services.FLAG_THANKS)
            return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}")
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
    return render(request, "moderation/flag.html", {"post": post, "group": group, "form": form})


@login_required
def my_decision(request, audit_id):
    """What was decided about the member's post or posting, and a second look if allowed.
    Never who flagged them or which moderator acted."""
    decision = selectors.decision_for_member(member=request.user, audit_id=audit_id)
    if decision is None:
        raise Http404
    appeal = selectors.appeal_of(decision)
    form = forms.AppealForm(request.POST or None)
    can_appeal = appeal is None and decision.action in services.APPEALABLE
    if request.method == "POST" and can_appeal and form.is_valid():
        try:
            services.appeal_create(
                audit_id=decision.pk, member=request.user, message=form.cleaned_data["message"]
            )
            messages.info(request, "Thank you. An admin who wasn't part of it will look again.")
            return redirect("moderation:my_decision", decision.pk)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
    return render(request, "moderation/my_decision.html", {
        "decision": decision, "appeal": appeal, "form": form, "can_appeal": can_appeal,
    })  # fmt: skip


@login_required
def care_message(request, message_id):
    message = selectors.care_message_for(member=request.user, message_id=message_id)
    if message is None:
        raise Http404
    services.care_message_read(message=message)
    return render(request, "moderation/care_message.html", {"message": message})
