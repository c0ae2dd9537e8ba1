"""The ops system checks and the dashboard panel of the periodic jobs."""

import datetime as dt
import os
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from toasoan.ops import checks, jobs
from toasoan.ops.models import JobRun

REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def ids(messages):
    return [message.id for message in messages]


class TestProductionChecks:
    def test_a_per_process_cache_is_an_error(self, settings):
        settings.CACHES = {"default": LOCMEM, "pagecache": REDIS}
        found = checks.check_caches_shared()
        assert ids(found) == ["ops.E001"] and "'default'" in found[0].msg

    def test_an_unreachable_cache_is_an_error(self, settings):
        settings.CACHES = {
            "default": {**LOCMEM, "LOCATION": "ok"},
            "pagecache": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        }
        found = checks.check_caches_reachable()
        assert ids(found) == ["ops.E002"] and "'pagecache'" in found[0].msg

    def test_development_values_in_production_are_errors(self, settings):
        settings.SECRET_KEY = "dev-only-not-secret-9c1f0e"
        settings.ALLOWED_HOSTS = ["*"]
        settings.REDIS_URL = ""
        messages = [m.msg for m in checks.check_production_settings()]
        assert any("SECRET_KEY" in m for m in messages)
        assert any("ALLOWED_HOSTS" in m for m in messages)
        assert any("REDIS_URL" in m for m in messages)
        assert any("PostgreSQL" in m for m in messages) or "postgresql" in str(
            settings.DATABASES["default"]["ENGINE"]
        )

    def test_a_complete_production_configuration_passes(self, settings):
        settings.SECRET_KEY = "x" * 50
        settings.ALLOWED_HOSTS = ["bqlkcn.example.vn"]
        settings.REDIS_URL = "redis://127.0.0.1:6379/0"
        engine = {"ENGINE": "django.db.backends.postgresql"}
        with mock.patch.dict(settings.DATABASES["default"], engine):
            assert checks.check_production_settings() == []

    def test_the_production_checks_run_only_with_deploy(self, settings):
        from django.core.checks import run_checks

        settings.CACHES = {"default": LOCMEM, "pagecache": LOCMEM}
        assert "ops.E001" not in ids(run_checks(tags=["caches"]))
        assert "ops.E001" in ids(run_checks(tags=["caches"], include_deployment_checks=True))


class TestPathCheck:
    def test_a_path_that_cannot_be_written_is_an_error(self, settings, tmp_path):
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            settings.MEDIA_ROOT = str(locked / "media")
            settings.STATIC_ROOT = str(tmp_path / "static-not-yet-there")
            found = checks.check_writable_paths()
        finally:
            locked.chmod(0o700)
        if os.geteuid() == 0:  # root writes anywhere: nothing to refuse
            assert found == []
        else:
            assert ids(found) == ["ops.E004"] and "MEDIA_ROOT" in found[0].msg

    def test_a_file_where_a_directory_should_be_is_an_error(self, settings, tmp_path):
        (tmp_path / "media").write_text("not a directory")
        settings.MEDIA_ROOT = str(tmp_path / "media")
        assert ids(checks.check_writable_paths()) == ["ops.E004"]


@pytest.mark.django_db
class TestJobHeartbeatCheck:
    @pytest.fixture(autouse=True)
    def _one_job(self, settings):
        settings.DEBUG = False
        saved = dict(jobs._REGISTRY)
        jobs._REGISTRY.clear()
        jobs.register_job(lambda: None, every_seconds=60, name="ops.test")
        yield
        jobs._REGISTRY.clear()
        jobs._REGISTRY.update(saved)

    def test_a_job_that_never_ran_is_reported(self):
        found = checks.check_job_heartbeats()
        assert ids(found) == ["ops.W001"] and "ops.test" in found[0].msg
        assert "last start: never" in found[0].msg

    def test_a_job_within_twice_its_period_is_fine_and_a_late_one_is_reported(self):
        jobs.run_due_jobs()
        assert checks.check_job_heartbeats() == []
        JobRun.objects.filter(name="ops.test").update(
            started_at=timezone.now() - dt.timedelta(seconds=121)
        )
        assert ids(checks.check_job_heartbeats()) == ["ops.W001"]

    def test_development_servers_are_not_nagged(self, settings):
        settings.DEBUG = True
        assert checks.check_job_heartbeats() == []

    def test_reported_by_check_deploy_not_by_every_command(self):
        from django.core.checks import run_checks

        assert "ops.W001" not in ids(run_checks())
        assert "ops.W001" in ids(run_checks(include_deployment_checks=True))


@pytest.mark.django_db
class TestDashboardPanel:
    def test_superusers_see_each_job_and_its_last_run(self, client):
        call_command("jobs", only=["comments.purge_ip_hashes"])
        admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mk")
        client.force_login(admin)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Tác vụ định kỳ" in html
        row = html.split('data-job="comments.purge_ip_hashes"', 1)[1].split("</tr>", 1)[0]
        assert "Thành công" in row and "3600 giây" in row
        late = html.split('data-job="newsroom.publish_scheduled"', 1)[1].split("</tr>", 1)[0]
        assert "Chưa chạy lần nào" in late and "Quá hạn" in late

    def test_editors_do_not_see_it(self, client):
        from django.contrib.auth.models import Permission

        editor = get_user_model().objects.create_user("bientap", "bt@example.vn", "mk")
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert "data-ops-jobs" not in response.content.decode()
