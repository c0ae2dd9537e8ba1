"""A reader's path through the public site in headless Chromium, on a phone and a desktop."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from toasoan.vi.dates import VIETNAM_TZ, long_date, today_local

from .conftest import SCREENSHOTS, assert_same_origin, run_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
class TestReaderJourney:
    def test_home_section_article_show_every_element_of_the_reference_page(
        self, reader_site, open_context, viewport
    ):
        context = open_context(viewport)
        page = context.new_page()
        expected_date = long_date(today_local())

        page.goto(reader_site.url + "/")
        expect(page.locator("time[data-vi-today]")).to_have_text(expected_date)
        expect(page.get_by_role("heading", name="Tin mới")).to_be_visible()
        screenshot(page, f"home-{viewport}")
        run_axe(page, f"home-{viewport}")

        # Phones reach the sections through the collapsible menu; desktops see it open.
        menu = page.locator("details.site-nav__menu")
        if viewport == "phone":
            expect(menu.get_by_role("link", name="Thời sự")).to_be_hidden()
            menu.locator("summary").click()
        section_link = menu.get_by_role("link", name="Thời sự")
        expect(section_link).to_be_visible()
        section_link.click()
        expect(page.locator("h1")).to_have_text("Thời sự")
        expect(page).to_have_url(re.compile(re.escape(reader_site.section.url) + "$"))
        screenshot(page, f"section-{viewport}")
        run_axe(page, f"section-{viewport}")

        page.get_by_role("link", name=reader_site.article.title).first.click()
        expect(page.locator("h1")).to_have_text(reader_site.article.title)
        article = page.locator("article.article")
        expect(page.locator("time[data-vi-today]")).to_have_text(expected_date)
        expect(article.locator(".article__meta time")).to_be_visible()
        expect(article.locator(".article__sapo")).to_contain_text("thu ngân sách")
        expect(article.locator(".article__body")).to_contain_text("Kinh tế tăng trưởng ổn định")
        expect(article.locator(".article__byline")).to_have_text("Huyền Thanh - PBN")
        expect(article.get_by_role("heading", name="Ý kiến bạn đọc")).to_be_visible()
        expect(page.locator(".comments__total")).to_contain_text("Tổng lượt bình luận: 2")
        expect(page.locator(".comment")).to_have_count(2)

        other_news = page.locator("section.other-news")
        expect(other_news.get_by_role("heading", name="Tin khác")).to_be_visible()
        links = other_news.locator("a")
        expect(links.first).to_be_visible()
        hrefs = [_path(href) for href in links.evaluate_all("els => els.map(a => a.href)")]
        assert len(hrefs) >= 3
        assert reader_site.article.url not in hrefs, "Tin khác links to the article being read"

        announcements = page.locator("section.announcements")
        expect(announcements.get_by_role("heading", name="Thông báo")).to_be_visible()
        expect(
            announcements.get_by_role("link", name="Lịch tiếp công dân tháng 7/2020")
        ).to_be_visible()

        # Desktop: the sidebar sits beside the article, not under it.
        article_box = article.bounding_box()
        sidebar_box = page.locator("aside.sidebar").bounding_box()
        if viewport == "desktop":
            assert sidebar_box["x"] >= article_box["x"] + article_box["width"]
        else:
            assert sidebar_box["y"] >= article_box["y"] + article_box["height"]
            # Nothing wider than the phone's screen: no sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390

        screenshot(page, f"article-{viewport}")
        run_axe(page, f"article-{viewport}")
        assert_same_origin(context.requests, reader_site.url)


class TestEditorMenuAndFooter:
    def test_sub_menu_opens_on_hover_and_focus_and_footer_links_show(
        self, reader_site, open_context
    ):
        from wagtail.models import Site

        from toasoan.newsroom.models import FooterLink, FooterLinks, MainMenu, MainMenuItem

        site = Site.objects.get(is_default_site=True)
        menu = MainMenu.objects.create(site=site)
        MainMenuItem.objects.create(menu=menu, link_page=reader_site.section, key="thoi-su")
        MainMenuItem.objects.create(
            menu=menu, link_page=reader_site.announcements[0].get_parent(), parent_key="thoi-su"
        )
        footer = FooterLinks.objects.create(site=site, heading="Liên kết website")
        FooterLink.objects.create(
            footer=footer, title="Cổng Dịch vụ công quốc gia", link_url="https://dichvucong.gov.vn/"
        )

        context = open_context("desktop")
        page = context.new_page()
        page.goto(reader_site.url + "/")
        nav = page.locator(".site-nav__list")
        child = nav.locator(".site-nav__sub").get_by_role("link", name="Thông báo")
        expect(child).to_be_hidden()
        nav.get_by_role("link", name="Thời sự").hover()
        expect(child).to_be_visible()
        screenshot(page, "menu-desktop-open")
        page.mouse.move(5, 700)
        expect(child).to_be_hidden()
        nav.get_by_role("link", name="Thời sự").focus()
        expect(child).to_be_visible()
        footer_nav = page.get_by_role("navigation", name="Liên kết website")
        expect(footer_nav.get_by_role("link", name="Cổng Dịch vụ công quốc gia")).to_be_visible()
        run_axe(page, "menu-desktop-open")
        assert_same_origin(context.requests, reader_site.url)

        phone = open_context("phone").new_page()
        phone.goto(reader_site.url + "/")
        phone.locator("details.site-nav__menu summary").click()
        expect(
            phone.locator(".site-nav__sub").get_by_role("link", name="Thông báo")
        ).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone, "menu-phone-open")


class TestAccessibilityBar:
    def test_contrast_and_text_size_persist_across_navigation_and_reload(
        self, reader_site, open_context
    ):
        page = open_context("phone").new_page()
        page.goto(reader_site.url + reader_site.article.url)
        html = page.locator("html")
        default_size = page.evaluate(
            "parseFloat(getComputedStyle(document.documentElement).fontSize)"
        )

        # Keyboard: the first Tab shows the skip link, Enter moves to the main content.
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        expect(skip).to_be_focused()
        assert skip.bounding_box()["y"] >= 0
        page.keyboard.press("Enter")
        expect(page.locator("main#noi-dung")).to_be_focused()

        page.locator("[data-a11y=contrast]").click()
        page.locator("[data-a11y=text-larger]").click()
        page.locator("[data-a11y=text-larger]").click()
        expect(html).to_have_class(re.compile(r"\ba11y-contrast\b"))
        expect(html).to_have_class(re.compile(r"\ba11y-text-2\b"))
        expect(page.locator("[data-a11y=contrast]")).to_have_attribute("aria-pressed", "true")

        page.locator(".breadcrumb a").click()
        expect(page.locator("h1")).to_have_text("Thời sự")
        page.reload()
        classes = html.get_attribute("class").split()
        assert "a11y-contrast" in classes and "a11y-text-2" in classes
        size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert size == pytest.approx(default_size * 1.25)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(0, 0, 0)"
        expect(page.locator("[data-a11y=contrast]")).to_have_attribute("aria-pressed", "true")
        # Larger text reflows: nothing runs off the phone's screen (WCAG 1.4.10).
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "section-phone-contrast-large")
        run_axe(page, "section-phone-contrast-large")

        page.locator("[data-a11y=contrast]").click()
        page.locator("[data-a11y=text-reset]").click()
        page.reload()
        classes = (html.get_attribute("class") or "").split()
        assert not [c for c in classes if c.startswith("a11y-")], classes


class TestWithoutJavaScript:
    def test_article_is_readable_and_menu_opens_without_javascript(self, reader_site, open_context):
        context = open_context("phone", java_script_enabled=False)
        page = context.new_page()
        page.goto(reader_site.url + reader_site.article.url)
        expect(page.locator("h1")).to_have_text(reader_site.article.title)
        expect(page.locator(".article__body")).to_contain_text("Kinh tế tăng trưởng ổn định")
        expect(page.locator(".article__byline")).to_have_text("Huyền Thanh - PBN")
        expect(page.locator("time[data-vi-today]")).to_have_text(long_date(today_local()))
        # Buttons that could not work are not offered.
        expect(page.locator(".a11y-bar")).to_be_hidden()
        menu = page.locator("details.site-nav__menu")
        expect(menu.get_by_role("link", name="Kinh tế")).to_be_hidden()
        menu.locator("summary").click()
        expect(menu.get_by_role("link", name="Kinh tế")).to_be_visible()
        screenshot(page, "article-phone-no-js")
        assert_same_origin(context.requests, reader_site.url)

        # Wide screens show the menu open by CSS alone.
        desktop = open_context("desktop", java_script_enabled=False).new_page()
        desktop.goto(reader_site.url + reader_site.article.url)
        expect(desktop.locator("details.site-nav__menu summary")).to_be_hidden()
        expect(
            desktop.locator("details.site-nav__menu").get_by_role("link", name="Kinh tế")
        ).to_be_visible()


class TestEnhancements:
    def test_stale_cached_date_is_replaced_by_today_in_vietnam(self, reader_site, open_context):
        page = open_context("phone").new_page()
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3, hours=5)
        page.clock.set_fixed_time(later)
        page.goto(reader_site.url + "/")
        expected = long_date(later.astimezone(VIETNAM_TZ).date())
        stamp = page.locator("time[data-vi-today]")
        expect(stamp).to_have_text(expected)
        expect(stamp).to_have_attribute("datetime", later.astimezone(VIETNAM_TZ).date().isoformat())

    def test_video_loads_from_its_host_only_after_a_click(self, reader_site, open_context):
        context = open_context("desktop")
        page = context.new_page()
        # The machine is offline; answer the video host's request locally instead.
        page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="ok"))
        page.goto(reader_site.url + reader_site.article.url)
        play = page.locator(".video-facade__play")
        expect(play).to_be_visible()
        expect(page.locator(".video-facade iframe")).to_have_count(0)
        assert_same_origin(context.requests, reader_site.url)

        play.click()
        frame = page.locator(".video-facade iframe")
        expect(frame).to_have_attribute(
            "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        )
        expect(frame).to_have_attribute("title", "Toàn cảnh")


class TestContentSecurityPolicy:
    def test_public_pages_and_enhancements_run_under_the_sites_policy(
        self, reader_site, open_context
    ):
        context = open_context("desktop", bypass_csp=False)
        context.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`));"
        )
        page = context.new_page()
        page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="ok"))
        response = page.goto(reader_site.url + reader_site.article.url)
        policy = response.headers.get("content-security-policy", "")
        directives = {
            part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
        }
        script_src = directives.get("script-src", directives.get("default-src"))
        assert script_src and "'unsafe-inline'" not in script_src, policy

        page.locator("[data-a11y=contrast]").click()  # site.js runs
        expect(page.locator("html")).to_have_class(re.compile(r"\ba11y-contrast\b"))
        page.locator(".video-facade__play").click()
        expect(page.locator(".video-facade iframe")).to_have_count(1)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__csp") == []


class TestPrint:
    def test_print_shows_the_article_and_its_address_without_navigation(
        self, reader_site, open_context
    ):
        page = open_context("desktop").new_page()
        page.goto(reader_site.url + reader_site.article.url)
        page.emulate_media(media="print")
        for hidden in (".site-nav", ".a11y-bar", ".sidebar", ".comments", ".video-facade__play"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.locator(".article__body")).to_be_visible()
        expect(page.locator(".article__byline")).to_be_visible()
        address = page.evaluate(
            "getComputedStyle(document.querySelector('.article__title'), '::after').content"
        )
        # The canonical address (the Wagtail site's hostname), not the test server's port.
        assert address == f'"{reader_site.article.full_url}"'
        assert reader_site.article.full_url.endswith(reader_site.article.url)
        color = page.evaluate("getComputedStyle(document.querySelector('.article__sapo')).color")
        assert color == "rgb(0, 0, 0)"
        screenshot(page, "article-print")
        page.pdf(path=str(SCREENSHOTS / "article-print.pdf"), format="A4")


class TestAnnouncements:
    def test_announcement_and_its_index_are_reachable_and_accessible(
        self, reader_site, open_context
    ):
        context = open_context("phone")
        page = context.new_page()
        page.goto(reader_site.url + reader_site.article.url)
        page.locator("section.announcements").get_by_role(
            "link", name="Lịch tiếp công dân tháng 7/2020"
        ).click()
        expect(page.locator("h1")).to_have_text("Lịch tiếp công dân tháng 7/2020")
        run_axe(page, "announcement-phone")
        page.locator(".breadcrumb a").click()
        expect(page.locator("h1")).to_have_text("Thông báo")
        expect(page.locator(".announcement-list li")).to_have_count(2)
        expect(page.locator(".announcement-list .badge")).to_have_text("Ghim")
        screenshot(page, "announcements-phone")
        run_axe(page, "announcements-phone")
        assert_same_origin(context.requests, reader_site.url)


class TestErrorPages:
    def test_missing_page_is_a_vietnamese_404_with_the_site_look(self, reader_site, open_context):
        page = open_context("phone").new_page()
        response = page.goto(reader_site.url + "/khong-co-trang-nay/")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
        expect(page.get_by_role("link", name="Về trang chủ")).to_be_visible()
        screenshot(page, "404-phone")
        run_axe(page, "404-phone")
