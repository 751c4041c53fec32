"""Thin Celery wrappers around crisis services. Every job is idempotent and re-reads by id."""

import logging

from celery import shared_task

from crisis import services

logger = logging.getLogger(__name__)


@shared_task(name="crisis.tasks.crisis_sweep")
def crisis_sweep() -> dict:
    """Beat runs this every few seconds: the paging ladder and the alert outbox."""
    counts = services.escalations_sweep()
    if any(counts.values()):
        logger.info("crisis sweep %s", counts)  # counts only: no people, no words
    return counts


@shared_task(name="crisis.tasks.unscored_content_scan")
def unscored_content_scan() -> dict:
    """Beat runs this every minute: words stored without a risk score are read within two."""
    counts = services.unscored_content_review()
    if any(counts.values()):
        logger.info("unscored content scan %s", counts)
    return counts
