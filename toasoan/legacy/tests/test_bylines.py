import pytest

from toasoan.legacy.bylines import Byline, is_head_byline, looks_like_byline, parse_byline


class TestParseByline:
    @pytest.mark.parametrize(
        ("printed", "author", "source"),
        [
            ("Huyền Thanh - PBN", "Huyền Thanh", "PBN"),
            ("Huyền Thanh – PBN", "Huyền Thanh", "PBN"),
            ("Theo VnExpress", "", "VnExpress"),
            ("(Theo Dân Việt)", "", "Dân Việt"),
            ("Lam Phong (Theo Bloomberg)", "Lam Phong", "Bloomberg"),
            ("Khánh Lynh (theo VnExpress)", "Khánh Lynh", "VnExpress"),
            ("Hoàng Yến/VOV.VN", "Hoàng Yến", "VOV.VN"),
            ("Theo Hà Thu/VnExpress", "Hà Thu", "VnExpress"),
            ("Hoàng Ngọc (TTXVN)", "Hoàng Ngọc", "TTXVN"),
            ("Anh Tuấn (lược dịch)", "Anh Tuấn", ""),
            ("TTXVN/Tin Tức", "", "TTXVN/Tin Tức"),
            ("Nguồn: Tuổi Trẻ", "", "Tuổi Trẻ"),
            ("Tác giả: Minh Anh", "Minh Anh", ""),
            ("Minh Anh", "Minh Anh", ""),
            ("VnExpress", "", "VnExpress"),
            ("Tổng hợp", "", "Tổng hợp"),
            ("Minh Anh - VTV24", "Minh Anh", "VTV24"),
            ("Tin, ảnh: Minh Anh", "Minh Anh", ""),
            ("", "", ""),
        ],
    )
    def test_each_printed_style_splits_into_author_and_source(self, printed, author, source):
        assert parse_byline(printed) == Byline(author, source)

    def test_nfd_input_gives_nfc_names(self):
        import unicodedata

        byline = parse_byline(unicodedata.normalize("NFD", "Huyền Thanh - PBN"))
        assert byline.author == "Huyền Thanh"
        assert unicodedata.is_normalized("NFC", byline.author)


class TestLooksLikeByline:
    @pytest.mark.parametrize(
        "line",
        [
            "Huyền Thanh - PBN",
            "Theo VnExpress",
            "Lam Phong (Theo Bloomberg)",
            "Hoàng Yến/VOV.VN",
            "Minh Anh - VTV24",
            "Theo Kenh14",
            "Tin, ảnh: Minh Anh",
        ],
    )
    def test_bylines_are_recognised(self, line):
        assert looks_like_byline(line)

    @pytest.mark.parametrize(
        "line",
        [
            "Người dân có thể đăng ký thẻ miễn phí tại quầy lễ tân.",
            "Năm 2020 có 17 dự án mới",
            "Việt Nam 2 - 1 Thái Lan",
            "U23 Việt Nam",
            "Các hộ dân được khuyến cáo chủ động trữ nước trước thời gian trên và khóa van tổng",
        ],
    )
    def test_sentences_are_not_bylines(self, line):
        assert not looks_like_byline(line)


class TestBylineUnderTheHeadline:
    """Under the headline a bare name could be a subheading, so only sure shapes count."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("Tác giả: Lan Hương", True),
            ("Bài và ảnh: Thanh Tâm", True),
            ("Theo TTXVN", True),
            ("Minh Anh - PBN", True),
            ("Hoàng Yến/VOV.VN", True),
            ("Lam Phong (Theo Bloomberg)", True),
            ("Kinh Tế", False),
            ("TTXVN", False),
            ("Thể thao - Văn hóa", False),
            ("Theo kế hoạch", False),
            ("Theo Bộ Y tế, số ca mắc giảm.", False),
        ],
    )
    def test_only_labelled_or_writer_and_outlet_bylines(self, line, expected):
        assert is_head_byline(line) is expected
