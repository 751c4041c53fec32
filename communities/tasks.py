"""Thin Celery wrappers around services."""

from celery import shared_task

from communities import services


@shared_task(name="communities.meeting_reminders")
def meeting_reminders() -> int:
    return services.meeting_reminders_send()


@shared_task(name="communities.notification_digests")
def notification_digests() -> int:
    return services.notification_digests_send()


@shared_task(name="communities.followers_notify")
def followers_notify(post_id: int) -> int:
    return services.followers_notify(post_id=post_id)
