"""Settings for `make run` and `make dev` on a developer's or evaluator's machine: SQLite, no
services.

`make run` is the site as readers see it: DEBUG off (the Vietnamese 404/500 pages, never
Django's debug page listing the URL patterns and settings), static files collected under var/
with hashed names and served by the app (whitenoise, cached for a year). `make dev` sets
TOASOAN_DEBUG=1: DEBUG on and Django's auto-reloading server.
"""

import os
import sys

from toasoan.core.secret_key import load_or_create

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR

VAR_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = os.environ.get("TOASOAN_DEBUG", "0") == "1"
# Generated on first start and kept under var/ (toasoan/core/secret_key.py); never in git.
SECRET_KEY = os.environ.get("SECRET_KEY") or load_or_create(VAR_DIR / "secret-key")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
TOASOAN_SERVE_MEDIA = True  # no nginx in front of `make run` (toasoan/urls.py)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if DEBUG:
    # make dev: runserver serves static files from the apps' folders, unhashed, as they change.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
elif "collectstatic" not in sys.argv and not (STATIC_ROOT / "staticfiles.json").exists():
    # DEBUG off but collectstatic never ran (ops_serve started by hand, a test): serve the
    # (collectstatic itself must keep the manifest storage, which writes staticfiles.json)
    # apps' files through the finders rather than answer 500 for a missing manifest, and let
    # browsers keep these unhashed names for a minute only.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_MAX_AGE = 60
# Otherwise (make run) the base storage stays: `make run` runs collectstatic into var/static
# first, so every static URL carries its content hash and whitenoise may let browsers keep it
# for WHITENOISE_MAX_AGE. WHITENOISE_USE_FINDERS was not chosen: it serves unhashed names, which
# cannot be cached for long without readers keeping an old stylesheet after an update.

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
