"""Disguised uploads through the admin are refused; documents are always downloads."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


class TestUploads(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "quantri", "qt@example.vn", "mat-khau-qt-123"
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def _document(self, name, content):
        return self.client.post(
            "/quan-tri/documents/add/",
            {"title": "Tài liệu", "file": SimpleUploadedFile(name, content), "collection": 1},
        )

    def _image(self, name, content, content_type="image/png"):
        return self.client.post(
            "/quan-tri/images/add/",
            {
                "title": "Ảnh",
                "alt_text": "Ảnh thử",
                "file": SimpleUploadedFile(name, content, content_type=content_type),
                "collection": 1,
            },
        )

    def test_html_disguised_as_pdf_is_refused(self):
        response = self._document("cong-van.pdf", HTML)
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        self.assertContains(response, "Nội dung tệp không phải định dạng .pdf")
        self.assertFalse(get_document_model().objects.exists())

    def test_html_and_scripts_are_refused_by_extension(self):
        for name in ("trang.html", "trang.htm", "trang.pdf.html", "trang.svg", "x.js"):
            with self.subTest(name=name):
                self._document(name, HTML)
                self.assertFalse(get_document_model().objects.exists())

    def test_a_real_pdf_is_served_as_a_download_never_inline(self):
        response = self._document("cong-van.pdf", PDF)
        self.assertEqual(response.status_code, 302)
        document = get_document_model().objects.get()
        self.client.logout()
        served = self.client.get(document.url)
        self.assertEqual(served.status_code, 200)
        self.assertEqual(served.headers["Content-Type"], "application/pdf")
        self.assertTrue(served.headers["Content-Disposition"].startswith("attachment"))
        self.assertEqual(served.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(b"".join(served.streaming_content), PDF)

    def test_svg_images_are_refused(self):
        self._image("logo.svg", SVG, content_type="image/svg+xml")
        self.assertFalse(get_image_model().objects.exists())

    def test_html_disguised_as_an_image_is_refused(self):
        for name in ("anh.png", "anh.jpg", "anh.gif"):
            with self.subTest(name=name):
                self._image(name, HTML)
                self.assertFalse(get_image_model().objects.exists())

    def test_a_png_named_html_is_refused(self):
        self._image("anh.html", _png())
        self.assertFalse(get_image_model().objects.exists())

    def test_a_real_image_is_accepted_with_an_image_name(self):
        response = self._image("anh.png", _png())
        self.assertEqual(response.status_code, 302)
        image = get_image_model().objects.get()
        self.assertTrue(image.file.name.endswith(".png"))

    def test_nothing_stored_can_be_served_as_html(self):
        # Whatever got through the forms above, no stored file has a name a web server
        # would serve as HTML, script or SVG.
        self._image("anh.png", _png())
        self._document("cong-van.pdf", PDF)
        self._document("x.pdf", HTML)
        self._image("y.jpg", HTML)
        names = [i.file.name for i in get_image_model().objects.all()]
        names += [d.file.name for d in get_document_model().objects.all()]
        self.assertEqual(len(names), 2)
        for name in names:
            self.assertNotRegex(name.lower(), r"\.(html?|svgz?|js|xml|xhtml)$")


def _huge_png(side=11000):
    """An 11000×11000 PNG of a few KB (one colour compresses to nothing)."""
    buffer = io.BytesIO()
    Image.new("1", (side, side), 0).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class TestPixelCap(TestCase):
    """#23: an 11000×11000 PNG of 15 KB (under Wagtail's 128-megapixel default) grew a
    worker from 168 to 596 MB when listed."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("qt2", "qt2@example.vn", "x" * 12)

    def test_upload_is_refused(self):
        content = _huge_png()
        self.assertLess(len(content), 100_000)
        self.client.force_login(self.admin)
        response = self.client.post(
            "/quan-tri/images/add/",
            {
                "title": "Bom",
                "alt_text": "Bom",
                "file": SimpleUploadedFile("bom.png", content, content_type="image/png"),
                "collection": 1,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(get_image_model().objects.exists())

    def test_a_stored_huge_image_is_never_decoded(self):
        from django.core.files.base import ContentFile
        from wagtail.images.shortcuts import get_rendition_or_not_found

        image = get_image_model().objects.create(
            title="Đã có", file=ContentFile(_huge_png(), name="cu.png"), width=11000, height=11000
        )
        rendition = get_rendition_or_not_found(image, "fill-300x200")
        self.assertEqual(rendition.width, 0)  # Wagtail's "not found" stand-in, no decode
        self.assertFalse(image.renditions.exists())


class TestDocumentReview(TestCase):
    """#23: a reporter's uploaded document was downloadable at once, no editorial step."""

    @classmethod
    def setUpTestData(cls):
        from toasoan.news.tests.factories import make_home, make_section
        from toasoan.newsroom import roles

        section = make_section(make_home())
        cls.reporter = get_user_model().objects.create_user("pv", "pv@example.vn", "x" * 12)
        roles.grant(cls.reporter, roles.REPORTER, section)
        cls.editor = get_user_model().objects.create_user("btv", "btv@example.vn", "x" * 12)
        roles.grant(cls.editor, roles.EDITOR, section)

    def _upload(self, user):
        self.client.force_login(user)
        self.client.post(
            "/quan-tri/documents/add/",
            {"title": "Công văn", "file": SimpleUploadedFile("cv.pdf", PDF), "collection": 1},
        )
        self.client.logout()
        return get_document_model().objects.latest("pk")

    def test_a_reporters_document_waits_for_an_editor(self):
        from toasoan.security.document_review import PENDING_COLLECTION_NAME

        document = self._upload(self.reporter)
        self.assertEqual(document.collection.name, PENDING_COLLECTION_NAME)
        response = self.client.get(document.url)
        self.assertIn(response.status_code, (302, 403))  # a login, never the file
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(document.url).status_code, 200)  # the reviewer reads it
        self.client.logout()
        # Approved: the editor moves it to a public collection.
        from wagtail.models import Collection

        document.collection = Collection.get_first_root_node()
        document.save()
        self.assertEqual(self.client.get(document.url).status_code, 200)

    def test_an_editors_document_is_public_at_once(self):
        document = self._upload(self.editor)
        self.assertEqual(document.collection.depth, 1)
        self.assertEqual(self.client.get(document.url).status_code, 200)
