import re
import unicodedata

from django.test import SimpleTestCase

from toasoan.vi.slugs import unique_slug, vietnamese_slugify

LONG_TITLE = "Hội nghị BCH Đảng bộ các Khu Chế Xuất & Khu Công nghiệp TP"


class TestVietnameseSlugify(SimpleTestCase):
    def test_accents_ampersand_and_case(self):
        self.assertEqual(vietnamese_slugify("Đảng bộ các KCX & KCN TP"), "dang-bo-cac-kcx-kcn-tp")

    def test_long_title_under_the_limit(self):
        self.assertEqual(
            vietnamese_slugify(LONG_TITLE),
            "hoi-nghi-bch-dang-bo-cac-khu-che-xuat-khu-cong-nghiep-tp",
        )

    def test_vietnamese_letters(self):
        cases = {
            "Thành phố Hồ Chí Minh": "thanh-pho-ho-chi-minh",
            "Đà Nẵng": "da-nang",
            "Thừa Thiên – Huế": "thua-thien-hue",
            "Bà Rịa-Vũng Tàu": "ba-ria-vung-tau",
            "Người dân “vui mừng”!": "nguoi-dan-vui-mung",
            "ĐƯỜNG ĐI": "duong-di",
        }
        for title, slug in cases.items():
            with self.subTest(title=title):
                self.assertEqual(vietnamese_slugify(title), slug)

    def test_decomposed_input(self):
        self.assertEqual(vietnamese_slugify(unicodedata.normalize("NFD", "Đảng bộ")), "dang-bo")

    def test_digits_and_punctuation(self):
        self.assertEqual(
            vietnamese_slugify("COVID-19: 1.718 ca, tăng 59,4%"), "covid-19-1-718-ca-tang-59-4"
        )

    def test_apostrophes_join_words(self):
        self.assertEqual(vietnamese_slugify("McDonald’s mở cửa"), "mcdonalds-mo-cua")

    def test_cut_at_a_word_boundary(self):
        self.assertEqual(vietnamese_slugify(LONG_TITLE, max_length=20), "hoi-nghi-bch-dang-bo")
        self.assertEqual(vietnamese_slugify(LONG_TITLE, max_length=22), "hoi-nghi-bch-dang-bo")

    def test_cut_exactly_before_a_hyphen(self):
        # "hoi-nghi-bch" is 12 characters and is followed by a hyphen.
        self.assertEqual(vietnamese_slugify(LONG_TITLE, max_length=12), "hoi-nghi-bch")

    def test_single_long_word_is_cut_hard(self):
        self.assertEqual(vietnamese_slugify("a" * 100, max_length=80), "a" * 80)

    def test_never_longer_than_max_length(self):
        text = LONG_TITLE * 3
        for limit in range(1, 120):
            with self.subTest(limit=limit):
                slug = vietnamese_slugify(text, max_length=limit)
                self.assertTrue(0 < len(slug) <= limit)
                self.assertRegex(slug, r"^[a-z0-9]+(-[a-z0-9]+)*$")

    def test_default_limit_is_eighty(self):
        slug = vietnamese_slugify("Tin tức thời sự " * 20)
        self.assertLessEqual(len(slug), 80)
        self.assertTrue(slug.startswith("tin-tuc-thoi-su-"))
        self.assertFalse(slug.endswith("-"))

    def test_no_leading_trailing_or_double_hyphens(self):
        slug = vietnamese_slugify("  -- Tin   nóng!! --  ")
        self.assertEqual(slug, "tin-nong")
        self.assertIsNone(re.search(r"--", slug))

    def test_script_without_latin_form_keeps_its_letters(self):
        self.assertEqual(vietnamese_slugify("北京 欢迎你"), "北京-欢迎你")

    def test_no_letters_or_digits_gives_empty_slug(self):
        for text in ["", None, "   ", "&&& !!!"]:
            with self.subTest(text=text):
                self.assertEqual(vietnamese_slugify(text), "")

    def test_max_length_must_be_positive(self):
        with self.assertRaises(ValueError):
            vietnamese_slugify("Tin", max_length=0)


class _Taken:
    """Stands in for a queryset of rows whose slugs are ``taken``."""

    def __init__(self, *taken):
        self.taken = set(taken)

    def filter(self, slug):
        return _Exists(slug in self.taken)


class _Exists:
    def __init__(self, value):
        self.value = value

    def exists(self):
        return self.value


class TestUniqueSlug(SimpleTestCase):
    def test_free_slug_is_kept(self):
        self.assertEqual(unique_slug(_Taken("hoi-nghi"), "hoi-thao"), "hoi-thao")

    def test_taken_slug_gets_the_first_free_number(self):
        taken = _Taken("hoi-thao", "hoi-thao-2", "hoi-thao-4")
        self.assertEqual(unique_slug(taken, "hoi-thao"), "hoi-thao-3")
