"""Thin Celery wrappers around services."""

from celery import shared_task

from moderation import services


@shared_task(name="moderation.sweep")
def sweep() -> dict:
    """Each minute: release lapsed claims, queue join requests, alert on breached targets."""
    return services.sweep()
