"""One way to sign someone in for a socket or a browser test: a real session, as a browser
holding its cookie would send it."""

from django.conf import settings
from django.test import Client


def session_key_for(user) -> str:
    """A fresh signed-in session for `user`; the value of its session cookie."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def cookie_header(key: str) -> bytes:
    """The Cookie header that carries session `key`."""
    return f"{settings.SESSION_COOKIE_NAME}={key}".encode()


def signed_in_context(browser, base_url: str, user, **options):
    """A Playwright browser context signed in as `user` (None: a visitor)."""
    context = browser.new_context(base_url=base_url, **options)
    if user is not None:
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_key_for(user),
                    "url": base_url,
                }
            ]
        )
    return context
