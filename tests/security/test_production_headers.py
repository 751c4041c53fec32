"""Security headers and cookies as a browser receives them from production settings.

A separate process runs with DJANGO_ENV=production (DEBUG off, HTTPS only) against the test
database and signs in for real, through the allauth form; this test reads what came back.

Referrer-Policy is `no-referrer`; the site's own forms still work in a browser because
peersupport/csrf.py reads `Origin: null` as this site's when the browser says the post is
same-origin (tests/security/test_csrf_no_referrer.py, and every form post in the Chromium
tests).
"""

import json
import os
import re

import pytest
from django.conf import settings

from tests.peersupport.test_deployment import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "support.example.org"

PROBE = f"""
import json
from allauth.account.models import EmailAddress
from django.test import Client
from peersupport.models import RoleGrant, User

def cookies(response):
    return {{
        name: {{key: morsel[key] for key in ("secure", "httponly", "samesite", "path", "domain")}}
        for name, morsel in response.cookies.items()
    }}

out = {{}}
plain = Client(HTTP_HOST="{HOST}")
response = plain.get("/accounts/login/")
out["http"] = [response.status_code, response.headers.get("Location", "")]

client = Client(HTTP_HOST="{HOST}")
response = client.get("/accounts/login/", secure=True)
out["login"] = {{"headers": dict(response.headers), "cookies": cookies(response),
                "body": response.content.decode()}}

user = User.objects.create_user(email="probe@example.org", password="a calm harbour at night",
                                display_name="Probe")
RoleGrant.objects.create(user=user, role="member")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
response = client.post("/accounts/login/", {{"login": user.email,
                       "password": "a calm harbour at night"}}, secure=True)
out["signed_in"] = {{"status": response.status_code, "cookies": cookies(response)}}
response = client.get("/groups/", secure=True)
out["private"] = {{"status": response.status_code, "headers": dict(response.headers)}}
response = client.get("/no/such/page/", secure=True)
out["missing"] = {{"status": response.status_code, "body": response.content.decode()}}
print("PROBE" + json.dumps(out))
"""


def _run_probe(static_root) -> dict:
    db = settings.DATABASES["default"]
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ.get("REDIS_URL", settings.REDIS_URL),
        "STATIC_ROOT": str(static_root),
    }
    collected = manage("collectstatic", "--noinput", "-v", "0", env=env)
    assert collected.returncode == 0, collected.stderr[-2000:]
    result = manage("shell", "-c", PROBE, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("PROBE"))
    return json.loads(line[len("PROBE") :])


def _csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_production_headers_cookies_and_errors(tmp_path):
    out = _run_probe(tmp_path / "static")

    # HTTP is only a way to HTTPS.
    status, location = out["http"]
    assert status == 301 and location == f"https://{HOST}/accounts/login/"

    headers = {k.lower(): v for k, v in out["login"]["headers"].items()}
    csp = _csp(headers["content-security-policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    for directive, sources in csp.items():
        for source in sources:
            # no third-party origin, no wildcard, no inline script or eval
            assert source in {"'self'", "'none'", "data:"} or source.startswith("'nonce-"), (
                directive,
                source,
            )
            assert not (directive.startswith("script") and source == "data:")
    assert "script-src" in csp
    body = out["login"]["body"]
    for tag in re.findall(r"<script\b[^>]*>", body):
        assert "src=" in tag or "nonce=" in tag, f"inline script without a nonce: {tag}"

    hsts = headers["strict-transport-security"]
    assert re.search(r"max-age=(\d+)", hsts) and int(re.search(r"max-age=(\d+)", hsts)[1]) >= (
        365 * 24 * 3600
    )
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cross-origin-opener-policy"] == "same-origin"

    csrf = out["login"]["cookies"]["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    assert csrf["samesite"] == "Lax" and csrf["httponly"]

    assert out["signed_in"]["status"] == 302
    session = out["signed_in"]["cookies"]["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["path"] == "/"
    assert not session["domain"] and session["samesite"] == "Lax"

    assert out["private"]["status"] == 200
    cache = {k.lower(): v for k, v in out["private"]["headers"].items()}["cache-control"]
    assert "no-store" in cache and "private" in cache

    missing = out["missing"]
    assert missing["status"] == 404
    for tell in ("Traceback", "DEBUG = True", "URLconf", "Request Method", "settings.py"):
        assert tell not in missing["body"]
    print(f"\nproduction headers: CSP {headers['content-security-policy']!r}; HSTS {hsts!r}")
