"""Fixtures for the security proofs (the live server is tests/conftest.py's asgi_server)."""

import pytest

from tests.sessions import signed_in_context


@pytest.fixture(autouse=True)
def _private_media_in_tmp(settings, tmp_path):
    """Export archives the world writes (Mara's) go to the test's own folder, not .run/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def signed_in(browser):
    """A browser context signed in as `user` (None: a visitor)."""

    def make(base_url, user):
        # page.route must see every request (the XSS corpus serves the export's index.html
        # that way): no offline service worker in between; test_browser_offline.py has it.
        return signed_in_context(browser, base_url, user, service_workers="block")

    return make
