"""At 390 px in Chromium: open an album, move through photos with keys and swipe, play a
video (served with range requests); axe finds no serious violation on either page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
SWIPE = """([dialog, dx]) => {
  const touch = (x) => new Touch({identifier: 1, target: dialog, clientX: x, clientY: 300});
  dialog.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(200)], bubbles: true}));
  const end = {changedTouches: [touch(200 + dx)], bubbles: true};
  dialog.dispatchEvent(new TouchEvent('touchend', end));
}"""


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
def demo():
    from django.test import Client

    from toasoan.news.tests.factories import make_home, make_section
    from toasoan.photos.demo import load_demo as load_photos
    from toasoan.videos.demo import load_demo as load_videos

    home = make_home()
    make_section(home)
    Client().get(home.url)
    load_photos()
    load_videos()


def test_album_lightbox_with_keys_and_swipe(browser, live_server, demo):
    from toasoan.photos.models import Album

    album = Album.objects.get(slug="le-khoi-cong-nha-may-kcn-phu-loi")
    count = album.photos.count()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/thu-vien-anh/")
    page.get_by_role("link", name=album.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(album.title)
    page.locator(".photo-grid__link").first.click()
    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".lightbox__count")).to_have_text(f"1 / {count}")
    # The buttons' names come from the template's translated labels.
    expect(dialog.get_by_role("button", name="Ảnh sau")).to_have_count(1)
    expect(dialog.get_by_role("button", name="Đóng")).to_have_count(1)
    expect(dialog.locator(".lightbox__caption")).to_contain_text("Đại biểu cắt băng khởi công")
    expect(dialog.locator(".lightbox__img")).to_have_attribute("alt", "Đại biểu cắt băng khởi công")
    page.keyboard.press("ArrowRight")
    expect(dialog.locator(".lightbox__count")).to_have_text(f"2 / {count}")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round to the last photo
    expect(dialog.locator(".lightbox__count")).to_have_text(f"{count} / {count}")
    handle = dialog.element_handle()
    page.evaluate(SWIPE, [handle, -120])  # swipe left: next photo
    expect(dialog.locator(".lightbox__count")).to_have_text(f"1 / {count}")
    page.evaluate(SWIPE, [handle, 120])  # swipe right: previous photo
    expect(dialog.locator(".lightbox__count")).to_have_text(f"{count} / {count}")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    # Focus goes back to the photo the reader was on.
    assert page.evaluate("document.activeElement.classList.contains('photo-grid__link')")
    assert errors == []
    context.close()


def test_video_plays_through_range_requests(browser, live_server, demo):
    from toasoan.videos.models import Video

    video = Video.objects.get()
    # bypass_csp only for Playwright's own polling script (wait_for_function evaluates text).
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    statuses = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if "/thu-vien-video/tep/" in r.url else None,
    )
    page.goto(live_server.url + video.get_absolute_url())
    player = page.locator("video")
    expect(player).to_be_visible()
    page.evaluate(
        "async () => { const v = document.querySelector('video'); v.muted = true; await v.play(); }"
    )
    page.wait_for_function("document.querySelector('video').currentTime > 0.5", timeout=15000)
    assert 206 in statuses, statuses
    assert page.evaluate("document.querySelector('video').textTracks.length") == 1
    context.close()


@pytest.mark.parametrize(
    "path", ["/thu-vien-anh/le-khoi-cong-nha-may-kcn-phu-loi/", "/thu-vien-video/"]
)
def test_axe_finds_no_serious_violation(browser, live_server, demo, path):
    assert AXE.exists(), "axe-core missing: run `npm ci`"
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + path)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    if "thu-vien-anh" in path:
        page.locator(".photo-grid__link").first.click()
        expect(page.locator("dialog.lightbox")).to_be_visible()
        assert page.evaluate(AXE_RUN) == []
    context.close()
