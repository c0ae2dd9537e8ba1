"""Recognise the page furniture ("chrome") that old portals leave in a text dump.

Two kinds: *lines* that are chrome wherever they appear (share and print links, view counters,
comment-form labels, menus), and *section headings* ("Tin khác", "Ý kiến bạn đọc",
"Thông báo") after which nothing belongs to the article any more — the headlines listed under
"Tin khác" are ordinary-looking lines, so only their position tells them apart.

Matching runs on accent-folded, lower-cased text, so NFD input and capitals read the same.
"""

import re

from toasoan.vi.text import fold_accents, nfc

# Headings that end the article: everything after them is listing, form or sidebar.
# fmt: off
_END_HEADINGS = {
    "y kien ban doc", "y kien cua ban", "y kien", "gui y kien", "gui y kien cua ban",
    "viet y kien", "binh luan", "viet binh luan", "gui binh luan", "cac binh luan",
    "phan hoi", "gui phan hoi", "tong luot binh luan", "tin khac", "cac tin khac",
    "cac tin da dua", "tin da dua", "cac tin cu hon", "tin cu hon", "tin lien quan",
    "cac tin lien quan", "bai lien quan", "bai viet lien quan", "tin cung chuyen muc",
    "xem them", "doc them", "thong bao", "tin moi", "tin moi nhat", "tin moi hon",
    "cac tin moi", "tin doc nhieu", "doc nhieu nhat", "xem nhieu nhat", "tin noi bat",
    "bai viet khac", "cac bai viet khac", "cac bai khac", "tin tuc khac", "tin anh",
    "video", "lien ket website", "lien ket", "quang cao", "tieu diem",
}
# fmt: on
# Lines that are chrome wherever they are.
# fmt: off
_CHROME_LINES = {
    "refresh", "lam moi", "doi ma", "ma xac nhan", "ma bao ve", "nhap ma xac nhan",
    "ho ten", "ho va ten", "ten cua ban", "email", "e-mail", "dia chi email", "dien thoai",
    "noi dung", "tieu de", "gui", "gui di", "nhap lai", "huy", "xoa", "dong", "gui bai",
    "chia se", "chia se bai viet", "in bai", "in bai viet", "ban in", "in", "gui email",
    "gui mail", "gui cho ban be", "email cho ban be", "gui bai cho ban be", "luu bai",
    "luu bai viet", "luu tin", "facebook", "twitter", "zalo", "google+", "linkedin", "like",
    "tweet", "thich", "share", "print", "dau trang", "len dau trang", "ve dau trang",
    "quay lai", "tro ve", "tro lai", "trang truoc", "co chu", "a a a", "a- a a+",
    "trang chu", "top", "back", "rss", "tai ve", "phong chu", "font chu", "nghe doc bai",
    "nghe bai viet", "bao loi", "bao cao sai pham", "theo doi", "binh chon",
    "dang nhap", "dang ky", "tim kiem", "menu", "day du", "thu gon", "in trang", "gui tin",
    "gui bai viet cho ban be", "tro ve dau trang", "xem tiep", "binh luan cua ban",
    "y kien phan hoi", "gui y kien phan hoi", "viet phan hoi", "luu", "bao xau",
}
# fmt: on
_COUNT_LABELS = (
    r"(?:so\s+)?luot\s+(?:xem|doc|truy\s+cap|thich|chia\s+se)|da\s+xem|views?|"
    r"so\s+lan\s+(?:doc|xem)|luot\s+nghe|"
    r"tong\s+luot\s+binh\s+luan|so\s+binh\s+luan|binh\s+luan|y\s+kien|luot\s+binh\s+luan|"
    r"luot\s+truy\s+cap|truy\s+cap"
)
_COUNT_RE = re.compile(rf"^(?:{_COUNT_LABELS})\s*[:(]?\s*[\d.,]*\s*\)?$")
_COUNTED_RE = re.compile(
    r"^\(?\s*(?:co\s+)?[\d.,]+\s+(?:binh\s+luan|y\s+kien|luot\s+xem|luot\s+doc|phan\s+hoi)\s*\)?$"
)
# "Người đăng: admin" names the account that posted, not the writer.
_LABELLED_RE = re.compile(r"^(?:tu\s+khoa|tags?|the|chuyen\s+muc|chia\s+se\s+qua|nguoi\s+dang)\s*:")
_BREADCRUMB_RE = re.compile(r"^(?:trang chu|home)\s*(?:[>»›/|:-]|$)")
# Text-size buttons: "A- A A+", "A A A", "A+ A-".
_FONT_SIZE_RE = re.compile(r"^(?:a\s*[-+]?\s*){2,3}$")
# Script and style text a dump kept ("var _gaq = …", "function chiaSe(){…}", ".share{float:
# right}", "<!-- … -->"): braces never occur in Vietnamese prose, nor do these calls.
_CODE_RE = re.compile(
    r"\{[^{}]*[:;(][^{}]*\}|\{\s*$|^\s*\}|\bfunction\s*\w*\s*\(|\bvar\s+\w+\s*="
    r"|\b(?:document|window)\.\w+\s*[(=.]|\$\(|^\s*<!--|-->\s*$|^\s*</?\w+[^>]*>\s*$"
)
_SEPARATORS_RE = re.compile(r"\s*[|•·»›>\[\]]\s*|\s{2,}|\t")
_PUNCT_RE = re.compile(r"[\s\[\](){}:*#=_~^<>|•·»›.,!-]+")


def fold(line):
    """Accent-folded, lower-cased, single-spaced form of ``line`` used for every comparison."""
    return " ".join(fold_accents(nfc(line).casefold()).split())


def _core(folded):
    # "[In bài]", "» Tin khác:", "Chia sẻ:" all reduce to their words.
    return " ".join(_PUNCT_RE.sub(" ", folded).split())


def is_end_heading(line):
    """True for a heading after which the rest of the page is not the article ("Tin khác")."""
    folded = fold(line)
    core = _core(re.sub(r"\(\s*[\d.,]*\s*\)|[\d.,]+$", "", folded))
    return core in _END_HEADINGS or bool(re.match(r"^tong luot binh luan\b", folded))


def is_chrome(line):
    """True for a line of page furniture: share/print links, counters, form labels, menus."""
    folded = fold(line)
    if not folded:
        return True
    if _is_chrome_segment(folded) or _CODE_RE.search(line) or _is_portal_furniture(line, folded):
        return True
    segments = [s for s in _SEPARATORS_RE.split(folded) if s.strip()]
    return len(segments) > 1 and all(_is_chrome_segment(s) for s in segments)


# Portal headers and footers: "Bạn đang ở: Trang chủ / Tin tức", "TRANG CHỦ GIỚI THIỆU …",
# "Bản quyền © 2021 …", "Địa chỉ: …", "Điện thoại: …", "Ghi rõ nguồn khi phát hành lại …".
_PORTAL_RE = re.compile(
    r"^(?:ban dang o\b|vi tri\s*:|ban quyen\b|copyright\b|©|dia chi\s*:|dien thoai\s*:"
    r"|dt\s*:|fax\s*:|ghi ro nguon\b|chiu trach nhiem\b|giay phep\b|chia se(?: qua)?\s*:)"
)
_FOOTER_MAX_WORDS = 20
_MENU_MIN_ITEMS = 3
_MENU_ITEM_MAX_WORDS = 5


def _is_portal_furniture(line, folded):
    """Headers, menus and footers of portals: never the title, never the body."""
    if len(folded.split()) <= _FOOTER_MAX_WORDS and (_PORTAL_RE.match(folded) or "©" in line):
        return True
    if folded.startswith("trang chu") and (line.isupper() or len(folded.split()) <= 10):
        return True
    # A menu: three or more short items between bars ("Giới thiệu | Văn bản | Liên hệ").
    items = [item.strip() for item in folded.split("|")]
    return len(items) >= _MENU_MIN_ITEMS and all(
        item and len(re.findall(r"\w+", item)) <= _MENU_ITEM_MAX_WORDS for item in items
    )


def _is_chrome_segment(folded):
    core = _core(folded)
    if not core:
        return True
    if core in _CHROME_LINES or core in _END_HEADINGS:
        return True
    if (
        _COUNT_RE.match(folded.strip())
        or _COUNT_RE.match(core)
        or _COUNTED_RE.match(folded.strip())
    ):
        return True
    return bool(
        _LABELLED_RE.match(folded) or _BREADCRUMB_RE.match(folded) or _FONT_SIZE_RE.match(folded)
    )


def strip_chrome_segments(line):
    """Drop the chrome segments of a mixed line: "04/07/2020 | Lượt xem: 5" -> "04/07/2020"."""
    parts = re.split(r"(\s*[|•·]\s*|\s+[-–]\s+)", line)
    kept = [p for p in parts[::2] if p.strip() and not _is_chrome_segment(fold(p))]
    return " | ".join(p.strip() for p in kept)
