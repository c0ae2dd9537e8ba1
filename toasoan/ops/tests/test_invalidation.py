"""invalidation_suspended(): bulk writers save many rows, readers' pages change once at the end."""

from unittest import mock

import pytest
from django.test import Client

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops import invalidation

pytestmark = pytest.mark.django_db


@pytest.fixture
def section_page(pagecache_on):
    section = make_section(make_home(), title="Kinh tế")
    make_article(section, title="Giá lúa tăng mạnh")
    # The first render creates settings rows (a content change): warm up past it.
    Client().get(section.url)
    Client().get(section.url)
    return section


def cached_html(url):
    return Client().get(url).content.decode()


def test_saves_inside_the_block_invalidate_once_when_it_ends(section_page):
    url = section_page.url
    assert "Giá lúa tăng mạnh" in cached_html(url)
    with mock.patch.object(
        invalidation, "content_changed", wraps=invalidation.content_changed
    ) as changed:
        with invalidation.invalidation_suspended("bulk test"):
            article = make_article(section_page, title="Bài mới nhập hàng loạt")
            article.title = "Bài mới nhập hàng loạt (sửa)"
            article.save_revision().publish()
            # No per-save invalidation: readers still get the cached page.
            assert "Bài mới nhập hàng loạt" not in cached_html(url)
        changed.assert_called_once_with("bulk test")
    assert "Bài mới nhập hàng loạt (sửa)" in cached_html(url)


def test_nested_blocks_invalidate_once_and_saves_invalidate_again_afterwards(section_page):
    url = section_page.url
    with mock.patch.object(
        invalidation, "content_changed", wraps=invalidation.content_changed
    ) as changed:
        with invalidation.invalidation_suspended("outer"):
            with invalidation.invalidation_suspended("inner"):
                make_article(section_page, title="Bài trong khối lồng")
            assert "Bài trong khối lồng" not in cached_html(url)
        assert [c.args for c in changed.call_args_list] == [("outer",)]
    assert "Bài trong khối lồng" in cached_html(url)
    # The per-save invalidation is back after the block.
    make_article(section_page, title="Bài sau khối")
    assert "Bài sau khối" in cached_html(url)


def test_the_receivers_come_back_when_the_block_raises(section_page):
    with pytest.raises(RuntimeError), invalidation.invalidation_suspended("failed import"):
        raise RuntimeError("hỏng")
    cached_html(section_page.url)
    make_article(section_page, title="Bài sau lỗi")
    assert "Bài sau lỗi" in cached_html(section_page.url)
