"""TOTP two-factor for the admin: optional for staff, required for administrators when on."""

import re
from base64 import b32decode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

HOME = "/quan-tri/"
VERIFY = "/quan-tri/xac-thuc-hai-buoc/"
SETUP = "/quan-tri/xac-thuc-hai-buoc/bat/"


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


class TestTwoFactor(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-qt-123")
        cls.editor = User.objects.create_user("bientap", "bt@example.vn", "mat-khau-bt-123")
        cls.editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        cls.group_admin = User.objects.create_user("nhom", "n@example.vn", "mat-khau-nhom-123")
        cls.group_admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
        cls.group_admin.groups.add(Group.objects.get_or_create(name="Quản trị")[0])

    def _login(self, user, password):
        response = self.client.post(
            "/quan-tri/login/", {"username": user.username, "password": password}
        )
        self.assertEqual(response.status_code, 302)

    def test_without_a_device_and_not_required_the_admin_opens(self):
        self._login(self.editor, "mat-khau-bt-123")
        self.assertEqual(self.client.get(HOME).status_code, 200)

    @override_settings(TOASOAN_REQUIRE_2FA_FOR_ADMINS=True)
    def test_required_administrators_must_enrol_first(self):
        for user, password in (
            (self.admin, "mat-khau-qt-123"),
            (self.group_admin, "mat-khau-nhom-123"),
        ):
            with self.subTest(user=user.username):
                self.client.logout()
                self._login(user, password)
                response = self.client.get(HOME)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response.url.startswith(SETUP))

    @override_settings(TOASOAN_REQUIRE_2FA_FOR_ADMINS=True)
    def test_required_only_for_administrators(self):
        self._login(self.editor, "mat-khau-bt-123")
        self.assertEqual(self.client.get(HOME).status_code, 200)

    @override_settings(TOASOAN_REQUIRE_2FA_FOR_ADMINS=True)
    def test_enrolment_with_the_qr_code_then_the_admin_opens(self):
        self._login(self.admin, "mat-khau-qt-123")
        page = self.client.get(SETUP)
        self.assertEqual(page.status_code, 200)
        text = page.content.decode()
        self.assertIn("<svg", text)
        self.assertIn("Bật xác thực hai bước", text)
        secret = re.search(r"<code>([A-Z2-7]+)</code>", text).group(1)
        device = TOTPDevice.objects.get(user=self.admin, confirmed=False)
        self.assertEqual(b32decode(secret + "=" * (-len(secret) % 8)), device.bin_key)

        wrong = self.client.post(SETUP, {"token": "000000" if _code(device) != "000000" else "1"})
        self.assertEqual(wrong.status_code, 200)
        self.assertContains(wrong, "Mã không đúng")
        self.assertEqual(self.client.get(HOME).status_code, 302)

        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        done = self.client.post(SETUP, {"token": _code(device), "next": HOME})
        self.assertEqual(done.status_code, 302)
        self.assertEqual(done.url, HOME)
        self.assertTrue(TOTPDevice.objects.get(user=self.admin).confirmed)
        self.assertEqual(self.client.get(HOME).status_code, 200)

    def test_an_enrolled_user_needs_the_code_at_every_login(self):
        device = TOTPDevice.objects.create(user=self.editor, name="app", confirmed=True)
        self._login(self.editor, "mat-khau-bt-123")
        response = self.client.get(HOME)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.url.startswith(VERIFY))
        self.assertContains(self.client.get(VERIFY), "Xác thực hai bước")

        bad = self.client.post(VERIFY, {"token": "12345"})
        self.assertContains(bad, "error-message")
        self.assertEqual(self.client.get(HOME).status_code, 302)

        ok = self.client.post(VERIFY, {"token": _code(device), "next": HOME})
        self.assertEqual(ok.status_code, 302)
        self.assertEqual(self.client.get(HOME).status_code, 200)

    def test_next_cannot_send_the_user_to_another_site(self):
        device = TOTPDevice.objects.create(user=self.editor, name="app", confirmed=True)
        self._login(self.editor, "mat-khau-bt-123")
        ok = self.client.post(VERIFY, {"token": _code(device), "next": "https://evil.example/"})
        self.assertEqual(ok.url, HOME)

    def test_public_pages_are_untouched(self):
        TOTPDevice.objects.create(user=self.editor, name="app", confirmed=True)
        self._login(self.editor, "mat-khau-bt-123")
        response = self.client.get("/tim-kiem/?q=x")
        self.assertEqual(response.status_code, 200)


class TestTwoFactorAccountLink(TestCase):
    def test_account_page_offers_enrolment_until_enrolled(self):
        user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-qt-1")
        self.client.force_login(user)
        self.assertContains(self.client.get("/quan-tri/account/"), SETUP)
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        session = self.client.session
        device = TOTPDevice.objects.get(user=user)
        session["otp_device_id"] = device.persistent_id
        session.save()
        self.assertNotContains(self.client.get("/quan-tri/account/"), SETUP)
