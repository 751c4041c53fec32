"""Periodic jobs stay out of the log unless they did something.

Beat sends the crisis sweep every few seconds: at INFO, Celery wrote three lines a run
("Sending due task", "received", "succeeded"), hundreds a minute that said nothing and
buried the lines that matter. For the jobs in CELERY_BEAT_SCHEDULE, those lines are logged
at DEBUG, except the "succeeded" line of a run that did something: a return value other
than None, 0 or a dict of zeros (the jobs return what they counted). Everything else
Celery logs (failures, retries, other tasks) is untouched.
"""

import ast
import logging

from django.conf import settings

# Where Celery logs each of the three lines, and which field names the task.
CELERY_LOGGERS = ("celery.beat", "celery.worker.strategy", "celery.app.trace")


def periodic_task_names() -> frozenset[str]:
    return frozenset(entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values())


def did_something(return_value: str) -> bool:
    """From the repr Celery logs. When it cannot be read, it counts as something."""
    try:
        value = ast.literal_eval(return_value)
    except (ValueError, SyntaxError):
        return True
    if isinstance(value, dict):
        return any(value.values())
    return bool(value)


class QuietPeriodicJobs(logging.Filter):
    def __init__(self, task_names: frozenset[str]):
        super().__init__()
        self.task_names = task_names

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not self._is_routine(record):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)

    def _is_routine(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict):  # the worker's "received" and "succeeded" lines
            if args.get("name") not in self.task_names:
                return False
            return "return_value" not in args or not did_something(str(args["return_value"]))
        # beat's "Scheduler: Sending due task <entry> (<task>)"
        return isinstance(args, tuple) and len(args) == 2 and args[1] in self.task_names


def quieten_periodic_jobs() -> None:
    quiet = QuietPeriodicJobs(periodic_task_names())
    for name in CELERY_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, QuietPeriodicJobs)]:
            logger.removeFilter(old)
        logger.addFilter(quiet)
