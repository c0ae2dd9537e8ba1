"""Publishing on time: run Wagtail's scheduled publishing as a periodic job.

``publish_due()`` publishes every revision whose approved go-live time has passed and
unpublishes every live object whose expiry has passed (pages, announcements included, and
any snippet with draft state), by calling Wagtail's own ``publish_scheduled`` command.
NewsroomConfig.ready registers it as the job ``newsroom.publish_scheduled`` (every 30 s), so
it runs wherever ``toasoan jobs`` runs: the systemd timer in production, the child process of
``toasoan serve`` under ``make run``.

Several processes may run the jobs at the same moment. The job runner's lock row
(``toasoan.ops.jobs``, one conditional UPDATE, atomic on SQLite and PostgreSQL) lets exactly
one of them publish; the lock carries an expiry, so a process killed mid-run frees it.
Publishing an already published revision is a no-op in Wagtail (the revision's
``approved_go_live_at`` is cleared when it is published), so a run that overlaps a stale lock
cannot publish twice either.
"""

from django.core.management import call_command

JOB_NAME = "newsroom.publish_scheduled"
EVERY_SECONDS = 30


def publish_due():
    """Publish and unpublish everything that is due (errors propagate to the job runner)."""
    call_command("publish_scheduled", verbosity=0)


def run_due_publishing():
    """Run the publishing job now, unless another process is running it.

    Returns True when this call did the work, False when another process held the lock or
    the run failed (logged with its traceback, recorded in the job's heartbeat). Never raises.
    """
    from toasoan.ops.jobs import get_job, run_job

    return run_job(get_job(JOB_NAME), force=True) == "ran"
