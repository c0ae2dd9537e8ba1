"""Site structure editors manage: the main menu (two levels, ordered) and the footer links."""

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.newsroom import roles
from toasoan.newsroom.models import FooterLink, FooterLinks, MainMenu, MainMenuItem

from .helpers import make_user


class _SiteCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.site = Site.objects.get(is_default_site=True)
        cls.news = make_section(cls.home, "Tin tức")
        cls.economy = make_section(cls.home, "Kinh tế")
        cls.hidden = make_section(cls.home, "Nội bộ", show_in_menus=False)
        cls.article = make_article(cls.economy, title="Giá lúa tăng")


class TestMainMenu(_SiteCase):
    def test_without_an_editor_menu_the_sections_shown_in_menus_are_listed(self):
        html = self.client.get("/").content.decode()
        self.assertIn(f'href="{self.news.url}"', html)
        self.assertIn(f'href="{self.economy.url}"', html)
        self.assertNotIn(">Nội bộ<", html)

    def test_editor_menu_replaces_the_default_with_order_and_a_second_level(self):
        menu = MainMenu.objects.create(site=self.site)
        MainMenuItem.objects.create(
            menu=menu,
            sort_order=0,
            link_page=self.economy,
            title="Kinh tế – Thị trường",
            key="kinh-te",
        )
        MainMenuItem.objects.create(
            menu=menu, sort_order=1, link_page=self.news, parent_key="kinh-te"
        )
        MainMenuItem.objects.create(
            menu=menu, sort_order=2, title="Cổng Chính phủ", link_url="https://chinhphu.vn/"
        )
        html = self.client.get(self.article.url).content.decode()
        top = html.index("Kinh tế – Thị trường")
        sub = html.index('class="site-nav__sub"')
        child = html.index(">Tin tức<")
        external = html.index("Cổng Chính phủ")
        self.assertLess(top, sub)
        self.assertLess(sub, child)
        self.assertLess(child, external)
        # The article lies in "Kinh tế": its menu item is marked as the current one.
        self.assertIn(f'href="{self.economy.url}" aria-current="page"', html)

    def test_unpublished_pages_are_left_out(self):
        menu = MainMenu.objects.create(site=self.site)
        MainMenuItem.objects.create(menu=menu, sort_order=0, link_page=self.news)
        MainMenuItem.objects.create(menu=menu, sort_order=1, link_page=self.economy)
        self.economy.unpublish()
        html = self.client.get("/").content.decode()
        self.assertIn(">Tin tức<", html)
        self.assertNotIn(f'href="{self.economy.url}"', html)

    def test_an_item_needs_exactly_one_target(self):
        menu = MainMenu.objects.create(site=self.site)
        with self.assertRaises(ValidationError):
            MainMenuItem(menu=menu, title="Trống").clean()
        with self.assertRaises(ValidationError):
            MainMenuItem(
                menu=menu, title="Cả hai", link_page=self.news, link_url="https://a.vn/"
            ).clean()
        with self.assertRaises(ValidationError):
            MainMenuItem(menu=menu, link_url="https://a.vn/").clean()


class TestFooterLinks(_SiteCase):
    def test_footer_lists_the_agencies_links_under_its_heading(self):
        footer = FooterLinks.objects.create(site=self.site, heading="Liên kết website")
        FooterLink.objects.create(
            footer=footer,
            sort_order=0,
            title="Cổng TTĐT Chính phủ",
            link_url="https://chinhphu.vn/",
        )
        FooterLink.objects.create(
            footer=footer, sort_order=1, title="Báo Nhân Dân", link_url="https://nhandan.vn/"
        )
        html = self.client.get("/").content.decode()
        self.assertIn("Liên kết website", html)
        self.assertLess(html.index("Cổng TTĐT Chính phủ"), html.index("Báo Nhân Dân"))

    def test_no_links_no_block(self):
        html = self.client.get("/").content.decode()
        self.assertNotIn("site-footer__links", html)


class TestSiteStructureInTheAdmin(_SiteCase):
    def test_chief_edits_the_menu_without_code(self):
        chief = make_user("tbt_menu", roles.CHIEF)
        self.client.force_login(chief)
        url = reverse("wagtailsettings:edit", args=["newsroom", "mainmenu", self.site.pk])
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_reporter_cannot_edit_the_menu(self):
        reporter = make_user("pv_menu", roles.REPORTER, self.news)
        self.client.force_login(reporter)
        url = reverse("wagtailsettings:edit", args=["newsroom", "mainmenu", self.site.pk])
        self.assertIn(self.client.get(url).status_code, (302, 403))


class TestMenuEditedThroughTheAdmin(_SiteCase):
    def test_chief_saves_a_two_level_menu_and_the_site_shows_it(self):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data

        chief = make_user("tbt_menu2", roles.CHIEF)
        self.client.force_login(chief)
        url = reverse("wagtailsettings:edit", args=["newsroom", "mainmenu", self.site.pk])
        data = nested_form_data(
            {
                "items": inline_formset(
                    [
                        {
                            "title": "Tin tức",
                            "link_page": self.news.pk,
                            "link_url": "",
                            "key": "tin-tuc",
                            "parent_key": "",
                            "ORDER": "1",
                        },
                        {
                            "title": "",
                            "link_page": self.economy.pk,
                            "link_url": "",
                            "key": "",
                            "parent_key": "tin-tuc",
                            "ORDER": "2",
                        },
                        {
                            "title": "",
                            "link_page": "",
                            "link_url": "https://chinhphu.vn/",
                            "key": "",
                            "parent_key": "",
                            "ORDER": "3",
                        },
                    ]
                )
            }
        )
        response = self.client.post(url, data)
        # The third item has an address but no name: refused with a Vietnamese message.
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Liên kết ngoài cần có tên hiển thị.")
        self.assertFalse(MainMenu.objects.filter(site=self.site, items__isnull=False).exists())

        data["items-2-title"] = "Cổng Chính phủ"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        html = self.client.get("/").content.decode()
        self.assertIn('class="site-nav__sub"', html)
        self.assertLess(html.index(">Tin tức<"), html.index(">Kinh tế<"))
        self.assertLess(html.index(">Kinh tế<"), html.index(">Cổng Chính phủ<"))
