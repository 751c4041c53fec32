"""Settings for peersupport, read from environment variables with safe defaults.

DJANGO_ENV chooses the defaults: `development` (the embedded `make run` set-up), `test`
(pytest; PostgreSQL and Redis on localhost) or `production` (everything strict, secrets
required). README.md lists every variable.
"""

import os
from pathlib import Path

from csp.constants import NONE, SELF

from peersupport.env import (
    ImproperlyConfiguredError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_url_for_worker,
)

BASE_DIR = Path(__file__).resolve().parent.parent
RUN_DIR = BASE_DIR / ".run"

DJANGO_ENV = env_str("DJANGO_ENV", "test" if os.environ.get("PYTEST_VERSION") else "development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfiguredError(
        f"DJANGO_ENV must be development, test or production, got {DJANGO_ENV!r}"
    )
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfiguredError(
            "SECRET_KEY is not set. Production refuses to start without a long random secret."
        )
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfiguredError(
        "SECRET_KEY is too short. Production needs at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
# Websocket handshakes are logged with the client address and the path (crisis chat ids,
# private group slugs) only when this is on; otherwise those two are blanked.
LOG_CONNECTIONS = env_bool("LOG_CONNECTIONS", default=False)

DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfiguredError("ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For / -Proto we believe
# (peersupport/proxies.py). Empty: nobody's; the server itself never believes them.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_celery_beat",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "peersupport",
    "communities",
    "moderation",
    "crisis",
    "matching",
]
# Apps whose routing.py adds websocket routes (gathered in peersupport/routing.py).
WEBSOCKET_APPS = ["communities", "moderation", "crisis", "matching"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "peersupport.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "peersupport.csrf.SameOriginNullMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "peersupport.middleware.PersonTimeZoneMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "peersupport.middleware.StaffMFAMiddleware",
    "peersupport.middleware.PrivatePagesNoStoreMiddleware",
    "peersupport.middleware.SignOutClearsSiteDataMiddleware",
]

ROOT_URLCONF = "peersupport.urls"
WSGI_APPLICATION = "peersupport.wsgi.application"
ASGI_APPLICATION = "peersupport.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peersupport.context_processors.platform",
            ],
        },
    },
]

# --- data ---------------------------------------------------------------------------------

_default_database_url = {
    "development": f"sqlite:///{RUN_DIR / 'db.sqlite3'}",
    "test": "postgres://postgres@127.0.0.1:5432/peersupport",
    "production": "",
}[DJANGO_ENV]
DATABASE_URL = env_str("DATABASE_URL", _default_database_url)
if not DATABASE_URL:
    raise ImproperlyConfiguredError("DATABASE_URL is required in production.")
DATABASES = {"default": database_from_url(DATABASE_URL, BASE_DIR)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # models.W047: SQLite cannot create crisis.CoverageGap's "one open gap" constraint
    # (nulls_distinct=False), and said so on every start of make run. SQLite only backs
    # make run on one machine, where one beat sends one crisis sweep every few seconds and a
    # sweep takes milliseconds; coverage_check still reads the open gap before creating one.
    # So two open gaps would need two overlapping sweeps: at worst one extra "nobody is on
    # duty" notice. PostgreSQL (production, tests) enforces the constraint.
    SILENCED_SYSTEM_CHECKS = ["models.W047"]
# Page-serving threads per web process (peersupport/asgi.py): each keeps one database
# connection, so processes x (HTTP_THREADS + 1) stays under PostgreSQL's max_connections.
HTTP_THREADS = env_int("HTTP_THREADS", 8)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str(
    "REDIS_URL", "redis://127.0.0.1:6379/1" if TESTING else "redis://127.0.0.1:6379/0"
)
if TESTING and os.environ.get("PYTEST_XDIST_WORKER") and not os.environ.get("TEST_REDIS_SPLIT"):
    # make test runs the suite in parallel processes (pytest-xdist): each gets its own Redis
    # database, as each gets its own PostgreSQL database, so channel groups, rate-limit
    # counters and cache clears never cross between tests running side by side. Written back
    # to the environment (once) for the processes a test starts (a worker, a web server).
    # Redis pub/sub ignores the database number: the channel layer's prefix parts them too.
    _worker = os.environ["PYTEST_XDIST_WORKER"]
    REDIS_URL = redis_url_for_worker(REDIS_URL, _worker)
    os.environ.update(
        REDIS_URL=REDIS_URL, CHANNELS_PREFIX=f"ps-channels-{_worker}", TEST_REDIS_SPLIT="1"
    )

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "ps",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

# The websocket fan-out. "pubsub" (default): Redis PUBLISH to each process holding members,
# which fans out in memory (no per-channel capacity; membership lives in the process, so a
# Redis restart does not forget it). "core": channels_redis's list-based layer; every group
# message is copied into each member channel's Redis list. Chosen by figures:
# docs/benchmarks.md ("Sockets held and fan-out", "Serving setup").
CHANNELS_LAYER = env_str("CHANNELS_LAYER", "pubsub")
CHANNELS_PREFIX = env_str("CHANNELS_PREFIX", "ps-channels")
_channel_hosts = [{"address": REDIS_URL, "socket_timeout": None}]
if CHANNELS_LAYER == "core":
    CHANNEL_LAYERS = {
        "default": {
            # channels_redis core whose pool waits for a free connection instead of failing
            # when a burst asks for more than max_connections (peersupport/channel_layers.py).
            "BACKEND": "peersupport.channel_layers.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 defaults to a 5 s socket timeout, which kills idle websockets
                # while channels_redis blocks on Redis (see STACK-NOTES): no timeout here.
                # Up to 200 connections; a command waits up to 20 s for one.
                "hosts": [{**_channel_hosts[0], "max_connections": 200, "timeout": 20}],
                "prefix": CHANNELS_PREFIX,
                "capacity": env_int("CHANNELS_CAPACITY", 1000),
                "expiry": 60,
                "group_expiry": 86400,
            },
        }
    }
elif CHANNELS_LAYER == "pubsub":
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": _channel_hosts, "prefix": CHANNELS_PREFIX},
        }
    }
else:
    raise ImproperlyConfiguredError(
        f"CHANNELS_LAYER must be core or pubsub, got {CHANNELS_LAYER!r}"
    )

# --- accounts -----------------------------------------------------------------------------

AUTH_USER_MODEL = "peersupport.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "peersupport.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "peersupport.forms.SignupDetailsForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "peersupport: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# allauth's rate limits live in the default cache, which is Redis.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "peersupport")
MFA_RECOVERY_CODE_COUNT = 10
# Sessions are recorded at sign-in (device, address, time). Tracking "last seen" would
# cost five queries and a write on every request, so it stays off.
USERSESSIONS_TRACK_ACTIVITY = False
# Ending sessions from allauth's page closes their open sockets at once.
USERSESSIONS_ADAPTER = "peersupport.adapters.UserSessionsAdapter"

# --- jobs ---------------------------------------------------------------------------------

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
BEAT_HEARTBEAT_SECONDS = env_int("BEAT_HEARTBEAT_SECONDS", 30)
BEAT_HEARTBEAT_STALE_AFTER = env_int("BEAT_HEARTBEAT_STALE_AFTER", 3 * BEAT_HEARTBEAT_SECONDS)
CELERY_BEAT_SCHEDULE = {
    "beat-heartbeat": {
        "task": "peersupport.tasks.beat_heartbeat",
        "schedule": float(BEAT_HEARTBEAT_SECONDS),
    },
}

# --- mail ---------------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "peersupport <no-reply@peersupport.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- static files -------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(RUN_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
WHITENOISE_AUTOREFRESH = DEBUG

# --- security -----------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
# No Referer to anyone. Browsers then send "Origin: null" on the site's own form posts;
# peersupport/csrf.py reads those as this site's on the browser's word (Sec-Fetch-Site),
# which browsers give over HTTPS and to localhost. Development (`make run`, perhaps reached
# over plain HTTP from another machine) keeps "same-origin", which tells other sites nothing.
SECURE_REFERRER_POLICY = env_str(
    "REFERRER_POLICY", "same-origin" if DJANGO_ENV == "development" else "no-referrer"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    if env_bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins cookies to this exact host over HTTPS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- platform -----------------------------------------------------------------------------

SITE_NAME = env_str("SITE_NAME", "peersupport")
# The public address, for links in emails (no trailing slash).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where "Quick exit" sends someone: an ordinary, neutral site.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://weather.com/")
# Paths that only staff may open; a staff member without MFA is sent to set it up first.
STAFF_URL_PREFIXES = ("/staff/", "/admin/")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # No user, email or request body in log lines: only what happened and where.
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "daphne.access": {"level": "WARNING"},
    },
}

# --- communities ---
# How long authors may edit a post after writing it.
COMMUNITIES_EDIT_WINDOW_MINUTES = env_int("COMMUNITIES_EDIT_WINDOW_MINUTES", 60)
CELERY_BEAT_SCHEDULE["communities-meeting-reminders"] = {
    "task": "communities.meeting_reminders",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["communities-notification-digests"] = {
    "task": "communities.notification_digests",
    "schedule": 24 * 60 * 60.0,
}

# --- crisis -------------------------------------------------------------------------------
# The paging ladder, counted from the moment an escalation (re-)enters the queue.
CRISIS_REPAGE_AFTER_SECONDS = env_int("CRISIS_REPAGE_AFTER_SECONDS", 30)
CRISIS_SUPERVISOR_AFTER_SECONDS = env_int("CRISIS_SUPERVISOR_AFTER_SECONDS", 120)
CRISIS_MEMBER_HOTLINES_AFTER_SECONDS = env_int("CRISIS_MEMBER_HOTLINES_AFTER_SECONDS", 300)
# An alert no console acknowledged is sent again after this long (the database is the outbox).
CRISIS_ALERT_RESEND_SECONDS = env_int("CRISIS_ALERT_RESEND_SECONDS", 5)
# A counselor whose console sent no heartbeat for this long is off duty.
CRISIS_PRESENCE_TIMEOUT_SECONDS = env_int("CRISIS_PRESENCE_TIMEOUT_SECONDS", 60)
CRISIS_DEFAULT_CAPACITY = env_int("CRISIS_DEFAULT_CAPACITY", 3)
CRISIS_SWEEP_SECONDS = env_int("CRISIS_SWEEP_SECONDS", 5)
CELERY_BEAT_SCHEDULE["crisis-sweep"] = {
    "task": "crisis.tasks.crisis_sweep",
    "schedule": float(CRISIS_SWEEP_SECONDS),
}
# Posts and peer messages stored without a risk score are read within two minutes.
CELERY_BEAT_SCHEDULE["crisis-unscored-content"] = {
    "task": "crisis.tasks.unscored_content_scan",
    "schedule": 60.0,
}
# An active chat whose member has been away and silent this long is flagged to the counselor.
CRISIS_STALE_CHAT_SECONDS = env_int("CRISIS_STALE_CHAT_SECONDS", 300)

# --- matching -----------------------------------------------------------------------------

# How much each likeness counts when ranking supporters (matching/scoring.py).
MATCHING_WEIGHTS = {
    "event_kind": 3.0,
    "affected": 3.0,
    "further_along": 2.0,
    "own_event": 2.0,
    "topic": 1.0,
    "way": 1.0,
    "load": 1.0,
}
MATCHING_SUGGESTIONS = 3
# A supporter has this long to answer before the member is offered someone else.
MATCHING_REQUEST_WINDOW_HOURS = env_int("MATCHING_REQUEST_WINDOW_HOURS", 48)
# The readiness self-check is renewed every six months.
MATCHING_READINESS_DAYS = 182
MATCHING_DEFAULT_CAPACITY = 2
MATCHING_MAX_CAPACITY = 6
CELERY_BEAT_SCHEDULE["matching-expire-stale-asks"] = {
    "task": "matching.tasks.expire_stale_asks",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["matching-anniversary-checkins"] = {
    "task": "matching.tasks.send_anniversary_checkins",
    "schedule": 6 * 60 * 60.0,  # a few times a day; each anniversary is handled once
}
CELERY_BEAT_SCHEDULE["matching-readiness-reminders"] = {
    "task": "matching.tasks.remind_readiness",
    "schedule": 6 * 60 * 60.0,
}

# --- moderation ---
# A member's first posts in a group wait for a moderator (groups may set their own number).
MODERATION_FIRST_POSTS_HELD = env_int("MODERATION_FIRST_POSTS_HELD", 3)
# Approved posts after which a member's flags count as trusted (groups may override).
MODERATION_TRUSTED_AFTER_POSTS = env_int("MODERATION_TRUSTED_AFTER_POSTS", 10)
# Trusted flags that hide a post until a moderator looks (groups may override).
MODERATION_FLAGS_TO_HIDE = env_int("MODERATION_FLAGS_TO_HIDE", 3)
MODERATION_FLAGS_PER_DAY = env_int("MODERATION_FLAGS_PER_DAY", 10)
# How long an entry may wait: at-risk entries, then everything else.
MODERATION_TARGET_AT_RISK_MINUTES = env_int("MODERATION_TARGET_AT_RISK_MINUTES", 5)
MODERATION_TARGET_OTHER_MINUTES = env_int("MODERATION_TARGET_OTHER_MINUTES", 24 * 60)
# A claim lapses after this long without activity by the moderator holding it.
MODERATION_CLAIM_EXPIRY_MINUTES = env_int("MODERATION_CLAIM_EXPIRY_MINUTES", 15)
# Suggest a break after this long on the queue in one sitting.
MODERATION_BREAK_AFTER_MINUTES = env_int("MODERATION_BREAK_AFTER_MINUTES", 45)
CELERY_BEAT_SCHEDULE["moderation-sweep"] = {
    "task": "moderation.sweep",
    "schedule": 60.0,
}

# --- data rights --------------------------------------------------------------------------
# Export archives live here, outside STATIC_ROOT and never served directly: members
# download them through an authorised view while the link lasts.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(RUN_DIR / "private")))
# How long a prepared export can be downloaded.
DATARIGHTS_EXPORT_HOURS = env_int("DATARIGHTS_EXPORT_HOURS", 24)
# Raw text kept for risk scoring (what triggered an escalation) is blanked after this many days.
RETENTION_RISK_TEXT_DAYS = env_int("RETENTION_RISK_TEXT_DAYS", 30)
# Messages of closed or abandoned crisis chats are deleted this many days after the close.
RETENTION_CRISIS_CHAT_DAYS = env_int("RETENTION_CRISIS_CHAT_DAYS", 90)
# When a member deletes their account, their escalations stay this long after closing,
# stripped of identity and text (state, timings, trigger, risk level, disposition), for
# service statistics; then they are deleted. 0 deletes them with the account.
RETENTION_CRISIS_RECORD_DAYS = env_int("RETENTION_CRISIS_RECORD_DAYS", 7 * 365)
CELERY_BEAT_SCHEDULE["datarights-exports-purge"] = {
    "task": "peersupport.tasks.exports_purge",
    "schedule": 15 * 60.0,
}
CELERY_BEAT_SCHEDULE["datarights-retention-purge"] = {
    "task": "peersupport.tasks.retention_purge",
    "schedule": 6 * 60 * 60.0,
}

# --- console ------------------------------------------------------------------------------
from celery.schedules import crontab  # noqa: E402  (kept with the block that uses it)

# The nightly roll-up stores yesterday's dashboard figures, and fills in any day missing from
# this many days back (e.g. after the job was down for a while).
CONSOLE_METRICS_BACKFILL_DAYS = env_int("CONSOLE_METRICS_BACKFILL_DAYS", 400)
CONSOLE_METRICS_ROLLUP_HOUR = env_int("CONSOLE_METRICS_ROLLUP_HOUR", 0)
CELERY_BEAT_SCHEDULE["console-metrics-rollup"] = {
    "task": "peersupport.tasks.metrics_rollup",
    "schedule": crontab(minute=10, hour=CONSOLE_METRICS_ROLLUP_HOUR),
}
