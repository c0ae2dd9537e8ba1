"""Publishing on time: run Wagtail's scheduled publishing exactly once across processes.

``run_due_publishing()`` publishes every revision whose approved go-live time has passed and
unpublishes every live object whose expiry has passed (pages, announcements included, and
any snippet with draft state), by calling Wagtail's own ``publish_scheduled`` command.

Several processes may call it at the same moment (``make run`` runs it every 30 s in a
thread of each app process; production runs it from a systemd timer). The work happens only
in the process that takes a lock row in the database:

* an ``UPDATE … WHERE name = ? AND (expires_at IS NULL OR expires_at < now)`` on one
  ``SchedulerLock`` row is atomic on SQLite and on PostgreSQL, so exactly one caller sees
  "1 row updated"; the others return at once without waiting;
* the lock carries an expiry, so a process killed mid-run frees it after ``LOCK_TTL``;
* the database (not Redis or a file) is the one thing every app process already shares.

Publishing an already published revision is a no-op in Wagtail (the revision's
``approved_go_live_at`` is cleared when it is published), so a run that overlaps a stale lock
cannot publish twice either.
"""

import datetime as dt
import logging
import os
import socket
import uuid

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

LOCK_NAME = "publish_scheduled"
LOCK_TTL = dt.timedelta(minutes=5)


def _owner():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lock(name, ttl=LOCK_TTL):
    """Take the named lock for `ttl`; return an owner token, or None if someone holds it."""
    from .models import SchedulerLock

    now = timezone.now()
    owner = _owner()
    try:
        with transaction.atomic():
            SchedulerLock.objects.get_or_create(name=name)
    except IntegrityError:
        pass  # another process created the row between our SELECT and INSERT
    taken = (
        SchedulerLock.objects.filter(name=name)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__lt=now))
        .update(owner=owner, expires_at=now + ttl)
    )
    return owner if taken == 1 else None


def release_lock(name, owner):
    from .models import SchedulerLock

    SchedulerLock.objects.filter(name=name, owner=owner).update(
        expires_at=None, last_run_at=timezone.now()
    )


def run_due_publishing():
    """Publish and unpublish everything that is due, unless another process is doing it.

    Returns True when this call did the work, False when another process held the lock or
    the run failed (the failure is logged with its traceback). Takes no arguments and never
    raises, so a periodic runner thread can call it as it is and keep running.
    """
    try:
        return publish_due()
    except Exception:
        logger.exception("scheduled publishing failed; the next run will try again")
        return False


def publish_due():
    """Like run_due_publishing(), but errors propagate (for the management command)."""
    owner = acquire_lock(LOCK_NAME)
    if owner is None:
        logger.debug("scheduled publishing skipped: another process holds the lock")
        return False
    try:
        call_command("publish_scheduled", verbosity=0)
    finally:
        release_lock(LOCK_NAME, owner)
    return True
