"""The platform's ASGI application plus a bare group_send echo socket, for
bench/escalation_latency.py: `daphne bench._echo_asgi:application`.

Not a benchmark itself (running it does nothing); production never routes the echo.
"""

# isort: off
from peersupport.asgi import http_application, settle, websocket_application  # sets Django up
from channels.routing import ProtocolTypeRouter
from django.urls import path

from crisis.consumers import BenchEchoConsumer
from peersupport.routing import websocket_urlpatterns

# isort: on

application = ProtocolTypeRouter(
    {
        "http": http_application(),
        "websocket": websocket_application(
            [path("ws/crisis/bench-echo/", BenchEchoConsumer.as_asgi()), *websocket_urlpatterns]
        ),
    }
)
settle()
