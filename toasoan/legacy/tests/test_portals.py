"""Pages from portals the importer was not tuned on: header dates, breadcrumbs, menus and
footers, bylines in every common form, and bad pages that fail alone with a clear message."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from toasoan.legacy.bylines import is_head_byline, looks_like_byline, parse_byline
from toasoan.legacy.chrome import is_chrome
from toasoan.legacy.importers.base import ImportFailure
from toasoan.legacy.importers.text import parse_text
from toasoan.news.models import ArticlePage
from toasoan.news.tests.factories import make_home

PORTALS = Path(__file__).parent / "fixtures" / "portals"
BODY = [
    "Ủy ban nhân dân phường tổ chức hội nghị tổng kết công tác năm với các tổ dân phố.",
    "Hội nghị biểu dương mười hai tập thể và cá nhân có thành tích xuất sắc trong năm qua.",
]


def parse(text):
    return parse_text(text.encode(), "trang.txt")


@pytest.mark.parametrize("page", sorted(PORTALS.glob("*.txt")), ids=lambda p: p.stem)
def test_portal_shapes_read_as_their_truth(page):
    truth = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    got = parse_text(page.read_bytes(), page).as_json()
    for field, value in truth.items():
        assert got[field] == value, field


def test_breadcrumbs_and_menus_before_the_title_are_never_the_title():
    for chrome in (
        "Trang chủ > Tin tức > Kinh tế",
        "Trang chủ » Kinh tế",
        "Trang chủ - Thời sự",
        "Bạn đang ở: Trang chủ / Tin tức",
        "TRANG CHỦ GIỚI THIỆU TIN TỨC VĂN BẢN",
        "Giới thiệu | Tin tức - Sự kiện | Văn bản | Liên hệ",
    ):
        article = parse("\n".join([chrome, "Phường tổng kết công tác năm 2021", *BODY]))
        assert article.title == "Phường tổng kết công tác năm 2021", chrome
        assert is_chrome(chrome)


def test_header_date_is_never_the_title_and_yields_to_the_page_date():
    article = parse(
        "\n".join(
            [
                "Hôm nay: Thứ Hai, 15/06/2021",
                "Trang chủ > Tin tức",
                "Phường tổng kết công tác năm 2021",
                "Ngày đăng: 10/01/2021 | 09:00",
                *BODY,
            ]
        )
    )
    assert article.title == "Phường tổng kết công tác năm 2021"
    assert article.published_iso() == "2021-01-10T09:00:00+07:00"


def test_header_date_alone_gives_the_day_only():
    article = parse(
        "\n".join(
            [
                "Cập nhật lúc: 10:20 15/06/2021",
                "Trang chủ > Tin tức",
                "Phường tổng kết công tác năm 2021",
                *BODY,
            ]
        )
    )
    assert article.title == "Phường tổng kết công tác năm 2021"
    assert article.published_iso() == "2021-06-15"


@pytest.mark.parametrize(
    ("printed", "author", "source"),
    [
        ("Minh Anh (Theo Báo Bắc Giang)", "Minh Anh", "Báo Bắc Giang"),
        ("Theo VnExpress", "", "VnExpress"),
        ("Nguồn: Báo Lao Động", "", "Báo Lao Động"),
        ("Hoàng Nam - TTXVN", "Hoàng Nam", "TTXVN"),
        ("Hoàng Nam / TTXVN", "Hoàng Nam", "TTXVN"),
        ("PV Thu Hà", "Thu Hà", ""),
        ("Phóng viên: Thu Hà", "Thu Hà", ""),
        ("Tin, ảnh: Quốc Tuấn", "Quốc Tuấn", ""),
        ("Quốc Tuấn", "Quốc Tuấn", ""),
    ],
)
def test_bylines_after_the_body(printed, author, source):
    assert looks_like_byline(printed)
    byline = parse_byline(printed)
    assert (byline.author, byline.source) == (author, source)
    article = parse("\n".join(["Phường tổng kết công tác năm 2021", *BODY, printed]))
    assert (article.author, article.source) == (author, source)
    assert article.paragraphs == BODY


def test_role_bylines_under_the_title():
    assert is_head_byline("PV Thu Hà")
    article = parse("\n".join(["Phường tổng kết công tác năm 2021", "PV Thu Hà", *BODY]))
    assert article.author == "Thu Hà"
    assert article.paragraphs == BODY


def test_a_lone_name_is_not_the_author_when_the_page_has_a_byline():
    article = parse(
        "\n".join(["Phường tổng kết công tác năm 2021", "Tin, ảnh: Quốc Tuấn", *BODY, "Lan Hương"])
    )
    assert article.author == "Quốc Tuấn"
    assert article.paragraphs == [*BODY, "Lan Hương"]


@pytest.mark.parametrize(
    "masthead",
    ["Sở Văn hóa và Thể thao Hòa Bình", "Ủy ban nhân dân xã Tân Phú", "Trung tâm Y tế Cái Bè"],
)
def test_an_institution_masthead_above_the_date_is_never_the_title(masthead):
    article = parse(
        "\n".join(
            [masthead, "Cập nhật lúc: 10:20 15/06/2021", "Tìm kiếm...", "Xã tổng kết năm", *BODY]
        )
    )
    assert article.title == "Xã tổng kết năm"


def test_a_headline_that_starts_like_an_institution_stays_a_headline():
    article = parse("\n".join(["Sở Y tế cảnh báo dịch sốt xuất huyết", "Ngày 10/01/2021", *BODY]))
    assert article.title == "Sở Y tế cảnh báo dịch sốt xuất huyết"


def test_masthead_date_above_a_trail_yields_to_the_page_date():
    article = parse(
        "\n".join(
            [
                "Sở Văn hóa và Thể thao Hòa Bình",
                "Thứ Ba, ngày 16/03/2021",
                "Trang chủ - Tin tức",
                "Xã tổng kết công tác năm",
                "(10/01/2021)",
                *BODY,
            ]
        )
    )
    assert article.title == "Xã tổng kết công tác năm"
    assert article.published_iso() == "2021-01-10"


def test_the_line_under_the_trail_is_the_title_even_when_a_shorter_one_follows_the_date():
    article = parse(
        "\n".join(
            [
                "Trang chủ › Văn hóa",
                "Lễ hội đua thuyền mở màn mùa du lịch",
                "Ngày 10/01/2021",
                "Lễ hội đua thuyền",
                *BODY,
            ]
        )
    )
    assert article.title == "Lễ hội đua thuyền mở màn mùa du lịch"


def test_a_lone_name_above_a_source_line_stays_in_the_body():
    body = [*BODY, *reversed(BODY)]
    article = parse(
        "\n".join(["Phường tổng kết công tác năm 2021", *body, "Lan Hương", "Theo Báo Hòa Bình"])
    )
    assert (article.author, article.source) == ("", "Báo Hòa Bình")
    assert article.paragraphs == [*body, "Lan Hương"]


def test_a_player_label_is_not_an_author():
    assert not looks_like_byline("Play")
    article = parse("\n".join(["Phường tổng kết công tác năm 2021", *BODY, "Play"]))
    assert article.author == ""


def test_role_byline_names_a_person_even_when_it_reads_like_an_outlet():
    byline = parse_byline("PV Tiền Phong")
    assert (byline.author, byline.source) == ("Tiền Phong", "")


def test_a_byline_below_a_related_list_the_story_carried():
    article = parse(
        "\n".join(
            [
                "Phường tổng kết công tác năm 2021",
                *BODY,
                "Tin liên quan",
                "Phường khen thưởng các tổ dân phố tiêu biểu",
                "Hội nghị cán bộ công chức phường năm 2021",
                "Lan Hương / Báo Hòa Bình",
                "Tin cùng chuyên mục",
                "Xã ra quân làm đường giao thông nông thôn",
            ]
        )
    )
    assert (article.author, article.source) == ("Lan Hương", "Báo Hòa Bình")
    assert article.paragraphs == BODY
    bare = parse(
        "\n".join(
            [
                "Phường tổng kết công tác năm 2021",
                *BODY,
                "(xem thêm)",
                "Lan Hương",
                "Các tin khác",
                "Xã ra quân làm đường giao thông nông thôn",
            ]
        )
    )
    assert bare.author == "Lan Hương"


def test_footers_are_not_body():
    article = parse(
        "\n".join(
            [
                "Phường tổng kết công tác năm 2021",
                *BODY,
                "Bản quyền © 2021 thuộc về Ủy ban nhân dân phường",
                "Địa chỉ: 12 Lê Lợi, Quận 1",
                "Chia sẻ: Facebook Zalo",
            ]
        )
    )
    assert article.paragraphs == BODY


class TestBadPages:
    def test_no_title_at_all(self):
        with pytest.raises(ImportFailure, match="no title found"):
            parse("Trang chủ > Tin tức\nChia sẻ\nIn bài")

    def test_two_dates_take_the_page_date(self):
        article = parse(
            "\n".join(
                [
                    "Thứ Hai, 15/06/2021",
                    "Trang chủ > Tin tức",
                    "Phường tổng kết công tác năm 2021",
                    "Ngày 10/01/2021",
                    *BODY,
                ]
            )
        )
        assert article.published_iso() == "2021-01-10"

    def test_byline_but_no_body(self):
        with pytest.raises(ImportFailure, match="no body text"):
            parse("Phường tổng kết công tác năm 2021\nNgày 10/01/2021\nTheo Báo Nhân Dân")

    @pytest.mark.django_db
    def test_bad_pages_fail_alone_with_file_and_line(self, tmp_path):
        make_home()
        good = "\n".join(["Phường tổng kết công tác năm 2021", "Ngày 10/01/2021", *BODY])
        (tmp_path / "a_tot.txt").write_text(good, encoding="utf-8")
        (tmp_path / "b_khong_tieu_de.txt").write_text("Trang chủ > Tin tức\nIn bài\n")
        (tmp_path / "c_khong_noi_dung.txt").write_text(
            "Phường họp tổ dân phố năm 2021\nNgày 10/01/2021\nTheo Báo Nhân Dân\n", encoding="utf-8"
        )
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError):
            call_command("legacy_import", str(tmp_path), "--no-progress", stdout=out, stderr=err)
        messages = err.getvalue()
        assert "b_khong_tieu_de.txt:1: no title found" in messages
        assert "c_khong_noi_dung.txt" in messages and "no body text" in messages
        assert "1 imported" in messages
        assert ArticlePage.objects.filter(title="Phường tổng kết công tác năm 2021").exists()
