"""Thin Celery wrappers around platform services."""

from celery import shared_task

from peersupport.services import heartbeat_record

BEAT_HEARTBEAT = "celery-beat"


@shared_task(name="peersupport.tasks.beat_heartbeat")
def beat_heartbeat() -> None:
    """Scheduled by beat, run by a worker: proves both are alive for /healthz."""
    heartbeat_record(name=BEAT_HEARTBEAT)


@shared_task(name="peersupport.tasks.metrics_rollup")
def metrics_rollup() -> int:
    """Nightly (and safe to repeat): store yesterday's figures and any day still missing."""
    from peersupport.console_services import metrics_rollup as rollup

    return len(rollup())
