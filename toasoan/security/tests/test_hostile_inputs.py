"""Hostile input against every public query parameter, path parameter and reader form.

Each request must get a clean answer (< 500) and no payload may come back unescaped in an
HTML or XML response. The table below lists every public endpoint (from toasoan/*/urls.py
and the Wagtail page types) with the parameters its code reads.
"""

from urllib.parse import quote

from django.test import TestCase

from toasoan.news.tests.factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
)

XSS = [
    '<script>alert("xss-1")</script>',
    '"><img src=x onerror=alert("xss-2")>',
    "'><svg/onload=alert('xss-3')>",
    "javascript:alert('xss-4')",
    "</title><script>alert('xss-5')</script>",
    '<a href="x" onmouseover="alert(6)">xss-6</a>',
]
# Strings that must never come back verbatim in markup.
MARKERS = [
    '<script>alert("xss-1")',
    'onerror=alert("xss-2")',
    "<svg/onload",
    "<script>alert('xss-5')",
    'onmouseover="alert(6)"',
]
SQL = [
    "' OR '1'='1",
    '" OR 1=1 --',
    "1; DROP TABLE wagtailcore_page; --",
    "1' UNION SELECT NULL--",
    "%' AND SLEEP(5) AND '%'='",
    "\\'",
    '"',
    "'\"`;)(*",
]
TRAVERSAL = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "/etc/passwd",
    "..\\..\\windows\\win.ini",
    "%00",
    "x%00.pdf",
]
ODD = [
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "[]",
    "{}",
    "a" * 20000,
    "Hà Nội" * 3000,
    "\u202e\u200b",
    "😀" * 100,
]
NUL = ["\x00", "a\x00b", "\x00<script>"]
BAD_UTF8 = ["%ff%fe", "%c3%28", "%ed%a0%80", "%80", "%e2%82"]  # raw in the query string

VALUES = XSS + SQL + TRAVERSAL + ODD + NUL


class HostileInputCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thời sự")
        cls.article = make_article(cls.section, title="Bài viết thử")
        index = make_announcement_index(cls.home)
        cls.announcement = make_announcement(index, title="Thông báo thử")

    def endpoints(self):
        """(path, [query parameters the view reads])."""
        article_id = self.article.pk
        return [
            (self.home.url, ["page", "binh-luan"]),
            (self.section.url, ["page"]),
            (self.article.url, ["binh-luan", "page"]),
            (self.announcement.url, ["page"]),
            (
                "/tim-kiem/",
                ["q", "page", "section", "chuyen_muc", "tu_ngay", "den_ngay", "sap_xep"],
            ),
            ("/api/search/", ["q", "limit", "offset", "section"]),
            (
                "/api/v2/pages/",
                [
                    "type",
                    "section",
                    "published_after",
                    "published_before",
                    "search",
                    "limit",
                    "offset",
                    "order",
                    "fields",
                    "slug",
                ],
            ),
            ("/rss/", ["page"]),
            ("/kenh-rss/", ["page"]),
            ("/so-do-trang/", ["page"]),
            ("/sitemap.xml", ["p"]),
            ("/sitemap-tin-moi.xml", ["p"]),
            (f"/in/{article_id}/", ["page"]),
            (f"/binh-luan/{article_id}/", ["tra-loi", "da-gui"]),
            (f"/binh-luan/{article_id}/phien/", ["x"]),
            ("/binh-luan/thu-thach/", ["x"]),
            ("/healthz", ["strict"]),
        ]

    def assert_clean(self, response, label):
        self.assertLess(response.status_code, 500, label)
        content_type = response.headers.get("Content-Type", "")
        if response.streaming or not ("html" in content_type or "xml" in content_type):
            return
        text = response.content.decode("utf-8", errors="replace")
        for marker in MARKERS:
            self.assertNotIn(marker, text, f"{label}: unescaped payload")


class TestHostileQueryParameters(HostileInputCase):
    def test_every_parameter_survives_every_payload(self):
        checked = 0
        for path, params in self.endpoints():
            for param in params:
                for value in VALUES:
                    with self.subTest(path=path, param=param, value=value[:40]):
                        response = self.client.get(path, {param: value})
                        self.assert_clean(response, f"{path}?{param}={value[:40]}")
                        checked += 1
        self.assertGreater(checked, 1000)

    def test_bad_utf8_in_the_query_string(self):
        for path, params in self.endpoints():
            for param in params:
                for raw in BAD_UTF8:
                    with self.subTest(path=path, param=param, raw=raw):
                        response = self.client.get(f"{path}?{param}={raw}")
                        self.assert_clean(response, f"{path}?{param}={raw}")

    def test_repeated_and_nameless_parameters(self):
        for path, params in self.endpoints():
            with self.subTest(path=path):
                query = "&".join(f"{p}=1&{p}=%3Cscript%3E" for p in params) + "&=x&&%ff=1"
                self.assert_clean(self.client.get(f"{path}?{query}"), path)

    def test_search_echoes_the_query_escaped(self):
        payload = XSS[0]
        response = self.client.get("/tim-kiem/", {"q": payload})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, payload)
        self.assertContains(response, "&lt;script&gt;")


class TestHostilePaths(HostileInputCase):
    def test_traversal_and_junk_in_path_parameters(self):
        prefixes = [
            "/tai-lieu/1/",
            "/rss/",
            "/sitemap-",
            "/in/",
            "/luu/",
            "/binh-luan/",
            "/static/",
            "/media/",
            self.section.url,
        ]
        for prefix in prefixes:
            for value in TRAVERSAL + XSS[:2] + ["%ff%fe", "a" * 3000]:
                with self.subTest(prefix=prefix, value=value[:40]):
                    path = prefix + (value if "%" in value else quote(value, safe="/"))
                    response = self.client.get(path)
                    self.assert_clean(response, path)
                    self.assertNotIn(b"root:x:0:0", getattr(response, "content", b""))

    def test_a_traversal_file_name_never_reads_outside_the_media_root(self):
        response = self.client.get("/tai-lieu/1/..%2f..%2f..%2fetc%2fpasswd")
        self.assertIn(response.status_code, (301, 302, 400, 404))


class TestHostileCommentPosts(HostileInputCase):
    """The only public form: malformed bodies get a 4xx and store nothing."""

    def setUp(self):
        self.url = f"/binh-luan/{self.article.pk}/"
        # A real CSRF token, so the malformed body itself is what gets refused.
        self.client = self.client_class(enforce_csrf_checks=True)
        self.token = self.client.get(f"{self.url}phien/").json()["csrfToken"]

    def _count(self):
        from toasoan.comments.models import Comment

        return Comment.objects.count()

    def _post(self, data, content_type=None):
        headers = {"HTTP_X_CSRFTOKEN": self.token}
        if content_type is None:
            return self.client.post(self.url, data, **headers)
        return self.client.post(self.url, data, content_type=content_type, **headers)

    def test_malformed_bodies_are_refused_with_4xx(self):
        cases = [
            ("empty form", {}, None),
            ("xss in every field", {f: XSS[0] for f in ("name", "email", "body", "parent")}, None),
            ("sql in every field", {f: SQL[0] for f in ("name", "email", "body", "parent")}, None),
            (
                "parent not a number",
                {"name": "An", "email": "a@b.vn", "body": "Hay", "parent": "1 OR 1=1"},
                None,
            ),
            ("huge body", {"name": "An", "email": "a@b.vn", "body": "x" * 200_000}, None),
            (
                "bad utf-8",
                b"name=%ff%fe&email=a%40b.vn&body=%c3%28",
                "application/x-www-form-urlencoded",
            ),
            (
                "broken multipart",
                b'--xx\r\nContent-Disposition: form-data; name="name"\r\n\r\n',
                "multipart/form-data; boundary=xx",
            ),
            ("multipart without boundary", b"abc", "multipart/form-data"),
            ("json body", b'{"name": "An", "body": "<script>"}', "application/json"),
            ("binary junk", bytes(range(256)) * 10, "application/octet-stream"),
        ]
        before = self._count()
        for label, data, content_type in cases:
            with self.subTest(label):
                response = self._post(data, content_type)
                self.assertGreaterEqual(response.status_code, 400, label)
                self.assertLess(response.status_code, 500, label)
                if "html" in response.headers.get("Content-Type", ""):
                    for marker in MARKERS:
                        self.assertNotIn(marker, response.content.decode(errors="replace"))
        self.assertEqual(self._count(), before)

    def test_post_without_csrf_token_is_refused(self):
        response = self.client.post(self.url, {"name": "An", "email": "a@b.vn", "body": "Hay"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self._count(), 0)


class TestNullBytes(HostileInputCase):
    def test_nul_in_the_path_is_a_400(self):
        for url in ("/khong-co%00/", "/rss/%00/", f"{self.section.url}%00/", "/media/x%00.pdf"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400)
                self.assertIn("không hợp lệ", response.content.decode())
