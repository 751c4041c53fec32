"""Groups, posts and notifications and a person's data rights (contract: peersupport/datarights.py).

Posts are removed the way an author removes one (the place in the thread stays, saying so)
or, if the person chooses, kept and shown as written by a "former member": the author is
re-pointed at the single former-member account, which belongs to no group, so the thread
page labels it exactly as it labels people who left. A thread nobody else wrote in goes
entirely when its posts are removed.
"""

import re

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from communities import selectors, services
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
from peersupport.models import Notification

ERASE_ORDER = 30

USER_FIELDS = (
    "communities.Group.supporters",
    "communities.Membership.user",
    "communities.Membership.decided_by",
    "communities.Post.author",
    "communities.Reaction.user",
    "communities.ThreadPreference.user",
    "communities.MemberSettings.user",
    "communities.Meeting.facilitator",
    "communities.Meeting.created_by",
    "communities.Rsvp.user",
    "communities.NoteOfHope.author",
    "communities.NoteOfHope.approved_by",
    "peersupport.Notification.user",
)

PERSONAL_FIELDS = {
    "communities.Membership": ["answers", "decision_message"],
    "communities.Post": ["body", "body_html", "cw_label", "moderator_note"],
    "communities.MemberSettings": ["muted_topics", "anniversary_mute_month"],
    "communities.NoteOfHope": ["body"],
    "peersupport.Notification": ["text", "url"],
}

KEPT_WHEN_POSTS_KEPT = {
    "communities.Post": ["body", "body_html", "cw_label", "moderator_note"],
    "communities.NoteOfHope": ["body"],
}

REMOVED_THREAD_TITLE = "Removed by its author"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def export(user) -> dict[str, list[dict]]:
    posts = Post.objects.filter(author=user).select_related("thread__group").order_by("pk")
    settings = selectors.member_settings(user)
    return {
        "memberships": [
            {
                "group": m.group.name,
                "state": m.get_state_display(),
                "your_answers": m.answers,
                "asked": _iso(m.requested_at),
                "decided": _iso(m.decided_at),
                "message_you_were_sent": m.decision_message,
            }
            for m in Membership.objects.filter(user=user).select_related("group")
        ],
        "posts": [
            {
                "group": p.thread.group.name,
                "thread": p.thread.title,
                "started_the_thread": p.is_opening,
                "anonymous": p.is_anonymous,
                "content_warning": p.cw_label,
                "text": p.body,
                "written": _iso(p.created_at),
                "edited": _iso(p.edited_at),
                "removed": _iso(p.deleted_at),
            }
            for p in posts
        ],
        "reactions": [
            {"kind": r.get_kind_display(), "thread": r.post.thread.title, "at": _iso(r.created_at)}
            for r in Reaction.objects.filter(user=user).select_related("post__thread")
        ],
        "thread_choices": [
            {"thread": p.thread.title, "following": p.following, "muted": p.muted}
            for p in ThreadPreference.objects.filter(user=user).select_related("thread")
        ],
        "meetings_you_signed_up_for": [
            {"meeting": r.meeting.title, "starts": _iso(r.meeting.starts_at)}
            for r in Rsvp.objects.filter(user=user).select_related("meeting")
        ],
        "notes_of_hope": [
            {"text": n.body, "written": _iso(n.created_at), "shared": n.approved_at is not None}
            for n in NoteOfHope.objects.filter(author=user)
        ],
        "notifications": [
            {"text": n.text, "at": _iso(n.created_at), "read": n.read_at is not None}
            for n in Notification.objects.filter(user=user)
        ],
        "settings": [
            {
                "hide_posts_with_content_warnings": settings.hide_cw_posts,
                "muted_topics": settings.muted_topics,
                "emails": settings.get_email_mode_display(),
            }
        ],
        "groups_you_support": [{"group": g.name} for g in Group.objects.filter(supporters=user)],
    }


def _remove_posts(user, former) -> None:
    now = timezone.now()
    opened = list(
        Post.objects.filter(author=user, is_opening=True).values_list("thread_id", flat=True)
    )
    # A thread only this person wrote in goes entirely; others keep their replies.
    lone = (
        Thread.objects.filter(pk__in=opened)
        .annotate(others=Count("posts", filter=~Q(posts__author=user)))
        .filter(others=0)
    )
    Thread.objects.filter(pk__in=list(lone.values_list("pk", flat=True))).delete()
    Thread.objects.filter(pk__in=opened).update(title=REMOVED_THREAD_TITLE)
    Post.objects.filter(author=user).update(
        author=former,
        body="",
        body_html="",
        cw_label="",
        moderator_note="",
        deleted_at=now,
        updated_at=now,
        is_anonymous=False,
    )


def _scrub_names(user) -> None:
    """Other people's notifications may name the person ("Mara said yes"): say who no more."""
    name = user.display_name
    if not name:
        return
    pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    for notification in Notification.objects.filter(text__icontains=name).exclude(user=user):
        replaced = pattern.sub("A former member", notification.text)
        if replaced != notification.text:
            notification.text = replaced
            notification.save(update_fields=["text"])


def erase(user, *, former, keep_posts: bool) -> None:
    now = timezone.now()
    # Sessions they lead are called off (those coming are told), then kept without their name.
    for meeting in Meeting.objects.filter(
        facilitator=user, starts_at__gt=now, cancelled_at__isnull=True
    ):
        services.meeting_cancel(meeting_id=meeting.pk, by=user)
    Meeting.objects.filter(facilitator=user).update(facilitator=former)
    Meeting.objects.filter(created_by=user).update(created_by=former)

    for row in Reaction.objects.filter(user=user).values("post_id").annotate(n=Count("pk")):
        Post.objects.filter(pk=row["post_id"]).update(reaction_count=F("reaction_count") - row["n"])
    Reaction.objects.filter(user=user).delete()

    if keep_posts:
        Post.objects.filter(author=user).update(author=former)
        NoteOfHope.objects.filter(author=user).update(author=former)
    else:
        _remove_posts(user, former)
        NoteOfHope.objects.filter(author=user).delete()
    NoteOfHope.objects.filter(approved_by=user).update(approved_by=None)

    Membership.objects.filter(decided_by=user).update(decided_by=None)
    Membership.objects.filter(user=user).delete()
    Group.supporters.through.objects.filter(user=user).delete()
    ThreadPreference.objects.filter(user=user).delete()
    MemberSettings.objects.filter(user=user).delete()
    Rsvp.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    _scrub_names(user)


def settings_summary(user) -> list[dict]:
    current = selectors.member_settings(user)
    muted = ", ".join(dict(Topic.choices).get(t, t) for t in current.muted_topics) or "none"
    return [
        {
            "title": "Notifications",
            "lines": [f"Emails: {current.get_email_mode_display()}"],
            "url": reverse("communities:settings"),
            "action": "Change notifications",
        },
        {
            "title": "Content filters",
            "lines": [
                "Posts with a content warning: "
                + ("hidden entirely" if current.hide_cw_posts else "folded, opened on request"),
                f"Muted topics: {muted}",
            ],
            "url": reverse("communities:settings"),
            "action": "Change filters",
        },
    ]
