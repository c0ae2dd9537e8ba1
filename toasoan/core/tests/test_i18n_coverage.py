"""The Vietnamese catalogues: coverage of the admin, scope, compiled files, placeholders.

See docs/i18n.md. These tests need GNU gettext (msgfmt); scripts/test.sh installs it.
"""

import importlib.util
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation

from toasoan.vi.text import normalize_tone_placement

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "i18n_coverage.py"
LOCALE_DIR = Path(settings.BASE_DIR) / "toasoan" / "locale"
VI_DIR = LOCALE_DIR / "vi" / "LC_MESSAGES"

_NAMED = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdrif]")
_POSITIONAL = re.compile(r"%[sd]")
_BRACES = re.compile(r"\{[A-Za-z_]*\}")
_TAG = re.compile(r"<[^<>]+>")


def _coverage_module():
    spec = importlib.util.spec_from_file_location("i18n_coverage", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("i18n_coverage", module)
    spec.loader.exec_module(module)
    return module


def _require_gettext(test):
    if shutil.which("msgfmt") is None:
        test.fail("GNU gettext is missing: apt-get install gettext (scripts/test.sh does it)")


def _run_coverage(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def read_mo(path):
    """Return [(context, msgid, msgid_plural, [msgstr...])] from a compiled catalogue."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, ids_at, strs_at = struct.unpack(order + "4I", data[4:20])
    entries = []
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        s_len, s_off = struct.unpack(order + "2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
        raw_id = data[id_off : id_off + id_len].decode()
        raw_str = data[s_off : s_off + s_len].decode()
        if not raw_id:
            continue  # the header
        context, _, raw_id = raw_id.rpartition("\x04")
        msgid, _, plural = raw_id.partition("\x00")
        entries.append((context, msgid, plural, raw_str.split("\x00")))
    return entries


class TestCoverageScript(SimpleTestCase):
    def test_every_admin_catalogue_and_the_total_reach_95_percent(self):
        _require_gettext(self)
        done = _run_coverage("--json")
        self.assertEqual(done.returncode, 0, done.stderr + done.stdout)
        report = json.loads(done.stdout)
        # The inventory is Wagtail's and Django's real msgid lists, not a hand-picked sample.
        self.assertGreater(report["overall"]["total"], 2000)
        self.assertGreaterEqual(report["overall"]["percent"], 95.0)
        names = {c["name"] for c in report["catalogues"]}
        self.assertTrue({"wagtailadmin", "wagtailcore", "wagtailimages", "auth"} <= names)
        for catalogue in report["catalogues"]:
            with self.subTest(catalogue=catalogue["name"], domain=catalogue["domain"]):
                self.assertGreater(catalogue["total"], 0)
                self.assertGreaterEqual(catalogue["percent"], 95.0)
        self.assertGreater(report["own"]["total"], 100)
        self.assertEqual(report["own"]["translated"], report["own"]["total"])

    def test_exits_non_zero_when_coverage_is_below_the_threshold(self):
        _require_gettext(self)
        done = _run_coverage("--threshold", "100.5")
        self.assertEqual(done.returncode, 1)
        self.assertIn("FAIL: overall", done.stderr)

    def test_counts_with_msgfmt_statistics(self):
        _require_gettext(self)
        module = _coverage_module()
        with tempfile.TemporaryDirectory() as tmp:
            po = Path(tmp) / "x.po"
            po.write_text(
                'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "Save"\nmsgstr "Lưu"\n\n'
                '#, fuzzy\nmsgid "Saved"\nmsgstr "Đã lưu"\n\n'
                'msgid "Publish"\nmsgstr ""\n',
                encoding="utf-8",
            )
            self.assertEqual(module.msgfmt_statistics(po), (1, 1, 1))


class TestVerifySource(SimpleTestCase):
    def test_reports_msgids_the_shipped_list_misses(self):
        _require_gettext(self)
        module = _coverage_module()
        with tempfile.TemporaryDirectory() as tmp:
            package = Path(tmp) / "site" / "pkg"
            (package / "templates").mkdir(parents=True)
            (package / "templates" / "x.html").write_text(
                '{% load i18n %}{% translate "Old string" %}{% translate "Brand new string" %}'
            )
            (package / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
            (package / "locale" / "en" / "LC_MESSAGES" / "django.po").write_text(
                'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "Old string"\nmsgstr ""\n'
            )
            scope = [module.Catalogue("pkg", "pkg", "django", "test")]
            missing = module.verify_source(Path(tmp) / "work", scope, Path(tmp) / "site")
        self.assertEqual(missing, ["pkg: Brand new string"])


class TestScope(SimpleTestCase):
    def test_every_installed_app_with_a_catalogue_is_counted_or_excluded_on_purpose(self):
        module = _coverage_module()
        counted = {c.name for c in module.SCOPE}
        for app in apps.get_app_configs():
            if not app.name.startswith("toasoan.") and (Path(app.path) / "locale").is_dir():
                with self.subTest(app=app.label):
                    self.assertIn(app.label, counted | module.EXCLUDED)

    def test_every_counted_catalogue_belongs_to_an_installed_app(self):
        module = _coverage_module()
        labels = {app.label for app in apps.get_app_configs()} | {"django"}
        for catalogue in module.SCOPE:
            with self.subTest(catalogue=catalogue.name):
                self.assertIn(catalogue.name, labels)
                self.assertNotIn(catalogue.name, module.EXCLUDED)


class TestCompiledCatalogues(SimpleTestCase):
    def test_committed_mo_files_match_their_po_sources(self):
        _require_gettext(self)
        for po in [*VI_DIR.glob("*.po"), *(LOCALE_DIR / "en" / "LC_MESSAGES").glob("*.po")]:
            with (
                self.subTest(po=str(po.relative_to(LOCALE_DIR))),
                tempfile.TemporaryDirectory() as t,
            ):
                fresh = Path(t) / "fresh.mo"
                subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True)
                self.assertEqual(
                    sorted(read_mo(fresh)),
                    sorted(read_mo(po.with_suffix(".mo"))),
                    "stale .mo: run scripts/i18n_update.sh",
                )

    def test_translations_keep_placeholders_and_markup(self):
        problems = []
        for mo in VI_DIR.glob("*.mo"):
            for _context, msgid, plural, msgstrs in read_mo(mo):
                source = plural or msgid
                for msgstr in msgstrs:
                    for pattern in (_NAMED, _BRACES, _TAG):
                        wanted = Counter(pattern.findall(source))
                        if plural:  # one Vietnamese form stands for both English forms
                            wanted |= Counter(pattern.findall(msgid))
                        got = Counter(pattern.findall(msgstr))
                        if set(got) - set(wanted) or (not plural and got != wanted):
                            problems.append((msgid, msgstr))
                    if len(_POSITIONAL.findall(msgstr)) != len(_POSITIONAL.findall(source)):
                        problems.append((msgid, msgstr))
        self.assertEqual(problems, [])

    def test_vietnamese_is_nfc_with_modern_tone_placement(self):
        for mo in VI_DIR.glob("*.mo"):
            for _, msgid, _, msgstrs in read_mo(mo):
                for msgstr in msgstrs:
                    with self.subTest(msgid=msgid):
                        self.assertEqual(msgstr, unicodedata.normalize("NFC", msgstr))
                        self.assertEqual(msgstr, normalize_tone_placement(msgstr))


class TestRuntimeTranslation(SimpleTestCase):
    """Django picks our catalogue (LOCALE_PATHS) over the packages' own ones."""

    def test_editor_actions_and_tabs_are_vietnamese(self):
        expected = {
            "Save draft": "Lưu nháp",
            "Submit for moderation": "Gửi duyệt",  # Wagtail's own vi says "Yêu cầu xem xét"
            "Publish": "Xuất bản",
            "Unpublish": "Hủy xuất bản",  # Wagtail's own vi says "Thu hồi xuất bản"
            "Schedule to publish": "Lên lịch xuất bản",
            "Content": "Nội dung",
            "Promote": "Quảng bá",
            "Settings": "Cài đặt",  # Wagtail's own vi says "Tùy chỉnh"
            "Compare": "So sánh",
            "This field is required.": "Trường này là bắt buộc.",
            "A comma-separated list of tags.": "Danh sách thẻ, phân cách bằng dấu phẩy.",
        }
        with translation.override("vi"):
            for english, vietnamese in expected.items():
                with self.subTest(msgid=english):
                    self.assertEqual(translation.gettext(english), vietnamese)

    def test_plural_and_context_messages(self):
        with translation.override("vi"):
            deleted = translation.ngettext(
                "%(num_parent_objects)d page has been deleted",
                "%(num_parent_objects)d pages have been deleted",
                3,
            )
            self.assertEqual(deleted % {"num_parent_objects": 3}, "Đã xóa 3 trang")
            self.assertEqual(translation.pgettext("abbrev. month", "Jan."), "Th1")
            self.assertEqual(translation.gettext("Monday"), "Thứ Hai")

    def test_our_own_vietnamese_strings_are_unchanged_in_vietnamese(self):
        with translation.override("vi"):
            self.assertEqual(translation.gettext("Ý kiến bạn đọc"), "Ý kiến bạn đọc")

    def test_english_catalogue_translates_our_own_strings(self):
        with translation.override("en"):
            self.assertEqual(translation.gettext("Ý kiến bạn đọc"), "Readers' comments")
            self.assertEqual(translation.gettext("Save draft"), "Save draft")
