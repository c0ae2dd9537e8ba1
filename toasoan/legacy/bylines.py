"""Read the closing byline of an old article: who wrote it and which outlet it came from.

Vietnamese portals print the byline in a handful of shapes; each maps to (author, source):

=============================  =================================
"Huyền Thanh - PBN"            ("Huyền Thanh", "PBN")
"Theo VnExpress"               ("", "VnExpress")
"Lam Phong (Theo Bloomberg)"   ("Lam Phong", "Bloomberg")
"Hoàng Yến/VOV.VN"             ("Hoàng Yến", "VOV.VN")
"Hoàng Ngọc (TTXVN)"           ("Hoàng Ngọc", "TTXVN")
"Anh Tuấn (lược dịch)"         ("Anh Tuấn", "")
"TTXVN/Tin Tức"                ("", "TTXVN/Tin Tức")
"Nguồn: Tuổi Trẻ"              ("", "Tuổi Trẻ")
"Minh Anh"                     ("Minh Anh", "")
=============================  =================================
"""

import re
from dataclasses import dataclass

from toasoan.vi.text import fold_accents, nfc

# Outlets whose names look like a person's ("Thanh Niên", "Tuổi Trẻ") or that are printed bare.
# Compared accent-folded and lower-cased.
# fmt: off
KNOWN_OUTLETS = {
    "an ninh thu do", "autopro", "bao moi", "baomoi", "cafebiz", "cafef", "cand",
    "cong an nhan dan",
    "dan tri", "dan viet", "dantri", "doi song plus", "doi song & phap luat", "gdxh",
    "gia dinh & xa hoi", "giao duc thoi dai", "ha noi moi", "infonet", "kenh14", "kinh te do thi",
    "lao dong", "nguoi lao dong", "nhan dan", "nld", "pbn", "phap luat", "phap luat tp.hcm", "plo",
    "qdnd", "quan doi nhan dan", "reuters", "afp", "ap", "bbc", "cnn", "bloomberg", "xinhua",
    "sai gon giai phong", "sggp", "soha", "thanh nien", "thoi dai", "tien phong", "tin tuc",
    "tri thuc tre", "ttxvn", "tto", "tuoi tre", "vietnamnet", "vietnamplus", "vna", "vnexpress",
    "vnmedia", "vov", "vov.vn", "vtc news", "vtv", "vtv.vn", "zing", "zing.vn", "znews", "ttvn",
    "the thao van hoa", "bao dau tu", "dau tu", "kinh te & do thi", "nguoi dua tin",
    "vietnam+", "vtc", "vtv24", "24h", "eva", "ngoisao", "petrotimes", "reatimes", "vietq",
}
# fmt: on
# Notes that follow a name in parentheses but name no outlet.
# fmt: off
_NOTES = {
    "th", "t/h", "tong hop", "luoc dich", "dich", "bien dich", "ghi", "luoc thuat", "st",
    "suu tam", "bien soan", "thuc hien", "ctv", "pv", "ghi chep", "bai va anh", "anh",
}
# fmt: on
_THEO_RE = re.compile(r"^\(?\s*theo\s*:?\s+(?P<rest>.+?)\s*\)?\.?$", re.IGNORECASE)
_LABEL_RE = re.compile(
    r"^(?P<label>nguồn|nguon|tác giả|tac gia|bài|bài và ảnh|bài, ảnh|bài & ảnh|tin|tin và ảnh|"
    r"tin, ảnh|tin & ảnh|thực hiện|source|author)"
    r"\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
# "PV Minh Anh", "Phóng viên: Minh Anh", "Nhóm PV": the reporter, labelled by role.
_ROLE_RE = re.compile(
    r"^(?:pv|ctv|phóng viên|phong vien|nhóm pv|nhom pv)\.?\s*:?\s+(?P<name>[^\d:]+)$",
    re.IGNORECASE,
)
_PAREN_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<note>[^()]+)\)\.?$")
_DASH_RE = re.compile(r"\s+[-–—]\s+")
_SLASH_RE = re.compile(r"\s*/\s*")
_DOMAIN_RE = re.compile(r"\.(vn|com|net|org|info)\b", re.IGNORECASE)
_DATE_LIKE_RE = re.compile(r"\d{1,2}[/.-]\d{1,2}|\d{3,}")
_SENTENCE_END_RE = re.compile(r"[.!?:;,…\"”»]$")


@dataclass(frozen=True)
class Byline:
    author: str = ""
    source: str = ""

    def __bool__(self):
        return bool(self.author or self.source)


def parse_byline(text):
    """Split a printed byline into ``Byline(author, source)``; either may be "".

    >>> parse_byline("Lam Phong (Theo Bloomberg)")
    Byline(author='Lam Phong', source='Bloomberg')
    """
    text = _clean(text)
    if not text:
        return Byline()
    if (match := _ROLE_RE.match(text)) and _is_name(match["name"]):
        # "PV Thanh Niên": the role says a person, even when the name reads like an outlet.
        named = parse_byline(match["name"])
        return named if named.author else Byline(author=_clean(match["name"]))
    if match := _LABEL_RE.match(text):
        rest = _clean(match["rest"])
        if fold_accents(match["label"].lower()) in {"nguon", "source"}:
            return Byline(source=rest)
        return parse_byline(rest)
    if match := _THEO_RE.match(text):
        return _after_theo(match["rest"])
    bare = text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text
    if fold_accents(bare.lower()) in _NOTES - {"pv", "ctv"}:
        # "(Tổng hợp)", "T/h": the only attribution printed.
        return Byline(source=bare)
    if match := _PAREN_RE.match(text):
        return _with_note(_clean(match["name"]), _clean(match["note"]))
    parts = _DASH_RE.split(text, maxsplit=1)
    if len(parts) == 2:
        return Byline(author=_clean(parts[0]), source=_clean(parts[1]))
    return _slashed_or_bare(text)


def _after_theo(rest):
    rest = _clean(rest)
    # "Theo Hà Thu/VnExpress": the writer at the quoted outlet, then the outlet.
    parts = _SLASH_RE.split(rest, maxsplit=1)
    if len(parts) == 2 and not is_outlet(parts[0]) and is_outlet(parts[1]):
        return Byline(author=_strip_note(parts[0]), source=_clean(parts[1]))
    return Byline(source=rest)


def _with_note(name, note):
    folded = fold_accents(note.lower())
    if folded in _NOTES:
        return Byline(author=name)
    for prefix in ("theo ", "tong hop theo ", "luoc dich theo ", "dich theo ", "nguon: ", "nguon "):
        if folded.startswith(prefix):
            return Byline(author=name, source=_clean(note[len(prefix) :]))
    if name.lower().startswith("theo "):
        return Byline(source=_clean(name[5:]))
    return Byline(author=name, source=note)


def _slashed_or_bare(text):
    parts = _SLASH_RE.split(text, maxsplit=1)
    if len(parts) == 2 and all(parts) and len(parts[0]) > 3:
        # "TTXVN/Tin Tức" names two outlets, "Hoàng Yến/VOV.VN" a writer and an outlet.
        if is_outlet(parts[0]):
            return Byline(source=text)
        return Byline(author=_clean(parts[0]), source=_clean(parts[1]))
    if is_outlet(text):
        return Byline(source=text)
    return Byline(author=text)


def _strip_note(name):
    match = _PAREN_RE.match(name)
    return _clean(match["name"]) if match else _clean(name)


def is_outlet(name):
    """True when ``name`` reads as a news outlet rather than a person ("VnExpress", "TTXVN")."""
    name = _clean(name)
    folded = fold_accents(name.lower())
    if folded in KNOWN_OUTLETS or _DOMAIN_RE.search(name):
        return True
    # Compared with accents: "Bảo Hà" is a person, "Báo Hà Nội" a paper.
    if name.lower().startswith(("báo ", "tạp chí ", "đài ", "cổng thông tin", "kênh ")):
        return len(name.split()) <= 6
    letters = [c for c in name if c.isalpha()]
    # All-caps acronyms of three letters or more (TTXVN, VOV), or inner capitals (VnExpress).
    if len(letters) >= 3 and " " not in name and name.isupper():
        return True
    return any(a.islower() and b.isupper() for a, b in zip(name, name[1:], strict=False))


def looks_like_byline(line):
    """True when a closing line is a byline rather than the last sentence of the story."""
    text = _clean(line)
    if not text or len(text) > 80 or _DATE_LIKE_RE.search(text):
        return False
    if (match := _ROLE_RE.match(text)) and _is_name(match["name"]):
        return len(text.split()) <= 8
    if _LABEL_RE.match(text) or _THEO_RE.match(text):
        return len(text.split()) <= 12
    if _SENTENCE_END_RE.search(text) and not _DOMAIN_RE.search(text[-4:]):
        return False
    if match := _PAREN_RE.match(text):
        return _is_name(match["name"]) and len(match["note"].split()) <= 8
    for separator in (_DASH_RE, _SLASH_RE):
        parts = separator.split(text, maxsplit=1)
        if len(parts) == 2:
            return all(_is_name(p) or is_outlet(p) for p in parts)
    # A bare line with digits is a score, a count or a year, not a name ("VTV24" is allowed
    # above, next to a writer's name).
    if any(c.isdigit() for c in text):
        return False
    if " " not in text and text.isascii() and not text.isupper() and not is_outlet(text):
        # "Play", "Video": a one-word label of a player or a caption, not a pen name.
        return False
    return len(text.split()) <= 6 and (_is_name(text) or is_outlet(text))


def is_head_byline(line):
    """True for a byline printed under the headline, where a bare name could be a subheading.

    Only a labelled one ("Tác giả: Lan Hương", "Bài và ảnh: …", "Theo …") or one that names
    an outlet next to the writer ("Minh Anh - PBN", "Hoàng Yến/VOV.VN") counts.
    """
    text = _clean(line)
    if not looks_like_byline(text) or _SENTENCE_END_RE.search(line.strip()):
        return False
    if _LABEL_RE.match(text) or _ROLE_RE.match(text):
        return True
    if match := _THEO_RE.match(text):
        # "Theo TTXVN", not the lead "Theo kế hoạch, phường sẽ …".
        rest = _clean(match["rest"])
        return "," not in rest and (is_outlet(rest) or _is_name(rest))
    byline = parse_byline(text)
    return bool(byline.author and byline.source)


def _is_name(text):
    words = _clean(text).split()
    if not 1 <= len(words) <= 5:
        return False
    # "H. Nam", "Q.C", "D.Hóa", "LINH CHI": every word starts with a capital letter.
    return all(w[0].isupper() for w in words)


def _clean(text):
    text = nfc(text or "").replace("\xa0", " ")
    text = " ".join(text.split())
    return text.strip(" .;,")
