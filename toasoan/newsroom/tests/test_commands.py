"""newsroom_demo_accounts: one account per role, passwords printed once and kept in a file."""

import os
import stat
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase

from toasoan.news.tests.factories import make_home, make_section
from toasoan.newsroom.models import SectionRoleGroup


class TestDemoAccounts(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = make_home()
        cls.first = make_section(home, "Thời sự")
        make_section(home, "Kinh tế")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = Path(self.tmp.name) / "demo-accounts.txt"

    def tearDown(self):
        self.tmp.cleanup()

    def run_command(self):
        out = StringIO()
        call_command("newsroom_demo_accounts", "--output", str(self.path), stdout=out, stderr=out)
        return out.getvalue()

    def test_creates_one_account_per_role_with_working_passwords(self):
        output = self.run_command()
        lines = self.path.read_text(encoding="utf-8").splitlines()
        self.assertEqual(
            [line.split("\t")[0] for line in lines],
            ["phongvien", "bientapvien", "tongbientap", "kiemduyet", "quantri"],
        )
        for line in lines:
            username, _role, password = line.split("\t")
            self.assertGreaterEqual(len(password), 16)
            self.assertIn(password, output)
            self.assertIsNotNone(authenticate(username=username, password=password))
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)
        self.assertIn(str(self.path), output)

    def test_reporter_and_editor_work_in_the_first_section(self):
        self.run_command()
        reporter = get_user_model().objects.get(username="phongvien")
        link = SectionRoleGroup.objects.get(group__user=reporter)
        self.assertEqual((link.section_id, link.role), (self.first.pk, "phongvien"))
        self.assertTrue(reporter.groups.filter(name="Phóng viên").exists())

    def test_second_run_leaves_existing_accounts_untouched(self):
        self.run_command()
        before = self.path.read_text(encoding="utf-8")
        hashes = dict(get_user_model().objects.values_list("username", "password"))
        output = self.run_command()
        self.assertIn("already exist", output)
        self.assertEqual(self.path.read_text(encoding="utf-8"), before)
        self.assertEqual(dict(get_user_model().objects.values_list("username", "password")), hashes)

    def test_unwritable_file_creates_no_account(self):
        target = Path(self.tmp.name) / "khong-ghi-duoc"
        target.mkdir()  # a directory where the file should be: opening it fails
        with self.assertRaisesMessage(CommandError, "cannot write the passwords to"):
            call_command("newsroom_demo_accounts", "--output", str(target), stdout=StringIO())
        self.assertFalse(get_user_model().objects.filter(username="phongvien").exists())
