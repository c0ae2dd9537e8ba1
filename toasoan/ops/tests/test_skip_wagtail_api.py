"""The app server's Django starts without Wagtail's API v3 (ops/skip_wagtail_api.py) and is
otherwise the same: every app got ready, and the stand-ins are gone afterwards."""

import os
import subprocess
import sys

PROBE = """
import sys
import toasoan.ops.wsgi
from toasoan.ops import skip_wagtail_api
from wagtail.admin.forms.models import registry
from toasoan.news.models import ArticlePage

loaded = sorted(m for m in ("ninja", "pydantic") if m in sys.modules)
left = sorted(name for name in skip_wagtail_api._stand_ins() if name in sys.modules)
# Wagtail's images app still ran the rest of its ready(): the chooser widget override.
override = registry.get(ArticlePage._meta.get_field("featured_image"))
import wagtail.api.v3.api  # a real import still works once Django is set up
print(loaded, left, bool(override), type(wagtail.api.v3.api.api).__name__)
"""


def test_workers_skip_api_v3_and_nothing_else():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.test"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["[]", "[]", "True", "NinjaAPI"], done.stdout


def test_stand_ins_leave_modules_imported_for_real_alone():
    from toasoan.ops.skip_wagtail_api import without_wagtail_api_v3

    sentinel = object()
    sys.modules["wagtail.contrib.redirects.api.v3"], saved = (
        sentinel,
        sys.modules.get("wagtail.contrib.redirects.api.v3"),
    )
    try:
        with without_wagtail_api_v3():
            assert sys.modules["wagtail.contrib.redirects.api.v3"] is sentinel
        assert sys.modules["wagtail.contrib.redirects.api.v3"] is sentinel
    finally:
        if saved is None:
            del sys.modules["wagtail.contrib.redirects.api.v3"]
        else:
            sys.modules["wagtail.contrib.redirects.api.v3"] = saved
