"""Publishing on time: go-live and expiry, exactly once, under frozen time and across processes."""

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import PageLogEntry

from toasoan.news.tests.factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
)
from toasoan.newsroom import scheduler
from toasoan.newsroom.dashboard import overdue_items
from toasoan.ops import jobs
from toasoan.ops.models import JobRun

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOON = dt.datetime(2026, 4, 30, 12, 0, tzinfo=HCM)


def schedule(page, go_live_at):
    """What the admin does when a publisher saves with a future go-live: a scheduled revision."""
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return revision


class TestLock(TestCase):
    """The job runs under the periodic jobs' lock row (toasoan/ops/jobs.py tests the lock)."""

    def test_publishing_is_a_registered_job_of_the_newsroom(self):
        job = jobs.get_job(scheduler.JOB_NAME)
        self.assertEqual((job.func, job.every_seconds), (scheduler.publish_due, 30))

    def test_run_is_skipped_while_another_process_holds_the_lock(self):
        jobs.acquire_lock(scheduler.JOB_NAME)
        out = StringIO()
        call_command("newsroom_publish_scheduled", stdout=out)
        self.assertFalse(scheduler.run_due_publishing())
        self.assertIn(f"{scheduler.JOB_NAME}: skipped", out.getvalue())

    def test_a_failing_run_is_logged_releases_the_lock_and_does_not_raise(self):
        from unittest import mock

        with (
            mock.patch.object(scheduler, "call_command", side_effect=RuntimeError("db gone")),
            self.assertLogs("toasoan.ops.jobs", "ERROR") as logs,
        ):
            self.assertFalse(scheduler.run_due_publishing())
        self.assertIn(f"periodic job {scheduler.JOB_NAME} failed", logs.output[0])
        self.assertEqual(JobRun.objects.get(name=scheduler.JOB_NAME).error, "RuntimeError: db gone")
        self.assertIsNotNone(jobs.acquire_lock(scheduler.JOB_NAME))

    def test_the_command_fails_loudly_for_systemd(self):
        from unittest import mock

        with mock.patch.object(scheduler, "call_command", side_effect=RuntimeError("db gone")):
            with self.assertRaisesMessage(CommandError, scheduler.JOB_NAME):
                call_command("newsroom_publish_scheduled", stdout=StringIO(), stderr=StringIO())


class TestScheduledPublishing(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOON - dt.timedelta(days=1), tick=False):
            cls.home = make_home()
            cls.section = make_section(cls.home, "Thời sự")
            cls.index = make_announcement_index(cls.home)

    def test_article_goes_live_within_a_run_after_its_time_and_not_before(self):
        with time_machine.travel(NOON - dt.timedelta(hours=1), tick=False):
            article = make_article(self.section, title="Tin hẹn giờ", live=False)
            schedule(article, NOON)
            self.assertFalse(article.live)
        with time_machine.travel(NOON - dt.timedelta(seconds=1), tick=False):
            scheduler.run_due_publishing()
            article.refresh_from_db()
            self.assertFalse(article.live)
        with time_machine.travel(NOON + dt.timedelta(seconds=30), tick=False):
            self.assertTrue(scheduler.run_due_publishing())
            article.refresh_from_db()
            self.assertTrue(article.live)
            self.assertEqual(self.client.get(article.url).status_code, 200)

    def test_publishing_happens_once_however_often_the_job_runs(self):
        with time_machine.travel(NOON - dt.timedelta(hours=1), tick=False):
            article = make_article(self.section, live=False)
            schedule(article, NOON)
        with time_machine.travel(NOON + dt.timedelta(minutes=1), tick=False):
            for _ in range(3):
                scheduler.run_due_publishing()
        entries = PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled")
        self.assertEqual(entries.count(), 1)

    def test_expired_announcement_is_unpublished(self):
        with time_machine.travel(NOON - dt.timedelta(hours=2), tick=False):
            notice = make_announcement(self.index, title="Lịch tiếp công dân")
            notice.expire_at = NOON
            notice.save_revision().publish()
            notice.refresh_from_db()
            self.assertTrue(notice.live)
        with time_machine.travel(NOON + dt.timedelta(seconds=20), tick=False):
            scheduler.run_due_publishing()
            notice.refresh_from_db()
            self.assertFalse(notice.live)
            self.assertTrue(notice.expired)

    def test_scheduled_announcement_goes_live(self):
        with time_machine.travel(NOON - dt.timedelta(hours=2), tick=False):
            notice = make_announcement(self.index, title="Thông báo nghỉ lễ")
            notice.unpublish()
            schedule(notice, NOON)
        with time_machine.travel(NOON + dt.timedelta(seconds=5), tick=False):
            scheduler.run_due_publishing()
            notice.refresh_from_db()
            self.assertTrue(notice.live)


class TestOverdueWarning(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOON - dt.timedelta(days=1), tick=False):
            cls.section = make_section(make_home(), "Thời sự")

    def test_missed_go_live_is_reported_after_the_grace_period_only(self):
        with time_machine.travel(NOON - dt.timedelta(hours=1), tick=False):
            article = make_article(self.section, title="Tin bị lỡ giờ", live=False)
            schedule(article, NOON)
        with time_machine.travel(NOON + dt.timedelta(seconds=30), tick=False):
            self.assertEqual(overdue_items(), [])
        with time_machine.travel(NOON + dt.timedelta(minutes=10), tick=False):
            kinds = [(kind, title) for kind, title, _when, _obj in overdue_items()]
            self.assertEqual(kinds, [("publish", "Tin bị lỡ giờ")])
            scheduler.run_due_publishing()
            self.assertEqual(overdue_items(), [])

    def test_dashboard_shows_the_warning(self):
        from django.urls import reverse

        from .helpers import make_user

        with time_machine.travel(NOON - dt.timedelta(hours=1), tick=False):
            article = make_article(self.section, title="Tin bị lỡ giờ", live=False)
            schedule(article, NOON)
        with time_machine.travel(NOON + dt.timedelta(minutes=10), tick=False):
            self.client.force_login(make_user("tbt2", "tongbientap"))
            response = self.client.get(reverse("wagtailadmin_home"))
            self.assertContains(response, "data-newsroom-overdue")
            self.assertContains(response, "Tin bị lỡ giờ")


_SETUP = (
    "import datetime as dt;from django.utils import timezone;"
    "from toasoan.news.tests.factories import *;"
    "from toasoan.newsroom.tests.helpers import ensure_wagtail_root;ensure_wagtail_root();"
    "a=make_article(make_section(make_home()),title='Tin đa tiến trình',live=False);"
    "a.go_live_at=timezone.now()+dt.timedelta(seconds=2);a.save_revision().publish();"
    "assert not a.live"
)
_COUNT = (
    "from wagtail.models import PageLogEntry;"
    "print(PageLogEntry.objects.filter(action='wagtail.publish.scheduled').count())"
)


@pytest.mark.django_db(transaction=True)
def test_several_processes_publish_a_scheduled_article_exactly_once():
    """Four `toasoan jobs` processes (the systemd unit's command) at once on one database:
    one publish.

    On PostgreSQL the processes share the test database; on SQLite (whose test database lives
    in memory) they share a migrated file of their own.
    """
    from django.db import connection

    base = Path(settings.BASE_DIR)
    manage = [sys.executable, str(base / "manage.py")]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.test"}
        env["TOASOAN_VAR_DIR"] = tmp
        env.pop("TEST_DATABASE_URL", None)
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/db.sqlite3"

        def run(*args):
            return subprocess.run(
                [*manage, *args], env=env, check=True, cwd=base, capture_output=True, text=True
            )

        if connection.vendor != "postgresql":
            run("migrate", "-v0")
        run("shell", "-c", _SETUP)
        time.sleep(2.5)  # let the go-live time pass for real: the processes are not frozen
        procs = [
            subprocess.Popen(
                [*manage, "jobs"],
                env=env,
                cwd=base,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(4)
        ]
        outputs = [proc.communicate(timeout=120) for proc in procs]
        assert all(proc.returncode == 0 for proc in procs), outputs
        assert run("shell", "-c", _COUNT).stdout.strip().splitlines()[-1] == "1"
