"""Shared fixtures: real PostgreSQL and Redis, and one person per role.

People: `member` (Mara), `outsider` (Olly, a member of nothing in particular),
`supporter` (Sam), `counselor` (Cora), `supervisor` (Sia), `admin_user` (Ada).
`with_mfa(user)` sets up TOTP for a staff member, as they would on first visit.
"""

import os

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory

# Sync Playwright runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(
            "Tests run on PostgreSQL. Use `make test`, or set DATABASE_URL to a postgres:// URL."
        )


@pytest.fixture(autouse=True)
def _fresh_redis_cache():
    """Rate limits and cached values from one test must not leak into the next."""
    cache.clear()
    yield


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def member(db):
    return UserFactory(email="mara@example.org", display_name="Mara", roles=["member"])


@pytest.fixture
def outsider(db):
    return UserFactory(email="olly@example.org", display_name="Olly", roles=["member"])


@pytest.fixture
def supporter(db):
    return UserFactory(email="sam@example.org", display_name="Sam", roles=["member", "supporter"])


@pytest.fixture
def counselor(db):
    return UserFactory(email="cora@example.org", display_name="Cora", roles=["counselor"])


@pytest.fixture
def supervisor(db):
    return UserFactory(
        email="sia@example.org", display_name="Sia", roles=["counselor", "supervisor"]
    )


@pytest.fixture
def admin_user(db):
    user = UserFactory(email="ada@example.org", display_name="Ada", roles=["admin"])
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def with_mfa():
    """Give a staff member a working TOTP authenticator, as if they had set it up."""

    def enable(user):
        TOTP.activate(user, generate_totp_secret())
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        return user

    return enable


# --- browser tests (marked `browser`, run in their own pytest process) -------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request, tmp_path):
    """When a browser test fails, keep a picture of what the person saw."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    yield
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        path = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(path), full_page=True)
            print(f"screenshot of the failure: {path}")
        except Exception as exc:  # the page may already be gone
            print(f"could not take a screenshot: {exc}")


@pytest.fixture
def asgi_server(transactional_db):
    """The one live server for browser tests: daphne serving the whole ASGI app (pages,
    static files and websockets) on the test database, in a forked process."""
    from functools import partial

    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connections

    connections.close_all()  # the forked server must not share our database connection
    process = DaphneProcess(
        "127.0.0.1", partial(make_application, static_wrapper=ASGIStaticFilesHandler)
    )
    process.start()
    if not process.ready.wait(timeout=20):
        process.terminate()
        raise RuntimeError("the test server did not start")
    yield f"http://127.0.0.1:{process.port.value}"
    process.terminate()
    process.join(timeout=10)
