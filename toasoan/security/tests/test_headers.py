from django.test import TestCase

from toasoan.news.tests.factories import make_home


class TestSecurityHeaders(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()

    def test_public_pages_get_a_strict_policy(self):
        response = self.client.get(self.home.url)
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("nonce-", policy)  # cached pages are shared: no per-reader nonce
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertIn("object-src 'none'", policy)

    def test_other_headers(self):
        response = self.client.get(self.home.url)
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response.headers["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertIn("camera=()", response.headers["Permissions-Policy"])
        self.assertEqual(response.headers["Cross-Origin-Opener-Policy"], "same-origin")

    def test_admin_gets_its_own_policy(self):
        response = self.client.get("/quan-tri/login/")
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("'unsafe-inline'", policy)
        self.assertIn("frame-ancestors 'self'", policy)

    def test_404_also_carries_the_policy(self):
        response = self.client.get("/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("script-src 'self'", response.headers["Content-Security-Policy"])
