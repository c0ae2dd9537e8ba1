"""#23 finding 1: a view-restricted article (page password, login or groups) never shows to a
reader anywhere: not in listings, "Tin khác", "Thông báo", search, the APIs, feeds, or the
comment endpoints. The walk covers every public URL pattern of the URLconf (urlwalk.py), so an
app added later is checked too.
"""

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import PageViewRestriction

from toasoan.news import queries
from toasoan.news.models import ArticlePage
from toasoan.news.tests.factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
)
from toasoan.search.engine import search
from toasoan.security.urlwalk import public_urls

SECRET_TITLE = "Tổng kết mật zqxjv hội nghị"
GROUP_TITLE = "Báo cáo nội bộ wkpyq nhóm"
SECRET_NOTICE = "Thông báo mật vbnkq"


class RestrictedArticleCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thời sự", show_on_home=True)
        cls.public = make_article(cls.section, title="Bài công khai thường")
        cls.secret = make_article(
            cls.section, title=SECRET_TITLE, sapo="Sapo mật zqxjv", is_featured=True
        )
        PageViewRestriction.objects.create(
            page=cls.secret, restriction_type=PageViewRestriction.PASSWORD, password="matkhau1"
        )
        # A whole section for one group: its articles inherit the restriction.
        cls.private_section = make_section(cls.home, title="Nội bộ", show_on_home=True)
        cls.grouped = make_article(cls.private_section, title=GROUP_TITLE)
        restriction = PageViewRestriction.objects.create(
            page=cls.private_section, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Nhóm nội bộ"))
        index = make_announcement_index(cls.home)
        cls.notice = make_announcement(index, title=SECRET_NOTICE)
        PageViewRestriction.objects.create(
            page=cls.notice, restriction_type=PageViewRestriction.LOGIN
        )

    def leaks(self, response):
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content).decode("utf-8", "replace")
        else:
            body = response.content.decode("utf-8", "replace")
        markers = ["zqxjv", "wkpyq", "vbnkq"]
        urls = [self.secret.url, self.grouped.url, self.notice.url]
        return [m for m in markers + urls if m in body]


class TestOneRule(RestrictedArticleCase):
    def test_visible_excludes_every_restriction_type(self):
        visible = set(ArticlePage.objects.visible().values_list("pk", flat=True))
        self.assertIn(self.public.pk, visible)
        self.assertNotIn(self.secret.pk, visible)
        self.assertNotIn(self.grouped.pk, visible)  # inherited from the section

    def test_single_page_rule_agrees(self):
        self.assertTrue(queries.is_visible_to_readers(self.public))
        for page in (self.secret, self.grouped, self.notice):
            self.assertFalse(queries.is_visible_to_readers(page))

    def test_announcements_exclude_restricted(self):
        shown = queries.current_announcements(limit=10, now=None)
        self.assertNotIn(self.notice.pk, [a.pk for a in shown])

    def test_search_index_never_holds_restricted_text(self):
        self.assertEqual(search("zqxjv").total, 0)
        self.assertEqual(search("wkpyq").total, 0)

    def test_lifting_a_restriction_puts_the_article_back_in_search(self):
        PageViewRestriction.objects.filter(page=self.secret).delete()
        self.assertEqual([pk for pk, _ in search("zqxjv").hits], [self.secret.pk])
        PageViewRestriction.objects.create(
            page=self.secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertEqual(search("zqxjv").total, 0)


class TestEveryPublicUrl(RestrictedArticleCase):
    def test_no_public_url_shows_a_restricted_page(self):
        """Reproduces #23: /tim-kiem/, /api/search/, home, sections and "Tin khác" listed
        the password-protected article. Every pattern of the URLconf, with the restricted
        article's id and slug in its parameters and its title as the query."""
        pages = [self.home.url, self.section.url, self.private_section.url, self.public.url]
        checked = 0
        for target in (self.secret, self.grouped):
            urls = [u.path for u in public_urls(number=target.pk, word=target.slug)]
            for path in urls + pages:
                # The title's other words: a search page rightly echoes the reader's query.
                words = target.title.replace("zqxjv", "").replace("wkpyq", "")
                for query in ({}, {"q": words, "search": words}):
                    with self.subTest(path=path, query=query):
                        response = self.client.get(path, query)
                        self.assertLess(response.status_code, 500)
                        if path in (self.private_section.url,):
                            continue  # the restricted section itself asks for a login
                        self.assertEqual(self.leaks(response), [])
                        checked += 1
        self.assertGreater(checked, 60)

    def test_comment_endpoints_refuse_restricted_articles(self):
        """#23: /binh-luan/<id>/ and its session endpoint took comments on them."""
        for page in (self.secret, self.grouped):
            for path in (f"/binh-luan/{page.pk}/", f"/binh-luan/{page.pk}/phien/"):
                with self.subTest(path=path):
                    self.assertEqual(self.client.get(path).status_code, 404)
            response = self.client.post(
                f"/binh-luan/{page.pk}/", {"name": "An", "email": "a@b.vn", "body": "Chào"}
            )
            self.assertEqual(response.status_code, 404)

    def test_the_restricted_article_itself_asks_for_its_password(self):
        response = self.client.get(self.secret.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Sapo mật zqxjv")
        self.assertContains(response, 'name="password"')
