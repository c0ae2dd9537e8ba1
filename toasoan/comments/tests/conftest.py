import pytest
from altcha import Challenge, Payload, solve_challenge
from django.core.cache import cache
from django.urls import reverse

from toasoan.news.tests.factories import make_article, make_home, make_section

# A cheap proof of work keeps the suite fast; the algorithm and checks are the real ones.
CHEAP_ALTCHA = {"algorithm": "PBKDF2/SHA-256", "cost": 10, "key_prefix": "0"}


@pytest.fixture(autouse=True)
def _comments_settings(settings):
    settings.TOASOAN_BOTCHECK = {"ALTCHA_CHALLENGE": CHEAP_ALTCHA}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def section(db):
    return make_section(make_home())


@pytest.fixture
def article(section):
    return make_article(section, title="Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất")


def solve_altcha(client):
    """Fetch a challenge like the widget does and solve it in Python."""
    challenge = Challenge.from_dict(client.get(reverse("comments:challenge")).json())
    return Payload(challenge, solve_challenge(challenge)).to_base64()


def comment_data(client, **overrides):
    data = {
        "name": "Nguyễn Văn An",
        "email": "an@example.com",
        "body": "Bài viết rất hay, cảm ơn tòa soạn.",
        "altcha": solve_altcha(client),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post_json(client, page, data, **extra):
    return client.post(
        reverse("comments:form", args=[page.pk]), data, HTTP_ACCEPT="application/json", **extra
    )
