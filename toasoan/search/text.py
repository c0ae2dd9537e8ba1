"""Turn article text and queries into the token strings the index stores.

Both backends receive the same space-separated tokens, so SQLite and PostgreSQL tokenise
identically: only letters and digits survive, everything else separates tokens.
"""

import re

from toasoan.vi.text import fold_accents, search_key

_TOKEN_RE = re.compile(r"[^\W_]+")


def tokens(text, *, fold=True):
    """Tokens of ``text`` after ``search_key``.

    >>> tokens("TP.HCM, Hoà")
    ['tp', 'hcm', 'hoa']
    """
    return _TOKEN_RE.findall(search_key(text or "", fold=fold))


def _folding_table():
    # fold_accents for every character it changes, as one str.translate table: folding a
    # whole article costs one C call instead of a Python call per word.
    table = {}
    for code in range(0x80, 0x3000):
        folded = fold_accents(chr(code))
        if folded != chr(code):
            table[code] = folded
    return table


_FOLD_TABLE = _folding_table()


def fold(text):
    """``fold_accents`` for text without combining marks (e.g. tokens from ``tokens()``)."""
    return text.translate(_FOLD_TABLE)


def accented_and_folded(text):
    """Parallel lists: tokens with accents (tone marks normalised) and the same folded."""
    accented = tokens(text, fold=False)
    if not accented:
        return [], []
    return accented, fold(" ".join(accented)).split(" ")


def key(text, *, fold=True):
    return " ".join(tokens(text, fold=fold))


def has_marks(token):
    return fold_accents(token) != token
