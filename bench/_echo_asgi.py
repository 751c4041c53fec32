"""The platform's ASGI application plus a bare group_send echo socket, for
bench/escalation_latency.py: `daphne bench._echo_asgi:application`.

Not a benchmark itself (running it does nothing); production never routes the echo.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersupport.settings")

from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from crisis.consumers import BenchEchoConsumer  # noqa: E402
from peersupport.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [
                        path("ws/crisis/bench-echo/", BenchEchoConsumer.as_asgi()),
                        *websocket_urlpatterns,
                    ]
                )
            )
        ),
    }
)
