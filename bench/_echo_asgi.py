"""The platform's ASGI application plus a bare group_send echo socket, for
bench/escalation_latency.py: `daphne bench._echo_asgi:application`.

Not a benchmark itself (running it does nothing); production never routes the echo.
"""

# isort: off
from peersupport.asgi import http_application, settle, websocket_application  # sets Django up
from channels.routing import ProtocolTypeRouter
from django.urls import path

from peersupport.consumers import LoginRequiredJsonConsumer
from peersupport.routing import websocket_urlpatterns

# isort: on


class BenchEchoConsumer(LoginRequiredJsonConsumer):
    """socket -> consumer -> group_send -> socket: the floor an alert or chat line can
    approach. Signed-in like the crisis sockets, so the measurement includes that cost."""

    async def on_authenticated(self):
        self.group = f"crisis.bench.{self.user.pk}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        await self.channel_layer.group_send(self.group, {"type": "bench.echo", "body": content})

    async def bench_echo(self, event):
        await self.send_json(event["body"])


application = ProtocolTypeRouter(
    {
        "http": http_application(),
        "websocket": websocket_application(
            [path("ws/crisis/bench-echo/", BenchEchoConsumer.as_asgi()), *websocket_urlpatterns]
        ),
    }
)
settle()
