"""HTTP and websockets. Each app adds its websocket routes in its own routing.py.

Pages are plain synchronous Django. They run through Django's WSGI handler on a fixed pool of
`HTTP_THREADS` threads per process (a2wsgi), not through Django's ASGI handler, which starts
a new thread for every request: a new thread means a new PostgreSQL connection (~7 ms here,
far more under load) on every page and every "Get help now", and a burst of presses can use
up every connection the database allows. A fixed pool keeps each thread's connection open
(CONN_MAX_AGE) and bounds how many one process holds; requests beyond it wait their turn.
Websocket consumers keep Channels' own single database thread.

Once loaded, everything the process needs for life is frozen out of the garbage collector's
sight (`settle`): a full collection then walks only what requests create, not all of Django.
Without it a full collection paused a worker for 40-70 ms every so often, and with it every
alert and chat line in flight (bench/escalation_latency.py found them as its slowest alerts).
What the process comes to hold later (open sockets) is frozen the same way once a minute
(peersupport/heap.py).
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")
django.setup()

# Imported after Django is set up: routes import consumers, which import models.
from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from peersupport import heap  # noqa: E402
from peersupport.connection_logs import quiet_connection_logs  # noqa: E402
from peersupport.origin import SameOriginValidator  # noqa: E402
from peersupport.proxies import TrustedProxyMiddleware  # noqa: E402
from peersupport.routing import websocket_urlpatterns  # noqa: E402


def http_application():
    return WSGIMiddleware(get_wsgi_application(), workers=settings.HTTP_THREADS)


def websocket_application(routes):
    return SameOriginValidator(AuthMiddlewareStack(URLRouter(routes)))


def settle() -> None:
    """Import every view now (not on the first request), let each app load what it needs for
    life (crisis: its risk model), then freeze what is loaded."""
    from django.apps import apps
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (the import is the point)
    for app in apps.get_app_configs():
        if hasattr(app, "warm_up"):
            app.warm_up()
    heap.settle()


quiet_connection_logs(settings.LOG_CONNECTIONS)
application = TrustedProxyMiddleware(
    ProtocolTypeRouter(
        {"http": http_application(), "websocket": websocket_application(websocket_urlpatterns)}
    )
)
settle()
