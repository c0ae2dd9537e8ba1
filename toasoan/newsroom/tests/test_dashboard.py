"""The admin dashboard panel: articles by state, pending comments, schedule, activity."""

import datetime as dt
import re

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from toasoan.comments.models import Comment
from toasoan.news.tests.factories import make_article
from toasoan.newsroom.dashboard import article_counts

from .helpers import build_newsroom


class TestDashboard(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)  # 2 published articles, 1 draft
        cls.in_review = make_article(cls.section_a, title="Bài đang chờ duyệt", live=False)
        cls.in_review.save_revision(user=cls.reporter_a)
        cls.in_review.get_workflow().start(cls.in_review, cls.reporter_a)
        cls.scheduled = make_article(cls.section_a, title="Bài hẹn giờ đăng", live=False)
        cls.scheduled.go_live_at = timezone.now() + dt.timedelta(hours=3)
        cls.scheduled.save_revision(user=cls.chief).publish(user=cls.chief)
        Comment.objects.create(page=cls.published_a, name="Bạn đọc", body="Chờ duyệt 1")
        Comment.objects.create(page=cls.published_a, name="Bạn đọc", body="Chờ duyệt 2")
        Comment.objects.create(
            page=cls.published_a, name="Bạn đọc", body="Đã duyệt", status="approved"
        )

    def counts_in(self, html):
        return dict(re.findall(r'data-count="(\w+)">(?:<a [^>]*>)?(\d+)', html))

    def test_articles_are_counted_by_state(self):
        self.assertEqual(
            article_counts(), {"draft": 1, "in_review": 1, "scheduled": 1, "published": 2}
        )

    def test_panel_shows_the_counts_and_pending_comments(self):
        self.client.force_login(self.chief)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertEqual(
            self.counts_in(html),
            {
                "draft": "1",
                "in_review": "1",
                "scheduled": "1",
                "published": "2",
                "pending_comments": "2",
            },
        )

    def test_scheduled_items_are_listed_for_those_who_work_on_them(self):
        self.client.force_login(self.chief)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "data-newsroom-scheduled")
        self.assertContains(response, "Bài hẹn giờ đăng")
        self.client.force_login(self.editor_b)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, "Bài hẹn giờ đăng")

    def test_recent_activity_names_who_did_what(self):
        self.client.force_login(self.editor_a)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        activity = html[html.index("data-newsroom-activity") :]
        self.assertIn("pv_thoisu", activity)
        self.assertIn("Bài đang chờ duyệt", activity)

    def test_moderator_gets_a_link_to_the_pending_comments(self):
        self.client.force_login(self.moderator)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertRegex(html, r'data-count="pending_comments"><a href="[^"]+status=pending"')
        self.client.force_login(self.reporter_a)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertNotRegex(html, r'data-count="pending_comments"><a ')
