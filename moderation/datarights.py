"""Moderation and a person's data rights (contract: peersupport/datarights.py).

What a person may read of moderation about themselves: the flags they sent, decisions on
their own posts, mutes, their appeals and messages of concern sent to them. Never who
flagged them, and never supporters' private notes about them.

On erasure the record of what happened stays, without the person: audit rows and queue
entries about them point at the former-member account and lose their free text (the audit
table opens one narrow door for this, see migration 0005); flags they sent stay as a former
member's, so a queue entry's count does not shrink; notes, mutes, appeals and messages of
concern about them are deleted.
"""

from django.db import connection
from django.db.models import Q

from moderation.models import (
    Appeal,
    AuditEntry,
    CareMessage,
    Flag,
    MemberNote,
    ModeratorPreference,
    Mute,
    QueueEntry,
    ReviewSitting,
)

ERASE_ORDER = 10  # before communities removes the person's posts and memberships

USER_FIELDS = (
    "moderation.QueueEntry.subject",
    "moderation.QueueEntry.claimed_by",
    "moderation.QueueEntry.resolved_by",
    "moderation.Flag.flagger",
    "moderation.Mute.user",
    "moderation.Mute.by",
    "moderation.AuditEntry.actor",
    "moderation.AuditEntry.subject",
    "moderation.MemberNote.member",
    "moderation.MemberNote.author",
    "moderation.Appeal.appellant",
    "moderation.Appeal.decided_by",
    "moderation.ReviewSitting.moderator",
    "moderation.ModeratorPreference.moderator",
    "moderation.CareMessage.recipient",
    "moderation.CareMessage.sender",
)

PERSONAL_FIELDS = {
    "moderation.QueueEntry": ["detail"],
    "moderation.Flag": ["note"],
    "moderation.Mute": ["reason"],
    "moderation.AuditEntry": ["reason", "before", "after"],
    "moderation.MemberNote": ["body"],
    "moderation.Appeal": ["message", "decision_note"],
    "moderation.CareMessage": ["body"],
}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def export(user) -> dict[str, list[dict]]:
    return {
        "flags_you_sent": [
            {"reason": f.get_reason_display(), "your_note": f.note, "at": _iso(f.created_at)}
            for f in Flag.objects.filter(flagger=user).order_by("pk")
        ],
        "decisions_about_your_posts": [
            {"action": a.action, "group_id": a.group_id, "at": _iso(a.created_at)}
            for a in AuditEntry.objects.filter(subject=user).order_by("pk")
        ],
        "pauses_on_posting": [
            {
                "group": m.group.name,
                "until": _iso(m.until),
                "reason": m.reason,
                "lifted": _iso(m.lifted_at),
            }
            for m in Mute.objects.filter(user=user).select_related("group")
        ],
        "your_appeals": [
            {
                "message": a.message,
                "state": a.get_state_display(),
                "answer": a.decision_note,
                "at": _iso(a.created_at),
            }
            for a in Appeal.objects.filter(appellant=user).order_by("pk")
        ],
        "messages_of_concern_sent_to_you": [
            {"group": c.group.name, "message": c.body, "at": _iso(c.created_at)}
            for c in CareMessage.objects.filter(recipient=user).select_related("group")
        ],
    }


def _audit_forget(user, former) -> int:
    """Point audit rows about or by `user` at `former` and drop their free text.

    The only UPDATE the audit table accepts, and only inside this transaction."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL peersupport.erasing = 'on'")
        cursor.execute(
            f"UPDATE {table} SET "  # noqa: S608 - the table name is ours, values are params
            "actor_id = CASE WHEN actor_id = %s THEN %s ELSE actor_id END, "
            "subject_id = CASE WHEN subject_id = %s THEN %s ELSE subject_id END, "
            "reason = '', before = %s, after = %s "
            "WHERE actor_id = %s OR subject_id = %s",
            [user.pk, former.pk, user.pk, former.pk, "{}", "{}", user.pk, user.pk],
        )
        count = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL peersupport.erasing = 'off'")
    return count


def erase(user, *, former, keep_posts: bool) -> None:
    QueueEntry.objects.filter(claimed_by=user).update(claimed_by=None, claimed_at=None)
    QueueEntry.objects.filter(resolved_by=user).update(resolved_by=None)
    QueueEntry.objects.filter(subject=user).update(subject=former, detail="")
    for flag in Flag.objects.filter(flagger=user):
        if Flag.objects.filter(post_id=flag.post_id, flagger=former).exists():
            flag.delete()  # a former member already flagged it: one flag per flagger
        else:
            Flag.objects.filter(pk=flag.pk).update(flagger=former, note="")
    Mute.objects.filter(user=user).delete()
    Mute.objects.filter(by=user).update(by=None, reason="")
    MemberNote.objects.filter(Q(member=user) | Q(author=user)).delete()
    Appeal.objects.filter(appellant=user).delete()
    Appeal.objects.filter(decided_by=user).update(decided_by=None, decision_note="")
    CareMessage.objects.filter(Q(recipient=user) | Q(sender=user)).delete()
    ReviewSitting.objects.filter(moderator=user).delete()
    ModeratorPreference.objects.filter(moderator=user).delete()
    _audit_forget(user, former)
