"""Build page trees for tests: a site with a home page, sections, articles, announcements."""

import datetime as dt
import itertools

from django.utils import timezone
from wagtail.models import Page, Site

from toasoan.news.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    HomePage,
    SectionPage,
    StandardPage,
)

_counter = itertools.count(1)


def wagtail_root():
    """Wagtail's root page, recreated (with the default locale) when a transactional test
    before this one flushed every table, the rows Wagtail's migrations made included."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        page_type = ContentType.objects.get_for_model(Page)
        root = Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))
    return root


def make_home(title="Trang chủ"):
    """Create the home page under Wagtail's root and point the default site at it."""
    root = wagtail_root()
    home = root.add_child(instance=HomePage(title=title, slug=f"home-{next(_counter)}"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


def make_section(parent, title="Thời sự", **overrides):
    fields = {"title": title, "slug": f"chuyen-muc-{next(_counter)}", "show_in_menus": True}
    fields.update(overrides)
    section = parent.add_child(instance=SectionPage(**fields))
    return section


def make_article(section, title=None, published_at=None, live=True, **overrides):
    """An article in `section`; published now (or at `published_at`) unless live=False."""
    n = next(_counter)
    fields = {
        "title": title or f"Bài viết thử nghiệm số {n}",
        "slug": f"bai-viet-{n}",
        "sapo": "Sapo của bài viết thử nghiệm.",
        "body": [("paragraph", "<p>Đoạn văn thứ nhất của bài.</p>")],
        "author_name": "Huyền Thanh",
        "source_name": "PBN",
        "published_at": published_at or timezone.now() - dt.timedelta(minutes=n),
        "live": live,
    }
    fields.update(overrides)
    article = section.add_child(instance=ArticlePage(**fields))
    if live:
        article.save_revision().publish()
        article.refresh_from_db()
    return article


def make_announcement_index(home, title="Thông báo"):
    return home.add_child(instance=AnnouncementIndexPage(title=title, slug="thong-bao"))


def make_announcement(index, title=None, **overrides):
    n = next(_counter)
    fields = {"title": title or f"Thông báo số {n}", "slug": f"thong-bao-{n}"}
    fields.update(overrides)
    announcement = index.add_child(instance=AnnouncementPage(**fields))
    announcement.save_revision().publish()
    announcement.refresh_from_db()
    return announcement


def make_standard_page(parent, title="Giới thiệu", **overrides):
    fields = {"title": title, "slug": f"trang-{next(_counter)}"}
    fields.update(overrides)
    page = parent.add_child(instance=StandardPage(**fields))
    page.save_revision().publish()
    return page
