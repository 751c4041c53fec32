"""Notifications that follow the member's email choice (their community settings)."""

from communities.models import MemberSettings
from peersupport.models import Notification
from peersupport.notifications import notification_send


def notify_member(*, user, kind: str, text: str, url: str = "", email_subject: str) -> Notification:
    """Notify `user` and email them the way they chose: right away, in the daily digest, or not.

    `text` must not quote anything a person wrote: someone else may read the inbox.
    """
    mode = (
        MemberSettings.objects.filter(user=user).values_list("email_mode", flat=True).first()
        or MemberSettings.EmailMode.IMMEDIATE
    )
    immediate = mode == MemberSettings.EmailMode.IMMEDIATE
    notification = notification_send(
        user=user, kind=kind, text=text, url=url, email_subject=email_subject if immediate else None
    )
    if mode == MemberSettings.EmailMode.DIGEST:
        notification.digest_pending = True
        notification.save(update_fields=["digest_pending"])
    return notification
