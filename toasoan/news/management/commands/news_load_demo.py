"""Load the demo content: a fictional provincial agency's portal. Runs once; a second run
changes nothing (the home page's existence is the marker)."""

import datetime as dt
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from toasoan.comments.models import Comment
from toasoan.news.demo import content
from toasoan.news.demo.images import draw_illustration
from toasoan.news.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    HomePage,
    SectionPage,
    StandardPage,
)
from toasoan.sitesettings.models import SiteIdentity
from toasoan.vi.slugs import vietnamese_slugify


class Command(BaseCommand):
    help = "Create the demo sections, articles, announcements and accounts (first run only)."

    def handle(self, *args, **options):
        if HomePage.objects.exists():
            self.stdout.write("Demo content already present: nothing to do.")
        else:
            with transaction.atomic():
                counts = self._load()
            self.stdout.write(self.style.SUCCESS("Demo content loaded: " + counts))
        self._run_app_loaders()
        self._ensure_accounts()

    def _run_app_loaders(self):
        # Other apps' demo content (documents, questions, …), each loader idempotent and in
        # its own transaction, so one app's failure leaves the others' content in place.
        from toasoan.core.portal import demo_loaders

        for loader in demo_loaders():
            with transaction.atomic():
                summary = loader.load(self.stdout)
            if summary:
                self.stdout.write(f"Demo {loader.key}: {summary}")

    def _load(self):
        now = timezone.now()
        home = self._make_home()
        sections = {}
        for spec in content.SECTIONS:
            self._make_section(home, spec, sections)
        articles = []
        for n, spec in enumerate(content.ARTICLES):
            image = self._make_image(spec, n)
            articles.append(self._make_article(sections[spec["section"]], spec, image, now))
        index = home.add_child(
            instance=AnnouncementIndexPage(title="Thông báo", slug="thong-bao", show_in_menus=True)
        )
        for n, spec in enumerate(content.ANNOUNCEMENTS):
            page = index.add_child(
                instance=AnnouncementPage(
                    title=spec["title"],
                    slug=vietnamese_slugify(spec["title"]),
                    body=spec["body"],
                    pinned=spec.get("pinned", False),
                )
            )
            page.save_revision().publish()
            Page.objects.filter(pk=page.pk).update(first_published_at=now - dt.timedelta(days=n))
        for spec in content.PAGES:
            page = home.add_child(instance=StandardPage(show_in_menus=False, **spec))
            page.save_revision().publish()
        for article_index, name, body, hours in content.COMMENTS:
            comment = Comment.objects.create(
                page=articles[article_index], name=name, body=body, status="approved"
            )
            Comment.objects.filter(pk=comment.pk).update(created_at=now - dt.timedelta(hours=hours))
        return (
            f"{len(sections)} sections, {len(articles)} articles, "
            f"{len(content.ANNOUNCEMENTS)} announcements, {len(content.COMMENTS)} comments"
        )

    def _make_home(self):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = content.SITE["agency_name"]
            site.save()
        else:
            site = Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name=content.SITE["agency_name"],
            )
        # Wagtail's "Welcome to your new Wagtail site!" placeholder has no use here.
        if old_root and old_root.pk != home.pk and not old_root.get_children().exists():
            old_root.delete()
        SiteIdentity.objects.update_or_create(site=site, defaults=content.SITE)
        return home

    def _make_section(self, parent, spec, sections):
        section = parent.add_child(
            instance=SectionPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], show_in_menus=True
            )
        )
        section.save_revision().publish()
        sections[spec["slug"]] = section
        for child in spec.get("children", []):
            self._make_section(section, child, sections)

    def _make_image(self, spec, n):
        image_model = get_image_model()
        data = draw_illustration(spec["image"], seed=n)
        return image_model.objects.create(
            title=spec["title"],
            file=ContentFile(data, name=f"demo-{n:02d}.jpg"),
            alt_text=f"Hình minh họa: {spec['title']}",
            caption="Ảnh minh họa (Tòa soạn)",
        )

    def _make_article(self, section, spec, image, now):
        published = now - dt.timedelta(hours=spec["hours_ago"])
        article = section.add_child(
            instance=ArticlePage(
                title=spec["title"],
                slug=vietnamese_slugify(spec["title"]),
                sapo=spec["sapo"],
                body=[("paragraph", f"<p>{text}</p>") for text in spec["paragraphs"]],
                author_name=spec["author"],
                source_name=spec["source"],
                published_at=published,
                featured_image=image,
                is_featured=spec.get("featured", False),
            )
        )
        article.tags.add(*spec.get("tags", []))
        article.save_revision().publish()
        Page.objects.filter(pk=article.pk).update(first_published_at=published)
        return article

    def _ensure_accounts(self):
        if "newsroom_demo_accounts" in get_commands():
            call_command("newsroom_demo_accounts", stdout=self.stdout)
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", "admin@localhost", password)
        path = Path(settings.VAR_DIR) / "admin-password.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"admin {password}\n", encoding="utf-8")
        path.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator account: admin / {password} (also saved in {path}); "
                "log in at /quan-tri/"
            )
        )
