"""`make run`'s settings plus one URL that fails on purpose, for tests/test_run_mode.py."""

from toasoan.settings.dev import *  # noqa: F403

ROOT_URLCONF = "tests.run_mode_urls"
