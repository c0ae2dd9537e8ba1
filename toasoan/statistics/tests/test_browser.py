"""At 390 px in Chromium: the footer counter and "Đọc nhiều" of a CACHED page show new views
once the aggregation job has run, without the page leaving the page cache.

Readers' views are recorded where pages are served (here PageCacheMiddleware, which answers the
cache hits of the live server); the test then runs what the job runner runs every 20 s (flush
of the worker's buffer, then ``aggregate``) instead of waiting, and reloads the cached page:
its HTML still carries the figures it was rendered with, and ``so-lieu.js`` replaces them with
the snapshot file the job wrote, well within the minute the issue allows.
"""

import itertools
import time
import types

import pytest
from playwright.sync_api import expect

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops.pagecache import HEADER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_n = itertools.count()
PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel {n}) AppleWebKit/537.36 Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def _wagtail_root(transactional_db):
    """Transactional tests flush every table, the root page and locale included."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def pagecache_on(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"statistics-browser-{next(_n)}",
        },
    }
    settings.TOASOAN_PAGECACHE = {"ENABLED": True, "TIMEOUT": 300}
    return settings


@pytest.fixture
def clock(monkeypatch):
    """The recorder's clock, moved 30 s on after each job run: instead of waiting for the
    spool segments to close, every run sees the views written since the last one closed."""
    from toasoan.statistics import recorder

    offset = [0.0]
    fake = types.SimpleNamespace(time=lambda: time.time() + offset[0], sleep=time.sleep)
    monkeypatch.setattr(recorder, "time", fake)
    return offset


def _run_the_job(clock):
    """What the job runner does every 20 s (the worker's flush, then the aggregation)."""
    from toasoan.statistics import aggregate, recorder

    recorder.spool.flush()
    added = aggregate.aggregate(time.time() + clock[0] + 2 * recorder.SEGMENT_SECONDS + 1)
    clock[0] += 3 * recorder.SEGMENT_SECONDS
    return added


def _load(browser, url, n):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, user_agent=PHONE.format(n=n)
    )
    page = context.new_page()
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, response


def test_counter_of_a_cached_page_refreshes_after_the_job(
    browser, live_server, pagecache_on, spool, clock
):
    from toasoan.statistics.models import PageViewDay

    home = make_home()
    section = make_section(home, title="Khu công nghiệp")
    article = make_article(section, title="Khánh thành nhà máy điện mặt trời")
    url = live_server.url + article.url
    # Fill the cache (twice: the very first render creates the site settings rows, a write
    # that retires what was cached before it), then count those views and start from there.
    for n in (1, 2):
        context, _, _ = _load(browser, live_server.url + home.url, n)
        context.close()
        context, _, _ = _load(browser, url, n)
        context.close()
    _run_the_job(clock)
    before = sum(PageViewDay.objects.values_list("views", flat=True))
    assert before >= 2

    # Five more readers (distinct phones) read the cached article.
    for n in range(10, 15):
        context, _, response = _load(browser, url, n)
        assert response.headers.get(HEADER.lower()) == "hit"
        context.close()
    assert _run_the_job(clock) == 5
    assert PageViewDay.objects.get(path=article.url).views >= 5

    # The next reader gets the same cached HTML (old figures inside); the script shows the
    # snapshot the job just wrote: total, today, "online now" and the most-read list.
    context, page, response = _load(browser, url, 20)
    assert response.headers.get(HEADER.lower()) == "hit"
    total = f"{before + 5:,}".replace(",", ".")
    assert f'data-stat="total">{total}<' not in response.text()  # the HTML has older figures
    expect(page.locator('[data-stat="total"]')).to_have_text(total, timeout=10_000)
    expect(page.locator('[data-stat="today"]')).to_have_text(total)
    expect(page.locator('[data-stat="online"]')).not_to_have_text("0")
    most_read = page.locator("[data-most-read] ol li").first
    expect(most_read).to_contain_text("Khánh thành nhà máy điện mặt trời")
    context.close()
