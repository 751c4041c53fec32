"""In-app notifications: stored first, then pushed to the person's live channel on commit.

Any app may call `notification_send`. Emails are optional and never quote anyone's words.
They live in the platform because every app sends them, crisis included, which sits below
the apps that hold a member's settings (communities adds `notify_member` on top).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from peersupport import live
from peersupport.consumers import user_group
from peersupport.models import Notification


def _push(notification_id: int, user_id: int, text: str, url: str) -> None:
    live.group_send_quietly(
        user_group(user_id),
        {"type": "notify", "id": notification_id, "text": text, "url": url},
        what="a notification",
    )


def notification_send(
    *, user, kind: str, text: str, url: str = "", email_subject: str | None = None
) -> Notification:
    """Store a notification for `user`; push it live and optionally email it, on commit."""
    notification = Notification.objects.create(user=user, kind=kind, text=text[:200], url=url)

    def after_commit():
        _push(notification.pk, user.pk, notification.text, url)
        if email_subject and user.email:
            link = f"\n\n{settings.SITE_URL}{url}" if url else ""
            send_mail(
                subject=email_subject,
                message=f"{notification.text}{link}\n\n(You can change which emails you get "
                "in your account settings.)",
                from_email=None,
                recipient_list=[user.email],
                fail_silently=True,
            )

    transaction.on_commit(after_commit)
    return notification
