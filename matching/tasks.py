"""Thin Celery wrappers around matching services."""

from celery import shared_task

from matching.services import (
    anniversary_checkins_send,
    readiness_reminders_send,
    stale_asks_expire,
)


@shared_task(name="matching.tasks.expire_stale_asks")
def expire_stale_asks() -> int:
    """Run by beat every few minutes: each stale ask expires once; the member sees others."""
    return stale_asks_expire()


@shared_task(name="matching.tasks.send_anniversary_checkins")
def send_anniversary_checkins() -> int:
    """Run by beat once a day; only members who opted in are ever touched."""
    return anniversary_checkins_send()


@shared_task(name="matching.tasks.remind_readiness")
def remind_readiness() -> int:
    """Run by beat a few times a day: each supporter is reminded once per readiness check."""
    return readiness_reminders_send()
