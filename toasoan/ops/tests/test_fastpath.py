"""The page-cache front in toasoan.ops.wsgi: memory hits, misses, bypasses, invalidation."""

import datetime as dt
import io
import os
import subprocess
import sys
import time
import zoneinfo

import pytest
import time_machine
from django.test import Client

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops import cachetags, pagecache

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def environ(path, method="GET", **extra):
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **extra,
    }


class Django:
    """Stands in for Django behind the front and records what reached it."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from django"]


def call(app, env):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(env, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def page(pagecache_on):
    home = make_home()
    article = make_article(make_section(home), title="Mưa lớn ở Huế, nước sông Hương lên nhanh")
    Client().get(home.url)  # the first render creates the site settings rows
    return article


def front(**kwargs):
    from toasoan.ops.wsgi import PageCacheApp

    django = Django()
    return PageCacheApp(django, **kwargs), django


class TestHits:
    def test_a_stored_page_is_kept_in_memory_and_served_without_the_shared_cache(self, page):
        body = Client().get(page.url).content  # stored by PageCacheMiddleware
        app, django = front()
        status, headers, first = call(app, environ(page.url))
        assert (status, headers[pagecache.HEADER], first) == ("200 OK", "hit", body)
        assert headers["Content-Length"] == str(len(body))
        # Gone from the shared cache (tag versions unchanged): the next hit can only come
        # from this process's memory.
        from django.utils import timezone

        url = pagecache.environ_url(environ(page.url))
        app.cache.delete(pagecache.url_key(url, timezone.localdate().isoformat()))
        status, headers, second = call(app, environ(page.url))
        assert (headers[pagecache.HEADER], second) == ("hit", body)
        assert django.calls == []
        assert len(app.memory) == 1

    def test_head_gets_the_headers_and_no_body(self, page):
        body = Client().get(page.url).content
        app, django = front()
        status, headers, empty = call(app, environ(page.url, method="HEAD"))
        assert (status, empty, headers["Content-Length"]) == ("200 OK", b"", str(len(body)))
        assert django.calls == []


class TestWhatGoesToDjango:
    def test_a_page_not_stored_yet_is_a_miss(self, page):
        app, django = front()
        assert call(app, environ(page.url))[2] == b"from django"
        assert django.calls == [("GET", page.url)]

    @pytest.mark.parametrize(
        "extra",
        [
            {"HTTP_COOKIE": "csrftoken=abc; sessionid=staff"},
            {"HTTP_COOKIE": "messages=x"},
            {"HTTP_AUTHORIZATION": "Basic eDp5"},
            {"REQUEST_METHOD": "POST"},
            {"PATH_INFO": "/quan-tri/"},
        ],
    )
    def test_staff_credentials_writes_and_the_admin_always_reach_django(self, page, extra):
        Client().get(page.url)
        app, django = front()
        assert call(app, environ(page.url))[1][pagecache.HEADER] == "hit"  # now in memory
        env = environ(page.url)
        env.update(extra)
        assert call(app, env)[2] == b"from django"
        assert len(django.calls) == 1

    def test_a_reader_cookie_alone_is_still_served_from_the_cache(self, page):
        Client().get(page.url)
        app, django = front()
        _, headers, _ = call(app, environ(page.url, HTTP_COOKIE="csrftoken=abc; _ga=1"))
        assert headers[pagecache.HEADER] == "hit"
        assert django.calls == []

    def test_an_edit_retires_the_copy_in_memory_at_once(self, page):
        Client().get(page.url)
        app, django = front()
        call(app, environ(page.url))
        page.title = "Nước sông Hương đã rút"
        page.save_revision().publish()
        assert call(app, environ(page.url))[2] == b"from django"
        assert len(app.memory) == 0
        # Django (the test client) renders and stores the new page; the front serves it.
        assert "Nước sông Hương đã rút" in Client().get(page.url).content.decode()
        _, headers, body = call(app, environ(page.url))
        assert headers[pagecache.HEADER] == "hit"
        assert "Nước sông Hương đã rút" in body.decode()

    def test_the_date_turns_over_at_local_midnight(self, page):
        url = page.get_site().root_page.url  # the home page, which exists on both days
        app, django = front()
        with time_machine.travel(dt.datetime(2026, 7, 3, 23, 59, 30, tzinfo=HCM), tick=False):
            assert "ngày 3 tháng 7 năm 2026" in Client().get(url).content.decode()
            assert call(app, environ(url))[1][pagecache.HEADER] == "hit"
        with time_machine.travel(dt.datetime(2026, 7, 4, 0, 0, 30, tzinfo=HCM), tick=False):
            assert call(app, environ(url))[2] == b"from django"
        assert django.calls == [("GET", url)]


class TestMemoryBound:
    def test_least_recently_used_pages_leave_first_and_the_size_stays_bounded(self):
        from toasoan.ops.wsgi import MemoryPages

        memory = MemoryPages(max_bytes=8000)
        for name in "abcdefgh":
            memory.put(name, ("g", "200 OK", [], b"x" * 1000))
        assert memory.size == 8000
        assert memory.get("a") is not None  # a is now the most recently used
        memory.put("i", ("g", "200 OK", [], b"x" * 1000))
        assert memory.get("b") is None
        assert all(memory.get(k) for k in "acdefghi")
        assert memory.size == 8000
        memory.put("huge", ("g", "200 OK", [], b"x" * 1001))  # > 1/8 of the budget: not kept
        assert memory.get("huge") is None
        assert memory.size == 8000
        memory.discard("c", memory.get("c"))
        assert (memory.get("c"), memory.size, len(memory)) == (None, 7000, 7)


class TestFileTagVersions:
    def test_a_bump_in_one_process_is_seen_by_another_within_a_second(self, tmp_path):
        reader = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [
                sys.executable,
                "-c",
                "import sys, time\n"
                "from toasoan.ops.cachetags import FileTagVersions\n"
                "store = FileTagVersions(sys.argv[1])\n"
                "first = store.read(('page:1',)); print(first[0], flush=True)\n"
                "deadline = time.monotonic() + 10\n"
                "while store.read(('page:1',)) == first and time.monotonic() < deadline:\n"
                "    time.sleep(0.001)\n"
                "print(store.read(('page:1',))[0], flush=True)\n",
                str(tmp_path),
            ],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.test"},
        )
        first = reader.stdout.readline().strip()
        store = cachetags.FileTagVersions(tmp_path)
        assert str(store.read(("page:1",))[0]) == first  # both processes map the same file
        bumped_at = time.monotonic()
        version = store.bump(("page:1",))
        second = reader.stdout.readline().strip()
        seen_after = time.monotonic() - bumped_at
        reader.wait(timeout=10)
        assert second == str(version) != first
        assert seen_after < 1.0

    def test_a_bump_moves_only_the_tags_it_names(self, tmp_path):
        store = cachetags.FileTagVersions(tmp_path)
        tags = ("page:1", "page:2", "comments:1")
        assert len({store.slot(t) for t in tags}) == 3
        before = store.read(tags)
        store.bump(("page:2",))
        after = store.read(tags)
        assert (after[0], after[2]) == (before[0], before[2])
        assert after[1] != before[1]

    def test_a_deleted_versions_file_is_recreated(self, tmp_path):
        store = cachetags.FileTagVersions(tmp_path)
        before = store.read(("page:1",))
        os.unlink(store.path)
        other = cachetags.FileTagVersions(tmp_path)
        after = other.read(("page:1",))
        assert after != before
        store._checked -= store.RECHECK_SECONDS  # as if a second had passed
        assert store.read(("page:1",)) == after


@pytest.fixture
def file_pagecache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "toasoan.ops.filecache.PageFileCache",
            "LOCATION": str(tmp_path / "pagecache"),
        },
    }
    settings.TOASOAN_PAGECACHE = {"ENABLED": True, "TIMEOUT": 300}
    return tmp_path / "pagecache"


SECOND_PROCESS = """
import io, os, sys
from toasoan.ops.wsgi import PageCacheApp
def django(environ, start_response):
    start_response("200 OK", [])
    return [b"django"]
app = PageCacheApp(django)
for line in sys.stdin:
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": line.strip(), "QUERY_STRING": "",
           "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
           "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO()}
    seen = {}
    body = b"".join(app(env, lambda s, h, e=None: seen.update(dict(h))))
    print(seen.get("X-Page-Cache", "django"), len(body), flush=True)
"""


class TestEmbeddedFileCacheAcrossProcesses:
    def test_a_second_process_serves_the_page_and_sees_the_edit_within_a_second(
        self, file_pagecache, tmp_path
    ):
        home = make_home()
        article = make_article(make_section(home), title="Cầu Thuận Phước thông xe")
        Client().get(home.url)
        assert "Cầu Thuận Phước" in Client().get(article.url).content.decode()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
            "TOASOAN_VAR_DIR": str(tmp_path),
        }
        env.pop("REDIS_URL", None)
        other = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", SECOND_PROCESS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:

            def ask():
                other.stdin.write(article.url + "\n")
                other.stdin.flush()
                return other.stdout.readline().split()[0]

            assert ask() == "hit"  # stored by this process, served from the file by the other
            assert ask() == "hit"  # and now from its memory
            article.title = "Cầu Thuận Phước tạm đóng"
            article.save_revision().publish()
            edited_at = time.monotonic()
            while ask() == "hit":
                assert time.monotonic() - edited_at < 1.0, "the other process served a stale page"
            assert time.monotonic() - edited_at < 1.0
        finally:
            other.stdin.close()
            other.wait(timeout=10)


@pytest.fixture
def redis_pagecache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "toasoan.ops.cache.SafeRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": f"fastpath-test-{os.getpid()}-{time.monotonic_ns()}",
        },
    }
    settings.TOASOAN_PAGECACHE = {"ENABLED": True, "TIMEOUT": 60}
    yield
    from django.core.cache import caches

    caches["pagecache"].clear()


@pytest.mark.redis
class TestRedisFront:
    def test_memory_hits_follow_the_generation_in_redis(self, redis_pagecache):
        from django.core.cache import caches

        home = make_home()
        article = make_article(make_section(home), title="Sạt lở ở Quảng Nam")
        Client().get(home.url)
        body = Client().get(article.url).content
        app, django = front()
        assert call(app, environ(article.url))[2] == body  # MGET from Redis
        assert call(app, environ(article.url))[2] == body  # memory, checked by one GET
        assert django.calls == []
        # Another process (another client) bumps an unrelated tag: still a memory hit.
        other = caches.create_connection("pagecache")
        cachetags.bump(other, [cachetags.comments(article.pk + 1000)])
        assert call(app, environ(article.url))[2] == body
        assert django.calls == []
        # ... then this article's comments: seen on the next request.
        cachetags.bump(other, [cachetags.comments(article.pk)])
        assert call(app, environ(article.url))[2] == b"from django"

    def test_redis_down_sends_every_request_to_django(self, settings, pagecache_on):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        settings.CACHES = {
            **settings.CACHES,
            "pagecache": {
                "BACKEND": "toasoan.ops.cache.SafeRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
            },
        }
        app, django = front()
        for _ in range(2):
            assert call(app, environ("/bat-ky/"))[2] == b"from django"
        assert len(django.calls) == 2
