import threading
import time

import pytest
from django.core.cache import cache

from toasoan.ops import jobs


@pytest.fixture(autouse=True)
def _clean_registry():
    saved = dict(jobs._REGISTRY)
    saved_defaults = list(jobs.DEFAULT_JOBS)
    jobs._REGISTRY.clear()
    jobs.DEFAULT_JOBS[:] = []
    cache.clear()
    yield
    jobs._REGISTRY.clear()
    jobs._REGISTRY.update(saved)
    jobs.DEFAULT_JOBS[:] = saved_defaults
    cache.clear()


class TestRegistry:
    def test_a_job_runs_once_per_period(self):
        calls = []
        jobs.register_job(lambda: calls.append(1), every_seconds=30, name="count")
        assert jobs.run_due_jobs(now=1000.0) == {"count": "ran"}
        assert jobs.run_due_jobs(now=time.time() + 10) == {"count": "skipped"}
        assert jobs.run_due_jobs(now=time.time() + 31) == {"count": "ran"}
        assert len(calls) == 2

    def test_a_failing_job_is_logged_and_does_not_stop_the_others(self, caplog):
        calls = []

        def broken():
            raise RuntimeError("hỏng")

        jobs.register_job(broken, every_seconds=5, name="broken")
        jobs.register_job(lambda: calls.append(1), every_seconds=5, name="fine")
        assert jobs.run_due_jobs() == {"broken": "failed", "fine": "ran"}
        assert calls == [1]
        assert "periodic job broken failed" in caplog.text

    def test_a_dotted_path_that_does_not_import_is_skipped_with_a_warning(self, caplog):
        jobs.register_job("toasoan.khong_ton_tai.job", every_seconds=30)
        assert jobs.run_due_jobs() == {"toasoan.khong_ton_tai.job": "failed"}
        assert "cannot import" in caplog.text

    def test_default_jobs_include_scheduled_publishing(self):
        jobs.DEFAULT_JOBS[:] = [("toasoan.newsroom.scheduler.run_due_publishing", 30)]
        names = [job.name for job in jobs.registered_jobs()]
        assert names == ["toasoan.newsroom.scheduler.run_due_publishing"]

    def test_period_below_one_second_is_refused(self):
        with pytest.raises(ValueError, match="at least 1"):
            jobs.register_job(print, every_seconds=0)

    def test_concurrent_runners_run_the_job_once(self):
        calls = []

        def slow():
            calls.append(1)
            time.sleep(0.3)

        jobs.register_job(slow, every_seconds=60, name="slow")
        outcomes = []
        threads = [
            threading.Thread(target=lambda: outcomes.append(jobs.run_due_jobs()["slow"]))
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert calls == [1]
        assert sorted(outcomes) == ["ran", "skipped", "skipped", "skipped"]
