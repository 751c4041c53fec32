"""Websocket routes of this app; peersupport/routing.py gathers them."""

from django.urls import path

from crisis import consumers

websocket_urlpatterns: list = [
    path("ws/crisis/console/", consumers.CounselorConsoleConsumer.as_asgi()),
    path("ws/crisis/chat/<int:escalation_id>/", consumers.CrisisChatConsumer.as_asgi()),
]
