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

from .backends.base import ACCENTED
from .conf import search_setting
from .query import WORD, Unit
from .text import fold, has_marks
from .typos import accented_edits, accented_variants

PER_WORD = 4  # other spellings tried per word with the same letters (half as many edits)
MAX_CHECKS = 12  # phrase look-ups at most, each a single index probe


def _folded(word):
    return fold(word).replace("đ", "d")


def repair_accents(parsed, backend, filters, term_counts):
    """Return ``parsed`` with repaired accents (``parsed.accent_repair`` set), or unchanged."""
    units = parsed.units
    if len(units) < 2 or any(u.kind != WORD or u.corrected or len(u.accented) != 1 for u in units):
        return parsed
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
        key=lambda combo: (_changed(combo, typed, unknown), -_score(combo, typed)),
    )
    best, best_count = None, 0
    for combo in combos[:MAX_CHECKS]:
        count = _count(backend, filters, _words(combo))
        if count > best_count:
            best, best_count = _words(combo), count
    return _apply(parsed, best) if best else parsed


def _words(combo):
    return tuple(term for term, _count in combo)


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


def _count(backend, filters, words, cap=20):
    """Articles holding the accented phrase, counted up to ``cap`` (one index probe)."""
    return len(backend.stream(ACCENTED, [(tuple(words),)], None, filters, cap))


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
