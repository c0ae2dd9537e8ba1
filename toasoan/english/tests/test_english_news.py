"""Selected news in English as Wagtail translations: an article translated into the English
tree is served under /en/ in English, the Vietnamese original and the translation link each
other (switcher and hreflang) and nothing else does, Vietnamese lists keep to Vietnamese,
publishing a translation retires the original's cached page, and the demo is idempotent."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from toasoan.english import demo
from toasoan.english.models import english_home, english_locale
from toasoan.news.models import ArticlePage
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops import cachetags
from toasoan.ops.signal_handlers import page_change_tags


@pytest.fixture(autouse=True)
def _site(db):
    cache.clear()
    make_home()
    english_locale(create=True)
    yield
    cache.clear()


@pytest.fixture
def original(db):
    home = Site.objects.get().root_page
    return make_article(make_section(home, title="Thời sự"), title="Thu hút đầu tư mới")


def _translate(original, title="New investment", slug="new-investment", publish=True):
    english_home(create=True)
    locale = english_locale()
    section = original.get_parent()
    if not section.has_translation(locale):
        section.specific.copy_for_translation(locale, copy_parents=True).save_revision().publish()
    page = original.copy_for_translation(locale)
    page.title, page.slug = title, slug
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ArticlePage.objects.get(pk=page.pk)


def test_translation_is_served_in_english_under_en(client, original):
    translation = _translate(original)
    assert translation.translation_key == original.translation_key
    assert translation.url.startswith("/en/") and translation.url.endswith("/new-investment/")
    response = client.get(translation.url)
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert '<html lang="en">' in html and "<h1" in html and "New investment" in html
    # English date ("Saturday, 4 July 2020"), not the Vietnamese one.
    assert "Thứ" not in html.split('class="article__meta"')[1].split("</p>")[0]
    assert '<a href="/en/news/">News</a>' in html


def test_original_and_translation_link_each_other(client, original):
    translation = _translate(original)
    vi = client.get(original.url).content.decode()
    en = client.get(translation.url).content.decode()
    vi_url, en_url = f"http://testserver{original.url}", f"http://testserver{translation.url}"
    for html in (vi, en):
        assert html.count(f'hreflang="vi" href="{vi_url}"') == 1
        assert html.count(f'hreflang="en" href="{en_url}"') == 1
    assert f'<a href="{translation.url}" hreflang="en" lang="en">English</a>' in vi
    assert f'<a href="{original.url}" hreflang="vi" lang="vi">Tiếng Việt</a>' in en


def test_untranslated_article_claims_no_english_version(client, original):
    html = client.get(original.url).content.decode()
    assert 'hreflang="en" href=' not in html
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html


def test_draft_translation_is_not_linked(client, original):
    translation = _translate(original, publish=False)
    html = client.get(original.url).content.decode()
    assert 'hreflang="en" href=' not in html
    assert client.get(f"/en/{translation.url_path.split('/', 2)[2]}").status_code == 404


def test_translation_without_a_live_original_has_no_vietnamese_counterpart(client, original):
    translation = _translate(original)
    original.unpublish()
    en = client.get(translation.url).content.decode()
    assert 'hreflang="vi" href=' not in en
    assert '<a href="/" hreflang="vi" lang="vi">Tiếng Việt</a>' in en


def test_news_list_is_english_and_vietnamese_lists_stay_vietnamese(client, original):
    _translate(original)
    html = client.get("/en/news/").content.decode()
    assert '<html lang="en">' in html and "New investment" in html
    assert "Thu hút đầu tư mới" not in html
    home = client.get("/").content.decode()
    assert "Thu hút đầu tư mới" in home and "New investment" not in home
    feed = client.get("/rss/").content.decode() if client.get("/rss/").status_code == 200 else ""
    assert "New investment" not in feed


def test_publishing_a_translation_retires_the_original_page(original):
    translation = _translate(original)
    assert cachetags.page(original.pk) in page_change_tags(translation)
    assert cachetags.page(translation.pk) in page_change_tags(original)


def test_english_section_lists_its_translations_in_english(client, original):
    translation = _translate(original)
    section = translation.get_parent()
    html = client.get(section.url).content.decode()
    assert section.url.startswith("/en/")
    assert '<html lang="en">' in html and "New investment" in html
    assert "Thu hút đầu tư mới" not in html


def test_article_query_budget_is_unchanged_by_a_translation(client, original):
    # The translation comes with the article route's own query (news/article_route.py):
    # the Vietnamese article costs the same number of queries with or without one.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get(original.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(original.url).status_code == 200
        return len(queries)

    before = count()
    _translate(original)
    cache.clear()
    client.get(original.url)
    assert count() == before


def test_english_menu_links_the_news(client, db):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/news/">News</a>' in html


def test_demo_is_idempotent(original):
    assert demo.load(None)
    assert demo.load(None) is None
    locale = english_locale()
    assert ArticlePage.objects.filter(locale=locale).count() == 1  # one Vietnamese article
    assert original.get_translation(locale).live


def test_translate_action_in_the_admin(admin_client, original):
    from django.urls import reverse

    english_home(create=True)
    section = original.get_parent()
    section.specific.copy_for_translation(english_locale()).save_revision().publish()
    url = reverse("simple_translation:submit_page_translation", args=[original.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"locales": [english_locale().pk]})
    assert response.status_code == 302
    assert original.has_translation(english_locale())


def test_vietnamese_search_index_leaves_translations_out(original):
    from toasoan.search.indexing import index_articles
    from toasoan.search.models import SearchEntry

    translation = _translate(original)
    assert index_articles([original.pk, translation.pk]) == 1
    assert SearchEntry.objects.filter(pk=original.pk).exists()
    assert not SearchEntry.objects.filter(pk=translation.pk).exists()
