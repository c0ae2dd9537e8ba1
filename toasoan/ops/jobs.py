"""Periodic jobs: one registry, one runner (``toasoan jobs``), one lock, one heartbeat.

Each app registers its own jobs in its ``AppConfig.ready``::

    from toasoan.ops.jobs import register_job
    register_job(purge_ip_hashes, every_seconds=3600, name="comments.purge_ip_hashes")

``toasoan jobs`` runs every job that is due, once (the systemd timer) or in a loop (``--loop``:
``toasoan serve`` starts it as a child process). Every run happens under the job's lock row in
the database (``ops.JobRun``): several processes or hosts may run the runner at once, each job
still runs once per period, in one of them. The same row records the last run (start, end,
success, error); the system check ``ops.W001`` and the admin dashboard read it.
"""

import dataclasses
import datetime as dt
import logging
import os
import socket
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# A lock outlives a killed process by at most this long (or the job's period, if longer).
LOCK_MIN_TTL = dt.timedelta(minutes=5)
# Runs that start up to this early still count as due (timers drift by a few hundred ms).
_SLACK = dt.timedelta(seconds=0.5)

_REGISTRY = {}


@dataclasses.dataclass(frozen=True)
class Job:
    name: str
    func: object  # a function, or the dotted path of one (imported when the job runs)
    every_seconds: int

    def resolve(self):
        return import_string(self.func) if isinstance(self.func, str) else self.func

    @property
    def period(self):
        return dt.timedelta(seconds=self.every_seconds)

    @property
    def lock_ttl(self):
        return max(LOCK_MIN_TTL, self.period)


def register_job(func, every_seconds, name=None):
    """Run ``func()`` every ``every_seconds`` seconds; returns the job's name.

    ``func`` takes no arguments; what it returns is ignored, what it raises is logged and
    recorded as the run's error. It may be the dotted path of a function, imported when the job
    runs (for a module that cannot be imported from ``ready()``); a path that does not import
    is a failed run, shown on the dashboard like any other. Registering the same name twice
    replaces the earlier entry (``ready()`` may run twice in tests).
    """
    if not (callable(func) or isinstance(func, str)):
        raise TypeError("register_job() takes a function or the dotted path of one")
    if every_seconds < 1:
        raise ValueError("every_seconds must be at least 1")
    if name is None:
        name = func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"
    _REGISTRY[name] = Job(name=name, func=func, every_seconds=int(every_seconds))
    return name


def unregister_job(name):
    _REGISTRY.pop(name, None)


def registered_jobs():
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def get_job(name):
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise LookupError(f"no periodic job named {name!r} (registered: {known})") from None


def _owner():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lock(name, ttl=LOCK_MIN_TTL, due_before=None, every_seconds=0):
    """Take job ``name``'s lock for ``ttl``; return an owner token, or None if it is held.

    With ``due_before``, the lock is taken only if the last run started before that time, in
    the same UPDATE: checking "due" and locking cannot interleave with another process.
    """
    from .models import JobRun

    now = timezone.now()
    try:
        with transaction.atomic():
            JobRun.objects.get_or_create(name=name, defaults={"every_seconds": every_seconds})
    except IntegrityError:
        pass  # another process created the row between our SELECT and INSERT
    rows = JobRun.objects.filter(name=name).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    )
    if due_before is not None:
        rows = rows.filter(Q(started_at__isnull=True) | Q(started_at__lt=due_before))
    owner = _owner()
    taken = rows.update(
        owner=owner, locked_until=now + ttl, started_at=now, every_seconds=every_seconds
    )
    return owner if taken == 1 else None


def release_lock(name, owner, error=""):
    """Free the lock and record the end of the run (``error`` empty means it succeeded)."""
    from .models import JobRun

    JobRun.objects.filter(name=name, owner=owner).update(
        locked_until=None, finished_at=timezone.now(), ok=not error, error=error[:2000]
    )


def run_job(job, now=None, force=False):
    """Run one job if it is due and its lock is free. Returns "ran", "skipped" or "failed".

    ``force`` ignores the period, never the lock. Never raises: a failure is logged with its
    traceback and recorded in the job's row, and the job runs again next period.
    """
    now = now or timezone.now()
    due_before = None if force else now - job.period + _SLACK
    try:
        owner = acquire_lock(job.name, job.lock_ttl, due_before, job.every_seconds)
    except Exception:
        logger.exception("periodic job %s not run: cannot take its lock", job.name)
        return "failed"
    if owner is None:
        return "skipped"
    error = ""
    try:
        job.resolve()()
    except Exception as exc:
        logger.exception("periodic job %s failed; it will run again next period", job.name)
        error = f"{type(exc).__name__}: {exc}"
    try:
        release_lock(job.name, owner, error)
    except Exception:
        logger.exception("periodic job %s: cannot record its run", job.name)
    return "failed" if error else "ran"


def run_due_jobs(now=None, force=False, names=None):
    """Run every registered job that is due (or those named); returns {name: outcome}."""
    jobs = [get_job(name) for name in names] if names else registered_jobs()
    return {job.name: run_job(job, now=now, force=force) for job in jobs}


def last_runs():
    """Each registered job with its row (or None if it never ran), for checks and the admin."""
    from .models import JobRun

    rows = {row.name: row for row in JobRun.objects.filter(name__in=list(_REGISTRY))}
    return [(job, rows.get(job.name)) for job in registered_jobs()]


def overdue(job, row, now=None):
    """True when ``job`` has not started within twice its period (or never)."""
    now = now or timezone.now()
    return row is None or row.started_at is None or now - row.started_at > 2 * job.period
