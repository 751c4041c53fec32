"""Thin views: parse, authorise (404 for anyone who may not see), call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from communities import console_services, forms, permissions, selectors, services
from communities.models import Group, Meeting, Membership, Post, Reaction
from peersupport.roles import Role


def _readable_group(request, slug: str) -> Group:
    group = selectors.group_for_viewer(slug=slug, user=request.user)
    return permissions.readable_group_or_404(request.user, group)


def _readable_thread(request, slug: str, thread_id: int):
    group, thread = selectors.group_and_thread_for_viewer(
        slug=slug, thread_id=thread_id, user=request.user
    )
    permissions.readable_group_or_404(request.user, group)
    if thread is None:
        raise Http404
    return group, thread


def _readable_post(request, slug: str, post_id: int) -> Post:
    group = _readable_group(request, slug)
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id, thread__group=group)
    post.thread.group = group
    return post


def _words_first(request, *, opening: bool):
    """Crisis first (services.words_first): a member's words are read for risk before the
    page checks anything else. None when there are no words to read."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    limit = forms.REPLY_MAX_CHARS

    def field(name: str) -> str:
        return request.POST.get(name, "")[:limit].replace("\x00", "")

    return services.words_first(
        author=request.user,
        body=field("body"),
        title=field("title") if opening else "",
        opening=opening,
    )


def _help_offered(request, risk) -> None:
    """Words that reached a crisis counselor: the page offers help beside whatever else it says."""
    from moderation.selectors import AT_RISK_VISIBLE_NOTE

    if risk is not None and risk.escalates:
        messages.info(request, AT_RISK_VISIBLE_NOTE)


def _not_found_after_words(request, risk):
    """A 404 for a post to a thread or group this person cannot see (removed while they were
    typing, say). When their words reached a counselor, the page leads with help and gives
    their words back; it says nothing about whether the thread exists."""
    if risk is None or not risk.escalates:
        raise Http404
    return render(
        request,
        "404.html",
        {"offer_help": True, "words": request.POST.get("body", "")[: forms.REPLY_MAX_CHARS]},
        status=404,
    )


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _refused(request, form, exc: ValidationError) -> bool:
    """Show why the words were not posted, keeping them in the form. True for a nudge: the
    page then offers "Post it as it is". Words that reached a crisis counselor before the post
    was refused (crisis first) still get the offer of help beside the reason."""
    from crisis.selectors import escalation_live_for_member
    from moderation.selectors import AT_RISK_VISIBLE_NOTE

    kind = getattr(exc, "kind", "")
    form.add_error("cw_label" if kind == "require_cw" else None, _error_text(exc))
    if escalation_live_for_member(request.user) is not None:
        messages.info(request, AT_RISK_VISIBLE_NOTE)
    return kind == "nudge"


def _held_note(request, post: Post) -> None:
    from moderation.selectors import held_note_for

    note = held_note_for(post)
    if note:
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
    group = selectors.group_for_viewer(slug=slug, user=request.user)
    if group is None or not group.is_listed:
        raise Http404
    return _join_page(request, group, via_invite=False)


def join_by_invite(request, token):
    group = Group.objects.filter(invite_token=token).first() if token else None
    if group is None:
        raise Http404
    group = selectors.group_for_viewer(slug=group.slug, user=request.user)
    if permissions.is_active_member(request.user, group):
        return redirect(group)
    if not group.invite_is_open():
        return render(request, "communities/invite_expired.html", status=410)
    return _join_page(request, group, via_invite=True)


def _join_page(request, group, *, via_invite: bool):
    state = permissions.viewer_state(request.user, group)
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
    group = selectors.group_for_viewer(slug=slug, user=request.user)
    group = permissions.moderated_group_or_404(request.user, group)
    if request.method == "POST":
        form = forms.DecisionForm(request.POST)
        if (
            form.is_valid()
            and Membership.objects.filter(pk=form.cleaned_data["membership"], group=group).exists()
        ):
            done = console_services.membership_decide_audited(
                membership_id=form.cleaned_data["membership"],
                actor=request.user,
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
    group = selectors.group_for_viewer(slug=slug, user=request.user)
    group = permissions.moderated_group_or_404(request.user, group)
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
    group = _readable_group(request, slug)
    settings = selectors.member_settings(request.user)
    threads, next_cursor = selectors.threads_page(
        group=group, user=request.user, settings=settings, cursor=request.GET.get("cursor", "")
    )
    welcome_note = None
    if services.membership_welcome(membership_group=group, user=request.user):
        welcome_note = selectors.note_of_hope_for_welcome()
    return render(request, "communities/group.html", {
        "group": group, "threads": threads, "next_cursor": next_cursor,
        "is_moderator": permissions.is_group_moderator(request.user, group),
        "is_member": permissions.is_active_member(request.user, group),
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
    risk = _words_first(request, opening=True)
    try:
        group = _readable_group(request, slug)
    except Http404:
        return _not_found_after_words(request, risk)
    form = forms.ThreadForm(request.POST or None)
    nudged = False
    if request.method == "POST" and not form.is_valid():
        _help_offered(request, risk)
    elif request.method == "POST":
        try:
            thread = services.thread_create(
                group=group, author=request.user, post_anyway="post_anyway" in request.POST,
                risk=risk, **form.cleaned_data,
            )  # fmt: skip
            _held_note(request, Post.objects.get(pk=thread.first_post_id))
            return redirect(thread)
        except ValidationError as exc:
            nudged = _refused(request, form, exc)
    return render(
        request, "communities/thread_new.html", {"group": group, "form": form, "nudged": nudged}
    )


def thread_detail(request, slug, thread_id):
    risk = _words_first(request, opening=False)
    try:
        group, thread = _readable_thread(request, slug, thread_id)
    except Http404:
        return _not_found_after_words(request, risk)
    form = forms.ReplyForm(request.POST or None)
    nudged = False
    if request.method == "POST" and not form.is_valid():
        _help_offered(request, risk)
    elif request.method == "POST":
        try:
            post = services.post_create(
                thread=thread, author=request.user, post_anyway="post_anyway" in request.POST,
                risk=risk, **form.cleaned_data,
            )  # fmt: skip
            _held_note(request, post)
            return redirect(f"{thread.get_absolute_url()}?latest=1#post-{post.pk}")
        except ValidationError as exc:
            nudged = _refused(request, form, exc)
    page = selectors.posts_page(
        thread=thread, user=request.user, settings=selectors.member_settings(request.user),
        after=_int_or_none(request.GET.get("after")),
        before=_int_or_none(request.GET.get("before")), latest="latest" in request.GET,
    )  # fmt: skip
    return render(request, "communities/thread.html", {
        "group": group, "thread": thread, "page": page, "form": form,
        "reaction_kinds": Reaction.Kind.choices,
        "is_moderator": permissions.is_group_moderator(request.user, group), "nudged": nudged,
    }, status=400 if form.errors else 200)  # fmt: skip


@require_POST
def thread_preference(request, slug, thread_id, what):
    _group, thread = _readable_thread(request, slug, thread_id)
    on = request.POST.get("on") == "1"
    if what == "follow":
        services.thread_preference_set(thread=thread, user=request.user, following=on)
    else:
        services.thread_preference_set(thread=thread, user=request.user, muted=on)
    return redirect(thread)


def post_edit(request, slug, post_id):
    post = _readable_post(request, slug, post_id)
    if not permissions.can_edit_post(request.user, post):
        raise Http404
    form = forms.EditForm(
        request.POST or None, initial={"body": post.body, "cw_label": post.cw_label}
    )
    nudged = False
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post, editor=request.user, post_anyway="post_anyway" in request.POST,
                **form.cleaned_data,
            )  # fmt: skip
            _held_note(request, post)
            return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}")
        except ValidationError as exc:
            nudged = _refused(request, form, exc)
    return render(
        request,
        "communities/post_edit.html",
        {"post": post, "form": form, "group": post.thread.group, "nudged": nudged},
    )


@require_POST
def post_delete(request, slug, post_id):
    post = _readable_post(request, slug, post_id)
    if not services.post_delete(post=post, by=request.user):
        raise Http404
    messages.info(request, "Your post was deleted.")
    return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}")


@require_POST
def post_react(request, slug, post_id):
    post = _readable_post(request, slug, post_id)
    # Only a visible post on a thread the viewer can see (a held, hidden or removed one takes
    # no reactions): anything else is the same 404 as a post that does not exist.
    shown = selectors.thread_for_viewer(
        group=post.thread.group, thread_id=post.thread_id, user=request.user
    )
    if post.state != Post.State.VISIBLE or shown is None or not selectors.post_views_by_id(
        thread=shown, user=request.user, settings=selectors.member_settings(request.user),
        ids=[post.pk],
    ):  # fmt: skip
        raise Http404
    form = forms.ReactionForm(request.POST)
    if form.is_valid():
        services.reaction_toggle(post=post, user=request.user, kind=form.cleaned_data["kind"])
    if request.htmx:  # the post, re-rendered for this viewer, replaces itself in place
        thread = post.thread
        views = selectors.post_views_by_id(
            thread=thread, user=request.user, settings=selectors.member_settings(request.user),
            ids=[post.pk],
        )  # fmt: skip
        return render(request, "communities/_post.html", {
            "view": views[0] if views else None, "group": thread.group, "thread": thread,
            "reaction_kinds": Reaction.Kind.choices,
        })  # fmt: skip
    return redirect(f"{post.thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}")


# --- meetings -----------------------------------------------------------------------------


def meetings(request, slug):
    group = _readable_group(request, slug)
    return render(request, "communities/meetings.html", {
        "group": group,
        "meetings": selectors.meetings_upcoming(group=group, user=request.user),
        "can_schedule": permissions.is_group_moderator(request.user, group),
    })  # fmt: skip


def meeting_new(request, slug):
    group = _readable_group(request, slug)
    if not permissions.is_group_moderator(request.user, group):
        raise Http404
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
    group = _readable_group(request, slug)
    if not permissions.is_group_moderator(request.user, group):
        raise Http404
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
        console_services.note_of_hope_approve_audited(
            note_id=_int_or_none(request.POST.get("note")) or 0, actor=request.user
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
            group = console_services.group_create_audited(
                actor=request.user, **form.service_kwargs()
            )
            return redirect("communities:group_edit", group.slug)
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
    return render(request, "communities/group_form.html", {"form": form, "group": None})


@permissions.staff_page(Role.ADMIN)
def group_edit(request, slug):
    group = get_object_or_404(Group, slug=slug)
    if request.method == "POST" and "renew_invite" in request.POST:
        console_services.group_invite_renew_audited(actor=request.user, group=group, days=7)
        return redirect("communities:group_edit", group.slug)
    form = forms.GroupForm(request.POST or None, initial=forms.GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        try:
            console_services.group_update_audited(
                actor=request.user, group=group, **form.service_kwargs()
            )
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
