"""Exact invalidation with dependency tags (toasoan/ops/cachetags.py): a write retires the
pages that show what it touched and no other; unknown changes and undeclared views stay safe."""

import pytest
from django.test import Client

from toasoan.comments.models import Comment
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops import cachetags, invalidation, pagecache
from toasoan.ops.wagtail_hooks import served_page_tags

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(pagecache_on, django_capture_on_commit_callbacks):
    home = make_home()
    economy = make_section(home, title="Kinh tế")
    society = make_section(home, title="Xã hội")
    pages = {
        "home": home,
        "economy": economy,
        "society": society,
        "a": make_article(economy, title="Giá lúa tăng mạnh"),
        "a2": make_article(economy, title="Xuất khẩu gạo đạt kỷ lục"),
        "b": make_article(society, title="Khai giảng năm học mới"),
    }
    Client().get(home.url)  # the first render creates the site settings rows
    return pages


def state(path):
    return Client().get(path)[pagecache.HEADER]


def warm(*paths):
    for path in paths:
        Client().get(path)
        assert state(path) == "hit", path


def test_an_article_carries_its_own_tags(site):
    tags = served_page_tags(site["a"].specific)
    assert tags == {
        cachetags.page(site["a"].pk),
        cachetags.listing(site["a"].pk),
        cachetags.comments(site["a"].pk),
        cachetags.listing(site["economy"].pk),
        cachetags.ANNOUNCEMENTS,
    }


def test_approved_comment_retires_its_article_only(site):
    a, b = site["a"], site["b"]
    paths = [a.url, site["a2"].url, b.url, site["economy"].url, site["home"].url]
    warm(*paths)
    Comment.objects.create(page=a, name="Lan", body="Rất hay.", status="approved")
    assert state(a.url) == "miss"
    assert [state(p) for p in paths[1:]] == ["hit"] * 4


def test_pending_comment_retires_nothing(site):
    warm(site["a"].url)
    Comment.objects.create(page=site["a"], name="Lan", body="Chờ duyệt.", status="pending")
    assert state(site["a"].url) == "hit"


def test_published_article_retires_its_section_home_siblings_and_lists(site):
    paths = {
        "economy": site["economy"].url,
        "home": site["home"].url,
        "sibling": site["a"].url,
        "search": "/tim-kiem/?q=gia",
        "other_article": site["b"].url,
        "other_section": site["society"].url,
    }
    warm(*paths.values())
    new = make_article(site["economy"], title="Bài mới về giá điện")
    assert state(paths["economy"]) == "miss"
    assert state(paths["home"]) == "miss"
    assert state(paths["sibling"]) == "miss"  # its "Tin khác" now lists the new article
    assert state(paths["search"]) == "miss"
    assert new.title in Client().get(paths["sibling"]).content.decode()
    assert state(paths["other_article"]) == "hit"
    assert state(paths["other_section"]) == "hit"


def test_a_section_change_retires_every_page(site):
    paths = [site["a"].url, site["b"].url, site["home"].url]
    warm(*paths)
    site["society"].title = "Xã hội – Đời sống"
    site["society"].save()
    assert [state(p) for p in paths] == ["miss"] * 3


def test_content_changed_without_tags_retires_everything_with_tags_only_those(site):
    paths = [site["a"].url, site["b"].url]
    warm(*paths)
    invalidation.content_changed("test", tags=[cachetags.page(site["b"].pk)])
    assert [state(p) for p in paths] == ["hit", "miss"]
    invalidation.content_changed("test")
    assert [state(p) for p in paths] == ["miss", "miss"]


def test_a_watched_model_names_its_own_tags(site, monkeypatch):
    monkeypatch.setattr(invalidation, "_WATCHED", set())
    monkeypatch.setattr(invalidation, "_TAGGERS", {})
    paths = [site["a"].url, site["b"].url]
    warm(*paths)
    invalidation.watch_models("taggit.Tag", tags=lambda tag: [cachetags.page(site["a"].pk)])
    from taggit.models import Tag

    Tag.objects.create(name="lúa gạo", slug="lua-gao")
    assert [state(p) for p in paths] == ["miss", "hit"]


def test_a_watched_model_without_tags_retires_every_page(site, monkeypatch):
    monkeypatch.setattr(invalidation, "_TAGGERS", {})
    paths = [site["a"].url, site["b"].url]
    warm(*paths)
    from taggit.models import Tag

    Tag.objects.create(name="lúa gạo", slug="lua-gao")  # taggit.Tag: in INVALIDATE_ON
    assert [state(p) for p in paths] == ["miss", "miss"]


def test_a_view_that_declares_nothing_is_retired_by_any_change(site):
    path = f"/in/{site['b'].pk}/"  # the print view names no tags
    Client().get(path)
    if state(path) != "hit":
        pytest.skip("the print view is not cacheable on this branch")
    Comment.objects.create(page=site["a"], name="Lan", body="Rất hay.", status="approved")
    assert state(path) == "miss"


def test_site_mode_retires_every_page_on_any_change(site, settings):
    settings.TOASOAN_PAGECACHE = {**settings.TOASOAN_PAGECACHE, "INVALIDATION": "site"}
    paths = [site["a"].url, site["b"].url, site["home"].url]
    warm(*paths)
    Comment.objects.create(page=site["a"], name="Lan", body="Rất hay.", status="approved")
    assert [state(p) for p in paths] == ["miss"] * 3


def test_a_page_rendered_while_content_changed_is_not_stored(site, monkeypatch):
    from toasoan.ops.pagecache import PageCacheMiddleware

    real = PageCacheMiddleware._validity
    calls = []

    def change_during_render(cache, shown, any_before):
        calls.append(1)
        cachetags.bump(cache, [cachetags.comments(site["b"].pk)])  # any change at all
        return real(cache, shown, any_before)

    monkeypatch.setattr(PageCacheMiddleware, "_validity", staticmethod(change_during_render))
    path = site["a"].url
    Client().get(path)
    monkeypatch.setattr(PageCacheMiddleware, "_validity", staticmethod(real))
    assert calls
    assert state(path) == "miss"  # not stored by the racing render: rendered again
    assert state(path) == "hit"
