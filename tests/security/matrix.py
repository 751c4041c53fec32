"""The machinery of the HTTP authorisation matrix: enumerate, request, classify, scan.

Outcome letters (one per role, in `world.ROLES` order; spaces are ignored):

    o  served: 2xx, a redirect somewhere ordinary, a form refused with 400/409/429, or a
       deliberate 503 (the health check)
    l  sent to log in (the site's or Django admin's login page)
    m  sent to set up MFA first
    n  404, the same as for something that does not exist
    f  403
    x  405 method not allowed
    E  a 500 or an exception: never expected
"""

import re

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.security.world import CANARIES, ROLES

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
MFA_PATH = "/accounts/2fa/totp/activate/"

# A value for every URL parameter, by name. `pk` differs per URL: rows name it.
DEFAULT_KWARGS = {
    "slug": "slug",
    "thread_id": "thread_id",
    "post_id": "post_id",
    "meeting_id": "meeting_id",
    "entry_id": "entry_id",
    "user_id": "user_id",
    "appeal_id": "appeal_id",
    "audit_id": "audit_id",
    "message_id": "message_id",
    "escalation_id": "escalation_id",
    "token": "token",
    "suggestion_id": "suggestion",
}
# Values that are not objects of the world (allauth keys, admin paths).
LITERAL_KWARGS = {
    "key": "not-a-real-key",
    "uidb36": "1",
    "app_label": "communities",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "url": "nothing-here/",
}


def url_patterns(patterns=None, prefix="", namespace=None):
    """(key, route, pattern) for every URL the resolver knows. The key is the URL's name
    (with namespace), or its route when it has no name (Django admin's shims)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = route
            yield key, route, entry


def url_for(key: str, route: str, pattern: URLPattern, ids: dict, extra=None) -> str:
    """The URL to try. `extra` is the row's third element: a world id name for `<pk>`, or a
    dict {parameter: world id name or literal value} for anything else."""
    if isinstance(extra, str):
        extra = {"pk": extra}
    extra = extra or {}
    names = set(pattern.pattern.regex.groupindex)
    kwargs = {}
    for name in names:
        if name in extra:
            kwargs[name] = ids.get(extra[name], extra[name])
        elif name in DEFAULT_KWARGS:
            kwargs[name] = ids[DEFAULT_KWARGS[name]]
        elif name in LITERAL_KWARGS:
            kwargs[name] = LITERAL_KWARGS[name]
        else:
            raise AssertionError(
                f"{key}: say what <{name}> is in the row's third element, e.g. "
                f'{{"{name}": "<a key of World.ids, or a literal>"}}'
            )
    if pattern.name:
        try:
            return reverse(key, kwargs=kwargs)
        except NoReverseMatch:
            pass  # a name shared by two routes (allauth's sessions): fill this one by hand
    # Unnamed or regex routes: fill the route by hand.
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
    return "/" + path.replace("^", "").replace("$", "")


def classify(response) -> str:
    status = response.status_code
    if status == 500:
        return "E"
    if status in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        path = location.split("?", 1)[0]
        if path.startswith(("http://testserver", "https://testserver")):
            path = "/" + path.split("/", 3)[-1]
        if path.startswith(LOGIN_PATHS):
            return "l"
        if path.startswith(MFA_PATH):
            return "m"
        return "o"
    if status == 404:
        return "n"
    if status == 403:
        return "f"
    if status == 405:
        return "x"
    return "o"


def leaks(role: str, text: str) -> list[str]:
    return [
        canary for canary, readers in CANARIES.items() if role not in readers and canary in text
    ]


def expected_letters(spec: str) -> str:
    letters = spec.replace(" ", "")
    assert len(letters) == len(ROLES), f"{spec!r} needs one letter per role {ROLES}"
    return letters


class Visitor:
    """One signed-in client per role, reused for every URL; unsafe requests roll back."""

    def __init__(self, world):
        self.clients = {}
        for role in ROLES:
            client = Client(raise_request_exception=True)
            if role != "anon":
                client.force_login(world.people[role])
            self.clients[role] = client

    def visit(self, role: str, method: str, url: str):
        """(outcome letter, body text, error). POSTs run inside a rolled-back savepoint, and
        the client keeps its session whatever the view did (signing out, say)."""
        client = self.clients[role]
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        saved = cookie.value if cookie else None
        try:
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, {})
                transaction.set_rollback(True)
        except Exception as exc:  # a 500 to a real client
            return "E", "", f"{type(exc).__name__}: {exc}"
        finally:
            if saved is not None:
                client.cookies[settings.SESSION_COOKIE_NAME] = saved
        # Downloads (an export's archive) are read too: what is in them may leak.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace") + response.headers.get("Location", "")
        return classify(response), text, ""
