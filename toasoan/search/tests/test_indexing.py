"""The index follows publish, unpublish, edit, move and delete, within the same request."""

from django.core.management import call_command
from django.test import TestCase

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.search.engine import search
from toasoan.search.indexing import index_articles, index_pages, rebuild
from toasoan.search.models import SearchEntry, SearchTerm


def found(query):
    return [page_id for page_id, _ in search(query).hits]


class TestIndexFollowsArticles(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, "Thời sự")
        cls.other = make_section(cls.home, "Kinh tế")

    def test_publish_indexes_and_unpublish_removes(self):
        draft = make_article(self.section, "Cầu Long Biên sửa chữa", live=False)
        self.assertEqual(found("long bien"), [])
        draft.save_revision().publish()
        self.assertEqual(found("long bien"), [draft.pk])
        draft.refresh_from_db()
        draft.unpublish()
        self.assertEqual(found("long bien"), [])

    def test_publishing_an_edit_replaces_the_old_text(self):
        article = make_article(self.section, "Hội nghị cán bộ")
        article.title = "Hội thảo khoa học"
        article.save_revision().publish()
        self.assertEqual(found("hoi nghi"), [])
        self.assertEqual(found("hoi thao"), [article.pk])

    def test_draft_edit_keeps_the_live_text(self):
        article = make_article(self.section, "Giải bóng đá phong trào")
        article.title = "Giải bóng chuyền"
        article.save_revision()
        self.assertEqual(found("bong da"), [article.pk])

    def test_delete_removes_and_forgets_words(self):
        article = make_article(self.section, "Xylophone trình diễn")
        self.assertTrue(SearchTerm.objects.filter(term="xylophone").exists())
        article.delete()
        self.assertEqual(found("xylophone"), [])
        self.assertFalse(SearchTerm.objects.filter(term="xylophone").exists())

    def test_move_updates_the_section_filter(self):
        article = make_article(self.section, "Đường sắt cao tốc")
        article.move(self.other, pos="last-child")
        hits = search("duong sat", section_ids=[self.other.pk]).hits
        self.assertEqual([h[0] for h in hits], [article.pk])

    def test_future_dated_article_is_hidden_until_its_time(self):
        import datetime as dt

        from django.utils import timezone

        later = timezone.now() + dt.timedelta(days=1)
        article = make_article(self.section, "Bầu cử sắp tới", published_at=later)
        self.assertEqual(found("bau cu"), [])
        hits = search("bau cu", now=later + dt.timedelta(minutes=1)).hits
        self.assertEqual([h[0] for h in hits], [article.pk])

    def test_bulk_index_and_rebuild_count_live_articles(self):
        a = make_article(self.section, "Một")
        b = make_article(self.section, "Hai", live=False)
        self.assertEqual(index_articles([a.pk, b.pk]), 1)
        self.assertEqual(rebuild(), 1)
        self.assertEqual(list(SearchEntry.objects.values_list("pk", flat=True)), [a.pk])
        self.assertEqual(found("mot"), [a.pk])
        self.assertEqual(SearchTerm.objects.get(term="mot").doc_count, 1)

    def test_index_pages_takes_saved_objects_and_matches_index_articles(self):
        self.maxDiff = None
        a = make_article(self.section, "Khu công nghiệp Tân Thuận")
        b = make_article(self.section, "Bản nháp", live=False)
        SearchEntry.objects.all().delete()
        # As the importer has them: objects holding the saved values.
        a.refresh_from_db()
        b.refresh_from_db()
        self.assertEqual(index_pages([a, b]), 1)
        fields = [f.name for f in SearchEntry._meta.fields if f.name != "indexed_at"]
        from_objects = SearchEntry.objects.values(*fields).get(pk=a.pk)
        SearchEntry.objects.all().delete()
        index_articles([a.pk])
        self.assertEqual(SearchEntry.objects.values(*fields).get(pk=a.pk), from_objects)
        self.assertEqual(found("kcn tan thuan"), [a.pk])

    def test_rebuild_command_reports_count(self):
        make_article(self.section, "Ba")
        from io import StringIO

        out = StringIO()
        call_command("search_rebuild", stdout=out)
        self.assertIn("Indexed 1 articles", out.getvalue())


class TestRecencyKey(TestCase):
    """Both backends read matches newest first, keyed by ``rank_key`` (the SQLite FTS rowid
    is computed in SQL by a trigger and must equal the Python formula)."""

    def test_matches_stream_newest_first_with_the_python_rank_key(self):
        import datetime as dt

        from django.utils import timezone

        from toasoan.search.backends import get_backend
        from toasoan.search.backends.base import ALL, TITLE, Filters
        from toasoan.search.models import rank_key

        section = make_section(make_home(), "Thời sự")
        now = timezone.now()
        old = make_article(section, "Mưa lũ miền Trung", published_at=now - dt.timedelta(days=3))
        new = make_article(section, "Mưa lũ miền Bắc", published_at=now - dt.timedelta(hours=5))
        expected = [(page.pk, rank_key(page.published_at, page.pk)) for page in (new, old)]
        backend = get_backend()
        for column in (ALL, TITLE):
            with self.subTest(column=column):
                rows = backend.stream(column, [(("mua",),)], None, Filters(now=now), 10)
                self.assertEqual([tuple(row) for row in rows], expected)
        newest = backend.stream(ALL, [(("mua",),)], None, Filters(now=now), 1)
        self.assertEqual([tuple(row) for row in newest], expected[:1])
        self.assertEqual(backend.count([(("mua",),)], Filters(now=now), 1), 1)
        self.assertGreater(expected[0][1], expected[1][1])
