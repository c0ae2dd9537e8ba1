"""Media: alt text required, responsive AVIF/WebP renditions, document limits, video facade."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from toasoan.news.blocks import ImageBlock, VideoBlock
from toasoan.newsroom import roles

from .helpers import make_user


def png_bytes(width=1200, height=800):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name="anh.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


class TestImageAltText(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("btv_anh", roles.CHIEF)

    def form(self, data):
        from wagtail.models import Collection

        form_class = get_image_form(get_image_model())
        base = {"title": "Cầu Rồng", "collection": Collection.get_first_root_node().pk, "tags": ""}
        return form_class({**base, **data}, {"file": png_upload()}, user=self.editor)

    def test_image_without_alt_text_is_refused_in_vietnamese(self):
        form = self.form({"alt_text": ""})
        self.assertFalse(form.is_valid())
        self.assertIn("văn bản thay thế", form.errors["alt_text"][0])

    def test_image_with_alt_text_is_accepted(self):
        form = self.form({"alt_text": "Cầu Rồng phun lửa về đêm", "caption": "Ảnh: PBN"})
        self.assertTrue(form.is_valid(), form.errors)

    def test_admin_add_view_keeps_nothing_without_alt_text(self):
        self.client.force_login(self.editor)
        from wagtail.models import Collection

        data = {
            "title": "Cầu Rồng",
            "file": png_upload(),
            "alt_text": "",
            "collection": Collection.get_first_root_node().pk,
        }
        response = self.client.post(reverse("wagtailimages:add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(get_image_model().objects.filter(title="Cầu Rồng").exists())

    def test_multiple_upload_first_step_needs_only_the_file(self):
        # Wagtail's multiple upload posts title + file first, then asks for the rest.
        form_class = get_image_form(get_image_model())
        form = form_class({"title": "Ảnh hàng loạt"}, {"file": png_upload()}, user=self.editor)
        form.is_valid()
        self.assertNotIn("alt_text", form.errors)


class TestResponsiveImages(TestCase):
    def test_article_image_renders_avif_and_webp_sources_with_srcset_and_lazy_loading(self):
        image = get_image_model().objects.create(
            title="Cầu Rồng", alt_text="Cầu Rồng về đêm", file=png_upload()
        )
        block = ImageBlock()
        html = block.render(block.to_python({"image": image.pk, "caption": "Chú thích thử"}))
        self.assertIn("<picture>", html)
        self.assertIn('type="image/avif"', html)
        # WebP is the <img> fallback, with its own srcset.
        self.assertIn(".avif 400w", html)
        self.assertIn(".avif 800w", html)
        self.assertIn(".webp 400w", html)
        self.assertIn(".webp 800w", html)
        self.assertIn('loading="lazy"', html)
        self.assertIn('alt="Cầu Rồng về đêm"', html)
        self.assertIn("Chú thích thử", html)


class TestDocumentLimits(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("btv_tailieu", roles.CHIEF)

    def form(self, name, content):
        from wagtail.models import Collection

        form_class = get_document_form(get_document_model())
        data = {"title": name, "collection": Collection.get_first_root_node().pk}
        return form_class(data, {"file": SimpleUploadedFile(name, content)}, user=self.editor)

    def test_pdf_is_accepted(self):
        self.assertTrue(self.form("ke-hoach.pdf", b"%PDF-1.7\n...").is_valid())

    def test_docx_and_xlsx_are_accepted(self):
        self.assertTrue(self.form("bao-cao.docx", b"PK\x03\x04rest").is_valid())
        self.assertTrue(self.form("so-lieu.xlsx", b"PK\x03\x04rest").is_valid())

    def test_other_types_are_refused(self):
        form = self.form("virus.exe", b"MZ\x90\x00")
        self.assertFalse(form.is_valid())
        self.assertIn("file", form.errors)

    def test_renamed_file_is_refused_in_vietnamese(self):
        form = self.form("gia-mao.pdf", b"MZ\x90\x00 not a pdf")
        self.assertFalse(form.is_valid())
        self.assertIn("không phải định dạng .pdf", form.errors["file"][0])

    @override_settings(TOASOAN_NEWSROOM={"DOCUMENT_MAX_SIZE": 1024})
    def test_too_large_file_is_refused_with_the_limit(self):
        form = self.form("lon.pdf", b"%PDF-" + b"0" * 2048)
        self.assertFalse(form.is_valid())
        self.assertIn("Dung lượng tối đa là 1,0", form.errors["file"][0])


class TestVideoFacade(TestCase):
    def test_video_loads_nothing_from_youtube_until_clicked(self):
        block = VideoBlock()
        value = block.to_python(
            {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Lễ khai mạc"}
        )
        html = block.render(value)
        self.assertNotIn("<iframe", html)
        self.assertNotIn("<script", html)
        self.assertNotIn('src="https://', html)
        self.assertIn('data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', html)


class TestPublishingNeedsAltText(TestCase):
    @classmethod
    def setUpTestData(cls):
        from .helpers import build_newsroom

        build_newsroom(cls)
        cls.bare = get_image_model().objects.create(title="Ảnh thiếu mô tả", file=png_upload())

    def publish(self, page, **overrides):
        from .helpers import article_form_data

        self.client.force_login(self.chief)
        data = article_form_data(slug=page.slug, **{"action-publish": "1"}, **overrides)
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        return self.client.post(url, data, follow=True)

    def test_article_with_a_body_image_without_alt_text_is_not_published(self):
        from wagtail.test.utils.form_data import rich_text, streamfield

        body = streamfield(
            [
                ("paragraph", rich_text("<p>Đoạn đầu.</p>")),
                ("image", {"image": self.bare.pk, "caption": ""}),
            ]
        )
        response = self.publish(self.draft_a, body=body)
        self.assertContains(response, "chưa có văn bản thay thế")
        self.assertContains(response, "Ảnh thiếu mô tả")
        self.draft_a.refresh_from_db()
        self.assertFalse(self.draft_a.live)
        # The edit was kept as a draft revision: nothing lost.
        latest = self.draft_a.get_latest_revision_as_object()
        self.assertEqual(latest.body[1].value["image"].pk, self.bare.pk)

    def test_article_is_published_once_the_alt_text_is_filled_in(self):
        self.bare.alt_text = "Toàn cảnh hội nghị"
        self.bare.save()
        self.publish(self.draft_a, featured_image=self.bare.pk)
        self.draft_a.refresh_from_db()
        self.assertTrue(self.draft_a.live)

    def test_featured_image_without_alt_text_blocks_publishing(self):
        self.publish(self.draft_a, featured_image=self.bare.pk)
        self.draft_a.refresh_from_db()
        self.assertFalse(self.draft_a.live)


class TestFinalApprovalNeedsAltText(TestCase):
    """The editor-in-chief's approval publishes: it follows the same alt-text rule."""

    @classmethod
    def setUpTestData(cls):
        from .helpers import build_newsroom

        build_newsroom(cls)
        cls.bare = get_image_model().objects.create(title="Ảnh chưa mô tả", file=png_upload())

    def submit_with_image(self, slug="bai-co-anh"):
        from wagtail.test.utils.form_data import rich_text, streamfield

        from toasoan.news.models import ArticlePage

        from .helpers import article_form_data

        self.client.force_login(self.reporter_a)
        body = streamfield(
            [
                ("paragraph", rich_text("<p>Đoạn đầu.</p>")),
                ("image", {"image": self.bare.pk, "caption": ""}),
            ]
        )
        data = article_form_data(slug=slug, body=body, **{"action-submit": "1"})
        url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", self.section_a.pk])
        self.assertEqual(self.client.post(url, data).status_code, 302)
        return ArticlePage.objects.get(slug=slug)

    def task_state(self, page):
        from wagtail.models import WorkflowState

        return WorkflowState.objects.get(
            object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ).current_task_state

    def approve(self, user, page, **extra):
        self.client.force_login(user)
        task_state = self.task_state(page)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        return self.client.post(url, {"comment": ""}, **extra)

    def test_editor_step_is_not_affected(self):
        page = self.submit_with_image()
        self.approve(self.editor_a, page)
        self.assertEqual(self.task_state(page).task.name, roles.CHIEF_TASK_NAME)

    def test_chief_approval_from_the_modal_is_refused_in_vietnamese(self):
        page = self.submit_with_image()
        self.approve(self.editor_a, page)
        response = self.approve(self.chief, page, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        redirect = json.loads(response.content)["redirect"]
        self.assertEqual(redirect, reverse("newsroom_approval_refused", args=[page.pk]))
        page.refresh_from_db()
        self.assertFalse(page.live)
        state = self.task_state(page)
        self.assertEqual(state.task.name, roles.CHIEF_TASK_NAME)
        self.assertEqual(state.status, "in_progress")
        response = self.client.get(redirect, follow=True)
        self.assertContains(response, "Chưa duyệt đăng")
        self.assertContains(response, "Ảnh chưa mô tả")
        self.assertContains(response, "văn bản thay thế")

    def test_chief_save_and_approve_from_the_editor_is_refused(self):
        from .helpers import article_form_data

        page = self.submit_with_image()
        self.approve(self.editor_a, page)
        self.client.force_login(self.chief)
        data = article_form_data(
            title="Tin mới ở Thời sự",
            slug=page.slug,
            featured_image=self.bare.pk,
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        )
        data["workflow-action-extra-data"] = json.dumps({})
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "Chưa duyệt đăng")
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(self.task_state(page).status, "in_progress")
        # The chief's edit was kept.
        self.assertEqual(page.get_latest_revision_as_object().featured_image_id, self.bare.pk)

    def test_chief_approval_publishes_once_the_alt_text_is_there(self):
        page = self.submit_with_image()
        self.approve(self.editor_a, page)
        self.bare.alt_text = "Toàn cảnh hội chợ"
        self.bare.save()
        self.approve(self.chief, page)
        page.refresh_from_db()
        self.assertTrue(page.live)

    def test_a_direct_post_without_the_modal_is_refused_too(self):
        page = self.submit_with_image()
        self.approve(self.editor_a, page)
        response = self.approve(self.chief, page)
        self.assertRedirects(
            response,
            reverse("newsroom_approval_refused", args=[page.pk]),
            fetch_redirect_response=False,
        )
        page.refresh_from_db()
        self.assertFalse(page.live)
