"""The Celery app. Settings come from Django settings under the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import beat_init, celeryd_init

from peersupport.quiet_jobs import quieten_periodic_jobs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")

app = Celery("peersupport")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Logging and start-up plumbing, not business logic: the signals Celery offers for them.
@celeryd_init.connect
@beat_init.connect
def _quiet_periodic_jobs(**_kwargs) -> None:
    quieten_periodic_jobs()


@beat_init.connect
def _first_heartbeat_now(sender, **_kwargs) -> None:
    """Beat's first interval run comes one interval after it starts: send the heartbeat now,
    so /healthz leaves "starting" as soon as a worker is up, not 30-45 s later."""
    sender.app.send_task("peersupport.tasks.beat_heartbeat")
