import os
import subprocess
import sys

import pytest

CHECK = "from django.conf import settings; settings.DATABASES; print('ok')"


def load_production(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="toasoan.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


GOOD = {
    "SECRET_KEY": "k" * 50,
    "ALLOWED_HOSTS": "tin.example.vn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/toasoan",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


class TestProductionSettingsRefuseToStart:
    @pytest.mark.parametrize("missing", sorted(GOOD))
    def test_each_required_variable_is_named_when_missing(self, missing):
        env = {k: v for k, v in GOOD.items() if k != missing}
        done = load_production(**env)
        assert done.returncode != 0
        assert f"Production settings need the environment variable {missing}" in done.stderr

    def test_the_toasoan_command_prints_the_message_without_a_traceback(self):
        # What an operator sees from `make prod` / `toasoan migrate` with a setting missing.
        env = {k: v for k, v in os.environ.items() if k not in GOOD}
        env.update(GOOD, DJANGO_SETTINGS_MODULE="toasoan.settings.production")
        del env["DATABASE_URL"]
        done = subprocess.run(
            [sys.executable, "-m", "toasoan.cli", "check"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2
        assert done.stderr.startswith("toasoan: configuration error: Production settings need")
        assert "DATABASE_URL" in done.stderr
        assert "Traceback" not in done.stderr

    def test_sqlite_is_refused_in_production(self):
        done = load_production(**{**GOOD, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
        assert done.returncode != 0
        assert "DATABASE_URL to point at PostgreSQL" in done.stderr

    def test_complete_environment_starts(self):
        done = load_production(**GOOD)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


HTTPS_PROBE = """
import django; django.setup()
from django.test import Client
client = Client(HTTP_HOST="tin.example.vn")
print(client.get("/").status_code, client.get("/healthz").status_code)
"""


def test_pages_redirect_to_https_but_the_health_probe_answers_over_http():
    env = {k: v for k, v in os.environ.items() if k not in GOOD}
    # A database that does not exist: the probe then answers 503 "down", never a redirect.
    env.update(
        GOOD, DJANGO_SETTINGS_MODULE="toasoan.settings.production", TOASOAN_LOG_FORMAT="plain"
    )
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:1/none"
    done = subprocess.run(
        [sys.executable, "-c", HTTPS_PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    home, health = done.stdout.split()[-2:]
    assert home == "301"
    assert health in ("200", "503")
