"""Proxy trust is explicit (issue 18 #6): a client-sent X-Forwarded-For changes nothing
unless the connection comes from a proxy in TRUSTED_PROXIES, and no server command line
lets uvicorn believe the header itself (a login lockout was bypassed by rotating it)."""

import re
from pathlib import Path

from asgiref.sync import async_to_sync

from peersupport.proxies import TrustedProxyMiddleware

ROOT = Path(__file__).resolve().parents[2]


def _seen(settings, trusted, client, forwarded, proto=b"https", kind="http"):
    settings.TRUSTED_PROXIES = trusted
    seen = {}

    async def inner(scope, receive, send):
        seen.update(scope)

    scope = {
        "type": kind,
        "scheme": "ws" if kind == "websocket" else "http",
        "client": (client, 50000),
        "headers": [(b"x-forwarded-for", forwarded), (b"x-forwarded-proto", proto)],
    }
    async_to_sync(TrustedProxyMiddleware(inner))(scope, None, None)
    return seen["client"][0], seen["scheme"]


def test_nobody_is_trusted_by_default(settings):
    for fake in (b"198.51.100.1", b"198.51.100.2, 10.0.0.9"):
        assert _seen(settings, [], "203.0.113.7", fake) == ("203.0.113.7", "http")


def test_a_client_that_is_not_the_proxy_cannot_name_itself(settings):
    assert _seen(settings, ["10.0.0.2"], "203.0.113.7", b"198.51.100.1")[0] == "203.0.113.7"


def test_the_trusted_proxy_names_the_client_it_saw(settings):
    # A client-sent value comes first; the proxy appends the address it saw.
    got = _seen(settings, ["10.0.0.0/24"], "10.0.0.2", b"198.51.100.1, 203.0.113.7")
    assert got == ("203.0.113.7", "https")
    got = _seen(settings, ["10.0.0.2"], "10.0.0.2", b"203.0.113.7", kind="websocket")
    assert got == ("203.0.113.7", "wss")


def test_no_server_command_lets_uvicorn_believe_forwarded_headers():
    for name in ("docker-compose.yml", "Dockerfile", "scripts/run.py"):
        text = (ROOT / name).read_text()
        assert "uvicorn" in text and "--no-proxy-headers" in text, name
        assert not re.search(r"forwarded-allow-ips|\"--proxy-headers\"", text), name
