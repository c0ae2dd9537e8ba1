"""Number-and-symbol (số hiệu) parsing: official numbers and what readers type.

A Vietnamese document number is ``NUMBER[/YEAR]/TYPE-ISSUER`` (``42/2022/NĐ-CP``,
``1234/QĐ-UBND``, ``59/2020/QH14``, ``567/BQL-VP``). Readers type it loosely
(``nd 42/2022``, ``nghi dinh 42 2022``, ``qd 1234 ubnd``); both sides are reduced to the
same parts, accent-folded with đ → d, so they can be compared.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from toasoan.search.text import tokens

# Folded type codes and the words readers use for them. The code is what the symbol
# carries (NĐ, QĐ…); Luật and Công văn carry none, so readers' words are all we have.
TYPE_ALIASES = {
    "luat": ("luat", "bo luat"),
    "nd": ("nd", "nghi dinh"),
    "nq": ("nq", "nghi quyet"),
    "qd": ("qd", "quyet dinh"),
    "tt": ("tt", "thong tu"),
    "ttlt": ("ttlt", "thong tu lien tich"),
    "ct": ("ct", "chi thi"),
    "cv": ("cv", "cong van"),
    "kh": ("kh", "ke hoach"),
    "tb": ("tb", "thong bao"),
    "bc": ("bc", "bao cao"),
    "hd": ("hd", "huong dan"),
    "qc": ("qc", "quy che"),
}
_PHRASES = sorted(
    ((tuple(alias.split()), code) for code, aliases in TYPE_ALIASES.items() for alias in aliases),
    key=lambda item: -len(item[0]),
)
TYPE_CODES = frozenset(TYPE_ALIASES)
_DIGITS_RE = re.compile(r"^\d+$")
_NUMBER_WITH_LETTERS_RE = re.compile(r"^(\d+)([a-z]+)$")  # "42nd" typed without space
FIRST_YEAR = 1945


def _is_year(value):
    return FIRST_YEAR <= value <= dt.date.today().year + 1


def number_key(digits):
    """``"042"`` and ``"42"`` are the same number."""
    return digits.lstrip("0") or "0"


@dataclass
class NumberParts:
    number: str = ""
    year: int | None = None
    type_code: str = ""
    issuer_codes: list = field(default_factory=list)
    # Query only: the words left once number, year, type and issuer are taken out.
    words: list = field(default_factory=list)
    # Query only: a lone year-like number may be the number or the year ("2022").
    number_or_year: bool = False

    @property
    def has_number(self):
        return bool(self.number)


def parse_symbol(symbol):
    """Parts of an official number and symbol.

    >>> p = parse_symbol("42/2022/NĐ-CP"); (p.number, p.year, p.type_code, p.issuer_codes)
    ('42', 2022, 'nd', ['cp'])
    >>> p = parse_symbol("567/BQL-VP"); (p.number, p.year, p.type_code, p.issuer_codes)
    ('567', None, '', ['bql', 'vp'])
    """
    parts = NumberParts()
    pieces = [piece for piece in (symbol or "").split("/") if piece.strip()]
    if not pieces:
        return parts
    head = tokens(pieces[0])
    if head and _DIGITS_RE.match(head[0]):
        parts.number = number_key(head[0])
    rest = pieces[1:]
    if rest:
        maybe_year = tokens(rest[0])
        if len(maybe_year) == 1 and maybe_year[0].isdigit() and _is_year(int(maybe_year[0])):
            parts.year = int(maybe_year[0])
            rest = rest[1:]
    codes = [token for piece in rest for token in tokens(piece)]
    if codes and codes[0] in TYPE_CODES:
        parts.type_code = codes.pop(0)
    parts.issuer_codes = codes
    return parts


def parse_query(text, issuer_codes=frozenset()):
    """What a reader typed, as parts; anything else stays in ``words``.

    ``issuer_codes`` are the folded codes the database knows (UBND, BQL, CP…): only those
    are taken as issuers, so an ordinary word is never swallowed.

    >>> p = parse_query("nghi dinh 42 2022"); (p.number, p.year, p.type_code)
    ('42', 2022, 'nd')
    >>> p = parse_query("qd 1234 ubnd", {"ubnd"}); (p.number, p.type_code, p.issuer_codes)
    ('1234', 'qd', ['ubnd'])
    """
    words = tokens(text)
    split = []
    for word in words:
        match = _NUMBER_WITH_LETTERS_RE.match(word)
        if match and not any(c.isdigit() for c in match[2]):
            split.extend([match[1], match[2]])
        else:
            split.append(word)
    parts = NumberParts()
    numbers = []
    i = 0
    while i < len(split):
        word = split[i]
        if _DIGITS_RE.match(word):
            numbers.append(word)
            i += 1
            continue
        if not parts.type_code:
            for phrase, code in _PHRASES:
                if tuple(split[i : i + len(phrase)]) == phrase:
                    parts.type_code = code
                    i += len(phrase)
                    break
            else:
                phrase = None
            if phrase is not None:
                continue
        if word in issuer_codes and word not in parts.issuer_codes:
            parts.issuer_codes.append(word)
        else:
            parts.words.append(word)
        i += 1
    _assign_numbers(parts, numbers)
    return parts


def _assign_numbers(parts, numbers):
    if numbers:
        first = numbers[0]
        years = [n for n in numbers[1:] if len(n) == 4 and _is_year(int(n))]
        if years:
            parts.year = int(years[0])
            parts.number = number_key(first)
        elif len(numbers) == 1 and len(first) == 4 and _is_year(int(first)):
            # "2022" alone: the number 2022 or the year 2022; both are tried.
            parts.number = number_key(first)
            parts.year = int(first)
            parts.number_or_year = True
        else:
            parts.number = number_key(first)
        others = [n for n in numbers[1:] if not (parts.year and int(n) == parts.year)]
        parts.words.extend(others)


def type_code_for(doc_type):
    """The folded code of a document type: its own code, else the one its name stands for
    ("Nghị định" -> "nd"), else its name's initials."""
    if doc_type is None:
        return ""
    code = "".join(tokens(doc_type.code or ""))
    if code:
        return code
    name = tuple(tokens(doc_type.name))
    for phrase, alias_code in _PHRASES:
        if name == phrase:
            return alias_code
    return "".join(word[0] for word in name)


def type_code_of_words(words):
    """The type code a reader's words name, or "" (used for the ``type`` facet by name)."""
    words = tuple(words)
    for phrase, code in _PHRASES:
        if words == phrase:
            return code
    return ""
