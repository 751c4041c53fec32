"""Every websocket route of the platform. Each app lists its own in its routing.py."""

from importlib import import_module

from django.conf import settings
from django.urls import path

from peersupport import consumers


def _app_routes() -> list:
    routes = []
    for app in settings.WEBSOCKET_APPS:
        routes += import_module(f"{app}.routing").websocket_urlpatterns
    return routes


websocket_urlpatterns = [
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
    *_app_routes(),
]
