"""Websocket routes of this app; peersupport/routing.py gathers them."""

websocket_urlpatterns: list = []
