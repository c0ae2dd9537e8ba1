"""Result snippets: the passage that holds the query words, with those words in <mark>.

The text is folded with one ``str.translate`` that keeps every character in place (each
letter maps to one folded, lower-case letter), so match positions in the folded copy are
positions in the original: no per-word Python work, whatever the article's length.
"""

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import mark_safe

from toasoan.vi.text import fold_accents, nfc


def _folding_table():
    table = {}
    for code in range(0x41, 0x2000):
        char = chr(code)
        folded = fold_accents(char.lower())
        if folded != char and len(folded) == 1:
            table[code] = folded
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional: ạ ả ấ ầ … ỹ
        folded = fold_accents(chr(code).lower())
        if len(folded) == 1:
            table[code] = folded
    return table


_FOLD = _folding_table()


@lru_cache(maxsize=256)
def _pattern(words):
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def make_snippet(text, words, size=32):
    """About ``size`` words of ``text`` around the densest cluster of ``words`` (folded).

    >>> str(make_snippet("Khu công nghiệp mới", {"cong", "nghiep"}, size=4))
    'Khu <mark>công</mark> <mark>nghiệp</mark> mới'
    """
    text = nfc(text or "")
    if not words or not text:
        return mark_safe(escape(_cut(text, 0, size * 7)))  # noqa: S308 - escaped
    hits = [m.span() for m in _pattern(frozenset(words)).finditer(text.translate(_FOLD))]
    width = size * 7  # Vietnamese syllables average about six characters with the space
    start = _window_start(hits, width, text)
    end = _cut_end(text, start + width)
    parts = ["… " if start > 0 else ""]
    cursor = start
    for begin, finish in hits:
        if begin < start or finish > end:
            continue
        parts += [escape(text[cursor:begin]), "<mark>", escape(text[begin:finish]), "</mark>"]
        cursor = finish
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe(_SPACES_RE.sub(" ", "".join(parts)).strip())  # noqa: S308 - escaped


_SPACES_RE = re.compile(r"\s+")


def _window_start(hits, width, text):
    if not hits or len(text) <= width:
        return 0
    best, best_count, right = hits[0][0], 0, 0
    for left, (position, _end) in enumerate(hits):
        while right < len(hits) and hits[right][0] < position + width:
            right += 1
        if right - left > best_count:
            best, best_count = position, right - left
    # A little context before the first hit, starting at the beginning of a word.
    start = max(0, min(best - width // 5, len(text) - width))
    space = text.find(" ", start, best)
    return space + 1 if start and space >= 0 else start


def _cut(text, start, width):
    return text[start : _cut_end(text, start + width)]


def _cut_end(text, end):
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", 0, end)
    return space if space > 0 else end
