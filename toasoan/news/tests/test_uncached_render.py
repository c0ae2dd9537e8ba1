"""What makes the uncached home page cheap stays exact: cards rendered once per process
(``{% article_card %}``) and the home page's query compiled once per site shape
(``queries.home_blocks``) never show anything older than the database."""

import datetime as dt

import time_machine
from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from toasoan.news import queries
from toasoan.news.templatetags import news_tags

from .factories import make_article, make_home, make_section


class TestUncachedHome(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thời sự")
        cls.article = make_article(cls.section, title="Bài thứ nhất", is_featured=True)

    def home_html(self):
        response = self.client.get(self.home.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_cards_are_the_same_rendered_again_or_from_the_memo(self):
        make_article(self.section, title="Bài thứ hai")
        news_tags._cards.clear()
        first = self.home_html()
        self.assertTrue(news_tags._cards)
        self.assertEqual(self.home_html(), first)
        news_tags._cards.clear()
        self.assertEqual(self.home_html(), first)

    def test_an_edited_title_shows_at_once(self):
        self.assertIn("Bài thứ nhất", self.home_html())
        self.article.title = "Bài đã sửa tên"
        self.article.save_revision().publish()
        html = self.home_html()
        self.assertIn("Bài đã sửa tên", html)
        self.assertNotIn("Bài thứ nhất", html)

    def test_a_published_article_shows_at_once(self):
        self.home_html()  # compiles the query and fills the card memo
        make_article(self.section, title="Tin vừa đăng")
        self.assertIn("Tin vừa đăng", self.home_html())

    def test_the_reading_moment_is_the_request_s(self):
        # Compiled with a stand-in moment: an article dated a minute ahead appears once its
        # time has come, not before.
        soon = timezone.now() + dt.timedelta(minutes=1)
        make_article(self.section, title="Tin hẹn giờ", published_at=soon)
        self.assertNotIn("Tin hẹn giờ", self.home_html())
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
            self.assertIn("Tin hẹn giờ", self.home_html())

    def test_a_new_section_gets_its_block(self):
        self.home_html()
        other = make_section(self.home, title="Kinh tế")
        make_article(other, title="Tin kinh tế")
        html = self.home_html()
        self.assertIn('id="khoi-', html)
        self.assertIn("Tin kinh tế", html)
        blocks = dict(queries.home_blocks(self.home, self._options())["section_blocks"])
        self.assertEqual([a.title for a in blocks[other]], ["Tin kinh tế"])

    def test_a_view_restriction_hides_the_section_at_once(self):
        secret = make_section(self.home, title="Nội bộ")
        make_article(secret, title="Tin nội bộ")
        self.assertIn("Tin nội bộ", self.home_html())
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertNotIn("Tin nội bộ", self.home_html())

    def _options(self):
        from django.conf import settings

        return settings.TOASOAN_NEWS
