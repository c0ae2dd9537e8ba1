"""URL slugs from Vietnamese titles."""

import re

from toasoan.vi.text import fold_accents, nfc

# Apostrophes join rather than split: "McDonald's" -> "mcdonalds", as Django's slugify does.
_APOSTROPHES_RE = re.compile("['\u2018\u2019`]")
_NON_ASCII_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_NON_WORD_RE = re.compile(r"[\W_]+")


def vietnamese_slugify(s: str | None, max_length: int = 80) -> str:
    """Return an ASCII slug of ``s``, cut at a word boundary to at most ``max_length``.

    Accents and "đ" are folded; every run of other characters becomes one hyphen.
    Text with no Latin letters or digits at all (Chinese, Thai) keeps its own letters, so
    a title with letters never gets an empty slug.

    >>> vietnamese_slugify("Đảng bộ các KCX & KCN TP")
    'dang-bo-cac-kcx-kcn-tp'
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = _APOSTROPHES_RE.sub("", nfc(s or ""))
    slug = _NON_ASCII_ALNUM_RE.sub("-", fold_accents(text).lower()).strip("-")
    if not slug:
        # Wagtail accepts Unicode slugs; an empty one would fail page validation.
        slug = _NON_WORD_RE.sub("-", text.lower()).strip("-")
    return _truncate(slug, max_length)


def unique_slug(queryset, base: str) -> str:
    """``base``, else ``base-2``, ``base-3``…: the first slug no row of ``queryset`` has.

    Pass the rows the new slug must differ from (``Album.objects.exclude(pk=album.pk)``):
    ``unique_slug(Album.objects.all(), "hoi-thao")`` is "hoi-thao-2" when "hoi-thao" is taken.
    """
    slug, n = base, 2
    while queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _truncate(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    # One extra character shows whether the cut falls exactly on a hyphen.
    head = slug[: max_length + 1]
    if "-" not in head:
        return slug[:max_length]
    return head.rsplit("-", 1)[0]
