"""Format detection, the progress bar, and per-format failures."""

import io
from pathlib import Path

import pytest

from toasoan.legacy.importers import ImportFailure, detect_format, expand, read_file
from toasoan.legacy.importers.base import NotAnArticle
from toasoan.legacy.importers.html import fragment_blocks
from toasoan.legacy.progress import Progress

FIXTURES = Path(__file__).parent / "fixtures"


class TestDetectFormat:
    @pytest.mark.parametrize(
        ("name", "head", "expected"),
        [
            (
                "a.xml",
                b'<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">',
                "wxr",
            ),
            ("a.dat", b"<!DOCTYPE html><html><body>", "html"),
            ("a.dat", b'{"id": "x", "title": "T"}', "jsonl"),
            ("a.txt", "Thứ Bảy, ngày 4 tháng 7 năm 2020".encode(), "text"),
            ("a.htm", b"<p>no doctype</p>", "html"),
        ],
    )
    def test_content_then_extension(self, name, head, expected):
        assert detect_format(name, head) == expected

    def test_folder_walk_skips_saved_page_assets(self):
        files, missing = expand([str(FIXTURES)])
        names = {f.name for f in files}
        assert {"thong_bao_lich_nuoc.txt", "sample.wxr.xml", "thu-vien.html"} <= names
        assert "anh1.png" not in names and not missing


class TestFailures:
    def test_malformed_wxr_names_the_line(self, tmp_path):
        path = tmp_path / "hong.xml"
        path.write_text(
            '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item>\n</rss>'
        )
        (failure,) = list(read_file(path, "wxr"))
        assert isinstance(failure, ImportFailure)
        assert failure.line == 5 and "not well-formed XML" in failure.message

    def test_html_page_without_article_text_is_not_an_article(self, tmp_path):
        path = tmp_path / "rong.html"
        path.write_text(
            "<html><head><title>Trang chủ</title></head><body><p>Xin chào</p></body></html>"
        )
        (item,) = list(read_file(path))
        assert isinstance(item, NotAnArticle)
        assert str(path) in str(item) and "too little text" in item.message

    def test_saved_home_page_listing_headlines_is_not_an_article(self):
        (item,) = list(read_file(FIXTURES / "saved_site" / "index.html"))
        assert isinstance(item, NotAnArticle)
        assert "list of headlines" in item.message

    def test_unreadable_text_file_is_a_failure_not_a_crash(self, tmp_path):
        path = tmp_path / "hong.txt"
        path.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 3)
        (item,) = list(read_file(path, "text"))
        assert isinstance(item, ImportFailure)


class TestWordPressContent:
    def test_blank_lines_become_paragraphs_like_wpautop(self):
        blocks = fragment_blocks(
            "Đoạn một có <strong>chữ đậm</strong>.\n\nĐoạn hai.\n\n<h3>Mục</h3>"
        )
        assert blocks == [
            ("paragraph", "Đoạn một có chữ đậm."),
            ("paragraph", "Đoạn hai."),
            ("heading", "Mục"),
        ]


class FakeTerminal(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


class TestProgress:
    def test_bar_is_drawn_on_a_terminal(self):
        stream = FakeTerminal(tty=True)
        progress = Progress(total=4, stream=stream)
        for _ in range(4):
            progress.advance()
        progress.close()
        assert "[" + "#" * Progress.WIDTH + "] 4/4" in stream.getvalue()

    def test_nothing_is_drawn_when_not_a_terminal(self):
        stream = FakeTerminal(tty=False)
        progress = Progress(total=4, stream=stream)
        progress.advance()
        progress.close()
        assert stream.getvalue() == ""
