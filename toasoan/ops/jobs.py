"""A tiny registry of periodic jobs, run by ``ops_serve`` (embedded mode) or ``ops_run_jobs``.

Apps register plain functions in their ``AppConfig.ready``::

    from toasoan.ops.jobs import register_job
    register_job(purge_ip_hashes, every_seconds=3600)

A job may also be registered by dotted path (imported lazily when it runs), so the ops app
can list jobs of apps that may not exist yet; a path that cannot be imported is logged and
skipped, never fatal.

Each run of a job happens under a lock in the shared cache (Redis in production): when
several processes or hosts run the scheduler loop, each job runs once per period, in one of
them. Jobs that need a stronger guarantee (scheduled publishing) take their own database
lock as well.
"""

import dataclasses
import logging
import os
import socket
import time

from django.core.cache import cache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

_REGISTRY = {}

# Jobs of other apps, imported lazily by dotted path: (path, every_seconds).
DEFAULT_JOBS = [
    ("toasoan.newsroom.scheduler.run_due_publishing", 30),
    # PostgreSQL search: move the partial "recent articles" indexes along (no-op on SQLite).
    ("toasoan.search.maintenance.refresh_recent_index", 3600),
]


@dataclasses.dataclass
class Job:
    name: str
    target: object  # a callable, or a dotted path to one
    every_seconds: int

    def resolve(self):
        if callable(self.target):
            return self.target
        return import_string(self.target)


def register_job(func, every_seconds, name=None):
    """Run `func()` every `every_seconds` seconds; `func` is a callable or a dotted path.

    Registering the same name twice replaces the earlier entry (``ready()`` may run twice
    in tests). Returns the job's name.
    """
    if every_seconds < 1:
        raise ValueError("every_seconds must be at least 1")
    if name is None:
        name = func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"
    _REGISTRY[name] = Job(name=name, target=func, every_seconds=int(every_seconds))
    return name


def unregister_job(name):
    _REGISTRY.pop(name, None)


def registered_jobs():
    for path, every in DEFAULT_JOBS:
        _REGISTRY.setdefault(path, Job(name=path, target=path, every_seconds=every))
    return list(_REGISTRY.values())


def _owner():
    return f"{socket.gethostname()}:{os.getpid()}"


def _last_run_key(job):
    return f"ops:job:last:{job.name}"


def _lock_key(job):
    return f"ops:job:lock:{job.name}"


def run_job(job, now=None, force=False):
    """Run one job if it is due and its lock is free. Returns "ran", "skipped" or "failed"."""
    now = time.time() if now is None else now
    last = _safe(cache.get, _last_run_key(job))
    if not force and last is not None and now - last < job.every_seconds - 0.5:
        return "skipped"
    # cache.add is atomic in Redis (SET NX): exactly one process gets the lock.
    if not _safe(
        cache.add, _lock_key(job), _owner(), timeout=max(job.every_seconds, 60), default=True
    ):
        return "skipped"
    try:
        last = _safe(cache.get, _last_run_key(job))
        if not force and last is not None and now - last < job.every_seconds - 0.5:
            return "skipped"
        try:
            func = job.resolve()
        except ImportError as exc:
            logger.warning("periodic job %s skipped: cannot import it (%s)", job.name, exc)
            return "failed"
        try:
            func()
        except Exception:
            logger.exception("periodic job %s failed; it will run again next period", job.name)
            return "failed"
        finally:
            _safe(cache.set, _last_run_key(job), time.time(), timeout=None)
        return "ran"
    finally:
        _safe(cache.delete, _lock_key(job))


def run_due_jobs(now=None, force=False):
    """Run every registered job that is due; returns {job name: outcome}."""
    return {job.name: run_job(job, now=now, force=force) for job in registered_jobs()}


def _safe(func, *args, default=None, **kwargs):
    # The lock is best effort when the cache is down: running a job twice is harmless for
    # our jobs (each is idempotent), never running it is not.
    try:
        return func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - any cache failure means "no cache"
        logger.warning("cache unavailable for the job scheduler: %s", exc)
        return default
