"""Errors reveal nothing; production settings cannot run with DEBUG or without secrets."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import TestCase, override_settings

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 50,
    "ALLOWED_HOSTS": "example.vn",
    "DATABASE_URL": "postgres://toasoan@127.0.0.1:5432/toasoan",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _production(code, **env):
    """Run ``code`` after importing the production settings in a clean interpreter."""
    environ = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    environ.update(env)
    script = "import toasoan.settings.production as s\n" + code
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


class TestProductionSettings(TestCase):
    def test_debug_from_the_environment_is_ignored(self):
        for value in ("1", "True", "true", "on"):
            with self.subTest(DEBUG=value):
                result = _production(
                    "print('DEBUG', s.DEBUG)",
                    **PRODUCTION_ENV,
                    DEBUG=value,
                    DJANGO_DEBUG=value,
                )
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("DEBUG False", result.stdout)

    def test_missing_secret_key_stops_with_a_clear_message(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
        result = _production("print('started')", **env)
        self.assertNotEqual(result.returncode, 0)
        self.assertNotIn("started", result.stdout)
        self.assertIn("ImproperlyConfigured", result.stderr)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_blank_secret_key_is_refused_too(self):
        result = _production("print('started')", **{**PRODUCTION_ENV, "SECRET_KEY": "   "})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_missing_allowed_hosts_is_refused(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
        result = _production("print('started')", **env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ALLOWED_HOSTS", result.stderr)

    def test_cookies_and_transport_are_hardened(self):
        result = _production(
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
            " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS)",
            **PRODUCTION_ENV,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split(), ["True", "True", "True", "True", "True", "DENY"])


@override_settings(ROOT_URLCONF="toasoan.security.tests.urls_boom", DEBUG=False)
class TestErrorPages(TestCase):
    def test_500_page_is_vietnamese_and_reveals_nothing(self):
        self.client.raise_request_exception = False
        response = self.client.get("/loi-thu/")
        self.assertEqual(response.status_code, 500)
        text = response.content.decode()
        self.assertIn("Hệ thống đang gặp sự cố", text)
        for leak in (
            "chuoi-bi-mat",
            "RuntimeError",
            "Traceback",
            "/srv/",
            "settings.py",
            "urls_boom",
            "boom",
        ):
            self.assertNotIn(leak, text)

    def test_404_page_is_vietnamese_and_does_not_echo_the_path(self):
        response = self.client.get("/khong-co/<script>alert(1)</script>/")
        self.assertEqual(response.status_code, 404)
        text = response.content.decode()
        self.assertIn('lang="vi"', text)
        self.assertNotIn("<script>alert(1)</script>", text)
        self.assertNotIn("Traceback", text)
        self.assertNotIn("urlpatterns", text)
