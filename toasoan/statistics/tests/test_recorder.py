"""The hot-path recorder and the reader rules (bots, staff, non-pages, privacy)."""

import io
import sys

import pytest

from toasoan.statistics import readers
from toasoan.statistics.recorder import Converter, Spool

PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1"
DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
HTML = [("Content-Type", "text/html; charset=utf-8")]


def environ(path="/thoi-su/bai-viet/", **extra):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": "cong.example.vn",
        "HTTP_USER_AGENT": DESKTOP_UA,
        "REMOTE_ADDR": "203.0.113.9",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **extra,
    }


@pytest.fixture
def recorder(spool):
    return Spool(directory=spool / "views")


def raw_text(spool_dir):
    return "".join(p.read_text() for p in sorted((spool_dir / "views").glob("*.raw")))


def lines(spool_dir):
    """The anonymous events the aggregation job makes of the raw spool."""
    converter = Converter()
    return [
        line.rstrip("\n").split("\t")
        for path in sorted((spool_dir / "views").glob("*.raw"))
        for line in converter.convert(path)
    ]


def test_a_reader_view_is_counted_without_the_address(recorder, spool):
    recorder.record(
        environ(HTTP_REFERER="https://www.google.com/search?q=kcn", HTTP_USER_AGENT=PHONE_UA),
        200,
        HTML,
    )
    assert recorder.flush() == 1
    [[stamp, path, visitor, referrer, device]] = lines(spool)
    assert (path, referrer, device) == ("/thoi-su/bai-viet/", "google.com", "phone")
    assert len(visitor) == 16 and "203.0.113.9" not in "".join(lines(spool)[0])
    assert float(stamp) > 0


def test_the_hot_path_only_stores_and_the_raw_spool_keeps_no_cookie(recorder, spool):
    view = environ(HTTP_COOKIE="a11y=large; csrftoken=secret")
    recorder.record(view, 200, HTML)
    [(key, headers)] = recorder.pending.items()  # one dict entry, nothing computed
    assert key[0] == "/thoi-su/bai-viet/" and headers is HTML
    assert recorder.flush() == 1 and recorder.pending == {}
    raw = raw_text(spool)
    assert "203.0.113.9" in raw and "secret" not in raw and "a11y" not in raw
    [segment] = (spool / "views").glob("*.raw")
    assert segment.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_values_with_tabs_and_newlines_stay_one_view(recorder, spool):
    recorder.record(environ(path="/a\tb\nc/", HTTP_USER_AGENT="Mozilla/5.0 x\ry"), 200, HTML)
    recorder.record(environ(), 200, HTML)
    assert recorder.flush() == 2
    assert [row[1] for row in lines(spool)] == ["/a b c/", "/thoi-su/bai-viet/"]


def test_a_raw_line_cut_by_a_kill_is_skipped(recorder, spool):
    recorder.record(environ(), 200, HTML)
    recorder.flush()
    [segment] = (spool / "views").glob("*.raw")
    with open(segment, "a") as f:
        f.write("/cut/\tMozilla")  # the process died in the middle of a line
    assert len(lines(spool)) == 1


@pytest.mark.parametrize(
    ("extra", "status", "headers"),
    [
        ({"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"}, 200, HTML),
        ({"HTTP_USER_AGENT": "curl/8.1"}, 200, HTML),
        ({"HTTP_USER_AGENT": ""}, 200, HTML),
        ({"HTTP_COOKIE": "sessionid=abc; theme=1"}, 200, HTML),  # staff
        ({"HTTP_AUTHORIZATION": "Basic eDp5"}, 200, HTML),
        ({"REQUEST_METHOD": "POST"}, 200, HTML),
        ({}, 404, HTML),
        ({}, 200, [("Content-Type", "application/rss+xml")]),
        ({"PATH_INFO": "/quan-tri/pages/"}, 200, HTML),
        ({"PATH_INFO": "/static/site.css"}, 200, HTML),
    ],
)
def test_what_is_not_a_reader_page_view_is_not_spooled(recorder, spool, extra, status, headers):
    recorder.record(environ(**extra), status, headers)
    recorder.flush()
    assert lines(spool) == []


def test_a_reader_with_other_cookies_is_counted(recorder, spool):
    recorder.record(environ(HTTP_COOKIE="a11y=large"), 200, HTML)
    assert recorder.flush() == 1


def test_the_same_visitor_has_one_id_per_day_and_another_the_next_day(spool):
    import datetime as dt

    ids = readers.VisitorIds()
    day = dt.date(2026, 12, 8)
    first = ids(day, "203.0.113.9", DESKTOP_UA)
    assert first == ids(day, "203.0.113.9", DESKTOP_UA)
    assert first != ids(day, "203.0.113.10", DESKTOP_UA)
    assert first != readers.VisitorIds()(day + dt.timedelta(days=1), "203.0.113.9", DESKTOP_UA)


def test_old_salts_are_forgotten(spool):
    import datetime as dt

    day = dt.date(2026, 12, 8)
    for offset in range(4):
        readers.daily_salt(day - dt.timedelta(days=offset))
    readers.forget_old_salts(day)
    assert sorted(p.name for p in spool.glob("salt-*")) == ["salt-2026-12-07", "salt-2026-12-08"]


@pytest.mark.parametrize(
    ("agent", "device"),
    [
        (PHONE_UA, "phone"),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36", "phone"),
        ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Safari/604.1", "tablet"),
        ("Mozilla/5.0 (Linux; Android 13; SM-X200) Safari/537.36", "tablet"),
        (DESKTOP_UA, "desktop"),
    ],
)
def test_devices(agent, device):
    assert readers.device_class(agent) == device


@pytest.mark.parametrize(
    ("referer", "domain"),
    [
        ("https://www.facebook.com/share?x=1", "facebook.com"),
        ("https://cong.example.vn/thoi-su/", ""),  # our own site
        ("not a url", ""),
        ("http://[broken", ""),
        ("", ""),
    ],
)
def test_referrers_are_kept_as_domains_only(referer, domain):
    assert readers.referrer_domain(referer, "cong.example.vn") == domain


def test_a_broken_observer_never_breaks_serving():
    from toasoan.ops import served

    def broken(environ, status, headers):
        raise RuntimeError("boom")

    served.register_page_served(broken)
    served.page_served(environ(), 200, HTML)  # no exception
    assert broken not in served._callbacks
