"""A reader's browser loading public pages makes no request that runs the application.

With the page cache on, a second reader loads home, a section, an article (comments open) and
the search page in Chromium at 390 px. Every response the browser received must be a static
file (/static/, /media/) or a page-cache hit (``X-Page-Cache: hit``): anything else ran Django
for a plain page view, which caps the site at the application's rate instead of the cache's
(issue #20). Only when the reader starts a comment may the comment session and the bot-check
widget be fetched.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops.pagecache import HEADER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILE_PREFIXES = ("/static/", "/media/")


@pytest.fixture
def site(pagecache_on):
    home = make_home()
    section = make_section(home, title="Kinh tế")
    older = make_article(section, title="Thu ngân sách sáu tháng đầu năm tăng")
    article = make_article(section, title="Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất")
    return {"home": home, "section": section, "article": article, "older": older}


def _paths(live_server, site):
    return [
        site["home"].url,
        site["section"].url,
        site["article"].url,
        "/tim-kiem/?q=ng%C3%A2n+s%C3%A1ch",
    ]


def _record(page):
    seen = []
    page.on("response", lambda response: seen.append(response))
    return seen


def _reached_app(responses):
    """The responses that were neither a static file nor a page-cache hit."""
    reached = []
    for response in responses:
        url = response.url
        if url.startswith(("data:", "blob:")):
            continue
        path = urlsplit(url).path
        if path.startswith(FILE_PREFIXES):
            continue
        state = response.headers.get(HEADER.lower())
        if state != "hit":
            reached.append(f"{response.status} {url} ({HEADER}: {state})")
    return reached


def test_loading_public_pages_reaches_no_application_code(browser, live_server, site):
    paths = _paths(live_server, site)
    # The first reader fills the cache (these are misses: the application renders them).
    # Twice: the very first render of a site creates its settings rows (Wagtail's
    # get_or_create), a write that retires what was cached before it.
    warm = browser.new_context(viewport={"width": 390, "height": 844})
    warm_page = warm.new_page()
    warm_seen = _record(warm_page)
    for path in paths + paths:
        warm_page.goto(live_server.url + path)
    warm.close()
    assert any(r.headers.get(HEADER.lower()) == "miss" for r in warm_seen), (
        "the first reader should have filled the cache"
    )

    reader = browser.new_context(viewport={"width": 390, "height": 844})
    page = reader.new_page()
    seen = _record(page)
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # Each page was really loaded and its scripts ran: the comment form is shown from the
    # cached HTML (no session request needed to open it).
    expect(page.locator("h1")).to_be_visible()
    page.goto(live_server.url + site["article"].url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-comment-form]")).to_be_visible()
    expect(page.locator("[data-comment-total]")).to_have_text("0")

    assert len([r for r in seen if not urlsplit(r.url).path.startswith(FILE_PREFIXES)]) >= 5
    assert _reached_app(seen) == []
    loaded = {urlsplit(r.url).path for r in seen}
    assert not any("altcha" in path for path in loaded), "the bot-check widget loaded on view"
    assert not any(path.startswith("/binh-luan/") for path in loaded)

    # The reader starts a comment: now, and only now, the session and the widget come.
    with page.expect_response(lambda r: "/phien/" in r.url) as session:
        page.get_by_role("textbox", name="Họ tên", exact=True).focus()
    assert session.value.status == 200
    expect(page.locator("altcha-widget input[type=checkbox]")).to_have_count(1, timeout=15_000)
    token = page.locator("[data-comment-form] input[name=csrfmiddlewaretoken]")
    expect(token).not_to_have_value("")
    reader.close()
