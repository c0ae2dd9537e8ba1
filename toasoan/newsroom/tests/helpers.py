"""A newsroom for tests: two sections, one account per role, and admin form data."""

from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.newsroom import roles

PASSWORD = "mat-khau-thu-nghiem-2026"


def ensure_wagtail_root():
    """Transactional tests flush every table, the root page and default locale included."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )


def make_user(username, role=None, section=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@toasoan.test", **extra
    )
    if role is not None:
        roles.grant(user, role, section)
    return user


def build_newsroom(cls):
    """Set the tree and the people on a TestCase class (call from setUpTestData)."""
    cls.home = make_home()
    cls.section_a = make_section(cls.home, "Thời sự")
    cls.section_b = make_section(cls.home, "Kinh tế")
    cls.reporter_a = make_user("pv_thoisu", roles.REPORTER, cls.section_a)
    cls.reporter_a2 = make_user("pv_thoisu2", roles.REPORTER, cls.section_a)
    cls.reporter_b = make_user("pv_kinhte", roles.REPORTER, cls.section_b)
    cls.editor_a = make_user("btv_thoisu", roles.EDITOR, cls.section_a)
    cls.editor_b = make_user("btv_kinhte", roles.EDITOR, cls.section_b)
    cls.chief = make_user("tbt", roles.CHIEF)
    cls.moderator = make_user("kiemduyet", roles.MODERATOR)
    cls.admin = make_user("quantri", roles.ADMIN)
    cls.published_a = make_article(cls.section_a, title="Bài đã đăng ở Thời sự")
    cls.published_b = make_article(cls.section_b, title="Bài đã đăng ở Kinh tế")
    cls.draft_a = make_article(
        cls.section_a, title="Bản nháp của phóng viên", live=False, owner=cls.reporter_a
    )
    cls.draft_a.save_revision(user=cls.reporter_a)


def article_form_data(title="Tin mới ở Thời sự", slug="tin-moi", **overrides):
    """POST data for Wagtail's add/edit view of an ArticlePage."""
    fields = {
        "title": title,
        "slug": slug,
        "sapo": "Sapo ngắn của bài.",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
        "author_name": "Huyền Thanh",
        "source_name": "PBN",
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "published_at": "",
        "comments_enabled": "on",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)
