import pytest
from django.core.cache import cache

# A cheap proof of work keeps the suite fast; the algorithm and checks are the real ones.
CHEAP_ALTCHA = {"algorithm": "PBKDF2/SHA-256", "cost": 10, "key_prefix": "0"}


@pytest.fixture(autouse=True)
def _botcheck_settings(settings):
    settings.TOASOAN_BOTCHECK = {"ALTCHA_CHALLENGE": CHEAP_ALTCHA}
    cache.clear()
    yield
    cache.clear()
