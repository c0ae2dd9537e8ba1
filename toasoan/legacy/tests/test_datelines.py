"""Datelines run into the lead ("Hà Nội, 4/7 (TTXVN) - …") and what they add to an article."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from toasoan.legacy.datelines import read_dateline
from toasoan.legacy.importers.base import ParsedArticle, repair_mojibake
from toasoan.legacy.importers.jsonl import parse_record
from toasoan.legacy.importers.text import parse_text
from toasoan.vi.dates import VIETNAM_TZ

TITLE = "Phường mở lớp học bơi miễn phí cho thiếu nhi"
STORY = "Chiều nay, nhà văn hóa phường khai giảng lớp học bơi đầu tiên của mùa hè."
REST = [
    "Mỗi lớp có hai mươi em, học ba buổi một tuần với giáo viên thể dục của trường.",
    "Phụ huynh đăng ký tại văn phòng khu phố trước ngày 15 tháng 7.",
]


class TestReadDateline:
    @pytest.mark.parametrize(
        ("lead", "place", "agency", "when", "day_month"),
        [
            ("Hà Nội, 4/7 (TTXVN) - ", "Hà Nội", "TTXVN", None, (4, 7)),
            ("TP.HCM, ngày 04/07/2020 - ", "TP.HCM", "", date(2020, 7, 4), (4, 7)),
            ("(Chinhphu.vn) - ", "", "Chinhphu.vn", None, None),
            ("Đà Nẵng (TTXVN) 4/7 - ", "Đà Nẵng", "TTXVN", None, (4, 7)),
            ("PBN - ", "", "PBN", None, None),
            ("Bà Rịa - Vũng Tàu (TTXVN) – ", "Bà Rịa - Vũng Tàu", "TTXVN", None, None),
            (
                "HÀ NỘI, ngày 4 tháng 7 năm 2020 (TTXVN) — ",
                "HÀ NỘI",
                "TTXVN",
                date(2020, 7, 4),
                (4, 7),
            ),
            ("Washington, 3/7 (TTXVN/Reuters) - ", "Washington", "TTXVN/Reuters", None, (3, 7)),
            ("Cần Thơ, 4.7.2020 - ", "Cần Thơ", "", date(2020, 7, 4), (4, 7)),
            ("VOV.VN - ", "", "VOV.VN", None, None),
            ("Hà Nội (Báo Tin Tức) - ", "Hà Nội", "Báo Tin Tức", None, None),
        ],
    )
    def test_agency_style_datelines(self, lead, place, agency, when, day_month):
        found = read_dateline(lead + STORY)
        assert (found.place, found.agency, found.date, found.day_month) == (
            place,
            agency,
            when,
            day_month,
        )
        assert (lead + STORY)[found.length :] == STORY

    @pytest.mark.parametrize(
        "paragraph",
        [
            "Hà Nội, thành phố vì hòa bình - Thủ đô ngàn năm văn hiến đón khách.",
            "Hà Nội, 4/7/2020 - ngày mà người dân thủ đô không thể quên.",
            "Hà Nội, 4/7 - 5/7 diễn ra hội chợ hàng Việt ở Cung văn hóa.",
            "Hà Nội - Sáng nay trời mưa to ở nhiều quận nội thành.",
            "Mourinho - Pep Guardiola hứa hẹn tiếp tục cuộc đua trên thị trường.",
            "Online - Với trình độ vượt trội, các cầu thủ đã dễ dàng thắng.",
            "Việt Nam (ASEAN) - Nhật Bản ký hiệp định hợp tác mới.",
            "Cục trưởng Cục chống tham nhũng (Thanh tra Chính phủ) - ông A nêu ý kiến.",
            "Trên phố Hàng Mã (Q. Hoàn Kiếm) – tuyến phố chuyên bán đồ chơi.",
            "Sáng nay, 6/2 (tức mùng 10 tháng Giêng), hàng trăm người xếp hàng.",
            "Hà Nội, 31/2/2020 - Sáng nay có một ngày không có thật.",
            "Hà Nội, 4/7 (TTXVN) Chiều nay không có gạch nối nên không phải dateline.",
            "(Ảnh: TTXVN) - Quang cảnh hội nghị sáng nay.",
        ],
    )
    def test_ordinary_sentences_are_not_datelines(self, paragraph):
        assert read_dateline(paragraph) is None


def dump(*lines):
    return "\n\n".join(lines).encode()


class TestDatelinesInDumps:
    def test_the_lead_dateline_dates_a_page_without_a_date_line_and_stays_in_the_body(self):
        lead = f"TP.HCM, ngày 04/07/2020 - {STORY}"
        article = parse_text(dump(TITLE, lead, *REST, "Minh Anh"), "bai.txt")
        assert article.published == date(2020, 7, 4)
        assert article.place == "TP.HCM"
        assert article.paragraphs == [lead, *REST]
        assert (article.author, article.source) == ("Minh Anh", "")

    def test_the_date_line_wins_over_the_dateline_and_the_byline_over_its_agency(self):
        lead = f"Hà Nội, ngày 03/07/2020 (TTXVN) - {STORY}"
        text = dump("04/07/2020 10:30", TITLE, lead, *REST, "Minh Anh - PBN")
        article = parse_text(text, "bai.txt")
        assert article.published == datetime(2020, 7, 4, 10, 30, tzinfo=VIETNAM_TZ)
        assert (article.author, article.source) == ("Minh Anh", "PBN")
        assert article.paragraphs[0] == lead

    def test_the_agency_is_the_source_when_the_byline_names_none(self):
        lead = f"Hà Nội, 4/7 (TTXVN) - {STORY}"
        article = parse_text(dump("04/07/2020", TITLE, lead, *REST, "Minh Anh"), "bai.txt")
        assert (article.author, article.source, article.place) == ("Minh Anh", "TTXVN", "Hà Nội")
        # No year in "4/7": the date line's date stands.
        assert article.published == date(2020, 7, 4)

    def test_a_day_and_month_without_a_year_dates_nothing(self):
        article = parse_text(dump(TITLE, f"Hà Nội, 4/7 (TTXVN) - {STORY}", *REST), "bai.txt")
        assert article.published is None
        assert article.source == "TTXVN"

    def test_the_outlet_of_a_date_line_is_the_source_when_the_byline_names_none(self):
        text = dump("(Chinhphu.vn) - Hà Nội, 4-7-2020", TITLE, STORY, *REST, "Minh Anh")
        article = parse_text(text, "bai.txt")
        assert (article.author, article.source, article.place) == (
            "Minh Anh",
            "Chinhphu.vn",
            "Hà Nội",
        )
        assert article.paragraphs == [STORY, *REST]

    @pytest.mark.parametrize("weekday", ["Thứ Bảy", "Chủ Nhật", "Thứ 7", "CN"])
    def test_a_weekday_before_the_date_is_not_a_place(self, weekday):
        text = dump(f"{weekday}, ngày 4 tháng 7 năm 2020", TITLE, STORY, *REST)
        article = parse_text(text, "bai.txt")
        assert (article.place, article.published) == ("", date(2020, 7, 4))

    def test_an_ordinary_lead_adds_nothing(self):
        lead = "Hà Nội, thành phố vì hòa bình - Thủ đô đón hàng nghìn khách mỗi ngày."
        article = parse_text(dump(TITLE, lead, *REST), "bai.txt")
        assert (article.published, article.source, article.place) == (None, "", "")


class TestDatelinesInJsonLines:
    def test_agency_of_the_lead_fills_an_empty_source(self):
        record = {"id": "x", "title": TITLE, "body": f"(Chinhphu.vn) - {STORY}", "author": "Lan"}
        article = parse_record(json.dumps(record).encode(), "a.jsonl", 1)
        assert (article.author, article.source) == ("Lan", "Chinhphu.vn")
        assert article.paragraphs == [f"(Chinhphu.vn) - {STORY}"]

    def test_vietnamese_dates_are_read_and_unreadable_ones_name_the_line(self):
        from toasoan.legacy.importers.base import ImportFailure

        record = {"title": TITLE, "body": STORY, "published": "04/07/2020 22:30"}
        article = parse_record(json.dumps(record).encode(), "a.jsonl", 3)
        assert article.published == datetime(2020, 7, 4, 22, 30, tzinfo=VIETNAM_TZ)
        with pytest.raises(ImportFailure) as caught:
            parse_record(json.dumps(record | {"published": "hôm qua"}).encode(), "a.jsonl", 7)
        assert str(caught.value).startswith("a.jsonl:7: 'published' is not a date")


class TestPlaceIsReportedNotHashed:
    def test_place_does_not_change_the_content_hash(self):
        article = ParsedArticle(file="a.txt", title=TITLE, blocks=[("paragraph", STORY)])
        before = article.content_hash()
        article.place = "Hà Nội"
        assert article.content_hash() == before
        assert article.as_json()["place"] == "Hà Nội"


class TestMojibake:
    def test_utf8_read_as_windows_1252_is_repaired(self):
        text = "Hà Nội: người dân đồng ý “hoàn toàn” – Đà Nẵng, Ưu tiên"
        # What a Windows tool leaves: each UTF-8 byte shown as its Windows-1252 character
        # (the five bytes 1252 leaves undefined kept as Latin-1 control characters).
        garbled = "".join(
            chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
            for b in text.encode()
        )
        assert garbled != text
        assert repair_mojibake(garbled) == text

    @pytest.mark.parametrize("text", ["café façade naïve", "Hà Nội «mùa thu»", "Ông Ánh"])
    def test_correct_text_is_left_alone(self, text):
        assert repair_mojibake(text) == text


class TestDatelinesInWordPressExports:
    def test_the_lead_agency_is_the_source_next_to_the_wordpress_author(self, tmp_path):
        from toasoan.legacy.importers import read_file

        sample = (Path(__file__).parent / "fixtures" / "sample.wxr.xml").read_text()
        lead = "Sáng nay, cây cầu đi bộ"
        path = tmp_path / "xuat.xml"
        path.write_text(sample.replace(lead, f"Cần Thơ (TTXVN) - {lead}"))
        article = next(iter(read_file(path)))
        assert (article.author, article.source, article.place) == ("Ngọc Lan", "TTXVN", "Cần Thơ")
        assert article.paragraphs[0].startswith(f"Cần Thơ (TTXVN) - {lead}")
