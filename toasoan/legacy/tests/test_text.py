"""Plain-text page dumps: the reference page, date formats, bylines, chrome, encodings."""

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from toasoan.legacy.importers.base import ImportFailure
from toasoan.legacy.importers.text import parse_text
from toasoan.vi.dates import VIETNAM_TZ

SEED = Path("/work/shared/seed/000_2a5edaf0fc65db2a.txt")
FIXTURES = Path(__file__).parent / "fixtures"

BODY = [
    "Sáng nay, thư viện phường chính thức mở cửa đón bạn đọc sau sáu tháng sửa chữa.",
    "Thư viện có hơn mười nghìn đầu sách và khu tự học mở cửa đến 21 giờ mỗi ngày.",
    "Người dân có thể đăng ký thẻ miễn phí tại quầy lễ tân ở tầng một.",
]
TITLE = "Khai trương thư viện mới ở phường Bến Nghé"


def dump(
    date_line="Thứ Hai, ngày 6 tháng 1 năm 2025",
    byline="Minh Anh - PBN",
    sep="\n\n",
    trailer="Ý kiến bạn đọc\n\nrefresh\n\nTổng lượt bình luận\n\nTin khác\n\nThông báo",
):
    parts = [date_line, TITLE, *BODY, byline, trailer]
    return sep.join(p for p in parts if p)


def to_cp1258(text):
    """Windows-1258 bytes as old Vietnamese Windows software wrote them: letters with a
    circumflex, breve or horn are single bytes, the tone is a combining mark after them."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258"))
    return b"".join(out)


def parse(text, encoding="utf-8"):
    return parse_text(text.encode(encoding), "dump.txt")


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed page is not on this machine")
class TestReferencePage:
    def test_reference_dump_imports_as_the_brief_states(self):
        article = parse_text(SEED.read_bytes(), str(SEED))
        assert article.title == "Hội nghị BCH Đảng bộ các Khu Chế Xuất & Khu Công nghiệp TP"
        assert article.published == date(2020, 7, 4)
        assert (article.author, article.source) == ("Huyền Thanh", "PBN")
        # "Thứ Bảy, ngày 4 tháng 7 năm 2020" names a weekday, not a place; no breadcrumb.
        assert (article.place, article.section) == ("", None)
        assert len(article.paragraphs) == 8
        assert article.paragraphs[0].startswith("Đảng bộ các KCX & KCN TP vừa tổ chức")
        assert article.paragraphs[-1].endswith("trên địa bàn TP.")
        chrome = ("Ý kiến", "refresh", "Tổng lượt", "Tin khác", "Thông báo", "Huyền Thanh")
        assert not [p for p in article.paragraphs if p.startswith(chrome)]


class TestDateLines:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("Thứ Bảy, ngày 4 tháng 7 năm 2020", date(2020, 7, 4)),
            ("04/07/2020", date(2020, 7, 4)),
            ("04/07/2020 08:30", datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)),
            ("Cập nhật: 04/07/2020 08:30", datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)),
            (
                "Thứ Bảy, 04/07/2020 - 08:30 | Lượt xem: 1.204",
                datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ),
            ),
            ("Thứ 7, 04/07/2020", date(2020, 7, 4)),
            ("Đăng lúc 08:30 ngày 04/07/2020", datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)),
            ("04/07/2020 08:30 - Số lần đọc: 12", datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)),
            ("2020-07-04 08:30", datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)),
            ("4.7.2020", date(2020, 7, 4)),
        ],
    )
    def test_each_date_format_is_read(self, line, expected):
        article = parse(dump(date_line=line))
        assert article.published == expected
        assert article.title == TITLE
        assert article.paragraphs == BODY

    @pytest.mark.parametrize(
        ("line", "hour", "minute"),
        [
            ("04-07-2020 10:30:00 PM", 22, 30),
            ("04-07-2020 12:05:00 AM", 0, 5),
            ("04/07/2020 10:30 SA", 10, 30),
            ("04/07/2020 02:30 CH", 14, 30),
            ("8:30 tối 4/7/2020", 20, 30),
            ("Thứ Bảy, 04/07/2020 - 10:30", 10, 30),
            ("10:30 | 04/07/2020", 10, 30),
            ("Cập nhật lúc 10:30 ngày 04/07/2020", 10, 30),
            ("Ngày đăng: 04/07/2020 10:30 - Người đăng: admin", 10, 30),
        ],
    )
    def test_twelve_hour_clocks_and_portal_date_lines(self, line, hour, minute):
        article = parse(dump(date_line=line))
        assert article.published == datetime(2020, 7, 4, hour, minute, tzinfo=VIETNAM_TZ)
        assert article.paragraphs == BODY

    def test_a_second_date_line_under_the_title_is_neither_title_nor_body(self):
        text = "\n\n".join(
            [TITLE, "Ngày đăng: 04/07/2020 08:00", "Cập nhật lúc 10:30 ngày 05/07/2020", *BODY]
        )
        article = parse(text)
        assert article.title == TITLE
        assert article.published == datetime(2020, 7, 4, 8, 0, tzinfo=VIETNAM_TZ)
        assert article.paragraphs == BODY

    def test_a_page_without_a_date_still_imports_with_no_date(self):
        article = parse(dump(date_line=""))
        assert article.published is None
        assert article.title == TITLE

    def test_a_sentence_that_mentions_a_date_is_not_the_date_line(self):
        text = dump(date_line="04/07/2020").replace(
            BODY[0], "Ngày 10/10/2019 thư viện bắt đầu sửa chữa."
        )
        assert parse(text).published == date(2020, 7, 4)

    def test_publication_date_wins_over_the_update_date(self):
        article = parse(dump(date_line="Cập nhật: 05/07/2020 10:00\n\n04/07/2020 08:30"))
        assert article.published == datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)


class TestDatelines:
    """A place name (and sometimes the outlet) before the date: "Hà Nội, 04/07/2020"."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("Hà Nội, 04/07/2020", date(2020, 7, 4)),
            ("TP.HCM, ngày 4/7/2020", date(2020, 7, 4)),
            ("(Chinhphu.vn) - Hà Nội, 4-7-2020", date(2020, 7, 4)),
            ("Đà Nẵng, 4.7.2020", date(2020, 7, 4)),
            ("HÀ NỘI, 04/07/2020", date(2020, 7, 4)),
            ("Cần Thơ, ngày 4 tháng 7 năm 2020", date(2020, 7, 4)),
            ("Hà Nội, 04/07/2020 08:30", datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)),
            (
                "Bà Rịa - Vũng Tàu, ngày 4 tháng 7 năm 2020, lúc 8 giờ 30",
                datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ),
            ),
            (
                "TP. Hồ Chí Minh, 4/7/2020 lúc 14 giờ 05 phút",
                datetime(2020, 7, 4, 14, 5, tzinfo=VIETNAM_TZ),
            ),
            (
                "Thừa Thiên - Huế, 4/7/2020, lúc 9 giờ",
                datetime(2020, 7, 4, 9, 0, tzinfo=VIETNAM_TZ),
            ),
            (
                "(PBN) - Quảng Ninh, Thứ Bảy, 04/07/2020 08:30 (GMT+7)",
                datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ),
            ),
        ],
    )
    def test_datelines_are_read_and_left_out_of_the_body(self, line, expected):
        article = parse(dump(date_line=line))
        assert article.published == expected
        assert article.title == TITLE
        assert article.paragraphs == BODY

    def test_a_dateline_below_the_title(self):
        text = "\n\n".join([TITLE, "Hà Nội, ngày 4/7/2020", *BODY, "Minh Anh - PBN"])
        article = parse(text)
        assert (article.title, article.published) == (TITLE, date(2020, 7, 4))
        assert article.paragraphs == BODY

    def test_a_sentence_opening_with_a_place_and_a_date_stays_in_the_body(self):
        sentence = "Hà Nội, ngày 10/10/2019, thư viện bắt đầu sửa chữa."
        article = parse(dump(date_line="04/07/2020").replace(BODY[0], sentence))
        assert article.published == date(2020, 7, 4)
        assert article.paragraphs[0] == sentence

    def test_lower_case_words_before_the_comma_are_not_a_place(self):
        text = "\n\n".join([TITLE, "Theo kế hoạch, 10/10/2019", *BODY])
        article = parse(text)
        assert article.published is None
        assert article.paragraphs[0] == "Theo kế hoạch, 10/10/2019"


class TestTitleNextToTheDate:
    """Title above the date, lead below it (or the reverse): which line is the headline."""

    def test_title_above_a_short_lead_that_does_not_end_in_a_full_stop(self):
        lead = (
            "Cô nàng tỏ ra lúng túng khi được hỏi về kế hoạch chăm con, dường như chưa kịp chuẩn bị"
        )
        text = "\n\n".join([TITLE, "thứ sáu, 16/8/2013, 05:23 (GMT+7)", lead, *BODY])
        article = parse(text)
        assert article.title == TITLE
        assert article.paragraphs == [lead, *BODY]

    def test_title_above_a_subheading(self):
        text = "\n\n".join([TITLE, "06/09/2014 18:09", "Lá ổi", *BODY])
        assert parse(text).title == TITLE

    def test_masthead_above_the_date_is_not_the_title(self):
        masthead = "Cổng thông tin điện tử phường Bến Nghé"
        text = "\n\n".join([masthead, "03:43 12/06/2022", "Làm thầy thật khó...", *BODY])
        assert parse(text).title == "Làm thầy thật khó..."

    def test_section_label_above_the_date_is_not_the_title(self):
        long_title = f"{TITLE} sau sáu tháng sửa chữa và nâng cấp toàn bộ khu đọc"
        text = "\n\n".join(["Tin hoạt động", "04/07/2020", long_title, *BODY])
        assert parse(text).title == long_title


class TestBylinesInDumps:
    @pytest.mark.parametrize(
        ("byline", "author", "source"),
        [
            ("Minh Anh - PBN", "Minh Anh", "PBN"),
            ("Theo Tuổi Trẻ", "", "Tuổi Trẻ"),
            ("Minh Anh (Theo Tuổi Trẻ)", "Minh Anh", "Tuổi Trẻ"),
            ("", "", ""),
        ],
    )
    def test_byline_styles(self, byline, author, source):
        article = parse(dump(byline=byline))
        assert (article.author, article.source) == (author, source)
        assert article.paragraphs == BODY


class TestHeadOfThePage:
    def test_breadcrumb_names_the_section_a_menu_does_not(self):
        crumbs = "Trang chủ » Kinh tế » Thị trường"
        assert parse(f"{crumbs}\n\n{dump()}").section == "Thị trường"
        menu = "Trang chủ | Kinh tế | Thị trường | Liên hệ"
        assert parse(f"{menu}\n\n{dump()}").section is None

    def test_a_section_label_names_the_section(self):
        article = parse(dump(byline="Chuyên mục: Văn hóa\n\nMinh Anh - PBN"))
        assert article.section == "Văn hóa"
        assert article.paragraphs == BODY

    def test_byline_under_the_title_and_source_at_the_bottom(self):
        text = "\n\n".join(["04/07/2020", TITLE, "Bài và ảnh: Thanh Tâm", *BODY, "Theo PBN"])
        article = parse(text)
        assert article.title == TITLE
        assert (article.author, article.source) == ("Thanh Tâm", "PBN")
        assert article.paragraphs == BODY

    def test_byline_between_the_title_and_a_date_line_below_it(self):
        text = "\n\n".join([TITLE, "Minh Anh - PBN", "10:30 | 04/07/2020", *BODY])
        article = parse(text)
        assert article.title == TITLE
        assert (article.author, article.source) == ("Minh Anh", "PBN")
        assert article.published == datetime(2020, 7, 4, 10, 30, tzinfo=VIETNAM_TZ)
        assert article.paragraphs == BODY

    def test_a_masthead_is_not_the_title_of_a_page_without_a_date(self):
        text = "\n\n".join(["BÁO ĐIỆN TỬ PHƯỜNG TÂN ĐỊNH", TITLE, *BODY])
        assert parse(text).title == TITLE


class TestEncodings:
    def test_windows_1258_with_combining_tone_marks(self):
        article = parse_text(to_cp1258(dump()), "dump.txt")
        assert article.title == TITLE
        assert article.paragraphs == BODY
        assert (article.author, article.source) == ("Minh Anh", "PBN")

    def test_crlf_and_byte_order_mark(self):
        raw = b"\xef\xbb\xbf" + dump().replace("\n", "\r\n").encode()
        article = parse_text(raw, "dump.txt")
        assert article.title == TITLE
        assert article.paragraphs == BODY

    def test_nfd_text_is_normalised_to_nfc(self):
        article = parse(unicodedata.normalize("NFD", dump()))
        assert article.title == TITLE
        assert article.paragraphs == BODY
        assert (article.author, article.source) == ("Minh Anh", "PBN")

    def test_single_newline_paragraphs(self):
        article = parse(dump(sep="\n"))
        assert article.paragraphs == BODY
        assert article.published == date(2025, 1, 6)

    def test_utf16_with_bom(self):
        article = parse_text(dump().encode("utf-16"), "dump.txt")
        assert article.title == TITLE


class TestChrome:
    def test_fixture_page_drops_menus_share_links_counters_forms_and_lists(self):
        path = FIXTURES / "thong_bao_lich_nuoc.txt"
        article = parse_text(path.read_bytes(), str(path))
        assert article.title == "Phường Tân Định tạm ngưng cấp nước ngày chủ nhật"
        assert article.published == datetime(2025, 1, 6, 9, 15, tzinfo=VIETNAM_TZ)
        assert (article.author, article.source) == ("Minh Anh", "Báo Phường")
        assert len(article.paragraphs) == 3
        joined = "\n".join(article.paragraphs)
        for chrome in (
            "Chia sẻ",
            "Lượt xem",
            "Khai giảng lớp tin học",
            "Lịch tiếp công dân",
            "Họ tên",
        ):
            assert chrome not in joined

    def test_title_printed_before_the_date_line(self):
        text = "\n\n".join(
            ["Trang chủ > Tin tức", TITLE, "06/01/2025 09:15", *BODY, "Minh Anh - PBN"]
        )
        article = parse(text)
        assert article.title == TITLE
        assert article.paragraphs == BODY

    def test_headlines_listed_under_tin_khac_are_dropped(self):
        trailer = "Tin khác\n\nMột tin khác rất dài nhưng không thuộc bài này\n\nTin thứ hai"
        article = parse(dump(trailer=trailer))
        assert article.paragraphs == BODY


class TestFailures:
    def test_empty_file_fails_with_file_and_line(self):
        with pytest.raises(ImportFailure) as caught:
            parse("\n\n")
        assert "dump.txt" in str(caught.value)
        assert caught.value.line == 1

    def test_title_without_body_fails(self):
        with pytest.raises(ImportFailure, match="no body"):
            parse("04/07/2020\n\nChỉ có tiêu đề")


class TestScriptAndStyleNoise:
    @pytest.mark.parametrize(
        "noise",
        [
            "var _gaq = _gaq || []; _gaq.push(['_trackPageview']);",
            "function chiaSe(){ return false; }",
            ".share{float:right} .tin-lien-quan li{margin:0}",
            "$(function(){",
            "});",
            "<!-- Bộ đếm truy cập -->",
            "document.write('<img src=/dem.asp>');",
        ],
    )
    def test_code_a_dump_kept_is_dropped(self, noise):
        article = parse(
            dump(date_line=f"{noise}\n\n04/07/2020").replace(BODY[1], f"{noise}\n\n{BODY[1]}")
        )
        assert article.title == TITLE
        assert article.paragraphs == BODY

    def test_prose_with_semicolons_and_brackets_stays(self):
        sentence = "Điểm chuẩn: Toán 8; Văn 7 (tăng so với năm trước); Anh 6."
        article = parse(dump().replace(BODY[1], sentence))
        assert sentence in article.paragraphs
