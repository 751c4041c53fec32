"""Queue a Celery task from a service.

A task module imports its app's services (tasks are thin wrappers around them), so a
service that hands work to a task names it instead of importing it: importing it would
close a cycle. Every app's tasks are registered when Django starts (peersupport/apps.py).
"""

from peersupport.celery import app


def task_delay(name: str, *args) -> None:
    """Queue the task registered as `name` (`@shared_task(name=...)`); eager in tests."""
    app.tasks[name].delay(*args)
