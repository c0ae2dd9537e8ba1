"""System checks of the ops app: settings that otherwise fail late, in front of readers.

Registered in OpsConfig.ready. ``toasoan check`` runs the everyday ones; ``toasoan check
--deploy`` (run by ``toasoan serve --production`` before it starts) adds the production ones.

- ops.E001  a cache is private to each process in production (pages and locks not shared)
- ops.E002  a cache cannot be reached (a value written cannot be read back)
- ops.E003  a required production setting is missing or unsafe
- ops.E004  a media/static directory cannot be written
- ops.W001  a registered periodic job has not run within twice its period
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

_PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def check_caches_shared(app_configs=None, **kwargs):
    return [
        Error(
            f"The cache {alias!r} uses {config['BACKEND']}, private to each process.",
            hint="Set REDIS_URL so every worker and host shares pages, locks and counters.",
            id="ops.E001",
        )
        for alias, config in settings.CACHES.items()
        if config.get("BACKEND") in _PER_PROCESS_CACHES
    ]


@register(Tags.caches, deploy=True)
def check_caches_reachable(app_configs=None, **kwargs):
    from django.core.cache import caches

    errors = []
    for alias in settings.CACHES:
        key, value = f"ops-check-{secrets.token_hex(4)}", secrets.token_hex(8)
        try:
            cache = caches[alias]
            cache.set(key, value, timeout=30)
            seen = cache.get(key)
            cache.delete(key)
        except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"
            seen, reason = None, f"{type(exc).__name__}: {exc}"
        else:
            reason = "a value written could not be read back"
        if seen != value:
            errors.append(
                Error(
                    f"The cache {alias!r} is not reachable ({reason}).",
                    hint="Check REDIS_URL and that Redis is running (systemctl status redis).",
                    id="ops.E002",
                )
            )
    return errors


@register(deploy=True)
def check_production_settings(app_configs=None, **kwargs):
    problems = []
    key = settings.SECRET_KEY or ""
    if len(key) < 32 or "not-secret" in key or key.startswith("django-insecure"):
        problems.append("SECRET_KEY is missing, short or a development key")
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must name the site's host names (not '*')")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL must point at PostgreSQL (SQLite is for `make run`)")
    if not getattr(settings, "REDIS_URL", ""):
        problems.append("REDIS_URL is not set")
    return [
        Error(
            f"Production setting: {problem}.",
            hint="Set it in /etc/toasoan/env (docs/production.md).",
            id="ops.E003",
        )
        for problem in problems
    ]


@register()
def check_writable_paths(app_configs=None, **kwargs):
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT", "VAR_DIR"):
        value = getattr(settings, name, None)
        if value and not _can_write(Path(value)):
            errors.append(
                Error(
                    f"{name} ({value}) cannot be created or written by this user.",
                    hint="Create it and give the service user write access "
                    "(deploy/systemd/toasoan.service: ReadWritePaths=).",
                    id="ops.E004",
                )
            )
    return errors


def _can_write(path):
    # The directory itself, or the nearest existing parent it would be created in.
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.is_dir() and os.access(candidate, os.W_OK | os.X_OK)
    return False


@register("toasoan_jobs", deploy=True)
def check_job_heartbeats(app_configs=None, **kwargs):
    """Warn about jobs that have not started within twice their period (read from the database).

    A deployment check (`toasoan check --deploy`, run by `toasoan serve --production`): every
    other command of a fresh `make run` would otherwise print a warning per job that has had
    no chance to run yet. Skipped under DEBUG and while the database or its table is not there
    yet (before `migrate`).
    """
    if settings.DEBUG:
        return []
    from . import jobs

    try:
        runs = jobs.last_runs()
    except (DatabaseError, ImproperlyConfigured):
        return []
    warnings = []
    for job, row in runs:
        if not jobs.overdue(job, row):
            continue
        last = "never" if row is None or row.started_at is None else row.started_at.isoformat()
        warnings.append(
            Warning(
                f"The periodic job {job.name} (every {job.every_seconds} s) has not run within "
                f"twice its period (last start: {last}).",
                hint="Is the runner running? systemctl status toasoan-scheduler.timer, or "
                "`toasoan jobs --list`.",
                id="ops.W001",
            )
        )
    return warnings
