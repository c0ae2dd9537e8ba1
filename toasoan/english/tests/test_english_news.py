"""Selected news in English: list and article pages in English, only published items, the
Vietnamese original paired by the switcher and hreflang both ways, the demo."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from toasoan.english import demo
from toasoan.english.models import EnglishArticle
from toasoan.news.tests.factories import make_article, make_home, make_section


@pytest.fixture(autouse=True)
def _site(db):
    cache.clear()
    make_home()
    yield
    cache.clear()


@pytest.fixture
def original(db):
    home = Site.objects.get().root_page
    return make_article(make_section(home, title="Thời sự"), title="Thu hút đầu tư mới")


def test_list_and_article_are_english(client, original):
    EnglishArticle.objects.create(
        slug="new-investment", title="New investment", body="<p>Projects</p>", original=original
    )
    EnglishArticle.objects.create(slug="draft", title="Draft item", body="<p>x</p>", live=False)
    html = client.get("/en/news/").content.decode()
    assert '<html lang="en">' in html and '<h1 class="page-title">News</h1>' in html
    assert "New investment" in html
    assert "Draft item" not in html
    assert client.get("/en/news/draft/").status_code == 404
    article = client.get("/en/news/new-investment/").content.decode()
    assert "<p>Projects</p>" in article


def test_translation_links_its_original(client, original):
    EnglishArticle.objects.create(
        slug="new-investment", title="New investment", body="<p>P</p>", original=original
    )
    en = client.get("/en/news/new-investment/").content.decode()
    assert f'hreflang="vi" href="http://testserver{original.url}"' in en
    assert 'hreflang="en" href="http://testserver/en/news/new-investment/"' in en
    assert f'<a href="{original.url}" hreflang="vi" lang="vi">Tiếng Việt</a>' in en
    # The Vietnamese article does not look its translation up (news query budget): its
    # switcher leads to the English home.
    vi = client.get(original.url).content.decode()
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in vi


def test_translation_without_a_live_original_has_no_vietnamese_counterpart(client, original):
    EnglishArticle.objects.create(
        slug="new-investment", title="New investment", body="<p>P</p>", original=original
    )
    original.unpublish()
    en = client.get("/en/news/new-investment/").content.decode()
    assert 'hreflang="vi" href=' not in en
    assert '<a href="/" hreflang="vi" lang="vi">Tiếng Việt</a>' in en


def test_english_menu_links_the_news(client, db):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/news/">News</a>' in html


def test_demo_is_idempotent(original):
    assert demo.load(None)
    assert demo.load(None) is None
    assert EnglishArticle.objects.count() == len(demo.ARTICLES)
    assert EnglishArticle.objects.filter(original=original).count() == 1


def test_admin_screens_open(admin_client, original):
    from django.urls import reverse

    from toasoan.organisation.models import Unit

    item = EnglishArticle.objects.create(slug="a", title="A", body="<p>A</p>", original=original)
    unit = Unit.objects.create(name="Văn phòng", slug="van-phong")
    for url in [
        reverse("wagtailsnippets_english_englisharticle:list"),
        reverse("wagtailsnippets_english_englisharticle:add"),
        reverse("wagtailsnippets_english_englisharticle:edit", args=[item.pk]),
    ]:
        assert admin_client.get(url).status_code == 200, url
    html = admin_client.get(
        reverse("wagtailsnippets_organisation_unit:edit", args=[unit.pk])
    ).content.decode()
    assert 'name="name_en"' in html and 'name="duties_en"' in html
