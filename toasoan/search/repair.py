"""Accent repair: when no article writes a fully accented query the way it was typed.

``giãi quyết``, ``sữa chữa``, ``bảo hiễm``: every word exists (giãi bày, sữa, hiễm…) or folds to
an existing word, so word-level typo checks see nothing wrong, and the exact-accent ranking
feature would favour whatever happens to share a wrongly accented word. If no article holds
the typed accented phrase, the spellings the index does hold are tried instead, most frequent
first: each word's other accent forms (same letters) and its one-edit neighbours (a dropped or
swapped letter that made another real word, ``nhìn`` for ``nghìn``). The first combination some
article holds replaces the typed accents for ranking, is offered as "did you mean", and, where
a word's letters changed, joins the query as an alternative spelling of that word.
"""

import itertools
import math
import unicodedata

from .backends.base import ACCENTED, ALL
from .conf import search_setting
from .query import WORD, Unit, edits1
from .text import fold, has_marks
from .typos import accented_edits, accented_variants

PER_WORD = 4  # other spellings tried per word with the same letters (half as many edits)
RATIO = 3
MAX_WORDS = 4  # longer queries are rarely phrases
MAX_CHECKS = 12  # phrase look-ups at most, each a single index probe


def _folded(word):
    return fold(word).replace("đ", "d")


def repair(parsed, backend, filters, term_counts):
    """Accent repair, then letter repair; ``parsed`` comes back changed or as it was."""
    units = parsed.units
    if not 2 <= len(units) <= MAX_WORDS or any(
        u.kind != WORD or len(u.accented) != 1 for u in units
    ):
        return parsed
    if not any(u.corrected for u in units):
        before = parsed.accent_repair
        parsed = repair_accents(parsed, backend, filters, term_counts)
        if parsed.accent_repair != before:
            return parsed
    return repair_letters(parsed, backend, filters, term_counts)


def repair_letters(parsed, backend, filters, term_counts):
    """When no article holds the query's words side by side (folded), one word may be a
    real word mistyped into another (``tui`` for ``tuổi``, ``ten`` for ``trên``): try each
    word's known one-edit neighbours, and let the phrase most articles hold join the query
    as an alternative spelling (the typed words still match)."""
    if any(len(alternative) != 1 for unit in parsed.units for alternative in unit.alternatives):
        return parsed
    # A word the keyboard decoding or an accented edit has settled (vieetj → viet) stays.
    settled = [len(u.alternatives) > 1 and not u.corrected for u in parsed.units]
    typed = tuple(
        unit.alternatives[1][0] if fixed else unit.typed[0]
        for unit, fixed in zip(parsed.units, settled, strict=True)
    )
    current = tuple(
        unit.alternatives[1][0] if len(unit.alternatives) > 1 else unit.typed[0]
        for unit in parsed.units
    )
    if _count(backend, filters, current, 1, column=ALL):
        return parsed
    options = []
    for word, fixed in zip(typed, settled, strict=True):
        counts = term_counts(sorted(edits1(word))) if len(word) >= 2 and not fixed else {}
        weighted = {term: count * _edit_weight(word, term) for term, count in counts.items()}
        ranked = _top(weighted, set(weighted), PER_WORD - 1)
        options.append([(word, 1)] + [(term, weighted[term]) for term in ranked])
    combos = sorted(
        (combo for combo in itertools.product(*options) if _changed(combo, typed, set()) == 1),
        key=lambda combo: -_score(combo, typed),
    )
    best, best_count = None, 0
    for combo in combos[:MAX_CHECKS]:
        weight = math.prod(_edit_weight(w, t) for (t, _c), w in zip(combo, typed, strict=True))
        count = _count(backend, filters, _words(combo), column=ALL) * weight
        if count > best_count:
            best, best_count = _words(combo), count
    if not best:
        return parsed
    units = []
    for unit, word, fix in zip(parsed.units, typed, best, strict=True):
        if fix != word:
            word = unit.typed[0]
            others = tuple(a for a in unit.alternatives[1:] if a != (fix,))
            alternatives = (unit.alternatives[0], (fix,), *others)
            unit = Unit(alternatives, unit.accented, WORD, corrected=True)
            parsed.corrections[word] = fix
        units.append(unit)
    parsed.units = units
    return parsed


def repair_accents(parsed, backend, filters, term_counts):
    """Return ``parsed`` with repaired accents (``parsed.accent_repair`` set), or unchanged."""
    units = parsed.units
    typed = tuple(u.accented[0] for u in units)
    if not all(has_marks(word) for word in typed):
        return parsed
    if _count(backend, filters, typed, 1):
        return parsed
    options, unknown = [], set()
    for word in typed:
        variants = set(accented_variants(_folded(word)))
        edits = accented_edits(word) - variants
        counts = term_counts(sorted(variants | edits | {word}))
        if word not in counts:
            unknown.add(word)
        # Other marks on the same letters first (the common typo), then a letter more,
        # less or swapped.
        ranked = [word] if word in counts else []
        ranked += _top(counts, variants - {word}, PER_WORD)
        ranked += _top(counts, edits, PER_WORD - 1)
        options.append([(term, counts.get(term, 0)) for term in ranked] or [(word, 0)])
    # Typos usually hit one word: combinations changing fewer words first, then the more
    # frequent; the winner is the one most articles hold.
    combos = sorted(
        (combo for combo in itertools.product(*options) if _words(combo) != typed),
        key=lambda combo: (
            _changed(combo, typed, unknown),
            sum(_slip_cost(word, term) for (term, _c), word in zip(combo, typed, strict=True)),
            -_score(combo, typed),
        ),
    )
    # The likeliest slip some article confirms wins, unless a less likely one is far more
    # common (RATIO times the articles).
    best, best_count = None, 0
    for combo in combos[:MAX_CHECKS]:
        count = _count(backend, filters, _words(combo))
        if count > best_count * (RATIO if best else 1):
            best, best_count = _words(combo), count
    return _apply(parsed, best) if best else parsed


def _words(combo):
    return tuple(term for term, _count in combo)


def _slip_cost(typed, term):
    """0 for hỏi/ngã swapped (the commonest slip), 1 another tone, 2 a vowel mark, 3 a letter."""
    if typed == term:
        return 0
    if _folded(typed) != _folded(term):
        return 3
    a, b = unicodedata.normalize("NFD", typed), unicodedata.normalize("NFD", term)
    tones = {"\u0309", "\u0303"}
    strip = lambda text: "".join(c for c in text if c not in "\u0300\u0301\u0303\u0309\u0323")  # noqa: E731
    if strip(a) != strip(b):
        return 2
    changed = {c for c in a if c not in b} | {c for c in b if c not in a}
    return 0 if changed == tones else 1


def _edit_weight(typed, term):
    """How likely a reader typed ``typed`` for ``term``: a dropped letter is the most common
    slip, then swapped letters, a wrong letter, and least a letter too many."""
    if typed == term or len(term) == len(typed) + 1:
        return 1.0
    if len(term) == len(typed):
        return 0.7 if sorted(term) == sorted(typed) else 0.3
    return 0.15


def _top(counts, terms, limit):
    return sorted((t for t in terms if t in counts), key=lambda t: (-counts[t], t))[:limit]


def _changed(combo, typed, unknown):
    """Words changed, a word no article writes as typed counting for less than a known one."""
    changed = [word for (term, _count), word in zip(combo, typed, strict=True) if term != word]
    return sum(0.5 if word in unknown else 1 for word in changed)


def _score(combo, typed):
    # Keeping the reader's letters matters more than frequency.
    score = 0.0
    for (term, count), word in zip(combo, typed, strict=True):
        score += count**0.25
        if _folded(term) != _folded(word):
            score /= 4
    return score


def _count(backend, filters, words, cap=20, column=ACCENTED):
    """Articles holding the phrase, counted up to ``cap`` (one index probe)."""
    return len(backend.stream(column, [(tuple(words),)], None, filters, cap))


def _apply(parsed, words):
    units = []
    for unit, word in zip(parsed.units, words, strict=True):
        folded = _folded(word)
        if folded != unit.typed[0]:
            alternatives = unit.alternatives + ((folded,),)
            units.append(Unit(alternatives, (word,), WORD, corrected=False))
            parsed.corrections[unit.typed[0]] = folded
        else:
            units.append(Unit(unit.alternatives, (word,), WORD))
    parsed.units = units
    parsed.accent_repair = " ".join(words)
    return parsed


def enabled():
    return search_setting("ACCENT_REPAIR")
