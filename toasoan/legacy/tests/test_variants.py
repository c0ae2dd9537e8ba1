"""Page layouts of other Vietnamese portals (fixtures/variants/, see its README.md).

Each fixture is read for its title, body (no page furniture), author, source, date (in
Asia/Ho_Chi_Minh), section and dateline place; then the whole folder goes through the command,
together with files that cannot be imported.
"""

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from toasoan.legacy.importers import ParsedArticle, read_file
from toasoan.legacy.models import ImportRecord
from toasoan.news.models import ArticlePage
from toasoan.news.tests.factories import make_home
from toasoan.vi.dates import VIETNAM_TZ

VARIANTS = Path(__file__).parent / "fixtures" / "variants"


def at(day, hour, minute):
    return datetime(2020, 7, day, hour, minute, tzinfo=VIETNAM_TZ)


# name: (title, published, author, source, section, place, first words of the body, paragraphs)
EXPECTED = {
    "kinh-te-dateline.html": (
        "Xuất khẩu nông sản sáu tháng tăng mạnh",
        at(4, 10, 30),
        "Thu Hà",
        "TTXVN",
        "Nông nghiệp",
        "Hà Nội",
        "Hà Nội, 4/7 (TTXVN) - Chiều nay, Bộ Nông nghiệp",
        4,
    ),
    "van-hoa-windows-1258.html": (
        "Nhà văn hóa khu phố 3 mở lớp dạy bơi miễn phí cho thiếu nhi",
        at(4, 22, 30),
        "Lan Hương",
        "Báo Đà Nẵng",
        "Văn hóa - Xã hội",
        "",
        "Trong hai tháng hè, nhà văn hóa khu phố 3",
        4,
    ),
    "bong-da-article.html": (
        "Đội bóng thiếu niên phường giành cúp hè",
        at(4, 16, 45),
        "",
        "VnExpress",
        "Bóng đá",
        "Đà Nẵng",
        "Đội bóng thiếu niên phường Bình Minh thắng 2-1",
        4,
    ),
    "y-te-byline-top.html": (
        "Trạm y tế phường tiêm vắc xin sởi cho trẻ dưới năm tuổi",
        at(4, 10, 30),
        "Ngọc Mai",
        "PBN",
        "Phòng bệnh",
        "",
        "PBN - Sáng 4/7, Trạm y tế phường Tân Mỹ",
        3,
    ),
    "doi-song-mojibake.txt": (
        "Phường ra mắt tổ hòa giải mới ở khu dân cư số 5",
        at(4, 10, 30),
        "Minh Anh",
        "Chinhphu.vn",
        "Đời sống",
        "",
        "(Chinhphu.vn) - Sáng 4/7, phường An Khánh",
        3,
    ),
    "giao-duc-nfd.txt": (
        "Trường tiểu học phường mở thêm hai lớp một cho năm học mới",
        at(4, 8, 0),
        "Thanh Tâm",
        "Giáo dục & Thời đại",
        "Tuyển sinh",
        "",
        "Năm học tới, Trường tiểu học Lê Lợi",
        3,
    ),
    "giao-thong-sapo.html": (
        "Hà Nội mở thêm 20 tuyến buýt",
        at(4, 10, 30),
        "Minh Anh",
        "TTXVN",
        "Giao thông",
        "HÀ NỘI",
        "HÀ NỘI (TTXVN) - Sở Giao thông vận tải",
        4,
    ),
    "an-ninh-br-mojibake.html": (
        "Công an phường trả lại tài sản cho người đánh rơi",
        at(4, 10, 30),
        "",
        "Công an nhân dân",
        "An ninh trật tự",
        "",
        "Công an phường vừa trả lại chiếc ví",
        4,
    ),
    "hoi-cho-windows-1258.txt": (
        "Doanh nghiệp trẻ giới thiệu sản phẩm tại hội chợ khu vực",
        date(2020, 7, 4),
        "Hoàng Yến",
        "VOV.VN",
        None,
        "TP.HCM",
        "TP.HCM, ngày 04/07/2020 - Sáng nay, hơn bốn mươi doanh nghiệp",
        3,
    ),
}
# Page furniture of the fixtures: none of it may reach an article's body.
FURNITURE = (
    "Chia sẻ",
    "In bài",
    "Lượt xem",
    "Tin liên quan",
    "Tin khác",
    "Các tin",
    "Ý kiến",
    "Bình luận",
    "Họ tên",
    "Gửi",
    "Quảng cáo",
    "Trang chủ",
    "Giấy phép",
    "Bản quyền",
    "Từ khóa",
    "gtag",
    "dataLayer",
    "XMLHttpRequest",
    "font-family",
    "Cập nhật",
    "Ngày đăng",
    "Tác giả",
    "Bài và ảnh",
    "Nguồn:",
    "Theo VnExpress",
    "Khánh thành sân chơi",
    "Mong phường tổ chức",
    "Rất thiết thực",
    "Xem thêm",
    "Tin cùng chuyên mục",
    "truy cập",
    "counter",
    "Theo Công an",
    "Theo TTXVN",
    "Minh Anh - PBN",
    "Từ tháng 8",
    "Phân luồng",
    "Giấy phép",
    "Ã",
    "á»",
)


def test_every_fixture_is_listed():
    files = {p.name for p in VARIANTS.iterdir() if p.suffix in (".html", ".txt")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_is_read(name):
    title, published, author, source, section, place, opening, count = EXPECTED[name]
    (article,) = list(read_file(VARIANTS / name))
    assert isinstance(article, ParsedArticle), str(article)
    assert article.title == title
    assert article.published == published
    assert (article.author, article.source) == (author, source)
    assert article.section == section
    assert article.place == place
    assert article.paragraphs[0].startswith(opening)
    assert len(article.paragraphs) == count
    body = "\n".join(article.paragraphs)
    assert not [word for word in FURNITURE if word in body]
    assert title not in body


def test_a_standfirst_left_out_by_the_extractor_becomes_the_sapo_and_keywords_tags():
    (article,) = list(read_file(VARIANTS / "giao-thong-sapo.html"))
    assert article.sapo == (
        "Từ tháng 8, thành phố sẽ mở thêm 20 tuyến xe buýt mới, trong đó có 5 tuyến buýt điện."
    )
    assert article.tags == ["xe buýt", "giao thông"]
    assert ("heading", "Thêm điểm dừng có mái che") in article.blocks


@pytest.mark.django_db
class TestTheCommandOnTheVariants:
    def run(self, *paths):
        out, err = io.StringIO(), io.StringIO()
        call_command("legacy_import", *map(str, paths), "--no-progress", stdout=out, stderr=err)
        return err.getvalue()

    def test_all_import_with_their_sections_and_vietnam_times_then_rerun_skips(self):
        make_home()
        err = self.run(VARIANTS)
        assert f"{len(EXPECTED)} imported, 0 updated, 0 skipped, 0 failed" in err
        page = ArticlePage.objects.get(title=EXPECTED["van-hoa-windows-1258.html"][0])
        assert page.published_at == at(4, 22, 30)
        assert page.published_at.astimezone(VIETNAM_TZ).hour == 22
        assert page.get_parent().title == "Văn hóa - Xã hội"
        assert (page.author_name, page.source_name) == ("Lan Hương", "Báo Đà Nẵng")
        page = ArticlePage.objects.get(title=EXPECTED["hoi-cho-windows-1258.txt"][0])
        assert page.published_at == datetime(2020, 7, 4, tzinfo=VIETNAM_TZ)
        assert str(page.body).count("TP.HCM, ngày 04/07/2020 - Sáng nay") == 1
        err = self.run(VARIANTS)
        assert f"0 imported, 0 updated, {len(EXPECTED)} skipped, 0 failed" in err

    def test_unreadable_files_are_named_with_their_line_and_the_others_import(self, tmp_path):
        make_home()
        broken = {
            "rong.txt": b"\n\n",
            "chi-tieu-de.txt": "\n\nChỉ có tiêu đề\n".encode(),
            "anh.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "hong.htm": b"\xff\xfe\x41",
            "khong-tieu-de.html": b"<html><body><p>x</p></body></html>",
            "bai.jsonl": b'{"title": "T", "body": "B", "published": "ngay mai"}\n{hong\n',
        }
        for name, raw in broken.items():
            (tmp_path / name).write_bytes(raw)
        (tmp_path / "trong").mkdir()
        good = VARIANTS / "giao-duc-nfd.txt"
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError) as caught:
            call_command(
                "legacy_import",
                str(tmp_path),
                str(tmp_path / "trong"),
                str(good),
                "--no-progress",
                stdout=out,
                stderr=err,
            )
        assert caught.value.returncode == 1
        messages = err.getvalue()
        for expected in (
            f"{tmp_path / 'rong.txt'}:1: the file is empty",
            f"{tmp_path / 'chi-tieu-de.txt'}:3: no body text found after the title",
            f"{tmp_path / 'anh.txt'}:3: not text: it holds a NUL byte",
            f"{tmp_path / 'hong.htm'}: broken UTF-16 text",
            f"{tmp_path / 'khong-tieu-de.html'}: the page has no title",
            f"{tmp_path / 'bai.jsonl'}:1: 'published' is not a date",
            f"{tmp_path / 'bai.jsonl'}:2: not valid JSON",
            f"{tmp_path / 'trong'}: no file to import in this folder",
        ):
            assert expected in messages
        assert "1 imported, 0 updated, 0 skipped, 8 failed" in messages
        # Only the good file's article and its record exist: the failures left nothing.
        assert list(ArticlePage.objects.values_list("title", flat=True)) == [
            EXPECTED["giao-duc-nfd.txt"][0]
        ]
        assert ImportRecord.objects.count() == 1
