"""Settings for `make run` on a developer's or evaluator's machine: SQLite, no services."""

import os

from toasoan.core.secret_key import load_or_create

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Generated on first start and kept under var/ (toasoan/core/secret_key.py); never in git.
SECRET_KEY = os.environ.get("SECRET_KEY") or load_or_create(VAR_DIR / "secret_key")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
