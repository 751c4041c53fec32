"""Fixtures for the security proofs: a real server for Chromium to load pages from."""

from functools import partial

import pytest
from channels.testing.live import make_application
from daphne.testing import DaphneProcess
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections
from django.test import Client

HOST = "127.0.0.1"


@pytest.fixture(autouse=True)
def _private_media_in_tmp(settings, tmp_path):
    """Export archives the world writes (Mara's) go to the test's own folder, not .run/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def asgi_server(transactional_db):
    """Daphne serving the whole ASGI app (pages and websockets) on the test database."""
    connections.close_all()  # the forked server must not share our database connection
    process = DaphneProcess(HOST, partial(make_application, static_wrapper=ASGIStaticFilesHandler))
    process.start()
    if not process.ready.wait(timeout=20):
        process.terminate()
        raise RuntimeError("the test server did not start")
    yield f"http://{HOST}:{process.port.value}"
    process.terminate()
    process.join(timeout=10)


@pytest.fixture
def signed_in(browser):
    """A browser context signed in as `user` (None: a visitor)."""

    def make(base_url, user):
        # page.route must see every request (the XSS corpus serves the export's index.html
        # that way): no offline service worker in between; test_browser_offline.py has it.
        context = browser.new_context(base_url=base_url, service_workers="block")
        if user is not None:
            client = Client()
            client.force_login(user)
            name = settings.SESSION_COOKIE_NAME
            context.add_cookies(
                [{"name": name, "value": client.cookies[name].value, "url": base_url}]
            )
        return context

    return make
