"""Every public URL pattern of the site, found from the URLconf, for the tests that must cover
all of them: the restricted-page walk (tests/test_visibility.py) and the fuzz suite
(tests/test_fuzz.py). A portal app that adds URL patterns is covered without a change here.

A pattern is turned into a concrete path by filling each parameter: ``int`` parameters get the
id the caller gives (an article's), others its slug. The admin (staff only, behind a login)
and Wagtail's page-serving catch-all (the caller adds page URLs itself) are left out.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.views import serve as wagtail_serve

STAFF_PREFIXES = ("quan-tri/",)
_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?(?P<body>[^()]*)\)")


@dataclass(frozen=True)
class PublicUrl:
    path: str  # "/binh-luan/12/"
    pattern: str  # "binh-luan/<int:page_id>/"
    callback: object


def _route_to_path(route, number, word):
    def fill(match):
        converter = match.group("converter") or "str"
        return str(number) if converter == "int" else word

    return _ROUTE_PARAM.sub(fill, route)


def _regex_to_path(regex, number, word):
    text = regex.lstrip("^").rstrip("$").replace("\\Z", "")

    def fill(match):
        body = match.group("body")
        return str(number) if body in (r"\d+", "[0-9]+") else word

    text = _REGEX_GROUP.sub(fill, text)
    text = text.replace("\\.", ".").replace("\\-", "-").replace("\\/", "/")
    return None if re.search(r"[\\\[\]()*+?|{}^$]", text) else text


def _walk(patterns, prefix=()):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            part = str(pattern)
            kind = "route"
        elif isinstance(pattern, RegexPattern):
            part = pattern.regex.pattern
            kind = "regex"
        else:  # pragma: no cover - LocalePrefixPattern and the like
            continue
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + (kind, part))
        elif isinstance(entry, URLPattern):
            yield (*prefix, kind, part), entry.callback


def public_urls(number=1, word="x"):
    """[PublicUrl] for every non-staff pattern, parameters filled with ``number``/``word``."""
    found = {}
    for parts, callback in _walk(get_resolver().url_patterns):
        path = ""
        raw = ""
        for index in range(0, len(parts), 2):
            kind, part = parts[index], parts[index + 1]
            raw += part
            filled = (
                _route_to_path(part, number, word)
                if kind == "route"
                else _regex_to_path(part, number, word)
            )
            if filled is None:
                path = None
                break
            path += filled
        if path is None or path.startswith(STAFF_PREFIXES):
            continue
        path = "/" + path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.func is not callback:
            continue  # an earlier pattern answers this path: it is walked on its own
        if callback is wagtail_serve:
            continue
        found.setdefault(path, PublicUrl(path, raw, callback))
    return list(found.values())
