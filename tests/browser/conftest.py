"""Fixtures for the reader-facing browser tests: a small news site, pages that record every
request, axe-core in the page and screenshots kept under test-artifacts/screenshots/."""

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

PARAGRAPHS = [
    "Sáng 4/7, Ủy ban nhân dân tỉnh tổ chức hội nghị sơ kết công tác sáu tháng đầu năm và "
    "triển khai nhiệm vụ trọng tâm sáu tháng cuối năm 2020.",
    "Theo báo cáo, tổng sản phẩm trên địa bàn tăng 6,5% so với cùng kỳ; thu ngân sách đạt "
    "1.234 tỷ đồng, bằng 52% dự toán. Các khu chế xuất, khu công nghiệp thu hút thêm 12 dự án "
    "đầu tư mới với tổng vốn đăng ký hơn 300 triệu USD.",
    "Phát biểu chỉ đạo, đồng chí Chủ tịch Ủy ban nhân dân tỉnh đề nghị các sở, ngành, địa "
    "phương tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch, đồng thời đẩy nhanh tiến "
    "độ giải ngân vốn đầu tư công, tháo gỡ khó khăn cho doanh nghiệp.",
]


def _body():
    return [
        ("paragraph", f"<p>{PARAGRAPHS[0]}</p>"),
        ("heading", {"text": "Kinh tế tăng trưởng ổn định", "level": "h2"}),
        ("paragraph", f"<p>{PARAGRAPHS[1]}</p>"),
        ("quote", {"text": "Phải làm bằng được, làm đến nơi đến chốn.", "attribution": ""}),
        ("paragraph", f"<p>{PARAGRAPHS[2]}</p>"),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Toàn cảnh"}),
    ]


def ensure_wagtail_root():
    """Transactional tests flush every table, including the root page and the default locale
    that Wagtail's migrations created; put them back for the next test."""
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


@pytest.fixture
def reader_site(live_server):
    """The site of ``build_reader_site`` served by the live server (``.url``)."""
    site = build_reader_site()
    site.url = live_server.url
    return site


def build_reader_site():
    """Home, two sections, ten articles, announcements and approved reader comments."""
    from toasoan.comments.models import Comment
    from toasoan.news.tests.factories import (
        make_announcement,
        make_announcement_index,
        make_article,
        make_home,
        make_section,
    )

    ensure_wagtail_root()
    home = make_home()
    section = make_section(home, "Thời sự")
    economy = make_section(home, "Kinh tế")
    now = timezone.now()
    article = make_article(
        section,
        title="Hội nghị sơ kết công tác sáu tháng đầu năm 2020 của Ủy ban nhân dân tỉnh",
        sapo="Kinh tế của tỉnh tiếp tục tăng trưởng khá; thu ngân sách đạt hơn một nửa dự toán.",
        body=_body(),
        author_name="Huyền Thanh",
        source_name="PBN",
        published_at=now - dt.timedelta(minutes=1),
        is_featured=True,
    )
    others = [
        make_article(
            section,
            title=f"Tin thời sự số {n}: đẩy mạnh cải cách hành chính ở cơ sở",
            published_at=now - dt.timedelta(hours=n),
        )
        for n in range(1, 7)
    ]
    others += [
        make_article(economy, title=f"Xuất khẩu nông sản tháng {n} tăng mạnh") for n in range(1, 4)
    ]
    index = make_announcement_index(home)
    announcements = [
        make_announcement(index, title="Lịch tiếp công dân tháng 7/2020", pinned=True),
        make_announcement(index, title="Thông báo tuyển dụng viên chức năm 2020"),
    ]
    Comment.objects.create(
        page=article, name="Nguyễn Văn An", body="Bài viết rất hữu ích.", status="approved"
    )
    Comment.objects.create(
        page=article, name="Trần Thị Bình", body="Mong tỉnh tiếp tục cải cách.", status="approved"
    )
    Comment.objects.create(page=article, name="Ẩn danh", body="Chưa duyệt.", status="pending")
    return SimpleNamespace(
        home=home,
        section=section,
        article=article,
        others=others,
        announcements=announcements,
    )


@pytest.fixture
def open_context(browser, live_server):
    """Open a browser context; every request it makes is recorded on ``context.requests``."""
    contexts = []

    def factory(viewport="phone", **options):
        options.setdefault("bypass_csp", True)  # axe-core is injected as a script
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="vi-VN", **options)
        context.requests = []
        context.on("request", lambda request: context.requests.append(request.url))
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


def assert_same_origin(requests, live_server_url):
    """No request may leave the site: every URL is on the live server (or data:/blob:)."""
    host = urlsplit(live_server_url).netloc
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme not in {"data", "blob", "about"} and urlsplit(url).netloc != host
    ]
    assert not foreign, f"requests left the site: {foreign}"


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def run_axe(page, name):
    """Run axe-core in the page; fail on serious or critical violations, printing them."""
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core is missing ({AXE_JS}): run `make install` (it runs `npm ci`) or `npm ci`."
        )
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:5]
        print(
            f"axe {name}: [{violation['impact']}] {violation['id']}: {violation['help']} {targets}"
        )
    assert not blocking, f"axe-core found serious/critical violations on {name}: " + json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in blocking
        ],
        ensure_ascii=False,
        indent=1,
    )
    return result
