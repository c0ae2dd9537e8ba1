"""Password guessing on the Wagtail admin login: refused, locked, logged, visible to admins."""

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase, override_settings

LOGIN = "/quan-tri/login/"


def _post(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


class TestLoginThrottle(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_user(
            "bientap", "bt@example.vn", "mat-khau-dung-123", is_staff=True
        )
        cls.user.user_permissions.add(Permission.objects.get(codename="access_admin"))

    def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_page(self):
        for _ in range(4):
            response = _post(self.client, "bientap", "sai-mat-khau")
            self.assertEqual(response.status_code, 200)  # the form again, with its error
        response = _post(self.client, "bientap", "sai-mat-khau")
        self.assertEqual(response.status_code, 429)
        text = response.content.decode()
        self.assertIn("Tạm khóa đăng nhập", text)
        self.assertIn("15 phút", text)
        self.assertIn("no-store", response.headers["Cache-Control"])
        self.assertEqual(response.headers["Retry-After"], "900")

    def test_the_right_password_is_refused_while_locked(self):
        for _ in range(5):
            _post(self.client, "bientap", "sai-mat-khau")
        response = _post(self.client, "bientap", "mat-khau-dung-123")
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_attack_from_elsewhere_never_locks_the_administrator_out(self):
        """#23: five wrong passwords for an account from one address locked that account
        for every address, renewable forever. Now the attacker's address is locked, and
        the owner logs in from a new address while the attack goes on."""
        for n in range(3):  # from several addresses, more tries than the limit each
            for _ in range(6):
                _post(self.client, "bientap", "sai", ip=f"198.51.100.{n + 1}")
        self.assertEqual(_post(self.client, "bientap", "sai", ip="198.51.100.1").status_code, 429)
        response = _post(self.client, "bientap", "mat-khau-dung-123", ip="192.0.2.50")
        self.assertEqual(response.status_code, 302)

    def test_made_up_user_names_lock_only_the_guessing_address(self):
        for n in range(5):
            _post(self.client, f"khong-co-{n}\u202e\x07" + "x" * 135, "sai", ip="203.0.113.61")
        self.assertFalse(
            AccessAttempt.objects.filter(username__startswith="khong-co-0x")
            .exclude(ip_address="203.0.113.61")
            .exists()
        )
        stored = AccessAttempt.objects.filter(ip_address="203.0.113.61").first()
        self.assertTrue(stored.username.startswith("khong-co-") and stored.username.isprintable())
        self.assertEqual(_post(self.client, "bientap", "x", ip="203.0.113.61").status_code, 429)
        response = _post(self.client, "bientap", "mat-khau-dung-123", ip="203.0.113.62")
        self.assertEqual(response.status_code, 302)

    def test_one_address_guessing_many_accounts_is_locked(self):
        for n in range(5):
            _post(self.client, f"nguoi{n}", "sai", ip="203.0.113.99")
        response = _post(self.client, "bientap", "mat-khau-dung-123", ip="203.0.113.99")
        self.assertEqual(response.status_code, 429)
        # Another address still logs in: the lock is on the guessing address.
        response = _post(self.client, "bientap", "mat-khau-dung-123", ip="192.0.2.51")
        self.assertEqual(response.status_code, 302)

    def test_below_the_limit_the_right_password_works(self):
        for _ in range(4):
            _post(self.client, "bientap", "sai")
        response = _post(self.client, "bientap", "mat-khau-dung-123")
        self.assertEqual(response.status_code, 302)

    def test_every_failure_is_in_the_audit_log(self):
        for _ in range(6):
            _post(self.client, "bientap", "sai", ip="203.0.113.8")
        failures = AccessFailureLog.objects.filter(username="bientap", ip_address="203.0.113.8")
        self.assertEqual(failures.count(), 6)
        self.assertTrue(failures.filter(locked_out=True).exists())
        attempt = AccessAttempt.objects.get(username="bientap", ip_address="203.0.113.8")
        self.assertEqual(attempt.failures_since_start, 6)

    @override_settings(TOASOAN_COMMENTS={"TRUSTED_PROXY_COUNT": 1})
    def test_behind_a_proxy_the_forwarded_address_is_counted(self):
        for n in range(5):
            self.client.post(
                LOGIN,
                {"username": f"x{n}", "password": "sai"},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR="203.0.113.20",
            )
        self.assertEqual(AccessFailureLog.objects.filter(ip_address="203.0.113.20").count(), 5)


class TestLoginAuditAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-qt-123")
        cls.editor = User.objects.create_user("bt2", "bt2@example.vn", "mat-khau-bt-123")
        editors, _ = Group.objects.get_or_create(name="Biên tập viên")
        cls.editor.groups.add(editors)

    def _fail(self, username, ip):
        _post(self.client, username, "sai", ip=ip)

    def test_admins_can_search_failed_logins(self):
        self._fail("ke-tan-cong", "203.0.113.30")
        self._fail("nguoi-khac", "203.0.113.31")
        self.client.force_login(self.admin)
        response = self.client.get("/quan-tri/bao-mat/dang-nhap-that-bai/", {"q": "ke-tan"})
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        self.assertIn("ke-tan-cong", text)
        self.assertNotIn("nguoi-khac", text)
        self.assertIn("Địa chỉ IP", text)

    def test_the_audit_log_cannot_be_edited_or_added_to(self):
        self._fail("ke-tan-cong", "203.0.113.30")
        self.client.force_login(self.admin)
        entry = AccessFailureLog.objects.get()
        self.assertIn(
            self.client.get("/quan-tri/bao-mat/dang-nhap-that-bai/add/").status_code, (403, 404)
        )
        url = f"/quan-tri/bao-mat/dang-nhap-that-bai/edit/{entry.pk}/"
        response = self.client.post(url, {"username": "x"})
        # Wagtail answers "no permission" by redirecting to the dashboard with a message.
        self.assertIn(response.status_code, (302, 403, 404))
        if response.status_code == 302:
            self.assertEqual(response.url, "/quan-tri/")
        entry.refresh_from_db()
        self.assertEqual(entry.username, "ke-tan-cong")

    def test_deleting_a_lockout_unlocks_the_account(self):
        for _ in range(5):
            self._fail("quantri", "203.0.113.40")
        attempt = AccessAttempt.objects.get(username="quantri")
        self.client.force_login(self.admin)
        response = self.client.post(f"/quan-tri/bao-mat/tai-khoan-bi-khoa/delete/{attempt.pk}/")
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        response = _post(self.client, "quantri", "mat-khau-qt-123", ip="203.0.113.40")
        self.assertEqual(response.status_code, 302)

    def test_other_staff_cannot_read_the_audit_log(self):
        self.editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(self.editor)
        response = self.client.get("/quan-tri/bao-mat/dang-nhap-that-bai/")
        self.assertIn(response.status_code, (302, 403))


class TestAuthenticateWithoutRequest(TestCase):
    def test_code_that_authenticates_without_a_request_still_works(self):
        from django.contrib.auth import authenticate

        get_user_model().objects.create_user("tool", "t@example.vn", "mat-khau-tool-123")
        self.assertIsNotNone(authenticate(username="tool", password="mat-khau-tool-123"))
        self.assertIsNone(authenticate(username="tool", password="sai"))


class TestPagePasswordThrottle(TestCase):
    """#23: Wagtail's page password form took unlimited guesses."""

    @classmethod
    def setUpTestData(cls):
        from wagtail.models import PageViewRestriction

        from toasoan.news.tests.factories import make_article, make_home, make_section

        home = make_home()
        cls.article = make_article(make_section(home), title="Bài có mật khẩu")
        cls.restriction = PageViewRestriction.objects.create(
            page=cls.article, restriction_type=PageViewRestriction.PASSWORD, password="dung-roi"
        )

    def _guess(self, password, ip="203.0.113.70"):
        url = f"/_util/authenticate_with_password/{self.restriction.pk}/{self.article.pk}/"
        return self.client.post(
            url, {"password": password, "return_url": self.article.url}, REMOTE_ADDR=ip
        )

    def test_guessing_is_locked_after_five_failures(self):
        for _ in range(4):
            self.assertEqual(self._guess("sai").status_code, 200)
        self.assertEqual(self._guess("sai").status_code, 429)
        # Locked: even the right password is refused from this address...
        self.assertEqual(self._guess("dung-roi").status_code, 429)
        # ...and works from another one.
        self.assertEqual(self._guess("dung-roi", ip="192.0.2.9").status_code, 302)
        self.assertTrue(
            AccessFailureLog.objects.filter(username=f"page-password:{self.restriction.pk}")
            .filter(ip_address="203.0.113.70")
            .exists()
        )
