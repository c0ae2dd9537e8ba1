"""Views are recorded where pages are served: Django misses and page-cache front hits."""

import io
import sys

import pytest
from django.test import Client

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.statistics import recorder

pytestmark = pytest.mark.django_db
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


@pytest.fixture
def pagecache_on(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "statistics-served",
        },
    }
    settings.TOASOAN_PAGECACHE = {"ENABLED": True, "TIMEOUT": 300}


def test_misses_and_front_hits_are_both_recorded(pagecache_on, spool):
    from toasoan.ops.wsgi import PageCacheApp

    home = make_home()
    article = make_article(make_section(home), title="Khánh thành nhà máy mới")
    Client().get(home.url)  # the first render creates the site settings rows
    recorder.spool.pending.clear()
    Client(HTTP_USER_AGENT=UA).get(article.url)  # rendered by Django, stored in the cache
    assert [key[0] for key in recorder.spool.pending] == [article.url]

    def django_app(environ, start_response):  # the front must answer without Django
        raise AssertionError("not a hit")

    front = PageCacheApp(django_app)
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": article.url,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": UA,
        "REMOTE_ADDR": "198.51.100.20",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    body = b"".join(front(env, lambda status, headers, exc_info=None: None))
    assert "Khánh thành nhà máy mới".encode() in body
    assert len(recorder.spool.pending) == 2  # a hit of another reader
    assert recorder.spool.flush() == 2
    recorder.spool.pending.clear()
