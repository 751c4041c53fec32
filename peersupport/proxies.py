"""Which proxies may say who the client is (issue 18 #6).

The server (uvicorn) runs with `--no-proxy-headers`: it never believes `X-Forwarded-For`
itself. This ASGI middleware does, only for a connection that comes from an address in
TRUSTED_PROXIES (addresses or networks; empty by default, so nobody is trusted). It takes
the rightmost address in `X-Forwarded-For` that is not itself a trusted proxy: what the
first trusted proxy saw. Rate limits (allauth's, per IP) then read the real client address
from REMOTE_ADDR, and a client cannot rotate the header to dodge a login lockout.
"""

import ipaddress

from django.conf import settings


def _networks(values) -> list:
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            continue
    return networks


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(scope, networks) -> tuple[str | None, str | None]:
    """(client address, scheme) as the trusted proxy tells them; (None, None) if untrusted."""
    client = scope.get("client")
    if not client or not networks or not _trusted(client[0], networks):
        return None, None
    headers = dict(scope.get("headers") or [])
    forwarded = headers.get(b"x-forwarded-for", b"").decode("latin1")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    address = None
    for hop in reversed(chain):
        address = hop
        if not _trusted(hop, networks):
            break
    proto = headers.get(b"x-forwarded-proto", b"").decode("latin1").strip().lower()
    return address, proto if proto in ("http", "https") else None


class TrustedProxyMiddleware:
    def __init__(self, application):
        self.application = application
        self.networks = _networks(settings.TRUSTED_PROXIES)

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            address, proto = client_address(scope, self.networks)
            if address or proto:
                scope = dict(scope)
                if address:
                    scope["client"] = (address, 0)
                if proto:
                    secure = proto == "https"
                    if scope["type"] == "websocket":
                        scope["scheme"] = "wss" if secure else "ws"
                    else:
                        scope["scheme"] = proto
        return await self.application(scope, receive, send)
