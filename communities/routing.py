"""Websocket routes of this app; peersupport/routing.py gathers them."""

from django.urls import path

from communities import consumers

websocket_urlpatterns: list = [
    path("ws/groups/<slug:slug>/threads/<int:thread_id>/", consumers.ThreadConsumer.as_asgi()),
]
