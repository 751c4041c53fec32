"""Typed readers for settings that come from environment variables."""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit


class ImproperlyConfiguredError(RuntimeError):
    """A required setting is missing or malformed; raised at start-up, loudly."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfiguredError(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url: str, base_dir: Path) -> dict:
    """Turn `postgres://user:pass@host:port/name` or `sqlite:///path` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        raw_path = unquote(parts.path)
        # sqlite:///relative.db is relative to the project; sqlite:////abs.db is absolute.
        path = Path(raw_path[1:]) if raw_path.startswith("/") else Path(raw_path)
        if not path.is_absolute():
            path = base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                # web, worker and beat share the file: wait for locks instead of failing.
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # A page thread keeps its connection ten minutes: reconnecting costs ~7 ms, and
            # with 60 s every thread's reconnect fell on an alert once a minute (slowest
            # alerts in bench/escalation_latency.py). Health checks replace a broken one.
            "CONN_MAX_AGE": int(options.pop("conn_max_age", 600)),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfiguredError(
        f"DATABASE_URL must start with postgres:// or sqlite://, got {parts.scheme!r}"
    )


def redis_url_for_worker(url: str, worker: str) -> str:
    """The Redis URL of one parallel test process ("gw0", "gw1", ...): database 10 + its
    number, clear of the databases people and make run use (0 and 1)."""
    parts = urlsplit(url)
    database = 10 + int(worker.removeprefix("gw"))
    return parts._replace(path=f"/{database}").geturl()
