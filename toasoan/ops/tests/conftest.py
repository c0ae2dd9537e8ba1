import itertools

import pytest

_n = itertools.count()


@pytest.fixture
def pagecache_on(settings):
    """The page cache switched on, in a LocMem cache of its own for this test."""
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ops-test-{next(_n)}",
        },
    }
    settings.TOASOAN_PAGECACHE = {"ENABLED": True, "TIMEOUT": 300}
    return settings
