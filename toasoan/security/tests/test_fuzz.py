"""Fuzz suite (#23): random and hostile values at every public URL pattern, query parameter
and form field, found by discovery rather than listed by hand, so a portal app that adds
URLs, views or forms later is covered without touching this file. Any 500 fails.

* URLs: every pattern of the URLconf (toasoan/security/urlwalk.py), with its path
  parameters filled by an article's id and slug and then by hostile values, plus the page
  types served by Wagtail and the public admin login.
* Query parameters: every name the project's code reads from ``request.GET`` /
  ``query_params`` (found in the source), plus every form field name.
* Form fields: every field of every ``forms.Form`` subclass defined in ``toasoan``.
* Values: overflowing dates, huge integers, deeply nested JSON, characters of every Unicode
  general category, null bytes, invalid UTF-8, bodies in other charsets, very long text.

The generator is seeded (TOASOAN_FUZZ_SEED changes it; TOASOAN_FUZZ_ROUNDS makes a longer
run): the same values every run, so a failure reproduces.
"""

import base64
import os
import random
import re
import sys
import unicodedata
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

from django import forms
from django.test import Client, TestCase

import toasoan
from toasoan.news.tests.factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
)
from toasoan.security.urlwalk import public_urls

SEED = int(os.environ.get("TOASOAN_FUZZ_SEED", "2323"))
ROUNDS = int(os.environ.get("TOASOAN_FUZZ_ROUNDS", "3"))
PACKAGE = Path(toasoan.__file__).parent
_PARAM_RE = re.compile(
    r"(?:GET|query_params|QUERY_PARAMS)\s*(?:\.get|\.getlist|\[)\s*\(?\s*[\"']([\w\-\[\]]+)[\"']"
)


@lru_cache(maxsize=1)
def query_parameter_names():
    """Every query parameter name the project's code reads."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names.update(_PARAM_RE.findall(path.read_text(encoding="utf-8")))
    # API views declare theirs (Wagtail's API: type, fields, order, search, limit, …).
    for url in public_urls():
        view_class = getattr(url.callback, "cls", None)
        names.update(getattr(view_class, "known_query_parameters", ()))
    names.update(("published_after", "published_before", "binh-luan", "p", "page"))
    return sorted(names | set(form_field_names()))


@lru_cache(maxsize=1)
def form_field_names():
    """Every field name of every Form defined in the project (its forms and views)."""
    for path in PACKAGE.rglob("*.py"):
        if path.stem in ("forms", "views") and "tests" not in path.parts:
            module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
            try:
                import_module(module)
            except ImportError:
                continue
    names = set()
    stack = [forms.Form, forms.ModelForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("toasoan."):
            names.update(getattr(cls, "base_fields", {}))
    return sorted(names)


def _by_category():
    table = {}
    for code in range(0, sys.maxunicode + 1, 7):
        table.setdefault(unicodedata.category(chr(code)), []).append(chr(code))
    return table


CATEGORIES = _by_category()
NESTED = [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 5_000 + "1" + "}" * 5_000,
    base64.b64encode(b"[" * 50_000 + b"]" * 50_000).decode(),
]
FIXED = [
    "9999-12-31",
    "0001-01-01",
    "31/12/9999",
    "01-01-0001",
    "2024-02-30",
    "99999-01-01",
    "-2024-01-01",
    "1970-01-01T00:00:00+99:00",
    "9" * 30,
    "-" + "9" * 30,
    str(2**63),
    str(-(2**63) - 1),
    str(2**64),
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "0x7fffffff",
    "0",
    "-1",
    "",
    " ",
    "\x00",
    "a\x00b",
    "../../../../etc/passwd",
    '"unbalanced',
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "a" * 20_000,
    "\u202e\u00ad\u200b\ufeff",
    "🏳️‍🌈" * 50,
    *NESTED,
]
BAD_BYTES = ["%ff%fe", "%c3%28", "%ed%a0%80", "%80", "%e2%82", "%00"]
CHARSETS = ["latin-1", "windows-1258", "utf-16", "shift_jis", "no-such-charset"]


class Values:
    """A seeded stream of hostile values."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311  # nosec B311 - test data only

    def unicode_text(self):
        category = self.rng.choice(sorted(c for c in CATEGORIES if c != "Cs"))
        chars = CATEGORIES[category]
        return "".join(self.rng.choice(chars) for _ in range(self.rng.randint(1, 40)))

    def value(self):
        pick = self.rng.random()
        if pick < 0.45:
            return self.rng.choice(FIXED)
        if pick < 0.85:
            return self.unicode_text()
        return str(self.rng.randint(-(10**40), 10**40))


class FuzzCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thời sự")
        cls.article = make_article(cls.section, title="Bài viết để thử")
        make_article(cls.section, title="Bài viết khác")
        index = make_announcement_index(cls.home)
        cls.announcement = make_announcement(index, title="Thông báo để thử")

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        self.failures = []

    def urls(self):
        found = [u.path for u in public_urls(number=self.article.pk, word=self.article.slug)]
        pages = [self.home.url, self.section.url, self.article.url, self.announcement.url]
        return found + pages + ["/quan-tri/login/", "/quan-tri/password_reset/"]

    def record(self, response, what):
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {what}"[:300])

    def check(self):
        self.assertEqual(self.failures, [], f"{len(self.failures)} requests answered 5xx")


class TestQueryParameters(FuzzCase):
    def test_hostile_values_in_every_query_parameter(self):
        names = query_parameter_names()
        self.assertIn("q", names)
        self.assertIn("tu_ngay", names)
        values = Values(SEED)
        for path in self.urls():
            for _ in range(ROUNDS):
                params = {name: values.value() for name in values.rng.sample(names, k=8)}
                response = self.client.get(path, params)
                self.record(response, f"GET {path} {sorted(params)}")
            # Each known reproduction at every URL once.
            for value in ("9999-12-31", "0001-01-01", NESTED[0][:2000]):
                params = dict.fromkeys(names, value)
                self.record(self.client.get(path, params), f"GET {path} all={value[:20]}")
        self.check()

    def test_invalid_utf8_and_surrogates_in_the_query_string(self):
        names = query_parameter_names()
        for path in self.urls():
            query = "&".join(f"{quote(n)}={b}" for n, b in zip(names, BAD_BYTES * 50, strict=False))
            self.record(self.client.get(f"{path}?{query}"), f"GET {path} bad bytes")
        self.check()


class TestPathParameters(FuzzCase):
    def test_hostile_values_in_path_parameters(self):
        values = Values(SEED + 1)
        tried = set()
        for number, word in [
            (2**63, "x"),
            (10**30, "a" * 3000),
            (0, quote("<script>", safe="")),
            (1, "%ff%fe"),
            (1, quote(values.unicode_text(), safe="")),
            (1, "..%2f..%2fetc%2fpasswd"),
        ]:
            for url in public_urls(number=number, word=word):
                if url.path in tried:
                    continue
                tried.add(url.path)
                self.record(self.client.get(url.path), f"GET {url.path[:120]}")
                self.record(self.client.post(url.path, {}), f"POST {url.path[:120]}")
        self.assertGreater(len(tried), 30)
        self.check()


class TestFormFields(FuzzCase):
    def test_hostile_values_in_every_form_field(self):
        names = form_field_names()
        self.assertIn("altcha", names)
        self.assertIn("body", names)
        values = Values(SEED + 2)
        for path in self.urls():
            for _ in range(ROUNDS):
                data = {name: values.value() for name in names}
                self.record(self.client.post(path, data), f"POST {path}")
            data = dict.fromkeys(names, NESTED[0])
            self.record(self.client.post(path, data), f"POST {path} nested json")
        self.check()

    def test_bodies_in_other_charsets_and_raw_bytes(self):
        names = form_field_names()
        text = "&".join(f"{n}=Hà Nội ý kiến {n}" for n in names)
        for path in self.urls():
            for charset in CHARSETS:
                try:
                    body = text.encode(charset, "replace")
                except LookupError:
                    body = text.encode("latin-1", "replace")
                content_type = f"application/x-www-form-urlencoded; charset={charset}"
                # generic(): post() would re-encode the bytes in the declared charset.
                response = self.client.generic("POST", path, body, content_type=content_type)
                self.record(response, f"POST {path} charset={charset}")
            raw = b"&".join(n.encode() + b"=%ff%fe\x00\xc3\x28" for n in names)
            response = self.client.post(path, raw, content_type="application/x-www-form-urlencoded")
            self.record(response, f"POST {path} raw bytes")
            response = self.client.post(path, NESTED[0].encode(), content_type="application/json")
            self.record(response, f"POST {path} nested json body")
        self.check()

    def test_a_non_utf8_comment_is_refused_with_a_message(self):
        """#23: a comment body in windows-1258 was stored as mojibake."""
        from toasoan.comments.models import Comment

        body = b"name=Nguy%ECn&email=a%40b.vn&body=Ch%E0o+b%E1o"
        response = self.client.generic(
            "POST",
            f"/binh-luan/{self.article.pk}/",
            body,
            content_type="application/x-www-form-urlencoded; charset=windows-1258",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("UTF-8", response.content.decode())
        self.assertFalse(Comment.objects.exists())
