"""Home, section and article pages run a fixed number of SQL queries, however much content
there is: the count with many articles must equal the count with few."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from toasoan.comments.models import Comment

from .factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
)
from .test_render_cache import FragmentCacheOn

# Absolute ceilings, so a slow creep is caught even when growth stays flat. Inside the test
# transaction the site-wide fragments (news/fragments.py) are computed on every request.
# ("Tin khác" asks, once per generation, when its section's list next changes: +1 here.)
MAX_QUERIES = {"home": 13, "section": 17, "article": 18}
# As a reader request on a running server sees it: fragments come from the cache, the site
# and its home page too (news/middleware.py). Left: the page itself, its list (cards +
# thumbnails) (+ the approved comments and their replies, when there are some; the
# article's comment count and tag names come with the article).
MAX_QUERIES_WARM = {"home": 2, "section": 4, "article": 3}


class TestQueryCounts(TestCase):
    ceilings = MAX_QUERIES

    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.sections = [make_section(cls.home, title=f"Chuyên mục {i}") for i in range(3)]
        cls.sub = make_section(cls.sections[0], title="Chuyên mục con")
        index = make_announcement_index(cls.home)
        make_announcement(index, pinned=True)
        make_announcement(index)
        cls.article = make_article(cls.sections[0], is_featured=True)
        Comment.objects.create(page=cls.article, name="A", body="Ý kiến", status="approved")

    def count(self, url):
        # Warm per-process caches (content types, site root paths) like a running server.
        # Twice: the first request may create rows (the site identity) and so change the
        # content generation.
        self.client.get(url)
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def add_content(self, n):
        for i in range(n):
            section = self.sections[i % 3] if i % 4 else self.sub
            article = make_article(section, tags=["kinh tế", f"thẻ {i}"])
            Comment.objects.create(page=article, name="B", body="Hay", status="approved")

    def test_counts_do_not_grow_with_content(self):
        urls = {
            "home": self.home.url,
            "section": self.sections[0].url,
            "article": self.article.url,
        }
        before = {name: self.count(url) for name, url in urls.items()}
        self.add_content(30)
        after = {name: self.count(url) for name, url in urls.items()}
        for name in urls:
            with self.subTest(page=name):
                self.assertEqual(after[name], before[name], f"{name}: {before} -> {after}")
                self.assertLessEqual(after[name], self.ceilings[name])


class TestQueryCountsWarm(FragmentCacheOn, TestQueryCounts):
    """The same, with the fragment cache working as it does outside a transaction."""

    ceilings = MAX_QUERIES_WARM
