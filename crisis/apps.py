from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "crisis"
    verbose_name = "Crisis"

    def ready(self):
        from celery.signals import worker_process_init

        from crisis import risk_model
        from peersupport import health

        # Each Celery worker process loads the risk model as it starts, not on its first post.
        worker_process_init.connect(_load_risk_model, weak=False)
        health.NOTES["risk_model"] = risk_model.status

    def warm_up(self):
        """Called once by a web process as it starts (peersupport/asgi.py)."""
        _load_risk_model()


def _load_risk_model(**_signal):
    from crisis import risk_model

    risk_model.load()
