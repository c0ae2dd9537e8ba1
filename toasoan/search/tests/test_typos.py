"""Typos the way Vietnamese readers make them: keyboard leftovers, tone and vowel marks,
dropped and swapped letters, compounds without their space, foreign names without their
last letter; "did you mean" from the index's own spelling. Runs on SQLite and PostgreSQL."""

import datetime as dt

from django.test import SimpleTestCase, TestCase
from django.utils import timezone

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.search.engine import did_you_mean, search
from toasoan.search.typos import (
    accented_variants,
    is_syllable,
    keyboard_candidates,
    telex_decode,
    vni_decode,
)

NOW = timezone.now()


class TestKeyboardDecoding(SimpleTestCase):
    def test_telex_leftovers(self):
        self.assertEqual(telex_decode("vieetj"), "việt")
        self.assertEqual(telex_decode("nguwowif"), "người")
        self.assertEqual(telex_decode("dduwowcj"), "được")
        self.assertEqual(telex_decode("quoocs"), "quốc")
        self.assertIsNone(telex_decode("hoa"))  # nothing Telex about it

    def test_vni_leftovers(self):
        self.assertEqual(vni_decode("nguoi72"), "người")
        self.assertEqual(vni_decode("viet65"), "việt")
        self.assertEqual(vni_decode("duoc795"), "được")
        self.assertIsNone(vni_decode("2020"))
        self.assertIsNone(vni_decode("covid19x"))

    def test_candidates_are_folded(self):
        self.assertEqual(keyboard_candidates("vieetj"), ["viet"])
        self.assertEqual(keyboard_candidates("nguoi72"), ["nguoi"])

    def test_accented_variants_hold_every_spelling_of_the_letters(self):
        variants = accented_variants("duong")
        for word in ("đường", "dương", "dường", "đương"):
            self.assertIn(word, variants)
        self.assertTrue(all(len(v) == 5 for v in variants))

    def test_syllables(self):
        self.assertTrue(is_syllable("nghieng"))
        self.assertFalse(is_syllable("motor"))
        self.assertFalse(is_syllable("samsung"))


def _body(text):
    return [("paragraph", f"<p>{text}</p>")]


def _titles(query):
    from toasoan.news.models import ArticlePage

    hits = [page_id for page_id, _ in search(query, limit=10).hits]
    names = dict(ArticlePage.objects.filter(pk__in=hits).values_list("pk", "title"))
    return [names[h] for h in hits]


class TypoCorpusMixin:
    @classmethod
    def setUpTestData(cls):
        home = make_home()
        section = make_section(home, "Thời sự")
        ago = lambda days: NOW - dt.timedelta(days=days)  # noqa: E731
        articles = [
            ("Giải quyết khiếu nại của công dân", "Tiếp dân và giải quyết khiếu nại."),
            ("Doanh nghiệp xuất khẩu tăng trưởng", "Nhiều doanh nghiệp mở rộng sản xuất."),
            ("Sửa chữa cầu Long Biên", "Công trình sửa chữa kéo dài hai tháng."),
            ("Sữa chua cho trẻ em", "Các loại sữa chua bán chạy."),
            ("Bảo hiểm y tế cho người dân", "Người dân được bảo hiểm y tế."),
            ("Trường học mùa thi", "Học sinh các trường học chuẩn bị thi."),
            ("Người Việt Nam ở nước ngoài", "Cộng đồng người Việt gửi tiền về."),
            ("Samsung ra mắt điện thoại", "Samsung công bố mẫu mới."),
            ("Nissan Motors tăng giá", "Hãng Nissan Motors điều chỉnh giá."),
            ("Phì đại ở tuổi dậy thì", "Bác sĩ khuyên theo dõi tuổi dậy thì."),
        ]
        cls.pages = {}
        for days, (title, sapo) in enumerate(articles):
            cls.pages[title] = make_article(
                section, title, published_at=ago(days + 1), sapo=sapo, body=_body(sapo)
            )


class TestTypoSearch(TypoCorpusMixin, TestCase):
    def assertFirst(self, query, title):
        found = _titles(query)
        self.assertTrue(found, f"nothing found for {query!r}")
        self.assertEqual(found[0], title, f"{query!r} → {found}")

    def test_hoi_nga_confusion_finds_the_meant_words(self):
        self.assertFirst("giãi quyết khiếu nại", "Giải quyết khiếu nại của công dân")
        self.assertFirst("bảo hiễm", "Bảo hiểm y tế cho người dân")

    def test_an_accent_typo_ranks_the_meant_phrase_above_the_typed_lookalike(self):
        # "sữa chữa" (milk + repair) is a typo for "sửa chữa"; "sữa chua" shares the letters.
        self.assertFirst("sữa chữa", "Sửa chữa cầu Long Biên")

    def test_exact_accents_still_rank_first(self):
        self.assertFirst("sữa chua", "Sữa chua cho trẻ em")
        self.assertFirst("sửa chữa", "Sửa chữa cầu Long Biên")

    def test_wrong_vowel_mark_and_dropped_letter(self):
        self.assertFirst("doanh nghiêp", "Doanh nghiệp xuất khẩu tăng trưởng")
        self.assertFirst("trườg học", "Trường học mùa thi")
        self.assertFirst("xuât khẩu", "Doanh nghiệp xuất khẩu tăng trưởng")

    def test_keyboard_leftovers(self):
        self.assertFirst("nguwowif vieetj", "Người Việt Nam ở nước ngoài")
        self.assertFirst("nguoi72 viet65", "Người Việt Nam ở nước ngoài")

    def test_compound_without_its_space(self):
        self.assertFirst("doanhnghiep", "Doanh nghiệp xuất khẩu tăng trưởng")

    def test_foreign_names_without_last_letter_or_plural(self):
        self.assertFirst("Samsun", "Samsung ra mắt điện thoại")
        self.assertFirst("Nissan Motor", "Nissan Motors tăng giá")

    def test_a_real_word_typed_for_another(self):
        # "tui" is a word, but no article holds "phì ở tui"; "tuổi" is one letter away.
        self.assertIn("Phì đại ở tuổi dậy thì", _titles("phì ở tui"))

    def test_did_you_mean_uses_the_index_spelling(self):
        cases = {
            "giãi quyết khiếu nại": "giải quyết khiếu nại",
            "doanh nghiêp": "doanh nghiệp",
            "vieetj nam": "việt nam",
            "trườg học": "trường học",
            "doanhnghiep": "doanh nghiep",
            "doanhnghiệp": "doanh nghiệp",
            "Samsun": "Samsung",
        }
        for typed, expected in cases.items():
            with self.subTest(typed=typed):
                self.assertEqual(did_you_mean(search(typed).query), expected)

    def test_no_suggestion_for_a_correct_query(self):
        for query in ("giải quyết khiếu nại", "doanh nghiep", "sữa chua"):
            with self.subTest(query=query):
                self.assertEqual(did_you_mean(search(query).query), "")

    def test_a_query_made_only_of_typos_is_calm(self):
        results = search("xqzv ưqzzk jjjjjj 9q9q")
        self.assertEqual(results.total, 0)
        self.assertEqual(did_you_mean(results.query), "")

    def test_a_300_word_query_is_capped_and_answers(self):
        results = search(" ".join(["giãi quyết khiếu nại doanh nghiêp"] * 60))
        self.assertTrue(results.query.truncated)
        self.assertGreaterEqual(results.total, 0)


class TestTypoSearchPage(TypoCorpusMixin, TestCase):
    def test_page_shows_results_and_the_suggestion_link(self):
        response = self.client.get("/tim-kiem/", {"q": "giãi quyết khiếu nại"})
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("<mark>nại</mark> của công dân</a>", body)
        self.assertIn("Có phải bạn muốn tìm:", body)
        self.assertIn("?q=gi%E1%BA%A3i+quy%E1%BA%BFt+khi%E1%BA%BFu+n%E1%BA%A1i", body)

    def test_bad_queries_never_500(self):
        for query in ("xqzv ưqzzk", "a" * 5000, " ".join(["nghiêp"] * 300), "vieetj" * 50):
            with self.subTest(query=query[:20]):
                response = self.client.get("/tim-kiem/", {"q": query})
                self.assertEqual(response.status_code, 200)
                api = self.client.get("/api/search/", {"q": query})
                self.assertEqual(api.status_code, 200)


class TestTyposSettledByTheNeighbouringWords(TestCase):
    """Slips that make another word or none, where the word's own frequency points to the
    wrong fix and only the words around it tell which one was meant."""

    @classmethod
    def setUpTestData(cls):
        home = make_home()
        section = make_section(home, "Pháp luật")
        articles = [
            ("Đề nghị truy tố nhóm lừa đảo", "Cơ quan điều tra đề nghị truy tố."),
            ("Kiểm tra hàng hóa ở chợ", "Đoàn kiểm tra làm việc cả ngày."),
            ("Kiểm tra an toàn thực phẩm", "Kiểm tra các bếp ăn tập thể."),
            ("Tra cứu hồ sơ trực tuyến", "Người dân tra cứu hồ sơ tại nhà."),
            ("Khách sạn ven biển kín phòng", "Các khách sạn kín phòng dịp lễ."),
            ("Ông Trần Huy nhận giải thưởng", "Nhà giáo Trần Huy được vinh danh."),
            ("Nước tràn qua đê ở xã Huy Tân", "Nước sông tràn qua đê, dân sơ tán."),
        ]
        for days, (title, sapo) in enumerate(articles):
            make_article(
                section,
                title,
                published_at=NOW - dt.timedelta(days=days + 1),
                sapo=sapo,
                body=_body(sapo),
            )

    def test_an_unknown_word_takes_the_fix_its_neighbours_hold(self):
        # "try" is one letter from "tra" (common here) and from "truy"; only "truy" stands
        # between "nghị" and "tố" in any article.
        results = search("nghị try tố")
        self.assertEqual(_titles("nghị try tố")[0], "Đề nghị truy tố nhóm lừa đảo")
        self.assertEqual(did_you_mean(results.query), "nghị truy tố")

    def test_swapped_letters_keep_the_readers_marks(self):
        self.assertEqual(_titles("káhch sạn")[0], "Khách sạn ven biển kín phòng")
        self.assertEqual(did_you_mean(search("káhch sạn").query), "khách sạn")

    def test_a_wrong_mark_on_one_of_several_words_is_repaired_in_context(self):
        # "tràn" exists, but no article holding "tran huy" side by side writes it that way.
        self.assertEqual(_titles("tràn huy")[0], "Ông Trần Huy nhận giải thưởng")
        self.assertEqual(did_you_mean(search("tràn huy").query), "trần huy")

    def test_correct_marks_on_some_words_are_left_alone(self):
        results = search("tràn qua")
        self.assertEqual(results.query.accent_repair, "")
        self.assertEqual(_titles("tràn qua")[0], "Nước tràn qua đê ở xã Huy Tân")
