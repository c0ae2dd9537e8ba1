import unicodedata

from django.test import SimpleTestCase

from toasoan.vi.text import (
    fold_accents,
    nfc,
    normalize_tone_placement,
    search_key,
    strip_controls,
)

HA_NOI_NFD = "Ha\u0300 No\u0323\u0302i"


class TestNfc(SimpleTestCase):
    def test_decomposed_text_is_composed(self):
        self.assertEqual(len(HA_NOI_NFD), 9)
        self.assertEqual(nfc(HA_NOI_NFD), "Hà Nội")
        self.assertEqual(len(nfc(HA_NOI_NFD)), 6)

    def test_every_vietnamese_letter_composes(self):
        letters = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
        for letter in letters + letters.upper():
            with self.subTest(letter=letter):
                self.assertEqual(nfc(unicodedata.normalize("NFD", letter)), letter)

    def test_zero_width_characters_and_bom_are_removed(self):
        self.assertEqual(nfc("\ufeffTòa\u200b soạn\u200c\u2060"), "Tòa soạn")

    def test_stray_zero_width_joiner_is_removed(self):
        self.assertEqual(nfc("Hà\u200d Nội"), "Hà Nội")
        self.assertEqual(nfc("\u200dHà Nội\u200d"), "Hà Nội")

    def test_zero_width_joiner_inside_emoji_is_kept(self):
        family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
        self.assertEqual(nfc(f"Gia đình {family}"), f"Gia đình {family}")

    def test_none_stays_none(self):
        self.assertIsNone(nfc(None))

    def test_empty_string(self):
        self.assertEqual(nfc(""), "")


# Tone on the second vowel of an open "oa", "oe", "uy" syllable -> on the first.
TONE_PAIRS = [
    ("hoà", "hòa"),
    ("hoá", "hóa"),
    ("hoạ", "họa"),
    ("hoả", "hỏa"),
    ("thuỷ", "thủy"),
    ("khoẻ", "khỏe"),
    ("uỷ", "ủy"),
    ("uý", "úy"),
    ("xoá", "xóa"),
    ("xoã", "xõa"),
    ("thoả", "thỏa"),
    ("toà", "tòa"),
    ("toả", "tỏa"),
    ("toạ", "tọa"),
    ("khoá", "khóa"),
    ("goá", "góa"),
    ("đoá", "đóa"),
    ("loè", "lòe"),
    ("hoè", "hòe"),
    ("nhoè", "nhòe"),
    ("xoè", "xòe"),
    ("tuỳ", "tùy"),
    ("tuỷ", "tủy"),
    ("tuý", "túy"),
    ("thuý", "thúy"),
    ("thuỵ", "thụy"),
    ("luỹ", "lũy"),
    ("luỵ", "lụy"),
    ("nguỵ", "ngụy"),
    ("huỷ", "hủy"),
    ("truỵ", "trụy"),
    ("chuỳ", "chùy"),
]

# Already correct: a final consonant, a marked vowel, "qu"/"gi" or a plain open syllable.
UNCHANGED = [
    "hoàn",
    "thuyền",
    "khoảng",
    "hoàng",
    "toán",
    "loạt",
    "khoét",
    "huỳnh",
    "quýt",
    "hoặc",
    "quyển",
    "nguyễn",
    "tuần",
    "xuân",
    "thuở",
    "thuế",
    "huệ",
    "người",
    "rượu",
    "được",
    "muốn",
    "cửa",
    "giữa",
    "già",
    "gì",
    "gìn",
    "quá",
    "quả",
    "quý",
    "quỳnh",
    "mùa",
    "múa",
    "mía",
    "túi",
    "gửi",
    "cứu",
    "kẹo",
    "máy",
    "mấy",
    "sáu",
    "cháo",
    "ngoài",
    "xoáy",
    "khuỷu",
    "ngoẹo",
    "khuya",
    "tiếng",
    "yêu",
    "yến",
    "kỹ",
    "ý",
    "Đà",
    "Nẵng",
    "đường",
]


class TestNormalizeTonePlacement(SimpleTestCase):
    def test_tone_moves_to_the_first_vowel_in_open_oa_oe_uy(self):
        for old, new in TONE_PAIRS:
            with self.subTest(word=old):
                self.assertEqual(normalize_tone_placement(old), new)

    def test_upper_and_title_case_are_kept(self):
        for old, new in TONE_PAIRS:
            with self.subTest(word=old):
                self.assertEqual(normalize_tone_placement(old.upper()), new.upper())
                self.assertEqual(normalize_tone_placement(old.capitalize()), new.capitalize())

    def test_correct_words_do_not_change(self):
        for word in UNCHANGED + [new for _, new in TONE_PAIRS]:
            with self.subTest(word=word):
                self.assertEqual(normalize_tone_placement(word), word)
                self.assertEqual(normalize_tone_placement(word.upper()), word.upper())

    def test_sentence(self):
        self.assertEqual(
            normalize_tone_placement("Uỷ ban hoà giải: sức khoẻ, thuỷ lợi, hoàn thành khoảng 5%."),
            "Ủy ban hòa giải: sức khỏe, thủy lợi, hoàn thành khoảng 5%.",
        )

    def test_misplaced_marks_are_fixed(self):
        for typo, fixed in [("qúa", "quá"), ("tòan", "toàn"), ("gìa", "già"), ("lọai", "loại")]:
            with self.subTest(word=typo):
                self.assertEqual(normalize_tone_placement(typo), fixed)

    def test_decomposed_input_gives_composed_output(self):
        self.assertEqual(normalize_tone_placement("hoa\u0300 bi\u0300nh"), "hòa bình")
        self.assertEqual(normalize_tone_placement(HA_NOI_NFD), "Hà Nội")

    def test_words_that_are_not_vietnamese_syllables_are_untouched(self):
        for word in ["café", "Zoé", "fiancé", "HTML", "Wi-Fi", "ABC123", "Łódź"]:
            with self.subTest(word=word):
                self.assertEqual(normalize_tone_placement(word), word)

    def test_word_with_two_tone_marks_is_untouched(self):
        self.assertEqual(normalize_tone_placement("hòá"), "hòá")

    def test_is_idempotent(self):
        text = "Hoà bình, khoẻ mạnh, thuỷ điện, uỷ ban"
        once = normalize_tone_placement(text)
        self.assertEqual(normalize_tone_placement(once), once)

    def test_none_stays_none(self):
        self.assertIsNone(normalize_tone_placement(None))


class TestFoldAccents(SimpleTestCase):
    def test_d_stroke_is_folded(self):
        # NFD leaves "Đ" intact, so it needs its own mapping
        self.assertEqual(fold_accents("Đà Nẵng"), "Da Nang")
        self.assertEqual(fold_accents("đường"), "duong")

    def test_every_vowel_form_folds_to_its_base(self):
        cases = {
            "a": "àảãáạăằẳẵắặâầẩẫấậ",
            "e": "èẻẽéẹêềểễếệ",
            "i": "ìỉĩíị",
            "o": "òỏõóọôồổỗốộơờởỡớợ",
            "u": "ùủũúụưừửữứự",
            "y": "ỳỷỹýỵ",
        }
        for base, forms in cases.items():
            with self.subTest(base=base):
                self.assertEqual(fold_accents(forms), base * len(forms))
                self.assertEqual(fold_accents(forms.upper()), base.upper() * len(forms))

    def test_decomposed_input(self):
        self.assertEqual(fold_accents(HA_NOI_NFD), "Ha Noi")

    def test_sentence(self):
        self.assertEqual(
            fold_accents("Thành phố Hồ Chí Minh, Thừa Thiên Huế"),
            "Thanh pho Ho Chi Minh, Thua Thien Hue",
        )

    def test_other_latin_letters(self):
        self.assertEqual(fold_accents("Ødegaard Łódź café"), "Odegaard Lodz cafe")

    def test_none_stays_none(self):
        self.assertIsNone(fold_accents(None))


class TestSearchKey(SimpleTestCase):
    def test_lowercase_folded_single_spaced(self):
        self.assertEqual(search_key("  Hoà   Bình\n"), "hoa binh")

    def test_spellings_of_the_same_words_share_a_key(self):
        spellings = ["Thủy điện Hòa Bình", "THUỶ ĐIỆN HOÀ BÌNH", "thuy dien hoa binh"]
        spellings.append(unicodedata.normalize("NFD", spellings[0]))
        self.assertEqual({search_key(s) for s in spellings}, {"thuy dien hoa binh"})

    def test_accent_sensitive_key_normalises_tone_placement(self):
        self.assertEqual(search_key("Thuỷ  Điện", fold=False), "thủy điện")
        self.assertEqual(search_key("thủy điện", fold=False), "thủy điện")
        self.assertNotEqual(search_key("thuy dien", fold=False), "thủy điện")

    def test_invisible_characters_and_nbsp_do_not_count(self):
        self.assertEqual(search_key("Đà\u00a0Nẵng\u200b"), "da nang")

    def test_empty_input(self):
        self.assertEqual(search_key(None), "")
        self.assertEqual(search_key("   "), "")


class TestStripControls(SimpleTestCase):
    def test_control_characters_are_removed(self):
        self.assertEqual(strip_controls("Tòa\x00 soạn\x1b\x07\x7f\x85"), "Tòa soạn")

    def test_newlines_and_tabs_are_kept(self):
        self.assertEqual(strip_controls("Dòng 1\n\tDòng 2"), "Dòng 1\n\tDòng 2")

    def test_carriage_returns_become_newlines(self):
        self.assertEqual(strip_controls("Một\r\nHai\rBa"), "Một\nHai\nBa")

    def test_format_characters_are_not_controls(self):
        # Zero-width characters are nfc()'s job; this helper only removes category Cc.
        self.assertEqual(strip_controls("a\u200bb"), "a\u200bb")

    def test_none_stays_none(self):
        self.assertIsNone(strip_controls(None))
