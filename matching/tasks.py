"""Thin Celery wrappers around matching services."""

from celery import shared_task

from matching.services import stale_asks_expire


@shared_task(name="matching.tasks.expire_stale_asks")
def expire_stale_asks() -> int:
    """Run by beat every few minutes: each stale ask expires once; the member sees others."""
    return stale_asks_expire()
