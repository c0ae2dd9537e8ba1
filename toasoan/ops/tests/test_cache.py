import socket

import pytest
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from toasoan.ops.cache import SafeRedisCache


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens once the socket is closed


@pytest.fixture
def dead_cache():
    return SafeRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})


class TestSafeRedisCacheWithRedisDown:
    def test_reads_answer_like_an_empty_cache(self, dead_cache, caplog):
        assert dead_cache.get("khoa", "mặc định") == "mặc định"
        assert dead_cache.get_many(["a", "b"]) == {}
        assert dead_cache.has_key("a") is False
        assert "Redis cache unavailable" in caplog.text

    def test_writes_do_not_raise(self, dead_cache):
        dead_cache._down_until = 0.0
        assert dead_cache.set("a", 1, DEFAULT_TIMEOUT) is None
        dead_cache._down_until = 0.0
        assert dead_cache.delete("a") is False
        dead_cache._down_until = 0.0
        # Locks and replay checks become best effort rather than refusing everybody.
        assert dead_cache.add("lock", 1) is True

    def test_after_a_failure_it_stops_trying_for_a_while(self, dead_cache, monkeypatch):
        dead_cache.get("a")
        assert dead_cache.is_down

        def boom(*args, **kwargs):
            raise AssertionError("should not reach Redis while it is marked down")

        monkeypatch.setattr("django.core.cache.backends.redis.RedisCache.get", boom)
        assert dead_cache.get("a", 7) == 7


@pytest.mark.django_db
class TestPagesWithRedisDown:
    def test_pages_are_served_uncached_and_nothing_fails(self, client, settings):
        from toasoan.news.tests.factories import make_article, make_home, make_section

        dead = {"BACKEND": "toasoan.ops.cache.SafeRedisCache"}
        dead["LOCATION"] = f"redis://127.0.0.1:{closed_port()}/0"
        settings.CACHES = {**settings.CACHES, "default": dead, "pagecache": dict(dead)}
        settings.TOASOAN_PAGECACHE = {"ENABLED": True}
        article = make_article(make_section(make_home()), title="Bão số 9 đổ bộ")
        for _ in range(3):
            response = client.get(article.url)
            assert response.status_code == 200
            assert "Bão số 9 đổ bộ" in response.content.decode()
            assert response["X-Page-Cache"] != "hit"
        health = client.get("/healthz")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded"
        assert client.get("/healthz?strict=1").status_code == 503
