"""Vietnamese matching and ranking, end to end through the index (runs on SQLite and
PostgreSQL: the expected orders are the same on both)."""

import datetime as dt
import unicodedata

from django.test import TestCase, override_settings
from django.utils import timezone

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.search.engine import search
from toasoan.search.models import Synonym

NOW = timezone.now()


def _body(text):
    return [("paragraph", f"<p>{text}</p>")]


def titles(query, **kwargs):
    from toasoan.news.models import ArticlePage

    results = search(query, **kwargs)
    pages = dict(
        ArticlePage.objects.filter(pk__in=[h[0] for h in results.hits]).values_list("pk", "title")
    )
    return [pages[page_id] for page_id, _score in results.hits]


class SearchCorpusMixin:
    @classmethod
    def setUpTestData(cls):
        home = make_home()
        cls.thoi_su = make_section(home, "Thời sự")
        cls.kinh_te = make_section(home, "Kinh tế")
        ago = lambda days: NOW - dt.timedelta(days=days)  # noqa: E731
        cls.dang_vien = make_article(
            cls.thoi_su,
            "Đảng viên gương mẫu ở Hà Nội",
            published_at=ago(5),
            sapo="Chi bộ biểu dương.",
            body=_body("Nhiều đảng viên trẻ tham gia."),
        )
        cls.scattered = make_article(
            cls.thoi_su,
            "Viên chức và cán bộ",
            published_at=ago(1),
            sapo="Đảng ủy xã họp.",
            body=_body("Ông là viên chức, không phải cán bộ đảng."),
        )
        cls.thuy_dien = make_article(
            cls.kinh_te,
            "Nhà máy thủy điện Sơn La tăng công suất",
            published_at=ago(10),
            sapo="Sản lượng điện tăng.",
            body=_body("Thủy điện cung cấp nhiều điện."),
        )
        cls.thuy_dien_country = make_article(
            cls.thoi_su,
            "Thụy Điển thắng đậm ở vòng loại",
            published_at=ago(2),
            sapo="Đội tuyển Thụy Điển.",
            body=_body("Trận đấu tại Stockholm."),
        )
        cls.kcn = make_article(
            cls.kinh_te,
            "KCN Tân Tạo mở rộng",
            published_at=ago(3),
            sapo="Doanh nghiệp thuê đất.",
            body=_body("Khu này có nhiều nhà xưởng."),
        )
        cls.khu_cong_nghiep = make_article(
            cls.kinh_te,
            "Thu hút đầu tư vào khu công nghiệp phía Bắc",
            published_at=ago(4),
            sapo="Vốn FDI tăng.",
            body=_body("Các khu công nghiệp mới."),
        )
        cls.hcm = make_article(
            cls.thoi_su,
            "UBND TP.HCM họp về ngập nước",
            published_at=ago(6),
            sapo="Thành phố bàn giải pháp.",
            body=_body("Mưa lớn gây ngập."),
        )
        cls.hcm_long = make_article(
            cls.thoi_su,
            "Thành phố Hồ Chí Minh mở rộng metro",
            published_at=ago(7),
            sapo="Tuyến số 2.",
            body=_body("Ủy ban nhân dân thành phố phê duyệt."),
        )
        # Decomposed (NFD) text and the old tone placement, as pasted from some editors.
        cls.nfd = make_article(
            cls.thoi_su,
            unicodedata.normalize("NFD", "Hoà bình và sức khoẻ cộng đồng"),
            published_at=ago(8),
            sapo="Thuỷ lợi.",
            body=_body("Nội dung."),
        )
        cls.sapo_only = make_article(
            cls.kinh_te,
            "Giá vàng hôm nay",
            published_at=ago(9),
            sapo="Giá lúa gạo tăng mạnh.",
            body=_body("Thị trường."),
        )
        cls.body_only = make_article(
            cls.kinh_te,
            "Thị trường nông sản",
            published_at=ago(0.5),
            sapo="Tuần qua.",
            body=_body("Giá lúa gạo ổn định."),
        )
        cls.title_match = make_article(
            cls.kinh_te,
            "Lúa gạo xuất khẩu",
            published_at=ago(20),
            sapo="Tin tức.",
            body=_body("Nội dung."),
        )


class TestAccentInsensitiveMatching(SearchCorpusMixin, TestCase):
    def test_query_without_accents_finds_accented_text(self):
        self.assertIn(self.dang_vien.title, titles("dang vien"))
        self.assertIn(self.dang_vien.title, titles("ha noi"))

    def test_d_stroke_folds_to_d(self):
        self.assertEqual(titles("dang vien"), titles("đảng viên")[: len(titles("dang vien"))] or [])
        self.assertIn(self.dang_vien.title, titles("DANG VIEN"))

    def test_partial_accents_match(self):
        self.assertEqual(titles("dang viên")[0], self.dang_vien.title)
        self.assertEqual(titles("khu cong nghiệp")[0], self.khu_cong_nghiep.title)

    def test_nfd_text_and_old_tone_placement_match_nfc_queries(self):
        for query in ("hòa bình", "hoà bình", "sức khỏe", "suc khoe", "thủy lợi"):
            with self.subTest(query=query):
                self.assertEqual(titles(query), [self.nfd.title])
        decomposed_query = unicodedata.normalize("NFD", "sức khỏe")
        self.assertEqual(titles(decomposed_query), [self.nfd.title])

    def test_case_is_ignored(self):
        self.assertEqual(titles("GIÁ VÀNG"), titles("giá vàng"))
        self.assertEqual(titles("giá vàng")[0], self.sapo_only.title)


class TestRanking(SearchCorpusMixin, TestCase):
    def test_phrase_ranks_above_scattered_syllables(self):
        found = titles("dang vien")
        self.assertEqual(found[0], self.dang_vien.title)
        self.assertIn(self.scattered.title, found)

    def test_quoted_phrase_excludes_scattered_syllables(self):
        self.assertEqual(titles('"dang vien"'), [self.dang_vien.title])

    def test_exact_accents_rank_first(self):
        self.assertEqual(titles("thủy điện")[0], self.thuy_dien.title)
        self.assertEqual(titles("Thụy Điển")[0], self.thuy_dien_country.title)
        # Without accents both are found; recency breaks the tie.
        self.assertEqual(
            set(titles("thuy dien")[:2]), {self.thuy_dien.title, self.thuy_dien_country.title}
        )

    def test_title_above_sapo_above_body(self):
        self.assertEqual(
            titles("lúa gạo"),
            [self.title_match.title, self.sapo_only.title, self.body_only.title],
        )

    def test_newest_sort_ignores_relevance(self):
        self.assertEqual(
            titles("lúa gạo", sort="newest"),
            [self.body_only.title, self.sapo_only.title, self.title_match.title],
        )


@override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 1, "COUNT_LIMIT": 2})
class TestBoundedRanking(SearchCorpusMixin, TestCase):
    """More matches than RANK_WINDOW: the window of newest matches plus the newest article
    of each ranking feature still finds the best ones; the count stops at COUNT_LIMIT."""

    def test_old_title_match_still_ranks_first(self):
        # Three matches, window of one: the newest match alone is the body-only article.
        self.assertEqual(titles("lúa gạo", limit=1), [self.title_match.title])
        self.assertEqual(titles("lua gao", limit=1), [self.title_match.title])

    def test_pages_follow_the_exact_order(self):
        pages = [titles("lúa gạo", limit=1, offset=n) for n in range(3)]
        self.assertEqual(
            pages, [[self.title_match.title], [self.sapo_only.title], [self.body_only.title]]
        )

    def test_total_is_capped_and_says_so(self):
        results = search("lúa gạo", limit=1)
        self.assertEqual((results.total, results.capped), (2, True))
        exact = search('"giá vàng"', limit=1)
        self.assertEqual((exact.total, exact.capped), (1, False))

    def test_newest_sort_reads_only_the_newest(self):
        self.assertEqual(titles("lúa gạo", sort="newest", limit=1), [self.body_only.title])


class TestAbbreviations(SearchCorpusMixin, TestCase):
    def test_abbreviation_finds_long_form_and_back(self):
        self.assertEqual(set(titles("KCN")), {self.kcn.title, self.khu_cong_nghiep.title})
        self.assertEqual(
            set(titles("khu công nghiệp")), {self.kcn.title, self.khu_cong_nghiep.title}
        )

    def test_ho_chi_minh_city_spellings_are_equal(self):
        expected = {self.hcm.title, self.hcm_long.title}
        for query in (
            "TP.HCM",
            "TPHCM",
            "tp hcm",
            "HCM",
            "TP Hồ Chí Minh",
            "thanh pho ho chi minh",
        ):
            with self.subTest(query=query):
                self.assertEqual(set(titles(query)), expected)

    def test_ubnd_matches_uy_ban_nhan_dan(self):
        self.assertEqual(set(titles("UBND")), {self.hcm.title, self.hcm_long.title})

    def test_editors_can_add_abbreviations(self):
        self.assertEqual(titles("STHT"), [])
        Synonym.objects.create(terms="STHT\nStockholm")
        self.assertEqual(titles("STHT"), [self.thuy_dien_country.title])


class TestTypoTolerance(SearchCorpusMixin, TestCase):
    def test_one_typo_still_finds_the_word(self):
        self.assertIn(self.dang_vien.title, titles("guong mauu"))
        results = search("nhà xuongw")
        self.assertEqual(results.query.corrections, {"xuongw": "xuong"})

    def test_filters_restrict_section_and_dates(self):
        self.assertEqual(set(titles("lúa gạo", section_ids=[self.thoi_su.pk])), set())
        self.assertEqual(
            titles("lúa gạo", date_from=NOW - dt.timedelta(days=10), date_to=NOW),
            [self.sapo_only.title, self.body_only.title],
        )
