"""Let Django's CSRF check live with `Referrer-Policy: no-referrer`.

Under no-referrer, browsers send `Origin: null` on the site's own form posts (and no
Referer), and Django's CsrfViewMiddleware refuses every one of them. This middleware, placed
just before it, reads such a post as coming from this site when the browser says so in
`Sec-Fetch-Site: same-origin`: pages cannot set that header, only the browser does, so
another site cannot claim it. Django's check then runs as for every post, the CSRF token
included; nothing else is relaxed.

Browsers send `Sec-Fetch-Site` over HTTPS and to localhost only, so plain-HTTP set-ups
reached by another name (a development machine on the network) keep `same-origin` (see
settings.SECURE_REFERRER_POLICY).
"""

import contextlib

from django.core.exceptions import DisallowedHost


class SameOriginNullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if meta.get("HTTP_ORIGIN") == "null" and meta.get("HTTP_SEC_FETCH_SITE") == "same-origin":
            with contextlib.suppress(DisallowedHost):  # Django answers 400 for the host anyway
                meta["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
