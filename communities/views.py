"""Thin views: parse, authorise (404 for anyone who may not see), call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from communities import forms, permissions, posting, selectors, services
from communities.models import Group, Meeting, Membership, Post, Reaction, Thread
from communities.permissions import GroupAccess
from peersupport.roles import Role


def _readable_access(request, slug: str) -> GroupAccess:
    """The group and what the viewer may do in it; a 404 for anyone who may not read it."""
    return permissions.readable_or_404(selectors.group_for_viewer(slug=slug, user=request.user))


def _readable_group(request, slug: str) -> Group:
    return _readable_access(request, slug).group


def _readable_thread(request, slug: str, thread_id: int) -> tuple[GroupAccess, Thread]:
    access, thread = selectors.group_and_thread_for_viewer(
        slug=slug, thread_id=thread_id, user=request.user
    )
    permissions.readable_or_404(access)
    if thread is None:
        raise Http404
    return access, thread


def _readable_post(request, slug: str, post_id: int) -> tuple[GroupAccess, Post]:
    access = _readable_access(request, slug)
    post = get_object_or_404(
        Post.objects.select_related("thread"), pk=post_id, thread__group=access.group
    )
    post.thread.group = access.group
    return access, post


def _not_found_after_words(request, sent: posting.Submission):
    """A 404 for a post to a thread or group this person cannot see (removed while they were
    typing, say). When their words reached a counselor, the page leads with help and gives
    their words back; it says nothing about whether the thread exists."""
    if not sent.help_offered:
        raise Http404
    return render(
        request,
        "404.html",
        {"offer_help": True, "words": request.POST.get("body", "")[: forms.REPLY_MAX_CHARS]},
        status=404,
    )


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _notes_shown(request, sent: posting.Submission) -> None:
    for note in sent.notes:
        messages.info(request, note)


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


# --- directory and joining ----------------------------------------------------------------


def directory(request):
    return render(request, "communities/directory.html", {
        "groups": selectors.groups_listed(), "my_groups": selectors.groups_of(request.user),
        "can_manage": permissions.can_manage_groups(request.user),
    })  # fmt: skip


def join(request, slug):
    """A listed group's public page: what it is, its rules and questions; or your request."""
    access = selectors.group_for_viewer(slug=slug, user=request.user)
    if access is None or not access.group.is_listed:
        raise Http404
    return _join_page(request, access, via_invite=False)


def join_by_invite(request, token):
    group = Group.objects.filter(invite_token=token).first() if token else None
    if group is None:
        raise Http404
    access = selectors.group_for_viewer(slug=group.slug, user=request.user)
    if access.is_active_member:
        return redirect(group)
    if not group.invite_is_open():
        return render(request, "communities/invite_expired.html", status=410)
    return _join_page(request, access, via_invite=True)


def _join_page(request, access: GroupAccess, *, via_invite: bool):
    group, state = access.group, access.state
    if state == Membership.State.ACTIVE:
        return redirect(group)
    form = forms.JoinForm(request.POST or None, questions=group.screening_questions)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form.is_valid():
            try:
                membership = services.membership_request(
                    group=group,
                    user=request.user,
                    answers=form.answers(),
                    accepted_rules=form.cleaned_data["accept_rules"],
                    via_invite=via_invite,
                )
                if membership.state == Membership.State.ACTIVE:
                    return redirect(group)
                return redirect("communities:join", group.slug)
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
    membership = (
        Membership.objects.filter(group=group, user=request.user).first() if state else None
    )
    return render(
        request,
        "communities/join.html",
        {"group": group, "form": form, "membership": membership, "via_invite": via_invite},
    )


@permissions.staff_page(Role.SUPPORTER, Role.ADMIN)
def requests(request, slug):
    group = permissions.moderated_or_404(
        selectors.group_for_viewer(slug=slug, user=request.user)
    ).group
    if request.method == "POST":
        form = forms.DecisionForm(request.POST)
        if (
            form.is_valid()
            and Membership.objects.filter(pk=form.cleaned_data["membership"], group=group).exists()
        ):
            done = services.membership_decide(
                membership_id=form.cleaned_data["membership"],
                decider=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                message=form.cleaned_data["message"],
            )
            messages.info(
                request,
                "Saved. They have been told."
                if done
                else "Someone else already answered that request.",
            )
        return redirect("communities:requests", group.slug)
    pending = selectors.requests_awaiting_decision(group)
    return render(request, "communities/requests.html", {"group": group, "pending": pending})


@permissions.staff_page(Role.SUPPORTER, Role.ADMIN)
def members(request, slug):
    group = permissions.moderated_or_404(
        selectors.group_for_viewer(slug=slug, user=request.user)
    ).group
    if request.method == "POST":
        target = _int_or_none(request.POST.get("membership"))
        if target and Membership.objects.filter(pk=target, group=group).exists():
            services.membership_remove(membership_id=target, by=request.user)
            messages.info(request, "They are no longer a member. Their posts stay.")
        return redirect("communities:members", group.slug)
    return render(request, "communities/members.html", {
        "group": group, "members": selectors.members_active(group),
    })  # fmt: skip


def leave(request, slug):
    group = _readable_group(request, slug)
    if request.method == "POST":
        services.membership_leave(group=group, user=request.user)
        messages.info(request, f"You have left {group.name}. Take care of yourself.")
        return redirect("communities:directory")
    return render(request, "communities/leave.html", {"group": group})


# --- group and threads --------------------------------------------------------------------


def group_home(request, slug):
    access = _readable_access(request, slug)
    group = access.group
    settings = selectors.member_settings(request.user)
    threads, next_cursor = selectors.threads_page(
        group=group, user=request.user, settings=settings, cursor=request.GET.get("cursor", ""),
        access=access,
    )  # fmt: skip
    welcome_note = None
    if services.membership_welcome(membership_group=group, user=request.user):
        welcome_note = selectors.note_of_hope_for_welcome()
    return render(request, "communities/group.html", {
        "group": group, "threads": threads, "next_cursor": next_cursor,
        "is_moderator": access.is_moderator,
        "is_member": access.is_active_member,
        "meetings": selectors.meetings_upcoming(group=group, user=request.user, limit=3),
        "welcome_note": welcome_note,
    })  # fmt: skip


def group_search(request, slug):
    group = _readable_group(request, slug)
    query = request.GET.get("q", "")
    return render(request, "communities/search.html", {
        "group": group, "query": query,
        "threads": selectors.threads_matching(group=group, query=query),
    })  # fmt: skip


def thread_new(request, slug):
    if request.method != "POST":
        group, form, nudged = _readable_group(request, slug), forms.ThreadForm(), False
    else:
        sent = posting.thread_submit(author=request.user, slug=slug, data=request.POST)
        if sent.not_found:
            return _not_found_after_words(request, sent)
        _notes_shown(request, sent)
        if sent.post is not None:
            return redirect(sent.thread)
        group, form, nudged = sent.group, sent.form, sent.nudged
    return render(
        request, "communities/thread_new.html", {"group": group, "form": form, "nudged": nudged}
    )


def thread_detail(request, slug, thread_id):
    if request.method != "POST":
        access, thread = _readable_thread(request, slug, thread_id)
        form, nudged = forms.ReplyForm(), False
    else:
        sent = posting.reply_submit(
            author=request.user, slug=slug, thread_id=thread_id, data=request.POST
        )
        if sent.not_found:
            return _not_found_after_words(request, sent)
        _notes_shown(request, sent)
        if sent.post is not None:
            post = sent.post
            return redirect(f"{sent.thread.get_absolute_url()}?latest=1#post-{post.pk}")
        access, thread, form, nudged = sent.access, sent.thread, sent.form, sent.nudged
    group = access.group
    page = selectors.posts_page(
        thread=thread, access=access, user=request.user,
        settings=selectors.member_settings(request.user),
        after=_int_or_none(request.GET.get("after")),
        before=_int_or_none(request.GET.get("before")), latest="latest" in request.GET,
    )  # fmt: skip
    return render(request, "communities/thread.html", {
        "group": group, "thread": thread, "page": page, "form": form,
        "reaction_kinds": Reaction.Kind.choices,
        "is_moderator": access.is_moderator, "nudged": nudged,
    }, status=400 if form.errors else 200)  # fmt: skip


@require_POST
def thread_preference(request, slug, thread_id, what):
    _access, thread = _readable_thread(request, slug, thread_id)
    on = request.POST.get("on") == "1"
    if what == "follow":
        services.thread_preference_set(thread=thread, user=request.user, following=on)
    else:
        services.thread_preference_set(thread=thread, user=request.user, muted=on)
    return redirect(thread)


def post_edit(request, slug, post_id):
    access, post = _readable_post(request, slug, post_id)
    if not permissions.can_edit_post(request.user, post):
        raise Http404
    form = forms.EditForm(initial={"body": post.body, "cw_label": post.cw_label})
    nudged = False
    if request.method == "POST":
        sent = posting.edit_submit(editor=request.user, access=access, post=post, data=request.POST)
        _notes_shown(request, sent)
        if sent.post is not None:
            return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}")
        form, nudged = sent.form, sent.nudged
    return render(
        request,
        "communities/post_edit.html",
        {"post": post, "form": form, "group": post.thread.group, "nudged": nudged},
    )


@require_POST
def post_delete(request, slug, post_id):
    _access, post = _readable_post(request, slug, post_id)
    if not services.post_delete(post=post, by=request.user):
        raise Http404
    messages.info(request, "Your post was deleted.")
    return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}")


@require_POST
def post_react(request, slug, post_id):
    access, post = _readable_post(request, slug, post_id)
    # Only a visible post on a thread the viewer can see (a held, hidden or removed one takes
    # no reactions): anything else is the same 404 as a post that does not exist.
    shown = selectors.thread_for_viewer(access=access, thread_id=post.thread_id, user=request.user)
    if post.state != Post.State.VISIBLE or shown is None or not selectors.post_views_by_id(
        thread=shown, access=access, user=request.user,
        settings=selectors.member_settings(request.user), ids=[post.pk],
    ):  # fmt: skip
        raise Http404
    form = forms.ReactionForm(request.POST)
    if form.is_valid():
        services.reaction_toggle(post=post, user=request.user, kind=form.cleaned_data["kind"])
    if request.htmx:  # the post, re-rendered for this viewer, replaces itself in place
        thread = post.thread
        views = selectors.post_views_by_id(
            thread=thread, access=access, user=request.user,
            settings=selectors.member_settings(request.user), ids=[post.pk],
        )  # fmt: skip
        return render(request, "communities/_post.html", {
            "view": views[0] if views else None, "group": thread.group, "thread": thread,
            "reaction_kinds": Reaction.Kind.choices,
        })  # fmt: skip
    return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}")


# --- meetings -----------------------------------------------------------------------------


def meetings(request, slug):
    access = _readable_access(request, slug)
    group = access.group
    return render(request, "communities/meetings.html", {
        "group": group,
        "meetings": selectors.meetings_upcoming(group=group, user=request.user),
        "can_schedule": access.is_moderator,
    })  # fmt: skip


def meeting_new(request, slug):
    access = _readable_access(request, slug)
    if not access.is_moderator:
        raise Http404
    group = access.group
    form = forms.MeetingForm(request.POST or None, group=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_schedule(group=group, created_by=request.user, **form.cleaned_data)
            messages.info(request, "The session is on the calendar.")
            return redirect("communities:meetings", group.slug)
        except ValidationError as exc:
            form.add_error("starts_at", _error_text(exc))
    return render(request, "communities/meeting_new.html", {"group": group, "form": form})


@require_POST
def meeting_call_off(request, slug, meeting_id):
    access = _readable_access(request, slug)
    if not access.is_moderator:
        raise Http404
    group = access.group
    meeting = get_object_or_404(Meeting, pk=meeting_id, group=group)
    if services.meeting_cancel(meeting_id=meeting.pk, by=request.user):
        messages.info(request, "The session is called off. Everyone coming has been told.")
    return redirect("communities:meetings", group.slug)


@require_POST
def meeting_rsvp(request, slug, meeting_id, going):
    group = _readable_group(request, slug)
    meeting = get_object_or_404(Meeting, pk=meeting_id, group=group, cancelled_at__isnull=True)
    if going:
        if not services.meeting_rsvp(meeting=meeting, user=request.user):
            messages.info(request, "That session is full. Another one is coming soon.")
    else:
        services.meeting_rsvp_cancel(meeting=meeting, user=request.user)
    return redirect("communities:meetings", group.slug)


# --- the member's own pages ---------------------------------------------------------------


@login_required
def member_settings(request):
    current = selectors.member_settings(request.user)
    form = forms.SettingsForm(request.POST or None, initial={
        "hide_cw_posts": current.hide_cw_posts, "muted_topics": current.muted_topics,
        "email_mode": current.email_mode, "time_zone": request.user.timezone,
    })  # fmt: skip
    if request.method == "POST" and form.is_valid():
        services.member_settings_update(user=request.user, **form.cleaned_data)
        messages.info(request, "Your settings are saved.")
        return redirect("communities:settings")
    return render(request, "communities/settings.html", {
        "form": form, "muted_threads": selectors.muted_threads(request.user),
    })  # fmt: skip


@login_required
def notifications(request):
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("communities:notifications")
    return render(request, "communities/notifications.html", {
        "notifications": selectors.notifications_recent(request.user),
        "unread": selectors.notifications_unread_count(request.user),
    })  # fmt: skip


@login_required
def resources(request):
    form = forms.ResourceSearchForm(request.GET or None)
    found = (
        selectors.resources_search(**form.cleaned_data)
        if form.is_valid()
        else (selectors.resources_search())
    )
    return render(request, "communities/resources.html", {"form": form, "resources": found})


@login_required
def hope(request):
    form = forms.NoteOfHopeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_of_hope_write(author=request.user, body=form.cleaned_data["body"])
            messages.info(request, "Thank you. A peer supporter will read it soon.")
            return redirect("communities:hope")
        except ValidationError as exc:
            form.add_error("body", _error_text(exc))
    return render(request, "communities/hope.html", {"form": form})


@permissions.staff_page(Role.SUPPORTER, Role.ADMIN)
def hope_review(request):
    if request.method == "POST":
        services.note_of_hope_approve(
            note_id=_int_or_none(request.POST.get("note")) or 0, by=request.user
        )
        return redirect("communities:hope_review")
    notes = selectors.notes_awaiting_approval()
    return render(request, "communities/hope_review.html", {"notes": notes})


# --- admin --------------------------------------------------------------------------------


@permissions.staff_page(Role.ADMIN)
def group_new(request):
    form = forms.GroupForm(request.POST or None, initial={"is_listed": True})
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.service_kwargs())
            return redirect("communities:group_edit", group.slug)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
    return render(request, "communities/group_form.html", {"form": form, "group": None})


@permissions.staff_page(Role.ADMIN)
def group_edit(request, slug):
    group = get_object_or_404(Group, slug=slug)
    if request.method == "POST" and "renew_invite" in request.POST:
        services.group_invite_renew(actor=request.user, group=group, days=7)
        return redirect("communities:group_edit", group.slug)
    form = forms.GroupForm(request.POST or None, initial=forms.GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.service_kwargs())
            messages.info(request, "The group is saved.")
            return redirect("communities:group_edit", group.slug)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
    invite_url = (
        request.build_absolute_uri(reverse("communities:invite", args=[group.invite_token]))
        if group.invite_is_open()
        else ""
    )
    return render(
        request,
        "communities/group_form.html",
        {"form": form, "group": group, "invite_url": invite_url},
    )
