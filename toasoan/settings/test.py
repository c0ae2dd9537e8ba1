"""Settings for the test suite: fast hashing, in-memory cache, plain static storage."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import CACHES, DATABASES

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="toasoan-test-media-")
# Recorded page views (toasoan.statistics) go to a spool of the test run, not var/.
TOASOAN_STATISTICS = {"SPOOL_DIR": tempfile.mkdtemp(prefix="toasoan-test-stats-")}
WHITENOISE_AUTOREFRESH = True
# Pages are rendered fresh in tests; toasoan/ops tests switch the page cache on themselves.
CACHES = {**CACHES, "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TOASOAN_PAGECACHE = {"ENABLED": False}
# The suite runs on SQLite unless TEST_DATABASE_URL points at PostgreSQL (make test-postgres).
if os.environ.get("TEST_DATABASE_URL"):
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(os.environ["TEST_DATABASE_URL"])
    # A name of its own lets several test runs share one PostgreSQL server.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TOASOAN_TEST_DB_NAME", "test_toasoan")}
elif os.environ.get("TOASOAN_TEST_SQLITE_FILE", "1") == "1":
    # A file on tmpfs rather than SQLite's shared-cache in-memory database: browser tests run a
    # live server thread beside the test thread, and shared-cache table locks fail at once
    # ("database table is locked") where a file database waits on its busy timeout.
    import atexit
    import shutil

    _tmpfs = "/dev/shm"  # noqa: S108  # nosec B108 - only the parent of a private mkdtemp dir
    _db_dir = tempfile.mkdtemp(
        prefix="toasoan-test-db-", dir=_tmpfs if os.path.isdir(_tmpfs) else None
    )
    atexit.register(shutil.rmtree, _db_dir, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_db_dir, "test.sqlite3")}
