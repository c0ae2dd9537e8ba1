"""The periodic jobs: registry, runner command, lock row and heartbeat."""

import datetime as dt
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from toasoan.ops import jobs
from toasoan.ops.models import JobRun


@pytest.fixture
def registry():
    """An empty registry for the test; the apps' own jobs come back afterwards."""
    saved = dict(jobs._REGISTRY)
    jobs._REGISTRY.clear()
    yield jobs._REGISTRY
    jobs._REGISTRY.clear()
    jobs._REGISTRY.update(saved)


def test_the_apps_register_their_jobs_in_ready():
    periods = {job.name: job.every_seconds for job in jobs.registered_jobs()}
    assert periods["newsroom.publish_scheduled"] == 30
    assert periods["comments.purge_ip_hashes"] == 3600
    assert periods["search.refresh_recent_index"] == 3600


class TestRegistry:
    def test_period_below_one_second_is_refused(self, registry):
        with pytest.raises(ValueError, match="at least 1"):
            jobs.register_job(print, every_seconds=0)

    def test_anything_but_a_function_or_a_dotted_path_is_refused(self, registry):
        with pytest.raises(TypeError, match="function or the dotted path"):
            jobs.register_job(42, every_seconds=60)

    def test_registering_a_name_again_replaces_it(self, registry):
        jobs.register_job(print, every_seconds=10, name="x")
        jobs.register_job(print, every_seconds=20, name="x")
        assert [(j.name, j.every_seconds) for j in jobs.registered_jobs()] == [("x", 20)]

    def test_an_unknown_name_is_a_clear_error(self, registry):
        jobs.register_job(print, every_seconds=10, name="x")
        with pytest.raises(LookupError, match="no periodic job named 'y'"):
            jobs.get_job("y")


@pytest.mark.django_db
class TestRunner:
    def test_a_job_runs_once_per_period_and_leaves_a_heartbeat(self, registry):
        calls = []
        jobs.register_job(lambda: calls.append(1), every_seconds=30, name="count")
        start = timezone.now()
        assert jobs.run_due_jobs(now=start) == {"count": "ran"}
        row = JobRun.objects.get(name="count")
        assert row.ok is True and row.error == "" and row.every_seconds == 30
        assert start <= row.started_at <= row.finished_at and row.locked_until is None
        assert jobs.run_due_jobs(now=start + dt.timedelta(seconds=10)) == {"count": "skipped"}
        assert jobs.run_due_jobs(now=start + dt.timedelta(seconds=31)) == {"count": "ran"}
        assert len(calls) == 2

    def test_force_ignores_the_period_but_not_the_lock(self, registry):
        jobs.register_job(lambda: None, every_seconds=3600, name="hourly")
        assert jobs.run_due_jobs() == {"hourly": "ran"}
        assert jobs.run_due_jobs(force=True) == {"hourly": "ran"}
        assert jobs.acquire_lock("hourly") is not None
        assert jobs.run_due_jobs(force=True) == {"hourly": "skipped"}

    def test_a_failing_job_is_recorded_and_does_not_stop_the_others(self, registry, caplog):
        calls = []

        def broken():
            raise RuntimeError("hỏng")

        jobs.register_job(broken, every_seconds=5, name="broken")
        jobs.register_job(lambda: calls.append(1), every_seconds=5, name="fine")
        assert jobs.run_due_jobs() == {"broken": "failed", "fine": "ran"}
        assert calls == [1]
        assert "periodic job broken failed" in caplog.text
        row = JobRun.objects.get(name="broken")
        assert row.ok is False and row.error == "RuntimeError: hỏng" and row.locked_until is None

    def test_a_dotted_path_is_imported_when_it_runs_and_a_bad_one_is_a_failed_run(
        self, registry, caplog
    ):
        jobs.register_job("toasoan.comments.jobs.purge_ip_hashes", every_seconds=60)
        jobs.register_job("toasoan.khong_ton_tai.job", every_seconds=60)
        assert jobs.run_due_jobs() == {
            "toasoan.comments.jobs.purge_ip_hashes": "ran",
            "toasoan.khong_ton_tai.job": "failed",
        }
        error = JobRun.objects.get(name="toasoan.khong_ton_tai.job").error
        assert "No module named 'toasoan.khong_ton_tai'" in error

    def test_the_lock_of_a_crashed_process_expires(self, registry):
        jobs.register_job(lambda: None, every_seconds=30, name="j")
        assert jobs.acquire_lock("j", ttl=jobs.LOCK_MIN_TTL) is not None
        assert jobs.acquire_lock("j") is None
        later = timezone.now() + jobs.LOCK_MIN_TTL + dt.timedelta(seconds=1)
        assert jobs.run_due_jobs(now=later, force=True) == {"j": "skipped"}  # lock read "now"
        JobRun.objects.filter(name="j").update(locked_until=timezone.now() - dt.timedelta(1))
        assert jobs.run_due_jobs(force=True) == {"j": "ran"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_runners_run_the_job_once(registry):
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.3)

    jobs.register_job(slow, every_seconds=60, name="slow")
    outcomes = []

    def run():
        try:
            outcomes.append(jobs.run_due_jobs()["slow"])
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert sorted(outcomes) == ["ran", "skipped", "skipped", "skipped"]


@pytest.mark.django_db
class TestCommand:
    def test_runs_the_due_jobs_and_lists_their_last_run(self, registry):
        calls = []
        jobs.register_job(lambda: calls.append(1), every_seconds=60, name="a")
        jobs.register_job(lambda: None, every_seconds=60, name="b")
        out = StringIO()
        call_command("jobs", verbosity=2, stdout=out)
        assert "a: ran" in out.getvalue() and "b: ran" in out.getvalue()
        call_command("jobs", only=["a"], force=True, stdout=StringIO())
        assert calls == [1, 1]
        out = StringIO()
        call_command("jobs", list=True, stdout=out)
        assert "a  every 60 s  last started" in out.getvalue()
        assert "OVERDUE" not in out.getvalue()

    def test_a_failed_job_makes_the_command_fail_for_systemd(self, registry):
        jobs.register_job(lambda: 1 / 0, every_seconds=60, name="bad")
        with pytest.raises(CommandError, match="periodic jobs failed: bad"):
            call_command("jobs", stdout=StringIO())

    def test_an_unknown_job_name_is_refused(self, registry):
        with pytest.raises(CommandError, match="no periodic job named 'nope'"):
            call_command("jobs", only=["nope"], stdout=StringIO())
