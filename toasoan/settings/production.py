"""Production settings: everything secret or site-specific comes from the environment.

The process refuses to start, with a message naming the setting, when something required is
missing; it never invents a secret key.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Production settings need the environment variable {name}; "
            "see README.md, section 'Production'."
        )
    return value


DEBUG = False  # never read from the environment: production cannot run with DEBUG on
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
# PostgreSQL and Redis: base.py has already parsed them; here they are required.
if not _required("DATABASE_URL").startswith(("postgres://", "postgresql://", "postgis://")):
    raise ImproperlyConfigured(
        "Production settings need DATABASE_URL to point at PostgreSQL "
        "(postgres://user@host:5432/name); SQLite is for `make run` only."
    )
if not _required("REDIS_URL").startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must look like redis://127.0.0.1:6379/0")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("TOASOAN_SSL_REDIRECT", "1") == "1"
# Load balancers, systemd checks and the README probe /healthz over plain HTTP on the app port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("TOASOAN_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Behind the shipped nginx site file (docs/production.md sets 1), uploaded videos are sent by
# nginx (range requests, sendfile): the app answers with X-Accel-Redirect (toasoan/videos).
# Off by default, so `make prod` tried alone still plays them.
TOASOAN_VIDEOS_X_ACCEL = os.environ.get("TOASOAN_VIDEOS_X_ACCEL", "0") == "1"

# One JSON object per log line for journald/log shippers: TOASOAN_LOG_FORMAT=json.
if os.environ.get("TOASOAN_LOG_FORMAT", "json") == "json":
    LOGGING["formatters"]["json"] = {"()": "toasoan.ops.logs.JSONFormatter"}
    LOGGING["handlers"]["console"]["formatter"] = "json"
