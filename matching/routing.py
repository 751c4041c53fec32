"""Websocket routes of this app; peersupport/routing.py gathers them."""

from django.urls import path

from matching.consumers import ConversationConsumer

websocket_urlpatterns: list = [
    path("ws/peers/conversations/<int:match_id>/", ConversationConsumer.as_asgi()),
]
