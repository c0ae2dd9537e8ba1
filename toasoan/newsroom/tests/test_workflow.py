"""The approval path Nháp → Chờ duyệt → Đã đăng, role by role, under frozen time."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from toasoan.news.models import ArticlePage
from toasoan.newsroom import roles
from toasoan.newsroom.scheduler import run_due_publishing

from .helpers import article_form_data, build_newsroom

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=HCM)


class _WorkflowCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom(cls)

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    def submit_new_article(self, slug="bai-moi"):
        """The reporter of "Thời sự" writes an article and submits it for review."""
        self.client.force_login(self.reporter_a)
        add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", self.section_a.pk])
        data = article_form_data(title="Khai mạc hội chợ xuân", slug=slug, **{"action-submit": "1"})
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 302)
        return ArticlePage.objects.get(slug=slug)

    def current_task_state(self, page):
        return WorkflowState.objects.get(
            object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ).current_task_state

    def workflow_action(self, user, page, action, comment=""):
        self.client.force_login(user)
        task_state = self.current_task_state(page)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return self.client.post(url, {"comment": comment})


class TestSubmission(_WorkflowCase):
    def test_submitting_puts_the_article_in_review_with_the_section_editor_step(self):
        page = self.submit_new_article()
        self.assertFalse(page.live)
        task = self.current_task_state(page).task
        self.assertEqual(task.name, roles.EDITOR_TASK_NAME)

    def test_only_the_section_editor_is_notified(self):
        mail.outbox.clear()
        self.submit_new_article()
        recipients = {address for message in mail.outbox for address in message.to}
        self.assertIn(self.editor_a.email, recipients)
        self.assertNotIn(self.editor_b.email, recipients)
        self.assertNotIn(self.reporter_a.email, recipients)

    def test_items_awaiting_review_are_listed_for_the_right_editor_only(self):
        page = self.submit_new_article()
        reviewable_a = TaskState.objects.reviewable_by(self.editor_a)
        self.assertEqual([ts.workflow_state.object_id for ts in reviewable_a], [str(page.pk)])
        self.assertFalse(TaskState.objects.reviewable_by(self.editor_b).exists())

    def test_dashboard_shows_my_review_queue(self):
        self.submit_new_article()
        self.client.force_login(self.editor_a)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Khai mạc hội chợ xuân")
        self.client.force_login(self.editor_b)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, "Khai mạc hội chợ xuân")


class TestReview(_WorkflowCase):
    def test_editor_of_another_section_cannot_approve(self):
        page = self.submit_new_article()
        response = self.workflow_action(self.editor_b, page, "approve")
        self.assertIn(response.status_code, (302, 403))
        self.assertEqual(self.current_task_state(page).task.name, roles.EDITOR_TASK_NAME)

    def test_reporter_cannot_approve_own_article(self):
        page = self.submit_new_article()
        self.workflow_action(self.reporter_a, page, "approve")
        self.assertEqual(self.current_task_state(page).task.name, roles.EDITOR_TASK_NAME)

    def test_editor_sends_back_with_a_comment_and_the_reporter_is_told(self):
        page = self.submit_new_article()
        mail.outbox.clear()
        self.workflow_action(self.editor_a, page, "reject", comment="Thiếu nguồn tin, bổ sung.")
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual(state.current_task_state.comment, "Thiếu nguồn tin, bổ sung.")
        self.assertIn(self.reporter_a.email, {a for m in mail.outbox for a in m.to})

    def test_editor_approval_moves_the_article_to_the_chief(self):
        page = self.submit_new_article()
        self.workflow_action(self.editor_a, page, "approve")
        self.assertEqual(self.current_task_state(page).task.name, roles.CHIEF_TASK_NAME)
        page.refresh_from_db()
        self.assertFalse(page.live)

    def test_editor_cannot_take_the_chiefs_step(self):
        page = self.submit_new_article()
        self.workflow_action(self.editor_a, page, "approve")
        self.workflow_action(self.editor_a, page, "approve")
        self.assertEqual(self.current_task_state(page).task.name, roles.CHIEF_TASK_NAME)
        page.refresh_from_db()
        self.assertFalse(page.live)


class TestFullPath(_WorkflowCase):
    def test_reporter_writes_editor_approves_chief_schedules_and_it_appears_on_time(self):
        with time_machine.travel(START, tick=False):
            page = self.submit_new_article(slug="hoi-cho-xuan")
            self.workflow_action(self.editor_a, page, "approve", comment="Đạt.")
            # The chief sets the go-live time in the edit form and approves in one step.
            self.client.force_login(self.chief)
            go_live = START + dt.timedelta(hours=2)
            data = article_form_data(
                title="Khai mạc hội chợ xuân",
                slug="hoi-cho-xuan",
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
                **{"action-workflow-action": "1", "workflow-action-name": "approve"},
            )
            data["workflow-action-extra-data"] = json.dumps({})
            response = self.client.post(self.edit_url(page), data)
            self.assertEqual(response.status_code, 302)
            page.refresh_from_db()
            self.assertFalse(page.live)
            self.assertEqual(page.go_live_at, go_live)
            self.assertTrue(page.revisions.filter(approved_go_live_at=go_live).exists())
            self.client.logout()
            self.assertEqual(self.client.get(page.url).status_code, 404)

        with time_machine.travel(go_live - dt.timedelta(seconds=30), tick=False):
            run_due_publishing()
            page.refresh_from_db()
            self.assertFalse(page.live)

        with time_machine.travel(go_live + dt.timedelta(seconds=30), tick=False):
            self.assertTrue(run_due_publishing())
            page.refresh_from_db()
            self.assertTrue(page.live)
            response = self.client.get(page.url)
            self.assertContains(response, "Khai mạc hội chợ xuân")

        actions = list(
            PageLogEntry.objects.filter(page=page)
            .order_by("timestamp", "pk")
            .values_list("action", "user__username")
        )
        self.assertIn(("wagtail.workflow.start", "pv_thoisu"), actions)
        self.assertIn(("wagtail.workflow.approve", "btv_thoisu"), actions)
        self.assertIn(("wagtail.workflow.approve", "tbt"), actions)
        self.assertIn(("wagtail.publish.scheduled", None), actions)


class TestRevisionsAndPreview(_WorkflowCase):
    def test_revision_compare_view_answers_for_the_editor(self):
        self.draft_a.title = "Bản nháp đã sửa"
        second = self.draft_a.save_revision(user=self.reporter_a)
        first = self.draft_a.revisions.exclude(pk=second.pk).order_by("created_at").first()
        self.client.force_login(self.editor_a)
        url = reverse(
            "wagtailadmin_pages:revisions_compare", args=[self.draft_a.pk, first.pk, second.pk]
        )
        response = self.client.get(url)
        self.assertContains(response, "Bản nháp đã sửa")

    def test_editor_previews_unsaved_changes_and_the_admin_offers_device_widths(self):
        self.client.force_login(self.editor_a)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.draft_a.pk])
        data = article_form_data(title="Tiêu đề xem trước", slug=self.draft_a.slug)
        self.assertEqual(self.client.post(url, data).json()["is_valid"], True)
        response = self.client.get(url)
        self.assertContains(response, "Tiêu đề xem trước")
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.draft_a.pk]))
        self.assertContains(edit, 'data-device-width="375"')
        self.assertContains(edit, 'data-device-width="1280"')

    def test_preview_offers_phone_and_desktop_widths(self):
        sizes = {size["name"]: size["device_width"] for size in self.draft_a.preview_sizes}
        self.assertLessEqual(sizes["mobile"], 400)
        self.assertGreaterEqual(sizes["desktop"], 1200)

    def test_site_history_report_is_reachable_by_the_chief_and_names_the_actor(self):
        self.submit_new_article(slug="bai-nhat-ky")
        self.client.force_login(self.chief)
        response = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "pv_thoisu")
