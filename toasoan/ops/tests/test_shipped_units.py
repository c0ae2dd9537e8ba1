"""Every periodic job runs under the units we ship, run as the units spell their commands.

The systemd timer starts toasoan-scheduler.service; its ExecStart is parsed here and run, and
the jobs' effects and heartbeats are asserted: scheduled publishing, the purge of hashed reader
IPs (the privacy promise of docs/comments.md) and the search recent-index refresh.
"""

import configparser
import datetime as dt
import shlex
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from toasoan.comments.models import Comment
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops.models import JobRun

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"


def unit(name):
    # systemd units are INI-like; keys repeat (ExecStartPre), so keep the last of each.
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def toasoan_argv(exec_start):
    """The management command of an ExecStart= line (what follows the `toasoan` program)."""
    argv = shlex.split(exec_start.replace("\\\n", " "))
    assert Path(argv[0]).name == "toasoan", exec_start
    return argv[1:]


class TestShippedUnits(TestCase):
    def test_the_timer_starts_the_jobs_service_every_30_seconds(self):
        timer = unit("toasoan-scheduler.timer")["Timer"]
        assert timer["Unit"] == "toasoan-scheduler.service"
        assert timer["OnUnitActiveSec"] == "30s"

    def test_the_app_server_leaves_the_jobs_to_the_timer(self):
        argv = toasoan_argv(unit("toasoan.service")["Service"]["ExecStart"])
        assert argv[0] == "serve" and "--no-scheduler" in argv

    def test_the_service_runs_every_job_ip_purge_and_index_refresh_included(self):
        old_ip, new_ip = "a" * 64, "b" * 64
        article = make_article(make_section(make_home()), title="Tin có bình luận")
        old = Comment.objects.create(page=article, name="A", body="cũ", ip_hash=old_ip)
        Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=90))
        new = Comment.objects.create(page=article, name="B", body="mới", ip_hash=new_ip)
        started = timezone.now()

        argv = toasoan_argv(unit("toasoan-scheduler.service")["Service"]["ExecStart"])
        call_command(*argv, stdout=StringIO())

        old.refresh_from_db()
        new.refresh_from_db()
        assert (old.ip_hash, new.ip_hash) == ("", new_ip)
        runs = {row.name: row for row in JobRun.objects.all()}
        for name in (
            "comments.purge_ip_hashes",
            "search.refresh_recent_index",
            "newsroom.publish_scheduled",
        ):
            assert runs[name].ok is True, (name, runs[name].error)
            assert runs[name].started_at >= started
            assert runs[name].finished_at >= runs[name].started_at
