"""Thin Celery wrappers around platform services."""

from celery import shared_task

from peersupport.services import heartbeat_record

BEAT_HEARTBEAT = "celery-beat"


@shared_task(name="peersupport.tasks.beat_heartbeat")
def beat_heartbeat() -> None:
    """Scheduled by beat, run by a worker: proves both are alive for /healthz."""
    heartbeat_record(name=BEAT_HEARTBEAT)
