"""The aggregation job: counts, flood protection, exactly-once segments, online now."""

import datetime as dt
import json
import time

import pytest
from django.test import Client

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.statistics import aggregate, snapshot
from toasoan.statistics.conf import statistics_setting
from toasoan.statistics.models import DeviceDay, PageViewDay, ProcessedSegment, ReferrerDay
from toasoan.statistics.recorder import segment_of

pytestmark = pytest.mark.django_db


def write_segment(spool, stamp, rows, pid=1):
    directory = spool / "views"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{segment_of(stamp)}-{pid}.log"
    with open(path, "a") as f:
        for path_, visitor, referrer, device in rows:
            f.write(f"{stamp:.3f}\t{path_}\t{visitor}\t{referrer}\t{device}\n")
    return path


@pytest.fixture
def site():
    home = make_home()
    section = make_section(home, title="Đầu tư")
    first = make_article(section, title="Thu hút vốn đầu tư quý II")
    second = make_article(section, title="Khởi công khu công nghiệp")
    Client().get(home.url)
    return section, first, second


def test_views_are_counted_by_page_section_referrer_and_device(spool, site):
    section, first, second = site
    now = time.time()
    write_segment(
        spool,
        now - 60,
        [
            (first.url, "v1", "google.com", "phone"),
            (first.url, "v2", "", "desktop"),
            (second.url, "v1", "facebook.com", "phone"),
        ],
    )
    assert aggregate.aggregate(now) == 3
    row = PageViewDay.objects.get(path=first.url)
    assert (row.kind, row.views, row.object_id, row.section_id) == (
        "article",
        2,
        first.pk,
        section.pk,
    )
    assert row.title == first.title and row.section_title == "Đầu tư"
    assert dict(ReferrerDay.objects.values_list("domain", "views")) == {
        "google.com": 1,
        "facebook.com": 1,
    }
    assert dict(DeviceDay.objects.values_list("device", "views")) == {"phone": 2, "desktop": 1}
    figures = json.loads(open(snapshot.path()).read())
    assert (figures["total"], figures["today"], figures["online"]) == (3, 3, 2)
    assert [i["url"] for i in figures["most_read"]["site"]] == [first.url, second.url]
    assert [i["views"] for i in figures["most_read"][section.url_path]] == [2, 1]


def test_a_forged_flood_from_one_address_counts_once_per_window(spool, site):
    _, first, second = site
    # Windows are clock-aligned: put both segments inside one (start + 0 … start + 40 s),
    # in the past, so the test does not depend on where the clock stands in its window.
    window = statistics_setting("WINDOW_SECONDS")
    start = (time.time() - 200) // window * window
    now = start + 100
    write_segment(spool, now - 100, [(first.url, "flood", "", "desktop")] * 5000)
    # The flood goes on in the next run: still the same window, still one view.
    write_segment(spool, now - 60, [(first.url, "flood", "", "desktop")] * 5000, pid=2)
    aggregate.aggregate(now - 80)
    aggregate.aggregate(now)
    assert PageViewDay.objects.get(path=first.url).views == 1


def test_one_visitor_across_many_pages_is_capped(spool, site, settings):
    settings.TOASOAN_STATISTICS = {**settings.TOASOAN_STATISTICS, "MAX_VIEWS_PER_WINDOW": 5}
    now = time.time()
    write_segment(
        spool, now - 60, [(f"/khong-co/{i}/", "flood", "", "desktop") for i in range(500)]
    )
    aggregate.aggregate(now)
    assert sum(PageViewDay.objects.values_list("views", flat=True)) == 5


def test_open_segments_wait_and_processed_segments_are_never_counted_twice(spool, site):
    _, first, _ = site
    now = time.time()
    current = write_segment(spool, now, [(first.url, "v1", "", "desktop")])
    assert aggregate.aggregate(now) == 0  # still being written
    assert current.exists()
    done = write_segment(spool, now - 60, [(first.url, "v2", "", "desktop")], pid=7)
    assert aggregate.aggregate(now) == 1
    # A job killed after its commit but before moving the file: the segment reappears.
    (spool / "done" / done.name).replace(done)
    assert aggregate.aggregate(now) == 0
    assert ProcessedSegment.objects.filter(name=done.name).exists()
    assert aggregate.aggregate(now + 30) == 1  # the segment that was open is now counted
    assert PageViewDay.objects.get(path=first.url).views == 2


def test_online_now_forgets_visitors_after_five_minutes(spool, site):
    _, first, _ = site
    now = time.time()
    write_segment(spool, now - 400, [(first.url, "old", "", "desktop")])
    write_segment(spool, now - 60, [(first.url, "new", "", "desktop")], pid=2)
    aggregate.aggregate(now)
    assert snapshot.refresh(online=0)["total"] == 2
    figures = json.loads(open(snapshot.path()).read())
    assert figures["total"] == 2
    aggregate.aggregate(now)
    assert json.loads(open(snapshot.path()).read())["online"] == 1


def test_unpublished_articles_leave_most_read(spool, site):
    _, first, second = site
    now = time.time()
    write_segment(spool, now - 60, [(first.url, "v1", "", "desktop"), (second.url, "v1", "", "x")])
    aggregate.aggregate(now)
    second.unpublish()
    figures = snapshot.refresh()
    assert [i["url"] for i in figures["most_read"]["site"]] == [first.url]


def test_views_count_on_the_local_day(spool, site):
    _, first, _ = site
    # 23:30 UTC on 7 December is 06:30 on 8 December in Hồ Chí Minh City.
    stamp = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC).timestamp()
    write_segment(spool, stamp, [(first.url, "v1", "", "desktop")])
    aggregate.aggregate(stamp + 60)
    assert PageViewDay.objects.get(path=first.url).day == dt.date(2026, 12, 8)


def test_counter_and_most_read_are_rendered_into_pages(spool, site):
    section, first, second = site
    now = time.time()
    write_segment(spool, now - 60, [(second.url, f"v{i}", "", "desktop") for i in range(3)])
    aggregate.aggregate(now)
    html = Client().get(first.url).content.decode()
    assert 'data-stat="total">3<' in html
    assert "Đọc nhiều" in html and second.title in html
    assert 'data-most-read="' + section.url_path + '"' in html


def test_raw_worker_segments_are_counted_and_their_addresses_deleted(spool, site):
    import io
    import sys

    from toasoan.statistics import recorder
    from toasoan.statistics.recorder import Spool

    _, first, _ = site
    recorder.spool.flush()  # the fixture's own page loads, now rather than during the test
    html = [("Content-Type", "text/html; charset=utf-8")]
    worker = Spool(directory=spool / "views")
    for address, agent in (
        ("203.0.113.1", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148"),
        ("203.0.113.2", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0"),
        ("203.0.113.2", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0"),  # again
        ("203.0.113.3", "Googlebot/2.1 (+http://www.google.com/bot.html)"),
    ):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": first.url,
            "HTTP_HOST": "cong.example.vn",
            "HTTP_USER_AGENT": agent,
            "HTTP_REFERER": "https://zalo.me/x",
            "REMOTE_ADDR": address,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        worker.record(environ, 200, html)
    assert worker.flush() == 3  # the repeat within one flush is one entry; the bot is kept
    assert aggregate.aggregate(time.time() + 60) == 2  # the bot out, the repeat counted once
    assert PageViewDay.objects.get(path=first.url).views == 2
    assert dict(ReferrerDay.objects.values_list("domain", "views")) == {"zalo.me": 2}
    assert list((spool / "views").glob("*")) == []
    done = "".join(p.read_text() for p in (spool / "done").glob("*.log"))
    assert done.count(first.url) == 2 and "203.0.113" not in done and "Mozilla" not in done
