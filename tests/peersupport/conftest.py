"""The live server the browser tests here share with tests/security and tests/a11y."""

from tests.security.conftest import asgi_server  # noqa: F401  (a shared fixture)
