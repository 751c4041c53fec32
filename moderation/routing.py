"""Websocket routes of this app; peersupport/routing.py gathers them."""

from django.urls import path

from moderation import consumers

websocket_urlpatterns: list = [
    path("ws/moderation/queue/", consumers.QueueConsumer.as_asgi()),
]
