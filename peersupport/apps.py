from django.apps import AppConfig


class PeersupportConfig(AppConfig):
    name = "peersupport"
    verbose_name = "Platform"

    def ready(self):
        # Inside ready(): every app's tasks import its models. Registered now so services
        # can queue them by name (peersupport/jobs.py) in web processes too.
        from peersupport.celery import app

        app.autodiscover_tasks(force=True)
