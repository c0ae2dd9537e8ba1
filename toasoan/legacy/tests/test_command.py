"""The `legacy_import` command end to end: writes, idempotency, dry run, failures, redirects."""

import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, PageLogEntry, Revision

from toasoan.comments.models import Comment
from toasoan.core.models import NewsImage
from toasoan.legacy.models import ImportRecord
from toasoan.news.models import ArticlePage, SectionPage
from toasoan.news.tests.factories import make_home, make_section
from toasoan.vi.dates import VIETNAM_TZ

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path("/work/shared/seed/000_2a5edaf0fc65db2a.txt")

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("legacy_import", *map(str, args), "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("legacy_import", *map(str, args), "--no-progress", stdout=out, stderr=err)
    return caught.value, out.getvalue(), err.getvalue()


def jsonl(tmp_path, records, name="bai.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def record(n, **overrides):
    fields = {
        "id": f"cu-{n}",
        "title": f"Tin thử nghiệm số {n} về giao thông",
        "body": f"Đoạn mở đầu của tin số {n}.\n\nĐoạn thứ hai kể thêm chi tiết.",
        "section": "Giao thông",
        "author": "Lam Phong (Theo Bloomberg)",
        "published": "2020-07-04",
    }
    return fields | overrides


@pytest.fixture
def home():
    return make_home()


class TestTextDumps:
    @pytest.mark.skipif(not SEED.exists(), reason="the shared seed page is not on this machine")
    def test_reference_page_becomes_a_live_article(self, home):
        run(SEED)
        page = ArticlePage.objects.get()
        assert page.title == "Hội nghị BCH Đảng bộ các Khu Chế Xuất & Khu Công nghiệp TP"
        assert (page.author_name, page.source_name) == ("Huyền Thanh", "PBN")
        assert page.published_at == datetime(2020, 7, 4, tzinfo=VIETNAM_TZ)
        assert len([b for b in page.body if b.block_type == "paragraph"]) == 8
        assert page.live and page.live_revision_id == page.latest_revision_id
        assert page.get_parent().title == "Tin tổng hợp"

    def test_second_run_changes_nothing(self, home):
        path = FIXTURES / "thong_bao_lich_nuoc.txt"
        run(path)
        first = ArticlePage.objects.get()
        revisions = first.revisions.count()
        _out, err = run(path)
        assert "0 imported, 0 updated, 1 skipped" in err
        assert ArticlePage.objects.get().pk == first.pk
        assert first.revisions.count() == revisions
        assert ImportRecord.objects.count() == 1

    def test_changed_file_updates_the_same_article(self, home, tmp_path):
        path = tmp_path / "tin.txt"
        shutil.copy(FIXTURES / "thong_bao_lich_nuoc.txt", path)
        run(path)
        path.write_text(path.read_text().replace("Mọi thắc mắc", "Mọi câu hỏi"))
        _out, err = run(path)
        assert "0 imported, 1 updated" in err
        page = ArticlePage.objects.get()
        assert "Mọi câu hỏi" in str(page.body)
        assert page.revisions.count() == 2


class TestDryRun:
    def test_json_lines_shape_and_nothing_written(self, home):
        out, err = run("--dry-run", "--json", FIXTURES / "thong_bao_lich_nuoc.txt")
        (line,) = out.splitlines()
        data = json.loads(line)
        assert set(data) == {
            "file",
            "title",
            "published",
            "author",
            "source",
            "section",
            "place",
            "body_paragraphs",
        }
        assert data["published"] == "2025-01-06T09:15:00+07:00"
        assert data["author"] == "Minh Anh" and len(data["body_paragraphs"]) == 3
        assert "nothing written" in err
        assert not ArticlePage.objects.exists()
        assert not ImportRecord.objects.exists()
        assert not SectionPage.objects.exists()


class TestJsonLines:
    def test_articles_keep_their_id_and_split_the_byline(self, home):
        run(jsonl(Path(self.tmp), [record(1), record(2, author="Theo VnExpress", section=None)]))
        first = ArticlePage.objects.get(external_id="cu-1")
        assert (first.author_name, first.source_name) == ("Lam Phong", "Bloomberg")
        assert first.get_parent().specific.title == "Giao thông"
        assert first.get_parent().slug == "giao-thong"
        second = ArticlePage.objects.get(external_id="cu-2")
        assert (second.author_name, second.source_name) == ("", "VnExpress")
        assert second.get_parent().title == "Tin tổng hợp"

    @pytest.fixture(autouse=True)
    def _tmp(self, tmp_path):
        self.tmp = tmp_path

    def test_rerun_updates_by_external_id_and_never_duplicates(self, home):
        run(jsonl(self.tmp, [record(1), record(2)]))
        _out, err = run(jsonl(self.tmp, [record(1, title="Tiêu đề đã sửa"), record(2)]))
        assert "0 imported, 1 updated, 1 skipped" in err
        assert ArticlePage.objects.count() == 2
        assert ArticlePage.objects.get(external_id="cu-1").title == "Tiêu đề đã sửa"

    def test_bad_lines_are_reported_with_file_and_line_and_the_rest_imports(self, home):
        path = self.tmp / "hong.jsonl"
        good = json.dumps(record(1), ensure_ascii=False)
        path.write_text(f"{good}\n{{không phải json\n" + json.dumps({"id": "x"}) + "\n")
        error, _out, err = run_failing(path)
        assert error.returncode == 1
        assert f"{path}:2: not valid JSON" in err
        assert f"{path}:3: missing field(s): title, body" in err
        assert "1 imported, 0 updated, 0 skipped, 2 failed" in err
        assert ArticlePage.objects.count() == 1

    def test_a_failing_article_leaves_nothing_half_imported(self, home, monkeypatch):
        from toasoan.legacy import writer

        def broken(article):
            raise RuntimeError("comment store unavailable")

        # Comments go through the one-article-at-a-time path (WXR posts).
        monkeypatch.setattr(writer, "_import_comments", lambda page, article: broken(article))
        error, _out, err = run_failing(FIXTURES / "sample.wxr.xml")
        assert "RuntimeError: comment store unavailable" in err
        assert f"{FIXTURES / 'sample.wxr.xml'}:" in err
        assert not ArticlePage.objects.exists()
        assert not ImportRecord.objects.exists()
        assert not Revision.objects.filter(object_str="Khánh thành cầu đi bộ qua kênh").exists()
        assert not Comment.objects.exists()

    def test_a_bad_row_in_a_bulk_insert_fails_only_its_article(self, home, monkeypatch):
        from toasoan.legacy.writer import ArticleWriter

        # Another writer took external id cu-2 after this batch looked (a race): the batch's
        # multi-row INSERT fails, the articles are retried one by one, only cu-2 fails.
        section = make_section(home, title="Khác", slug="khac")
        taken = section.add_child(instance=ArticlePage(title="Bài có sẵn", external_id="cu-2"))
        prefetch = ArticleWriter.prefetch

        def blind_prefetch(self, articles):
            prefetch(self, articles)
            self._external.clear()

        monkeypatch.setattr(ArticleWriter, "prefetch", blind_prefetch)
        path = jsonl(self.tmp, [record(1), record(2), record(3)])
        error, _out, err = run_failing(path)
        assert error.returncode == 1
        assert f"{path}:2: IntegrityError" in err
        assert "2 imported, 0 updated, 0 skipped, 1 failed" in err
        assert sorted(ArticlePage.objects.values_list("external_id", flat=True)) == [
            "cu-1",
            "cu-2",
            "cu-3",
        ]
        assert ArticlePage.objects.get(external_id="cu-2").pk == taken.pk
        assert sorted(ImportRecord.objects.values_list("key", flat=True)) == [
            "jsonl:cu-1",
            "jsonl:cu-3",
        ]
        for page in ArticlePage.objects.filter(external_id__in=["cu-1", "cu-3"]):
            assert page.live_revision_id == page.latest_revision_id
            assert page.live_revision.as_object().title == page.title
        assert Page.find_problems() == ([], [], [], [], [])

    def test_bulk_written_pages_are_what_a_one_by_one_write_leaves(self, home, monkeypatch):
        from toasoan.legacy.writer import ArticleWriter

        run(jsonl(self.tmp, [record(1)], name="a.jsonl"))
        monkeypatch.setattr(ArticleWriter, "_bulk_eligible", lambda *args: False)
        run(jsonl(self.tmp, [record(2)], name="b.jsonl"))
        bulk, single = ArticlePage.objects.order_by("pk")
        for page in (bulk, single):
            page.refresh_from_db()
            assert page.live and not page.has_unpublished_changes
            assert page.url == f"/giao-thong/{page.slug}/"
            assert page.section_id == page.get_parent().pk
            assert page.live_revision_id == page.latest_revision_id
            assert page.latest_revision_created_at == page.live_revision.created_at
            assert [b.block_type for b in page.body] == ["paragraph", "paragraph"]
            assert (
                str(page.body[0].value) == f"<p>Đoạn mở đầu của tin số {page.external_id[3:]}.</p>"
            )
            logged = PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
            assert sorted(logged) == ["wagtail.create", "wagtail.publish"]
        content = [set(p.live_revision.content) for p in (bulk, single)]
        assert content[0] == content[1]
        assert bulk.get_parent().numchild == 2
        assert Page.find_problems() == ([], [], [], [], [])

    def test_the_same_id_twice_in_one_batch_is_imported_then_updated(self, home):
        path = jsonl(self.tmp, [record(1), record(2), record(1, title="Tiêu đề mới")])
        _out, err = run(path)
        assert "2 imported, 1 updated, 0 skipped" in err
        assert ArticlePage.objects.count() == 2
        assert ArticlePage.objects.get(external_id="cu-1").title == "Tiêu đề mới"

    def test_page_cache_is_invalidated_once_per_batch(self, home, monkeypatch):
        ops = pytest.importorskip("toasoan.ops.signal_handlers")
        bumps = []
        monkeypatch.setattr(ops, "bump_generation", bumps.append)
        # A page's own change retires its tags (docs/decisions/page-cache.md), not everything.
        monkeypatch.setattr(ops, "invalidate", lambda tags, reason: bumps.append(reason))
        run(jsonl(self.tmp, [record(n) for n in range(1, 6)]), "--batch-size", "2")
        # One per batch (2, 2 and 1 articles), none per article or per section created, and
        # one when the import ends (ops.invalidation.invalidation_suspended).
        assert not [reason for reason in bumps if "Page" in reason]
        assert bumps == [
            "legacy import of 2 article(s)",
            "legacy import of 2 article(s)",
            "legacy import of 1 article(s)",
            "legacy import",
        ]
        bumps.clear()
        ArticlePage.objects.get(external_id="cu-1").save()
        assert len(bumps) == 1  # per-save invalidation is back after the import

    def test_indexes_articles_for_search(self, home):
        search_models = pytest.importorskip("toasoan.search.models")
        run(jsonl(self.tmp, [record(1)]))
        page = ArticlePage.objects.get()
        assert search_models.SearchEntry.objects.filter(pk=page.pk).exists()


class TestSections:
    def test_section_option_puts_everything_in_that_section(self, home, tmp_path):
        target = make_section(home, title="Thời sự", slug="thoi-su")
        run("--section", "thoi-su", jsonl(tmp_path, [record(1)]))
        assert ArticlePage.objects.get().get_parent().pk == target.pk

    def test_unknown_section_is_an_error_listing_the_slugs(self, home, tmp_path):
        make_section(home, title="Thời sự", slug="thoi-su")
        error, _out, _err = run_failing("--section", "khong-co", jsonl(tmp_path, [record(1)]))
        assert "khong-co" in str(error) and "thoi-su" in str(error)
        assert not ArticlePage.objects.exists()


class TestWordPress:
    def test_posts_categories_authors_and_approved_comments(self, home):
        run(FIXTURES / "sample.wxr.xml")
        page = ArticlePage.objects.get()
        assert page.title == "Khánh thành cầu đi bộ qua kênh"
        assert page.author_name == "Ngọc Lan"
        assert page.get_parent().title == "Đô thị"
        assert page.published_at.isoformat() == "2024-05-18T01:30:00+00:00"
        assert [b.block_type for b in page.body] == [
            "paragraph",
            "paragraph",
            "heading",
            "paragraph",
        ]
        assert list(page.tags.names()) == ["cầu"]
        assert page.sapo == "Cầu đi bộ qua kênh chính thức thông xe."
        comments = Comment.objects.filter(page=page)
        assert [(c.name, c.status) for c in comments] == [("Bác Tư", "approved")]
        assert comments[0].created_at.isoformat() == "2024-05-18T03:00:00+00:00"
        run(FIXTURES / "sample.wxr.xml")
        assert Comment.objects.count() == 1 and ArticlePage.objects.count() == 1


class TestSavedHtml:
    def test_saved_site_folder_imports_text_metadata_and_local_images(self, home):
        _out, err = run(FIXTURES / "saved_site")
        assert "1 imported, 0 updated, 1 skipped, 0 failed" in err
        assert "skipped 1: not an article: a list of headlines" in err
        page = ArticlePage.objects.get()
        assert page.title == "Khai trương thư viện mới ở phường Bến Nghé"
        assert (page.author_name, page.source_name) == ("Minh Anh", "PBN")
        image = NewsImage.objects.get()
        assert image.alt_text == "Thư viện mới"
        assert image.caption == "Thư viện nhìn từ ngoài"
        assert page.featured_image_id == image.pk
        assert [b.block_type for b in page.body].count("image") == 1


class TestOldUrls:
    def test_old_url_redirects_permanently_then_is_gone_after_deletion(self, home, client):
        run(FIXTURES / "saved_site")
        page = ArticlePage.objects.get()
        response = client.get("/tin-tuc/123.html")
        assert response.status_code == 301
        assert response["Location"].endswith(page.url)
        page.delete()
        response = client.get("/tin-tuc/123.html")
        assert response.status_code == 410
        assert "Bài viết đã bị gỡ" in response.content.decode()
        assert client.get("/khong-bao-gio-ton-tai.html").status_code == 404


class TestPaths:
    def test_missing_path_fails_and_other_files_still_import(self, home):
        error, _out, err = run_failing("/khong/co/tep.txt", FIXTURES / "thong_bao_lich_nuoc.txt")
        assert "/khong/co/tep.txt: no such file" in err
        assert ArticlePage.objects.count() == 1

    def test_globs_expand(self, home):
        out, _err = run("--dry-run", "--json", str(FIXTURES / "*.txt"))
        assert len(out.splitlines()) == 1


class TestDryRunOnAnEmptySite:
    def test_dry_run_creates_no_home_page(self):
        from toasoan.news.models import HomePage

        out, _err = run("--dry-run", "--json", FIXTURES / "sample.wxr.xml")
        assert len(out.splitlines()) == 1
        assert not HomePage.objects.exists()

    def test_real_import_on_a_fresh_site_creates_the_home_page(self):
        from wagtail.models import Site

        from toasoan.news.models import HomePage

        run(FIXTURES / "thong_bao_lich_nuoc.txt")
        home = HomePage.objects.get()
        assert Site.objects.get(is_default_site=True).root_page_id == home.pk
        assert ArticlePage.objects.get().url.startswith("/tin-tong-hop/")


class TestCli:
    def test_toasoan_import_alias_runs_legacy_import(self, capsys):
        from toasoan.cli import main

        main(
            [
                "toasoan",
                "import",
                "--dry-run",
                "--json",
                "--no-progress",
                str(FIXTURES / "sample.wxr.xml"),
            ]
        )
        assert "Khánh thành cầu đi bộ qua kênh" in capsys.readouterr().out
