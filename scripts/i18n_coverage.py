#!/usr/bin/env python
"""Measure how much of the admin that editors and moderators use is translated into Vietnamese.

The msgids "those screens use" are, per catalogue in SCOPE below, the upstream project's own
source catalogue (``<package>/locale/en/LC_MESSAGES/<domain>.po``): Wagtail and Django generate
it with ``makemessages`` from the templates, Python and JS of exactly that module, so it is the
complete list of strings the module can show. ``--verify-source`` re-extracts the Wagtail and
taggit strings from the installed source and ours from toasoan/, and fails on any msgid the
lists or our committed catalogue miss (ours: run scripts/i18n_update.sh).

The translation that counts is the one Django would use at run time: our catalogue in
``toasoan/locale/vi`` (LOCALE_PATHS wins), then the package's own ``vi`` catalogue. For each
catalogue the script merges that pair against the msgids (``msgmerge --no-fuzzy-matching``)
and counts with ``msgfmt --statistics``; fuzzy entries count as untranslated.

Exit status: 0 when every catalogue, the overall total and our own strings reach the
threshold (95% by default, our own strings 100%); 1 otherwise; 2 when GNU gettext is missing.

    .venv/bin/python scripts/i18n_coverage.py [--threshold 95] [--json] [--verify-source]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "toasoan" / "locale"
SITE_PACKAGES = Path(wagtail.__file__).resolve().parent.parent
assert Path(django.__file__).resolve().parent.parent == SITE_PACKAGES


@dataclass(frozen=True)
class Catalogue:
    name: str  # the Django app label or module it belongs to
    path: str  # package directory holding locale/, relative to site-packages
    domain: str  # "django" (templates + Python) or "djangojs" (admin JavaScript)
    why: str  # which editor/moderator screens show these strings


# Every installed app whose strings reach an editor's or moderator's screen (names are app
# labels). Not counted (EXCLUDED): django.contrib.sessions (its only strings are model names
# shown in Django's own admin, which is not installed), rest_framework (error texts of the
# public JSON API, read by programs; it ships its own vi catalogue); apps not installed:
# django.contrib.admin/admindocs/flatpages/gis/postgres/redirects/sites (the Wagtail admin
# replaces Django's), contrib.styleguide, contrib.search_promotions,
# contrib.typed_table_block. toasoan/core/tests/test_i18n_coverage.py fails when an installed
# app ships a catalogue and is in neither list.
SCOPE = [
    Catalogue(
        "wagtailadmin",
        "wagtail/admin",
        "django",
        "login, dashboard, page explorer, editor, panels, workflow, reports, account",
    ),
    Catalogue(
        "wagtailadmin",
        "wagtail/admin",
        "djangojs",
        "StreamField blocks, rich text toolbar, comments, sidebar, autosave, minimap",
    ),
    Catalogue(
        "wagtailcore",
        "wagtail",
        "django",
        "page fields and statuses, locks, revisions, workflow states, history actions",
    ),
    Catalogue("wagtailimages", "wagtail/images", "django", "image library, upload, chooser"),
    Catalogue("wagtaildocs", "wagtail/documents", "django", "document library and chooser"),
    Catalogue("wagtailsnippets", "wagtail/snippets", "django", "snippet listings and editor"),
    Catalogue("wagtailusers", "wagtail/users", "django", "users, groups, permissions"),
    Catalogue("wagtailsettings", "wagtail/contrib/settings", "django", "site settings"),
    Catalogue("wagtailforms", "wagtail/contrib/forms", "django", "form pages, submissions"),
    Catalogue("wagtailredirects", "wagtail/contrib/redirects", "django", "redirects"),
    Catalogue("wagtailembeds", "wagtail/embeds", "django", "embed chooser"),
    Catalogue("wagtailsearch", "wagtail/search", "django", "search"),
    Catalogue("wagtailsites", "wagtail/sites", "django", "sites (administrators)"),
    Catalogue("wagtailtableblock", "wagtail/contrib/table_block", "django", "table block"),
    Catalogue("wagtaillocales", "wagtail/locales", "django", "locales (administrators)"),
    Catalogue(
        "simple_translation",
        "wagtail/contrib/simple_translation",
        "django",
        "Dịch: the English copy of a page (docs/decisions/english.md)",
    ),
    Catalogue("taggit", "taggit", "django", "tag field on pages, images and documents"),
    # These two ship no "en" list: their msgids are extracted from the installed source.
    Catalogue("axes", "axes", "django", "failed-login and lockout listings (administrators)"),
    Catalogue("django_otp", "django_otp", "django", "two-step verification"),
    Catalogue(
        "django",
        "django/conf",
        "django",
        "form and model validation errors, dates, pagination, CSRF failure page",
    ),
    Catalogue("auth", "django/contrib/auth", "django", "password forms and validators"),
    Catalogue("contenttypes", "django/contrib/contenttypes", "django", "content type names"),
    Catalogue("humanize", "django/contrib/humanize", "django", "relative times, big numbers"),
]

EXCLUDED = {
    "sessions",
    "admin",
    "admindocs",
    "flatpages",
    "gis",
    "postgres",
    "redirects",
    "sites",
    "wagtailstyleguide",
    "wagtailsearchpromotions",
    "typed_table_block",
    "rest_framework",  # the public read-only JSON API: machine clients, not an admin screen
}

_STATS = re.compile(
    r"(?:(\d+) translated messages?)?(?:, )?(?:(\d+) fuzzy translations?)?(?:, )?"
    r"(?:(\d+) untranslated messages?)?"
)


@dataclass
class Result:
    name: str
    domain: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _run(*args: str | Path) -> str:
    # Only gettext tools with paths this script builds: no untrusted input.
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"i18n_coverage: {' '.join(map(str, args))} failed:\n{done.stderr}")
    return done.stdout + done.stderr


def msgfmt_statistics(po: Path) -> tuple[int, int, int]:
    """Return (translated, fuzzy, untranslated) as counted by ``msgfmt --statistics``."""
    out = _run("msgfmt", "--statistics", "-o", "/dev/null", po).strip().splitlines()[-1]
    match = _STATS.search(out)
    if not match or not any(match.groups()):
        raise SystemExit(f"i18n_coverage: cannot read msgfmt output for {po}: {out!r}")
    return tuple(int(g or 0) for g in match.groups())  # type: ignore[return-value]


def _effective(domain: str, package_vi: list[Path], tmp: Path) -> Path:
    """Our catalogue first (LOCALE_PATHS wins at run time), then the packages' own ``vi``."""
    ours = LOCALE_DIR / "vi" / "LC_MESSAGES" / f"{domain}.po"
    inputs = [p for p in [ours, *package_vi] if p.exists()]
    out = tmp / f"effective-{domain}-{len(list(tmp.iterdir()))}.po"
    if not inputs:
        out.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
        return out
    _run("msgcat", "--use-first", "-o", out, *inputs)
    return out


def _restricted(effective: Path, template: Path, out: Path) -> tuple[int, int, int]:
    _run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", out, effective, template)
    return msgfmt_statistics(out)


def measure(tmp: Path) -> tuple[list[Result], Result, Result]:
    results = []
    templates: dict[str, list[Path]] = {"django": [], "djangojs": []}
    package_vi: dict[str, list[Path]] = {"django": [], "djangojs": []}
    for cat in SCOPE:
        base = SITE_PACKAGES / cat.path / "locale"
        template = base / "en" / "LC_MESSAGES" / f"{cat.domain}.po"
        if not template.exists():
            template = _extract(SITE_PACKAGES / cat.path, tmp / "extract" / cat.name)
        if template is None:
            raise SystemExit(f"i18n_coverage: no msgids found for {cat.path} (package upgraded?)")
        vi = base / "vi" / "LC_MESSAGES" / f"{cat.domain}.po"
        vi_list = [vi] if vi.exists() else []
        templates[cat.domain].append(template)
        package_vi[cat.domain] += vi_list
        counts = _restricted(
            _effective(cat.domain, vi_list, tmp),
            template,
            tmp / f"{cat.path.replace('/', '_')}-{cat.domain}.po",
        )
        results.append(Result(cat.name, cat.domain, *counts))

    overall = [0, 0, 0]
    for domain, paths in templates.items():
        union = tmp / f"union-{domain}.pot"
        _run("msgcat", "--use-first", "-o", union, *paths)
        counts = _restricted(
            _effective(domain, package_vi[domain], tmp), union, tmp / f"overall-{domain}.po"
        )
        overall = [a + b for a, b in zip(overall, counts, strict=True)]
    return results, Result("overall (unique msgids)", "all", *overall), measure_own(tmp)


def measure_own(tmp: Path) -> Result:
    """Our own strings: entries extracted from toasoan/ by makemessages (i18n_update.sh)."""
    counts = [0, 0, 0]
    for domain in ("django", "djangojs"):
        po = LOCALE_DIR / "vi" / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        own = tmp / f"own-{domain}.po"
        # msggrep's wildcards do not cross "/": one pattern per directory depth.
        patterns = [f"--location=toasoan{'/*' * depth}" for depth in range(1, 9)]
        _run("msggrep", *patterns, "-o", own, po)
        if own.exists():
            counts = [a + b for a, b in zip(counts, msgfmt_statistics(own), strict=True)]
    return Result("toasoan (own strings)", "all", *counts)


def _msgids(po: Path) -> set[str]:
    text = _run("msgcat", "--no-wrap", "--no-location", "-o", "-", po)
    return set(re.findall(r'^msgid "(.+)"$', text, flags=re.M))


def _extract(src: Path, work: Path) -> Path | None:
    """Run makemessages over a copy of a package's source; return the extracted catalogue."""
    ignore = shutil.ignore_patterns("locale", "tests", "__pycache__", "static", "test*")
    shutil.copytree(src, work, ignore=ignore)
    # Sub-packages with a catalogue of their own (wagtail/admin under wagtail) count separately.
    for child in sorted(work.rglob("*"), reverse=True):
        if child.is_dir() and (src / child.relative_to(work) / "locale").is_dir():
            shutil.rmtree(child)
    (work / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    extracted = work / "locale" / "en" / "LC_MESSAGES" / "django.po"
    return extracted if extracted.exists() else None


def verify_source(
    tmp: Path, scope: list[Catalogue] | None = None, site_packages: Path = SITE_PACKAGES
) -> list[str]:
    """Re-extract the catalogues in scope that ship an ``en`` list from the installed source
    with makemessages and return the msgids missing from those lists (empty when they are up
    to date). Django's own lists and Wagtail's JS (built from sources that are not in the
    wheel) are taken as shipped."""
    missing = []
    for cat in scope or SCOPE:
        src = site_packages / cat.path
        shipped = src / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if cat.path.startswith("django/") or cat.domain == "djangojs" or not shipped.exists():
            continue
        extracted = _extract(src, tmp / "src" / cat.path.replace("/", "_"))
        if extracted is None:
            continue
        missing += [f"{cat.name}: {m}" for m in sorted(_msgids(extracted) - _msgids(shipped))]
    return missing


def verify_own(tmp: Path) -> list[str]:
    """Our own msgids in the current source that the committed catalogue lacks (strings added
    since scripts/i18n_update.sh last ran)."""
    work = tmp / "own-src"
    ignore = shutil.ignore_patterns("locale", "tests", "__pycache__", "node_modules")
    shutil.copytree(BASE_DIR / "toasoan", work / "toasoan", ignore=ignore)
    (work / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    extracted = work / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    committed = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"
    if not extracted.exists():
        return []
    return [f"toasoan: {m}" for m in sorted(_msgids(extracted) - _msgids(committed))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=95.0)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--verify-source",
        action="store_true",
        help="also re-extract msgids from the installed packages and from toasoan/ and fail "
        "on any the catalogues do not list",
    )
    args = parser.parse_args(argv)
    for tool in ("msgfmt", "msgmerge", "msgcat", "msggrep", "msgcomm"):
        if shutil.which(tool) is None:
            print(f"i18n_coverage: '{tool}' not found; apt-get install gettext", file=sys.stderr)
            return 2

    with tempfile.TemporaryDirectory(prefix="toasoan-i18n-") as tmpdir:
        tmp = Path(tmpdir)
        results, overall, own = measure(tmp)
        stale = verify_source(tmp) + verify_own(tmp) if args.verify_source else []

    failures = [r for r in [*results, overall] if r.percent < args.threshold]
    if own.percent < 100.0:
        failures.append(own)
    if args.json:
        print(
            json.dumps(
                {
                    "threshold": args.threshold,
                    "catalogues": [_as_dict(r) for r in results],
                    "overall": _as_dict(overall),
                    "own": _as_dict(own),
                    "missing_from_shipped_lists": stale,
                    "ok": not failures and not stale,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"{'catalogue':<26} {'domain':<9} {'translated':>10} {'total':>6} {'%':>7}")
        for r in [*results, overall, own]:
            print(f"{r.name:<26} {r.domain:<9} {r.translated:>10} {r.total:>6} {r.percent:>6.1f}%")
        for line in stale:
            print(f"not in the shipped msgid list: {line}")
        for r in failures:
            print(f"FAIL: {r.name} ({r.domain}) {r.percent:.1f}% < required", file=sys.stderr)
    return 1 if failures or stale else 0


def _as_dict(r: Result) -> dict:
    return {
        "name": r.name,
        "domain": r.domain,
        "translated": r.translated,
        "fuzzy": r.fuzzy,
        "untranslated": r.untranslated,
        "total": r.total,
        "percent": round(r.percent, 2),
    }


if __name__ == "__main__":
    sys.exit(main())
