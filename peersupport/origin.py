"""Websocket Origin check: the page that opens a socket must be this site, compared by
scheme, host and port (issue #18, finding 11).

Channels' AllowedHostsOriginValidator compares the host name only, so a page served on
another port or scheme of the same host (`http://127.0.0.1:8199`) could open a member's
sockets with her cookies. Here the Origin must equal the address the socket was opened on
(`ws` pairs with `http`, `wss` with `https`, default ports dropped), or one listed in
CSRF_TRUSTED_ORIGINS. Behind a TLS-terminating proxy the socket may arrive as `ws`: where
session cookies are HTTPS-only, `https://` on the same host and port is the site itself.
"""

from urllib.parse import urlsplit

from channels.security.websocket import AllowedHostsOriginValidator
from django.conf import settings

CLOSE_FOREIGN_ORIGIN = 4403
DEFAULT_PORTS = {"http": 80, "https": 443}


def _normalised(scheme: str, host: str) -> str | None:
    """`scheme://host[:port]` lower-cased, without the scheme's default port."""
    try:
        parts = urlsplit(f"{scheme}://{host}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    name = parts.hostname.lower()
    if ":" in name:  # IPv6
        name = f"[{name}]"
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{name}"
    return f"{scheme}://{name}:{port}"


def origin_allowed(scope) -> bool:
    headers = dict(scope.get("headers") or [])
    origin = headers.get(b"origin", b"").decode("latin1").strip()
    host = headers.get(b"host", b"").decode("latin1").strip()
    if not origin or origin == "null" or not host:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in DEFAULT_PORTS or parts.path not in ("", "/"):
        return False
    seen = _normalised(parts.scheme, parts.netloc)
    own_scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    allowed = {_normalised(own_scheme, host)}
    if settings.SESSION_COOKIE_SECURE:
        allowed.add(_normalised("https", host))
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted_parts = urlsplit(trusted)
        allowed.add(_normalised(trusted_parts.scheme, trusted_parts.netloc))
    return seen is not None and seen in allowed


class SameOriginValidator:
    """Refuses (before accepting) a websocket whose Origin is not this very site."""

    def __init__(self, application):
        self.application = AllowedHostsOriginValidator(application)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            await send({"type": "websocket.close", "code": CLOSE_FOREIGN_ORIGIN})
            return None
        return await self.application(scope, receive, send)
