"""Test helpers shared by the citizens apps' tests (questions, contact, polls)."""

import pytest
from altcha import Challenge, Payload, solve_challenge
from django.core.cache import cache
from django.urls import reverse

# A cheap proof of work keeps the suite fast; the algorithm and checks are the real ones.
CHEAP_ALTCHA = {"algorithm": "PBKDF2/SHA-256", "cost": 10, "key_prefix": "0"}


@pytest.fixture(autouse=True)
def cheap_botcheck(settings):
    settings.TOASOAN_BOTCHECK = {"ALTCHA_CHALLENGE": CHEAP_ALTCHA}
    cache.clear()
    yield
    cache.clear()


def solve_altcha(client):
    """Fetch a challenge like the widget does and solve it in Python."""
    challenge = Challenge.from_dict(client.get(reverse("botcheck:challenge")).json())
    return Payload(challenge, solve_challenge(challenge)).to_base64()
