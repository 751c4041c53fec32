"""Thin Celery wrappers around platform services."""

from celery import shared_task

from peersupport import console_services, services
from peersupport.services import heartbeat_record

BEAT_HEARTBEAT = "celery-beat"


@shared_task(name="peersupport.tasks.beat_heartbeat")
def beat_heartbeat() -> None:
    """Scheduled by beat, run by a worker: proves both are alive for /healthz."""
    heartbeat_record(name=BEAT_HEARTBEAT)


@shared_task(name="peersupport.tasks.account_export_prepare")
def account_export_prepare_task(job_id: str) -> None:
    """Build one member's export; returns at once if another worker already took it."""
    services.account_export_prepare(job_id=job_id)


@shared_task(name="peersupport.tasks.exports_purge")
def exports_purge() -> None:
    """Scheduled: delete archives whose download link expired."""
    services.exports_purge()


@shared_task(name="peersupport.tasks.retention_purge")
def retention_purge() -> None:
    """Scheduled: blank or delete what the RETENTION_* settings no longer allow to keep."""
    services.retention_purge()


@shared_task(name="peersupport.tasks.metrics_rollup")
def metrics_rollup() -> int:
    """Nightly (and safe to repeat): store yesterday's figures and any day still missing."""
    return len(console_services.metrics_rollup())
