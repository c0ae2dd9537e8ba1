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


def pair_terms(words):
    """The adjacent-word pairs of a token sequence as single index terms: ``ha_noi``.

    Tokens hold only letters and digits, so ``_`` cannot occur inside one and a pair term is
    unambiguous. A phrase is "all its pairs present" (a one-word phrase: the word), which an
    index answers without word positions (see ``phrase_terms`` and ``index_terms``).
    """
    return [f"{first}_{second}" for first, second in zip(words, words[1:], strict=False)]


def phrase_terms(words):
    """The index terms a phrase needs: its pairs, or the word itself for one word."""
    words = list(words)
    return words[:1] if len(words) == 1 else pair_terms(words)


def index_terms(key):
    """Every distinct word and adjacent-word pair of a token text, space-separated, in order
    of first occurrence (deterministic; the index stores no positions, so order is free).

    What the SQLite full-text tables store per column (registered as the SQL function
    ``toasoan_search_terms``; the PostgreSQL function of the same name in migration 0006 is
    its twin). ``key`` is split on runs of spaces, so joining empty columns changes nothing.
    """
    words = (key or "").split()
    return " ".join(dict.fromkeys([*words, *pair_terms(words)]))


def phrase_needles(words):
    """Substrings a space-padded token text contains exactly when it holds every index term
    of the phrase (``phrase_terms``): the engines' answer, computed in Python."""
    words = list(words)
    if len(words) == 1:
        return (f" {words[0]} ",)
    return tuple(f" {first} {second} " for first, second in zip(words, words[1:], strict=False))
