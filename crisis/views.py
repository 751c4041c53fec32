"""Crisis pages: the member's help page and chat, and the counselor console.

The member's page is rendered entirely from the database, so it shows the hotlines and the
member's place in the queue even when Redis (the live part) is down.
"""

import logging
from datetime import timedelta

from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from crisis import permissions, selectors, services
from crisis.models import ChatMessage, Disposition, Escalation, PageLevel, State, Trigger
from peersupport.models import User
from peersupport.permissions import staff_required

logger = logging.getLogger(__name__)
Author = ChatMessage.Author
CONSOLE_ROLES = ("counselor", "supervisor")


@require_POST
def help_now(request):
    """ "Get help now": open (or attach to) the member's escalation and show the chat at once.

    Never rate-limited. Anonymous visitors get the hotline page.
    """
    if not request.user.is_authenticated:
        return redirect("get_help")
    try:
        escalation = services.escalation_open(member=request.user, trigger=Trigger.BUTTON)
    except DatabaseError:
        # Even with the database down, the person leaves with the numbers to call.
        logger.exception("crisis: help button could not record an escalation")
        return render(request, "crisis/help_unavailable.html", status=503)
    return redirect("crisis:chat", escalation_id=escalation.pk)


def _escalation_for(request, escalation_id: int) -> tuple[Escalation, str]:
    escalation = get_object_or_404(
        Escalation.objects.select_related("member", "counselor", "supporter"), pk=escalation_id
    )
    role = permissions.chat_role(request.user, escalation)
    if role is None:
        raise Http404
    return escalation, role


def chat(request, escalation_id: int):
    if not request.user.is_authenticated:
        return redirect("get_help")
    escalation, role = _escalation_for(request, escalation_id)
    context = {
        "escalation": escalation,
        "role": role,
        "is_member": role == Author.MEMBER,
        "is_staff_view": role in {Author.COUNSELOR, Author.SUPERVISOR},
        "can_manage": permissions.can_manage(request.user, escalation),
        "chat_messages": selectors.chat_messages(escalation.pk),
        "queue_position": selectors.queue_position(escalation),
        "counselors_on_duty": selectors.counselors_on_duty_count(),
        "told_hotlines": escalation.page_level >= PageLevel.MEMBER_TOLD,
        "dispositions": Disposition.choices,
    }
    if context["is_staff_view"]:
        context["prior"] = selectors.prior_escalations(escalation)
        context["canned"] = selectors.canned_responses()
        context["colleagues"] = [p.user for p in selectors.on_duty_presences()]
        context["events"] = selectors.escalation_events(escalation)
        context["transfer_note"] = selectors.last_transfer_note(escalation)
        context["member_quiet"] = bool(
            escalation.quiet_flagged_at
            and escalation.member_seen_at
            and escalation.quiet_flagged_at >= escalation.member_seen_at
        )
    if role == Author.MEMBER and escalation.state == State.CLOSED:
        context["survey_done"] = hasattr(escalation, "survey")
    return render(request, "crisis/chat.html", context)


@require_POST
def chat_send(request, escalation_id: int):
    """The no-script way to write in the chat; the page's script uses the websocket."""
    if not request.user.is_authenticated:
        return redirect("get_help")
    escalation, role = _escalation_for(request, escalation_id)
    try:
        services.chat_message_post(
            escalation_id=escalation.pk,
            author=request.user,
            author_kind=role,
            body=request.POST.get("body", ""),
            client_id=request.POST.get("client_id", ""),
        )
    except services.CrisisError as exc:
        messages.error(request, str(exc))
    return redirect("crisis:chat", escalation_id=escalation.pk)


@require_POST
def leave(request, escalation_id: int):
    """The member no longer wants to wait. Counselors still follow up."""
    escalation, role = _escalation_for(request, escalation_id)
    if role != Author.MEMBER:
        raise Http404
    services.escalation_abandon(escalation_id=escalation.pk, by=request.user)
    return redirect("crisis:chat", escalation_id=escalation.pk)


@require_POST
def survey(request, escalation_id: int):
    escalation, role = _escalation_for(request, escalation_id)
    if role != Author.MEMBER:
        raise Http404
    helped = request.POST.get("helped")
    days = request.POST.get("follow_up_days")
    follow_up_at = timezone.now() + timedelta(days=int(days)) if days in {"1", "3", "7"} else None
    try:
        services.survey_record(
            escalation=escalation,
            # isdecimal, not isdigit: "²".isdigit() is True and int("²") fails.
            helped=int(helped) if helped and helped.isdecimal() else None,
            follow_up_at=follow_up_at,
        )
        messages.success(request, "Thank you for telling us.")
    except services.CrisisError as exc:
        messages.error(request, str(exc))
    return redirect("crisis:chat", escalation_id=escalation.pk)


# --- counselors ---------------------------------------------------------------------------


@staff_required(*CONSOLE_ROLES)
def console(request):
    user = request.user
    presence = getattr(user, "crisis_presence", None)
    context = {
        "on_duty": bool(presence and presence.on_duty),
        "queue": selectors.open_queue(),
        "my_chats": selectors.chats_for_counselor(user),
        "colleagues": [p.user for p in selectors.on_duty_presences()],
        "abandoned": selectors.abandoned_for_follow_up(),
        "follow_ups": selectors.follow_ups_due(),
        "is_supervisor": selectors.is_supervisor(user),
    }
    if context["is_supervisor"]:
        context["all_chats"] = selectors.live_chats_for_supervisor()
    return render(request, "crisis/console.html", context)


@require_POST
@staff_required(*CONSOLE_ROLES)
def duty(request):
    on_duty = request.POST.get("on_duty") == "1"
    services.counselor_duty_set(counselor=request.user, on_duty=on_duty)
    return redirect("crisis:console")


@require_POST
@staff_required(*CONSOLE_ROLES)
def claim(request, escalation_id: int):
    try:
        escalation = services.escalation_claim(escalation_id=escalation_id, counselor=request.user)
    except services.CrisisError as exc:  # at capacity, or no longer a counselor
        messages.error(request, str(exc))
        return redirect("crisis:console")
    if escalation is None:
        messages.info(request, "Another counselor has already taken this one.")
        return redirect("crisis:console")
    # Claiming takes the counselor straight into the chat: it starts now, not when the chat
    # page is read (a GET changes nothing). Their socket connecting starts it too.
    services.escalation_activate(escalation_id=escalation.pk, counselor=request.user)
    return redirect("crisis:chat", escalation_id=escalation.pk)


@require_POST
@staff_required(*CONSOLE_ROLES)
def transfer(request, escalation_id: int):
    escalation, _ = _escalation_for(request, escalation_id)
    if not permissions.can_manage(request.user, escalation):
        raise Http404
    to_id = request.POST.get("to")
    to = User.objects.filter(pk=to_id).first() if to_id and to_id.isdecimal() else None
    if to is not None and not permissions.is_crisis_staff(to):
        to = None
    done = services.escalation_transfer(
        escalation_id=escalation.pk,
        by=request.user,
        to_counselor=to,
        note=request.POST.get("note", ""),
    )
    if done is None:
        messages.error(request, "This chat can no longer be transferred.")
        return redirect("crisis:chat", escalation_id=escalation.pk)
    messages.success(request, "Transferred. The member is back at the front of the queue.")
    return redirect("crisis:console")


@require_POST
@staff_required(*CONSOLE_ROLES)
def close(request, escalation_id: int):
    escalation, _ = _escalation_for(request, escalation_id)
    if not permissions.can_manage(request.user, escalation):
        raise Http404
    try:
        done = services.escalation_close(
            escalation_id=escalation.pk,
            by=request.user,
            disposition=request.POST.get("disposition", ""),
            notes=request.POST.get("notes", ""),
        )
    except services.CrisisError as exc:
        messages.error(request, str(exc))
        return redirect("crisis:chat", escalation_id=escalation.pk)
    if done is None:
        messages.error(request, "This chat is already closed.")
    return redirect("crisis:console")
