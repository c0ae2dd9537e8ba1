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
from .text import accented_and_folded, fold, has_marks
from .typos import accented_edits, accented_variants, keyboard_candidates

PER_WORD = 4  # other spellings tried per word with the same letters (half as many edits)
RATIO = 3
MAX_WORDS = 4  # longer queries are rarely phrases
MAX_CHECKS = 14  # phrase look-ups at most, each a single index probe


def _folded(word):
    return fold(word).replace("đ", "d")


def repair(parsed, backend, filters, term_counts):
    """Accent repair, then letter repair; ``parsed`` comes back changed or as it was."""
    units = parsed.units
    if not 2 <= len(units) <= MAX_WORDS or any(
        u.kind != WORD or len(u.accented) != 1 for u in units
    ):
        return parsed
    guessed = any(len(u.alternatives) > 1 and not _keyboard_decoded(u) for u in units)
    if not guessed:
        before = parsed.accent_repair
        parsed = repair_accents(parsed, backend, filters, term_counts)
        if parsed.accent_repair == before:
            parsed = repair_partial_accents(parsed, backend, filters, term_counts)
        if parsed.accent_repair != before:
            return parsed
    return repair_letters(parsed, backend, filters, term_counts)


def repair_partial_accents(parsed, backend, filters, term_counts):
    """A query with marks on some words only (``tràn huy`` for ``trần huy``): when articles
    hold the words side by side (folded) but none of them writes a marked word that way,
    the marks are a slip; the spelling of that word the most of those articles use takes
    its place in the exact-accent ranking (the folded match is unchanged)."""
    typed = [unit.accented[0] for unit in parsed.units]
    marked = [i for i, word in enumerate(typed) if has_marks(word)]
    if not marked or len(marked) == len(typed):
        return parsed
    phrase = [(tuple(unit.typed[0] for unit in parsed.units),)]
    if not _count(backend, filters, phrase[0][0], 1, column=ALL):
        return parsed
    fixed = list(typed)
    for position in marked[:2]:
        word = typed[position]
        if _count_within(backend, filters, word, phrase, 1):
            continue
        counts = term_counts(sorted(set(accented_variants(_folded(word))) - {word}))
        best, best_count = None, 0
        for term in _top(counts, set(counts), PER_WORD):
            count = _count_within(backend, filters, term, phrase, 20)
            if count > best_count:
                best, best_count = term, count
        if best:
            fixed[position] = best
    if fixed == typed:
        return parsed
    parsed.units = [
        Unit(unit.alternatives, (word,), WORD)
        for unit, word in zip(parsed.units, fixed, strict=True)
    ]
    parsed.accent_repair = " ".join(fixed)
    return parsed


def _count_within(backend, filters, accented_word, phrase, cap):
    """Articles writing ``accented_word`` that also hold the folded ``phrase``."""
    return len(backend.stream(ACCENTED, [((accented_word,),)], phrase, filters, cap))


def repair_letters(parsed, backend, filters, term_counts):
    """When no article holds the query's words side by side (folded), or a word is unknown,
    one word may be a slip that made another word or none (``tui`` for ``tuổi``, ``try`` for
    ``truy``, ``tuyn`` for ``tuyển``). The neighbouring words pick the fix: the suspect word
    (unknown, or every word pair it stands in is held by no article) is replaced by each of
    its known one-edit neighbours in turn, and the phrase most articles hold (weighted by how
    likely the slip is) joins the query as an alternative spelling; the typed word still
    matches, so exact matches keep ranking first."""
    if any(len(alternative) != 1 for unit in parsed.units for alternative in unit.alternatives):
        return parsed
    # A word the keyboard decoding or an accented edit has settled (vieetj → viet) stays.
    settled = [_keyboard_decoded(unit) for unit in parsed.units]
    typed = tuple(
        unit.alternatives[1][0] if fixed else unit.typed[0]
        for unit, fixed in zip(parsed.units, settled, strict=True)
    )
    # Words no article holds as typed, fixed by a frequency guess or an accented edit
    # (tihện → tiện): their neighbours choose among all their one-edit neighbours.
    unknown = [
        i for i, unit in enumerate(parsed.units) if len(unit.alternatives) > 1 and not settled[i]
    ]
    if not unknown and _count(backend, filters, typed, 1, column=ALL):
        return parsed
    suspects = {i: 2 for i in unknown} or _suspects(backend, filters, typed, settled)
    if not suspects and not unknown:
        # Every pair is held, the whole is not: any word may be the slip.
        suspects = {i: 1 for i in range(len(typed)) if not settled[i]}
    # Every known one-edit neighbour of every suspect, likeliest first: the slip's kind
    # matters more than the word's frequency (square root), a word in two unheld pairs more
    # than one in one. Each is then tried in the phrase; what the articles hold decides.
    tries = []
    for position, weight in suspects.items():
        word = typed[position]
        counts = term_counts(sorted(edits1(word))) if len(word) >= 2 else {}
        for term, count in counts.items():
            prior = weight * math.sqrt(count) * _edit_weight(word, term)
            tries.append((-prior, position, term))
    best, best_score = None, 0.0
    for _prior, position, term in sorted(tries)[:MAX_CHECKS]:
        words = typed[:position] + (term,) + typed[position + 1 :]
        score = _count(backend, filters, words, column=ALL) * _edit_weight(typed[position], term)
        if score > best_score:
            best, best_score = words, score
    if not best:
        return parsed
    return _apply_letters(parsed, typed, best, unknown, term_counts, (backend, filters))


def _apply_letters(parsed, typed, best, unknown, term_counts, probe):
    units = []
    typed_accents, _folded_words = accented_and_folded(parsed.text)
    if len(typed_accents) != len(parsed.units):
        typed_accents = [unit.accented[0] for unit in parsed.units]
    for position, (unit, word, fix) in enumerate(zip(parsed.units, typed, best, strict=True)):
        if fix != word:
            word = unit.typed[0]
            others = tuple(a for a in unit.alternatives[1:] if a != (fix,))
            # An unknown word's guesses give way to the fix its neighbours confirm.
            alternatives = (unit.alternatives[0], (fix,), *(() if position in unknown else others))
            parsed.corrections[word] = fix
            parsed.fix_accents.pop(word, None)
            spelled = _same_marks(typed_accents[position], fix, term_counts)
            if not spelled and any(has_marks(w) for w in typed_accents):
                # The slip took the marked letter with it (tuyn for tuyển) in a query typed
                # with marks: the spelling most articles holding the fixed phrase use.
                spelled = _usual_within(fix, best, term_counts, *probe)
            if spelled:
                # The reader's marks on the fixed letters (thnâ → thân): the fix ranks in the
                # exact-accent order with that spelling, as a Telex decoding does.
                parsed.fix_accents[word] = spelled
                unit = Unit(alternatives, (spelled,), WORD)
            else:
                unit = Unit(alternatives, (fix,), WORD, corrected=True)
        units.append(unit)
    parsed.units = units
    return parsed


def _usual_within(fix, words, term_counts, backend, filters):
    counts = term_counts(accented_variants(fix))
    phrase = [(tuple(words),)]
    found = {
        term: _count_within(backend, filters, term, phrase, 20)
        for term in _top(counts, set(counts), PER_WORD)
    }
    best = max(found, key=lambda term: (found[term], counts[term]), default="")
    return best if best and found[best] else ""


def _marks(word):
    decomposed = unicodedata.normalize("NFD", word)
    return sorted(c for c in decomposed if unicodedata.combining(c)) + ["đ"] * word.count("đ")


def _same_marks(typed, fix, term_counts):
    """The indexed spelling of ``fix`` carrying exactly the marks the reader typed, or ""."""
    marks = _marks(typed)
    if not marks:
        return ""
    spellings = [v for v in accented_variants(fix) if _marks(v) == marks]
    counts = term_counts(spellings)
    return max(counts, key=lambda term: (counts[term], term)) if counts else ""


def _keyboard_decoded(unit):
    return len(unit.alternatives) > 1 and any(
        (candidate,) == unit.alternatives[1]
        for typed in {unit.typed[0], *unit.accented}
        for candidate in keyboard_candidates(typed)
    )


def _suspects(backend, filters, words, settled):
    """``{position: weight}`` of the words standing in a word pair no article holds; weight
    2 when every pair the word stands in is unheld."""
    held = [
        bool(_count(backend, filters, words[i : i + 2], 1, column=ALL))
        for i in range(len(words) - 1)
    ]
    found = {}
    for i in range(len(words)):
        pairs = [held[k] for k in (i - 1, i) if 0 <= k < len(held)]
        if pairs and not all(pairs) and not settled[i]:
            found[i] = 2 if not any(pairs) else 1
    return found


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
        if sorted(term) == sorted(typed):
            return 0.7
        # A wrong letter is mostly a neighbouring key.
        pairs = [(a, b) for a, b in zip(typed, term, strict=True) if a != b]
        return 0.3 if len(pairs) == 1 and _adjacent(*pairs[0]) else 0.1
    return 0.15


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {key: (row, col) for row, keys in enumerate(_KEY_ROWS) for col, key in enumerate(keys)}


def _adjacent(a, b):
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (row_a, col_a), (row_b, col_b) = _KEY_AT[a], _KEY_AT[b]
    return abs(row_a - row_b) <= 1 and abs(col_a - col_b) <= 1


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
