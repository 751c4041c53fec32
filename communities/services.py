"""Every write in communities. Persist first; notify and broadcast once the commit is done."""

import calendar
import logging
import uuid
from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from communities import permissions, screening
from communities.models import (
    Group,
    Meeting,
    MemberSettings,
    Membership,
    NoteOfHope,
    Post,
    Reaction,
    Rsvp,
    Thread,
    ThreadPreference,
    Topic,
)
from communities.notifications import notify_member
from crisis.models import Trigger
from crisis.services import escalation_open_first
from peersupport import jobs, live
from peersupport.audit import audit_record
from peersupport.consumers import sockets_recheck
from peersupport.models import Notification
from peersupport.notifications import notification_send
from peersupport.sanitize import render_markdown

logger = logging.getLogger(__name__)

REMINDER_LEAD = timedelta(hours=2)


def thread_channel_group(thread_id: int) -> str:
    return f"thread.{thread_id}"


def _broadcast_post_changed(thread_id: int, post_id: int) -> None:
    """Tell everyone viewing the thread that a post is new or changed. Best effort:
    viewers who miss it catch up from the database when they reconnect."""
    try:
        # `change`: one per broadcast, so each process reads and renders a change once
        # for all its viewers (communities/consumers.py), and never reuses an older one.
        live.group_send(
            thread_channel_group(thread_id),
            {"type": "post.changed", "post_id": post_id, "change": uuid.uuid4().hex},
        )
    except Exception:
        logger.warning("could not broadcast a change in thread %s", thread_id)


# --- groups -------------------------------------------------------------------------------


# Paths under /groups/ that are not groups.
RESERVED_SLUGS = frozenset({"manage", "settings", "notifications", "resources", "hope", "invite"})


def _group_slug(name: str) -> str:
    slug = slugify(name)[:70] or "group"
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-group"
    return slug


def _clean_questions(questions) -> list[str]:
    cleaned = [q.strip() for q in (questions or []) if q and q.strip()]
    if len(cleaned) > Group.MAX_QUESTIONS:
        raise ValidationError(f"A group can ask at most {Group.MAX_QUESTIONS} questions.")
    return cleaned


GROUP_FIELDS = (
    "name",
    "is_listed",
    "join_policy",
    "screening_questions",
    "cw_required_topics",
    "archived_at",
)


def group_snapshot(group) -> dict:
    """What the staff audit log keeps of a group's settings."""
    snapshot = {name: getattr(group, name) for name in GROUP_FIELDS}
    snapshot["archived_at"] = group.archived_at.isoformat() if group.archived_at else None
    snapshot["supporter_ids"] = sorted(group.supporters.values_list("pk", flat=True))
    return snapshot


@transaction.atomic
def group_create(
    *,
    actor=None,
    name: str,
    description: str = "",
    is_listed: bool = True,
    join_policy: str = "approval",
    rules: str = "",
    screening_questions: list[str] | None = None,
    supporters=(),
    cw_required_topics: list[str] | None = None,
) -> Group:
    group = Group.objects.create(
        name=name,
        slug=_group_slug(name),
        description=description,
        description_html=render_markdown(description),
        rules=rules,
        rules_html=render_markdown(rules),
        screening_questions=_clean_questions(screening_questions),
        is_listed=is_listed,
        join_policy=join_policy,
        cw_required_topics=list(cw_required_topics or []),
    )
    if supporters:
        group.supporters.set(supporters)
    # actor None: made by the platform itself (seed data), still on the record.
    audit_record(actor=actor, action="group.create", target=group, after=group_snapshot(group))
    return group


@transaction.atomic
def group_update(
    *,
    actor=None,
    group: Group,
    name: str,
    description: str,
    rules: str,
    screening_questions: list[str],
    is_listed: bool,
    join_policy: str,
    supporters,
    cw_required_topics: list[str],
) -> Group:
    group.name = name
    group.description = description
    group.description_html = render_markdown(description)
    group.rules = rules
    group.rules_html = render_markdown(rules)
    group.screening_questions = _clean_questions(screening_questions)
    group.is_listed = is_listed
    group.join_policy = join_policy
    before = group_snapshot(group)
    group.cw_required_topics = list(cw_required_topics)
    group.save()
    group.supporters.set(supporters)
    audit_record(
        actor=actor,
        action="group.change",
        target=group,
        before=before,
        after=group_snapshot(group),
    )
    return group


@transaction.atomic
def group_invite_renew(*, actor=None, group: Group, days: int = 7) -> Group:
    """A fresh invite link that works for `days`; any older link stops working."""
    group.invite_token = Group.new_invite_token()
    group.invite_expires_at = timezone.now() + timedelta(days=days)
    group.save(update_fields=["invite_token", "invite_expires_at"])
    audit_record(
        actor=actor,
        action="group.invite_renew",
        target=group,
        after={"expires": group.invite_expires_at.isoformat()},
    )
    return group


# --- membership ---------------------------------------------------------------------------


@transaction.atomic
def membership_request(
    *, group: Group, user, answers: list[str], accepted_rules: bool, via_invite: bool = False
) -> Membership:
    """Ask to join. Through a valid invite link the person joins at once; otherwise a
    supporter reads the answers first. Raises ValidationError when joining is not possible."""
    if group.archived_at is not None:
        raise ValidationError("This group is archived and no longer takes new members.")
    if not accepted_rules:
        raise ValidationError("Please read the group's rules and tick the box to accept them.")
    questions = group.screening_questions
    answers = [(a or "").strip()[:2000] for a in answers][: len(questions)]
    if len(answers) < len(questions) or any(not a for a in answers):
        raise ValidationError("Please answer each question; a sentence or two is plenty.")
    if via_invite and not group.invite_is_open():
        raise ValidationError("This invite link has expired. Please ask for a new one.")
    if not via_invite and (group.join_policy != Group.JoinPolicy.APPROVAL or not group.is_listed):
        raise ValidationError("This group is joined through an invite link.")
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership and membership.state in (Membership.State.ACTIVE, Membership.State.PENDING):
        return membership
    if membership and membership.state == Membership.State.REMOVED:
        raise ValidationError("You can't rejoin this group. Please contact the team.")
    state = Membership.State.ACTIVE if via_invite else Membership.State.PENDING
    now = timezone.now()
    fields = {
        "state": state,
        "answers": [{"question": q, "answer": a} for q, a in zip(questions, answers, strict=True)],
        "rules_accepted_at": now,
        "requested_at": now,
        "decided_at": now if via_invite else None,
        "decided_by": None,
        "decision_message": "",
        "welcomed_at": None,
    }
    if membership is None:
        membership = Membership.objects.create(group=group, user=user, **fields)
    else:
        for key, value in fields.items():
            setattr(membership, key, value)
        membership.save()
    if not via_invite:
        url = reverse("communities:requests", args=[group.slug])
        for supporter in group.supporters.all():
            transaction.on_commit(
                lambda s=supporter: notification_send(
                    user=s,
                    kind="join_request",
                    text=f"Someone asked to join {group.name}.",
                    url=url,
                )
            )
    return membership


@transaction.atomic
def membership_decide(
    *, membership_id: int, decider, approve: bool, message: str = ""
) -> Membership | None:
    """Approve or decline a pending request. None when someone else decided it first."""
    now = timezone.now()
    state = Membership.State.ACTIVE if approve else Membership.State.DECLINED
    won = Membership.objects.filter(pk=membership_id, state=Membership.State.PENDING).update(
        state=state, decided_at=now, decided_by=decider, decision_message=message.strip()[:500]
    )
    if not won:
        return None
    membership = Membership.objects.select_related("group", "user").get(pk=membership_id)
    group = membership.group
    if approve:
        text = f"Welcome: your request to join {group.name} was approved."
        url = group.get_absolute_url()
    else:
        text = f"Your request to join {group.name} was not approved. There is a note for you."
        url = reverse("communities:join", args=[group.slug])
    notify_member(
        user=membership.user,
        kind="join_decision",
        text=text,
        url=url,
        email_subject="About your request to join a group",
    )
    # The answers and the message stay out of the log.
    audit_record(
        actor=decider,
        action="membership.approve" if approve else "membership.decline",
        target=("communities.membership", str(membership_id)),
    )
    return membership


def membership_leave(*, group: Group, user) -> bool:
    """Leave the group. Posts stay, shown as written by a former member."""
    left = Membership.objects.filter(group=group, user=user, state=Membership.State.ACTIVE).update(
        state=Membership.State.LEFT, decided_at=timezone.now()
    )
    if left:  # their open thread sockets in the group close
        transaction.on_commit(partial(sockets_recheck, user.pk))
    return bool(left)


@transaction.atomic
def membership_remove(*, membership_id: int, by) -> bool:
    """A moderator removes a member. Their posts stay; they are told, kindly."""
    removed = Membership.objects.filter(pk=membership_id, state=Membership.State.ACTIVE).update(
        state=Membership.State.REMOVED, decided_at=timezone.now(), decided_by=by
    )
    if removed:
        membership = Membership.objects.select_related("group", "user").get(pk=membership_id)
        # their open thread sockets in the group close at once
        transaction.on_commit(partial(sockets_recheck, membership.user_id))
        notify_member(
            user=membership.user,
            kind="membership_removed",
            text=f"You are no longer a member of {membership.group.name}. If you'd like to "
            "talk about it, the team is here.",
            email_subject="About your group membership",
        )
    return bool(removed)


def membership_welcome(*, membership_group: Group, user) -> bool:
    """True the first time a newly approved member opens the group (and only then)."""
    return bool(
        Membership.objects.filter(
            group=membership_group,
            user=user,
            state=Membership.State.ACTIVE,
            welcomed_at__isnull=True,
        ).update(welcomed_at=timezone.now())
    )


# --- threads and posts --------------------------------------------------------------------


def _check_post_input(*, group: Group, topic: str, body: str, cw_label: str) -> None:
    if group.archived_at is not None:
        raise ValidationError("This group is archived: you can read it, but not add to it.")
    if not body.strip():
        raise ValidationError("Please write something before posting.")
    if topic in group.cw_required_topics and not cw_label.strip():
        label = Topic(topic).label if topic in Topic.values else topic
        raise ValidationError(
            f"Posts about “{label}” in this group need a content warning. A few words are "
            "enough, for example “loss of a child” or “details of the attack”."
        )


def _screen(*, group: Group, author, body: str, cw_label: str, title: str = "", **options):
    """Moderation reads every post before it is stored: it may refuse it (ValidationError,
    the words stay in the form), hold it for a moderator, or let it through."""
    return screening.screen(
        group=group, author=author, body=body, cw_label=cw_label, title=title, **options
    )


def _post_write(
    *, thread, author, body, cw_label, is_anonymous, state, now, is_opening=False
) -> Post:
    """The one place a post's row is written, for an opening post and a reply alike."""
    return Post.objects.create(
        thread=thread,
        author=author,
        is_anonymous=is_anonymous,
        is_opening=is_opening,
        body=body,
        body_html=render_markdown(body),
        cw_label=cw_label.strip()[:80],
        created_at=now,
        updated_at=now,
        state=state,
        risk_scored_at=now,  # the screen read these words for risk
    )


def _follow(*, thread: Thread, user) -> None:
    ThreadPreference.objects.get_or_create(thread=thread, user=user, defaults={"following": True})


def words_first(*, author, body: str, title: str = "", opening: bool = False):
    """Crisis first: words that show high risk reach a counselor before anything else is
    done with them (see crisis.services.escalation_open_first). Returns the reading, for
    `thread_create`/`post_create` (`risk=`) to pass to moderation's screen.

    The reply and new-thread pages call it before they even check the group and the form:
    words typed into a thread removed a moment ago, or a reply a little too long, still
    reach a counselor."""
    text = f"{title}\n{body}" if title else body
    trigger = Trigger.POST if opening else Trigger.REPLY
    return escalation_open_first(member=author, text=text, trigger=trigger)


def thread_create(
    *,
    group: Group,
    author,
    title: str,
    topic: str,
    body: str,
    cw_label: str = "",
    is_anonymous: bool = False,
    post_anyway: bool = False,
    risk=None,
) -> Thread:
    """A new thread. `risk`: `words_first`'s reading when the caller has already taken it."""
    if risk is None:
        risk = words_first(author=author, body=body, title=title, opening=True)
    return _thread_store(
        group=group, author=author, title=title, topic=topic, body=body, cw_label=cw_label,
        is_anonymous=is_anonymous, post_anyway=post_anyway, risk=risk,
    )  # fmt: skip


@transaction.atomic
def _thread_store(
    *, group, author, title, topic, body, cw_label, is_anonymous, post_anyway, risk
) -> Thread:
    if not title.strip():
        raise ValidationError("Please give the thread a short title.")
    _check_post_input(group=group, topic=topic, body=body, cw_label=cw_label)
    decision = _screen(
        group=group, author=author, body=body, cw_label=cw_label, title=title,
        nudge_confirmed=post_anyway, risk=risk,
    )  # fmt: skip
    now = timezone.now()
    thread = Thread.objects.create(
        group=group, title=title.strip()[:140], topic=topic, created_at=now, last_activity_at=now
    )
    opening = _post_write(
        thread=thread, author=author, body=body, cw_label=cw_label, is_anonymous=is_anonymous,
        state=decision.post_state, now=now, is_opening=True,
    )  # fmt: skip
    thread.first_post_id = thread.last_post_id = opening.pk
    thread.save(update_fields=["first_post_id", "last_post_id"])
    _follow(thread=thread, user=author)
    screening.after_stored(post=opening, screening=decision)
    return thread


def post_create(
    *,
    thread: Thread,
    author,
    body: str,
    cw_label: str = "",
    is_anonymous: bool = False,
    post_anyway: bool = False,
    risk=None,
) -> Post:
    """A reply. Everyone viewing the thread sees it appear; followers are notified.
    A reply held for a moderator appears (and notifies) only once approved.
    `risk`: `words_first`'s reading when the caller has already taken it."""
    if risk is None:
        risk = words_first(author=author, body=body)
    return _post_store(
        thread=thread, author=author, body=body, cw_label=cw_label, is_anonymous=is_anonymous,
        post_anyway=post_anyway, risk=risk,
    )  # fmt: skip


@transaction.atomic
def _post_store(*, thread, author, body, cw_label, is_anonymous, post_anyway, risk) -> Post:
    group = thread.group
    _check_post_input(group=group, topic=thread.topic, body=body, cw_label=cw_label)
    decision = _screen(
        group=group, author=author, body=body, cw_label=cw_label,
        nudge_confirmed=post_anyway, risk=risk,
    )  # fmt: skip
    now = timezone.now()
    post = _post_write(
        thread=thread, author=author, body=body, cw_label=cw_label, is_anonymous=is_anonymous,
        state=decision.post_state, now=now,
    )  # fmt: skip
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1,
        last_activity_at=now,
        last_post_id=Greatest(Coalesce(F("last_post_id"), 0), post.pk),
    )
    _follow(thread=thread, user=author)
    screening.after_stored(post=post, screening=decision)
    transaction.on_commit(lambda: _broadcast_post_changed(thread.pk, post.pk))
    if not decision.is_held:
        transaction.on_commit(lambda: _followers_notify_later(post.pk))
    return post


def _followers_notify_later(post_id: int) -> None:
    try:
        jobs.task_delay("communities.followers_notify", post_id)
    except Exception:  # no broker right now: do it here rather than lose it
        logger.warning("queueing follower notifications failed; sending them inline")
        followers_notify(post_id=post_id)


def followers_notify(*, post_id: int) -> int:
    """Tell each follower who can still read the thread that there is a new reply."""
    post = Post.objects.select_related("thread__group").filter(pk=post_id).first()
    if post is None or post.deleted_at is not None or not post.is_visible:
        return 0
    thread = post.thread
    followers = (
        ThreadPreference.objects.filter(thread=thread, following=True, muted=False)
        .exclude(user_id=post.author_id)
        .select_related("user")
    )
    url = f"{thread.get_absolute_url()}?after={post.pk - 1}#post-{post.pk}"
    sent = 0
    for pref in followers:
        if not permissions.can_read_group(pref.user, thread.group):
            continue
        sent += 1
        with transaction.atomic():
            notify_member(
                user=pref.user,
                kind="reply",
                text="There is a new reply in a thread you follow.",
                url=url,
                email_subject="A new reply in a group you follow",
            )
    return sent


def _touch(post: Post, *fields: str) -> None:
    post.updated_at = timezone.now()
    post.save(update_fields=[*fields, "updated_at"])
    transaction.on_commit(lambda: _broadcast_post_changed(post.thread_id, post.pk))


@transaction.atomic
def post_edit(*, post: Post, editor, body: str, cw_label: str, post_anyway: bool = False) -> Post:
    if not permissions.can_edit_post(editor, post):
        raise ValidationError("This post can no longer be edited.")
    thread = post.thread
    _check_post_input(group=thread.group, topic=thread.topic, body=body, cw_label=cw_label)
    decision = _screen(
        group=thread.group, author=editor, body=body, cw_label=cw_label,
        nudge_confirmed=post_anyway, is_edit=True,
    )  # fmt: skip
    post.body = body
    post.body_html = render_markdown(body)
    post.cw_label = cw_label.strip()[:80]
    post.edited_at = post.risk_scored_at = timezone.now()  # _screen read the new words
    if decision.is_held:
        post.state = Post.State.HELD
    _touch(post, "body", "body_html", "cw_label", "edited_at", "state", "risk_scored_at")
    screening.after_stored(post=post, screening=decision)
    return post


@transaction.atomic
def post_delete(*, post: Post, by) -> bool:
    """The author removes their words. The place in the thread stays, saying so."""
    if not permissions.can_delete_post(by, post):
        return False
    post.deleted_at = timezone.now()
    post.body = ""
    post.body_html = ""
    _touch(post, "deleted_at", "body", "body_html")
    return True


@transaction.atomic
def reaction_toggle(*, post: Post, user, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. True when it is now there."""
    if kind not in Reaction.Kind.values:
        raise ValidationError("That reaction isn't available.")
    deleted, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") - 1)
        added = False
    else:
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user, kind=kind)
        except IntegrityError:  # a double click: the first one counted
            return True
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") + 1)
        added = True
    _touch(post, "updated_at")
    return added


def thread_preference_set(
    *, thread: Thread, user, following: bool | None = None, muted: bool | None = None
) -> ThreadPreference:
    pref, _ = ThreadPreference.objects.get_or_create(thread=thread, user=user)
    if following is not None:
        pref.following = following
    if muted is not None:
        pref.muted = muted
        if muted:
            pref.following = False
    pref.save(update_fields=["following", "muted"])
    return pref


def member_settings_update(
    *,
    user,
    hide_cw_posts: bool,
    muted_topics: list[str],
    email_mode: str,
    time_zone: str | None = None,
) -> MemberSettings:
    found, _ = MemberSettings.objects.update_or_create(
        user=user,
        defaults={
            "hide_cw_posts": hide_cw_posts,
            "muted_topics": [t for t in muted_topics if t in Topic.values],
            "email_mode": email_mode,
        },
    )
    if time_zone and time_zone != user.timezone:
        user.timezone = time_zone  # the person's own zone, kept on their account
        user.save(update_fields=["timezone"])
    return found


def member_anniversary_mute_set(*, user, month: int | None) -> None:
    """Mute anniversary and memorial threads in the week around the first of `month` each
    year; None stops it. Matching calls it whenever the member's profile changes."""
    MemberSettings.objects.update_or_create(user=user, defaults={"anniversary_mute_month": month})


# --- changes moderators make to posts -----------------------------------------------------
# Moderation decides; these change the post. The caller authorises, audits and holds the
# row lock (`select_for_update`), all in its transaction.


def post_hold(*, post: Post) -> bool:
    """Take a visible post out of the thread until a moderator looks (its author still sees
    it). False when it was not visible."""
    held = Post.objects.filter(pk=post.pk, state=Post.State.VISIBLE).update(
        state=Post.State.HELD, updated_at=timezone.now()
    )
    if held:
        post.state = Post.State.HELD
        thread_id, post_id = post.thread_id, post.pk
        transaction.on_commit(lambda: _broadcast_post_changed(thread_id, post_id))
    return bool(held)


def post_moderator_change(
    *,
    post: Post,
    state: str | None = None,
    body: str | None = None,
    moderator_note: str = "",
    cw_label: str | None = None,
) -> Post:
    """Set the post's state, its words (with the note readers see beside them) or its
    content warning. Everyone viewing the thread sees the change; a reply that comes into
    view notifies its followers."""
    was_visible = post.is_visible
    now = timezone.now()
    fields = ["updated_at"]
    if body is not None:
        post.body = body
        post.body_html = render_markdown(body)
        post.moderator_note = moderator_note.strip()[:300]
        post.moderator_edited_at = now
        fields += ["body", "body_html", "moderator_note", "moderator_edited_at"]
    if cw_label is not None:
        post.cw_label = cw_label.strip()[:80]
        fields.append("cw_label")
    if state is not None:
        post.state = state
        fields.append("state")
    post.updated_at = now
    post.save(update_fields=fields)
    thread_id, post_id = post.thread_id, post.pk
    transaction.on_commit(lambda: _broadcast_post_changed(thread_id, post_id))
    if post.is_visible and not was_visible and not post.is_opening:
        transaction.on_commit(lambda: _followers_notify_later(post_id))
    return post


# --- meetings -----------------------------------------------------------------------------


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year = moment.year + month // 12
    month = month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@transaction.atomic
def meeting_schedule(
    *,
    group: Group,
    created_by,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    capacity: int,
    video_url: str,
    facilitator,
    repeat_monthly: int = 0,
) -> list[Meeting]:
    """Schedule a session, and the same session monthly `repeat_monthly` more times.

    `starts_at` is aware, in the scheduler's zone: monthly repeats keep its local time."""
    if starts_at <= timezone.now():
        raise ValidationError("Please choose a time in the future.")
    meetings = []
    for n in range(repeat_monthly + 1):
        meetings.append(
            Meeting.objects.create(
                group=group,
                title=title,
                starts_at=_add_months(starts_at, n),
                duration_minutes=duration_minutes,
                capacity=capacity,
                video_url=video_url,
                facilitator=facilitator,
                created_by=created_by,
            )
        )
    return meetings


@transaction.atomic
def meeting_rsvp(*, meeting: Meeting, user) -> bool:
    """Save a place. False when the session is full."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Rsvp.objects.filter(meeting=meeting, user=user).exists():
        return True
    if Rsvp.objects.filter(meeting=meeting).count() >= meeting.capacity:
        return False
    Rsvp.objects.create(meeting=meeting, user=user)
    return True


def meeting_rsvp_cancel(*, meeting: Meeting, user) -> bool:
    deleted, _ = Rsvp.objects.filter(meeting=meeting, user=user).delete()
    return bool(deleted)


@transaction.atomic
def meeting_cancel(*, meeting_id: int, by) -> bool:
    """Call a session off and tell everyone who said they would come. False if already off."""
    won = Meeting.objects.filter(pk=meeting_id, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )
    if not won:
        return False
    meeting = Meeting.objects.select_related("group").get(pk=meeting_id)
    url = reverse("communities:meetings", args=[meeting.group.slug])
    for rsvp in Rsvp.objects.filter(meeting=meeting).select_related("user"):
        notify_member(
            user=rsvp.user,
            kind="meeting_cancelled",
            text="A session you signed up for has been called off. We're sorry.",
            url=url,
            email_subject="A session has been called off",
        )
    return True


def meeting_reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone who said they will come, once per meeting, shortly before it starts.

    A conditional update claims each meeting, so two beats running at once cannot both send.
    """
    now = now or timezone.now()
    due = Meeting.objects.filter(
        reminder_sent_at__isnull=True,
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_LEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for meeting_id in list(due):
        with transaction.atomic():
            won = Meeting.objects.filter(pk=meeting_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not won:
                continue
            meeting = Meeting.objects.select_related("group").get(pk=meeting_id)
            url = reverse("communities:meetings", args=[meeting.group.slug])
            for rsvp in Rsvp.objects.filter(meeting=meeting).select_related("user"):
                notify_member(
                    user=rsvp.user,
                    kind="meeting_reminder",
                    text="A session you signed up for starts soon.",
                    url=url,
                    email_subject="Your session starts soon",
                )
            sent += 1
    return sent


# --- notes of hope ------------------------------------------------------------------------


def note_of_hope_write(*, author, body: str) -> NoteOfHope:
    body = body.strip()
    if not body:
        raise ValidationError("Please write a few words.")
    if len(body) > 400:
        raise ValidationError("Please keep it under 400 characters.")
    return NoteOfHope.objects.create(author=author, body=body)


@transaction.atomic
def note_of_hope_approve(*, note_id: int, by) -> bool:
    """False when it was already approved."""
    done = NoteOfHope.objects.filter(pk=note_id, approved_at__isnull=True).update(
        approved_at=timezone.now(), approved_by=by
    )
    if done:
        audit_record(
            actor=by, action="note_of_hope.approve", target=("communities.noteofhope", str(note_id))
        )
    return bool(done)


# --- notifications ------------------------------------------------------------------------


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_digests_send() -> int:
    """One email per person who chose the daily digest, counting what happened; no content."""
    from django.core.mail import send_mail

    sent = 0
    user_ids = (
        Notification.objects.filter(digest_pending=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            rows = Notification.objects.select_for_update().filter(
                user_id=user_id, digest_pending=True
            )
            count = rows.count()
            if not count:
                continue
            user = rows.select_related("user").first().user
            rows.update(digest_pending=False)
        send_mail(
            subject="Your daily summary",
            message=f"You have {count} new update{'s' if count != 1 else ''} in your groups. "
            "Log in to read them.\n\n(You can change which emails you get in your settings.)",
            from_email=None,
            recipient_list=[user.email],
            fail_silently=True,
        )
        sent += 1
    return sent


def post_mark_risk_scored(*, post_id: int, now) -> bool:
    """Claim a post for risk scoring. False when someone else scored it first."""
    return bool(
        Post.objects.filter(pk=post_id, risk_scored_at__isnull=True).update(risk_scored_at=now)
    )
