"""Project-wide pytest set-up shared by every app's tests."""

import os

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls
# unless told the thread is safe (it is: one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Debian's Chromium: `playwright install` downloads a browser and cannot work offline.
CHROMIUM = os.environ.get("TOASOAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

try:
    import pytest

    @pytest.fixture(scope="session")
    def browser_type_launch_args(browser_type_launch_args):
        return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}

except ImportError:  # pragma: no cover - pytest is always there when conftest is read
    pass


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Skip service-backed tests loudly, never silently, when the service is not running;
    then restore Django's test order (see ``_django_order_last``)."""
    _django_order_last(items)
    missing = {
        "postgres": os.environ.get("TOASOAN_PG_OK", "1") != "1",
        "redis": os.environ.get("TOASOAN_REDIS_OK", "1") != "1",
    }
    for item in items:
        for marker, absent in missing.items():
            if absent and item.get_closest_marker(marker):
                item.add_marker(
                    pytest.mark.skip(reason=f"{marker} is not running on this machine (SKIPPED)")
                )


def _django_order_last(items):
    """Run pytest-django's ordering again after pytest's fixture-based regrouping.

    pytest groups tests that share parametrised higher-scoped fixtures (Playwright's browser)
    *after* pytest-django has put database tests before transactional ones; transactional
    tests flush the database (Wagtail's root page and collection included), so a TestCase
    that runs after them finds no tree. Re-sorting with pytest-django's own key restores
    Django's order: TestCase and db tests, then transactional tests, then the rest.
    """
    from pytest_django.plugin import pytest_collection_modifyitems as django_order

    django_order(items)
