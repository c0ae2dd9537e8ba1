"""Turn article text and queries into the token strings the index stores.

Both backends receive the same space-separated tokens, so SQLite and PostgreSQL tokenise
identically: only letters and digits survive, everything else separates tokens.
"""

import re

from toasoan.vi.text import fold_accents, nfc, normalize_tone_placement, search_key

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
    """Parallel lists: tokens with accents (tone marks normalised) and the same folded.

    The same tokens as ``tokens(text, fold=False)`` and their ``fold``: split first, then
    place tone marks and fold once per distinct token. Indexing spends most of its time
    here, and an article repeats a few hundred syllables thousands of times.
    """
    if len(_TOKEN_FORMS) > _TOKEN_FORMS_MAX:
        _TOKEN_FORMS.clear()
    known = _TOKEN_FORMS.get
    pairs = [
        known(token) or _remember_forms(token)
        for token in _TOKEN_RE.findall(nfc(text or "").casefold())
    ]
    if not pairs:
        return [], []
    accented, folded = zip(*pairs, strict=True)
    return list(accented), list(folded)


# raw lower-case token -> (tone marks placed, folded); bounded by clearing.
_TOKEN_FORMS: dict[str, tuple[str, str]] = {}
_TOKEN_FORMS_MAX = 200_000


def _remember_forms(token):
    placed = normalize_tone_placement(token)
    forms = _TOKEN_FORMS[token] = (placed, fold(placed))
    return forms


def key(text, *, fold=True):
    return " ".join(tokens(text, fold=fold))


def has_marks(token):
    return fold_accents(token) != token
