"""The English version: /en/ pages served by the organisation views in English, English
fields with an explicit fallback, the language switcher and hreflang links on every page,
English dates, the Decree 42 category, and the Vietnamese pages left as they were."""

import datetime as dt
import re
from types import SimpleNamespace
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache, caches
from django.utils import translation
from wagtail.models import Site

from toasoan.news import fragments
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.organisation import demo
from toasoan.organisation.models import (
    AgencyProfile,
    Person,
    Position,
    Unit,
    english_last_updated,
)
from toasoan.organisation.templatetags.english_tags import english_long_date

VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@pytest.fixture(autouse=True)
def _site(db):
    cache.clear()
    make_home()
    yield
    cache.clear()


@pytest.fixture
def org(db):
    root = Unit.objects.create(
        name="Lãnh đạo Ban", name_en="Board", slug="lanh-dao", duties="<p>Điều hành</p>"
    )
    office = Unit.objects.create(
        name="Văn phòng",
        name_en="Office",
        slug="van-phong",
        parent=root,
        duties="<p>Hành chính</p>",
        duties_en="<p>Administration</p>",
    )
    vi_only = Unit.objects.create(name="Phòng Quy hoạch", slug="quy-hoach", parent=root)
    head = Person.objects.create(
        full_name="Nguyễn Văn An", slug="an", phone="0274 1", bio="Sinh năm 1970."
    )
    Position.objects.create(person=head, unit=root, title="Trưởng ban", title_en="Director", role=1)
    clerk = Person.objects.create(full_name="Lê Thị Hoa", slug="hoa", email="hoa@x.vn")
    Position.objects.create(person=clerk, unit=vi_only, title="Chuyên viên", role=3)
    return {"root": root, "office": office, "vi_only": vi_only, "head": head, "clerk": clerk}


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _main(html):
    return html.split('<main id="noi-dung"', 1)[1].split("</main>", 1)[0]


def _hrefs(html):
    return re.findall(r'href="([^"]+)"', html)


def test_english_pages_are_english(client, org):
    for url in ["/en/", "/en/organisation/", "/en/contacts/", "/en/units/van-phong/"]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert response["Content-Language"] == "en"
        assert '<html lang="en">' in html
        assert "Chuyên mục" not in html and "Tìm kiếm" not in html  # no Vietnamese chrome
    html = _html(client, "/en/units/van-phong/")
    assert '<h1 class="page-title">Office</h1>' in html
    assert "Administration" in html and "Hành chính" not in html
    contacts = _html(client, "/en/contacts/")
    assert "Full name" in contacts and "Director" in contacts


def test_untranslated_text_says_so_instead_of_showing_vietnamese(client, org):
    html = _main(_html(client, "/en/units/lanh-dao/"))
    assert "Not available in English." in html and "Điều hành" not in html
    profile = _main(_html(client, "/en/people/an/"))
    assert "Not available in English." in profile and "Sinh năm" not in profile
    # A post without an English title keeps its Vietnamese one, marked as Vietnamese.
    assert '<span lang="vi">Chuyên viên</span>' in _html(client, "/en/contacts/")


def test_vietnamese_only_unit_is_not_linked_from_the_english_side(client, org):
    _html(client, "/en/units/quy-hoach/", status=404)
    for url in ["/en/", "/en/organisation/", "/en/contacts/", "/en/units/lanh-dao/"]:
        html = _main(_html(client, url))
        assert "/quy-hoach/" not in html
        assert '<span lang="vi">Phòng Quy hoạch</span>' in html
        # Every link inside an English page stays on the English side (or is mail/phone).
        for href in _hrefs(html):
            assert href.startswith(("/en/", "mailto:", "tel:", "/media/")), (url, href)


def test_switcher_and_hreflang_pair_the_two_languages(client, org):
    vi = _html(client, "/gioi-thieu/don-vi/van-phong/")
    en = _html(client, "/en/units/van-phong/")
    for html in (vi, en):
        assert (
            '<link rel="alternate" hreflang="vi" href="http://testserver/gioi-thieu/don-vi/van-phong/">'
            in html
        )
        assert (
            '<link rel="alternate" hreflang="en" href="http://testserver/en/units/van-phong/">'
            in html
        )
    assert '<a href="/en/units/van-phong/" hreflang="en" lang="en">English</a>' in vi
    assert '<a href="/gioi-thieu/don-vi/van-phong/" hreflang="vi" lang="vi">Tiếng Việt</a>' in en
    # A Vietnamese-only unit: no hreflang, and the switcher leads to the English home.
    vi_only = _html(client, "/gioi-thieu/don-vi/quy-hoach/")
    assert 'hreflang="en" href=' not in vi_only
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in vi_only


def test_news_pages_get_the_switcher_but_no_hreflang(client, db):
    home = Site.objects.get().root_page
    article = make_article(make_section(home, title="Thời sự"), title="Tin trong nước")
    html = _html(client, article.url)
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert 'hreflang="en" href=' not in html
    assert '<html lang="vi">' in html


def test_english_dates():
    assert english_long_date(dt.date(2020, 7, 4)) == "Saturday, 4 July 2020"
    assert english_long_date(dt.date(2026, 1, 31)) == "Saturday, 31 January 2026"


@time_machine.travel(dt.datetime(2020, 7, 4, 3, 0, tzinfo=dt.UTC), tick=False)
def test_masthead_date_follows_the_page_language(client, org):
    en = _html(client, "/en/")
    assert '<time datetime="2020-07-04">Saturday, 4 July 2020</time>' in en
    vi = _html(client, "/gioi-thieu/")
    assert '<time datetime="2020-07-04" data-vi-today>Thứ Bảy, ngày 4 tháng 7 năm 2020</time>' in vi


def test_vietnamese_pages_stay_vietnamese(client, org):
    html = _html(client, "/gioi-thieu/don-vi/van-phong/")
    assert '<html lang="vi">' in html
    assert "Chức năng, nhiệm vụ" in html and "Hành chính" in html
    assert '<h1 class="page-title">Văn phòng</h1>' in html
    assert "Administration" not in html and "Not available in English" not in html
    main = _main(html)
    assert not [h for h in _hrefs(main) if h.startswith("/en/")]


def test_fragments_are_not_shared_between_languages(client, org):
    """With the fragment cache on (as for a reader request outside a transaction), the
    English page does not receive the Vietnamese footer rendered just before, nor back."""
    caches["pagecache"].clear()
    caches["default"].clear()
    with mock.patch.object(fragments, "connection", SimpleNamespace(in_atomic_block=False)):
        AgencyProfile.for_site(Site.objects.get())  # settings row exists
        identity_vi = _html(client, "/gioi-thieu/")
        english = _html(client, "/en/")
        again_vi = _html(client, "/gioi-thieu/")
    assert "Cỡ chữ:" in identity_vi and "Cỡ chữ:" not in english
    assert "Text size:" in english or "Font size:" in english
    assert "Cỡ chữ:" in again_vi


def test_decree42_english_category(org):
    from toasoan.core import portal

    assert english_last_updated() is not None  # two units have English names
    keys = [c.key for c in portal.categories()]
    assert "english" in keys
    Unit.objects.update(name_en="")
    assert english_last_updated() is None


def test_demo_english_is_idempotent_and_keeps_edits(db):
    demo.load(None)
    office = Unit.objects.get(slug="van-phong")
    assert office.name_en == "Office"
    office.name_en = "The Office"
    office.save()
    assert demo.load(None) is None
    assert Unit.objects.get(slug="van-phong").name_en == "The Office"
    assert Unit.objects.exclude(name_en="").count() == len(demo.UNITS_EN)
    with translation.override("en"):
        profile = AgencyProfile.for_site(Site.objects.get(is_default_site=True))
        assert profile.functions_text.startswith("<p>The Binh An")
    assert not VIETNAMESE_LETTERS.search(profile.name_en)
