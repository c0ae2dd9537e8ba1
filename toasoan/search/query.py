"""Parse what a reader typed into search units; render them for each backend.

Nothing the reader types reaches the full-text engine as syntax: the text is reduced to
letter/digit tokens (see ``text.tokens``) and every token is quoted by the renderers below,
so quotes, NEAR, ``*``, ``-``, ``:``, parentheses and SQL meta-characters are inert.
"""

import itertools
import re
from dataclasses import dataclass, field

from toasoan.vi.text import nfc, strip_controls

from .conf import search_setting
from .text import accented_and_folded, fold, has_marks, phrase_terms

WORD, PHRASE, SYNONYM = "word", "phrase", "synonym"
_QUOTES_RE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02]")
MAX_FULL_PHRASES = 16


@dataclass(frozen=True)
class Unit:
    """One thing every result must contain: any of ``alternatives`` (folded token tuples)."""

    alternatives: tuple
    accented: tuple = ()
    kind: str = WORD
    corrected: bool = False

    @property
    def typed(self):
        return self.alternatives[0]


@dataclass
class ParsedQuery:
    text: str
    units: list = field(default_factory=list)
    truncated: bool = False
    corrections: dict = field(default_factory=dict)
    # Words no article contains and nothing close to them either.
    unknown: set = field(default_factory=set)
    # The accented spelling articles use when none writes the query as typed (repair.py).
    accent_repair: str = ""
    # The accented word a correction stands for when the typo tells it (Telex/VNI leftovers,
    # an edit that keeps the reader's marks): ``{"vieetj": "việt"}``. Such a unit keeps its
    # place in the exact-accent ranking with that spelling.
    fix_accents: dict = field(default_factory=dict)

    @property
    def is_empty(self):
        return not self.units

    @property
    def full_phrases(self):
        """The whole query as adjacent words (one tuple per combination of alternatives)."""
        if len(self.units) < 2:
            return []
        choices = [unit.alternatives[:4] for unit in self.units]
        combos = itertools.islice(itertools.product(*choices), MAX_FULL_PHRASES)
        return [tuple(itertools.chain.from_iterable(combo)) for combo in combos]

    @property
    def accent_tokens(self):
        """Words typed with accents; results holding them exactly rank first."""
        seen = []
        for unit in self._accent_units():
            seen.extend(token for token in unit.accented if has_marks(token) and token not in seen)
        return seen

    @property
    def accent_phrase(self):
        units = self._accent_units()
        if len(units) != len(self.units) or not self.accent_tokens:
            return ()
        words = tuple(itertools.chain.from_iterable(unit.accented for unit in units))
        # A word typed without marks may stand for any accented form ("dang viên"), so only
        # a query with every word accented is checked as an accented phrase.
        if len(words) < 2 or not all(has_marks(word) for word in words):
            return ()
        return words

    def _accent_units(self):
        return [u for u in self.units if u.kind != SYNONYM and not u.corrected]

    def words(self):
        """Every folded token that can match, for highlighting snippets."""
        found = set()
        for unit in self.units:
            for alternative in unit.alternatives:
                found.update(alternative)
        return found

    def corrected_text(self):
        """The query with each misspelt word corrected and hopeless words left out."""
        if not self.corrections and not self.unknown:
            return ""
        fixed = []
        for word in self.text.split():
            folded = accented_and_folded(word)[1]
            if len(folded) != 1:
                fixed.append(word)
            elif folded[0] not in self.unknown:
                fixed.append(self.corrections.get(folded[0], word))
        suggestion = " ".join(fixed)
        return suggestion if suggestion != self.text else ""


def clean(raw):
    """NFC, no control characters or U+FFFD, single spaces, capped length."""
    text = nfc(strip_controls(raw or "")).replace("\ufffd", " ")
    text = " ".join(text.split())
    limit = search_setting("MAX_QUERY_LENGTH")
    if len(text) > limit:
        return text[:limit].rstrip(), True
    return text, False


def parse_query(raw, synonyms=None):
    """Split ``raw`` into units: quoted phrases, synonym groups and single words.

    >>> [u.alternatives for u in parse_query('"ha noi" KCN', {("kcn",): (("kcn",),)}).units]
    [(('ha', 'noi'),), (('kcn',),)]
    """
    text, truncated = clean(raw)
    parsed = ParsedQuery(text=text, truncated=truncated)
    segments = _QUOTES_RE.sub('"', text).split('"')
    # An unbalanced quote leaves an odd number of quotes: the tail is plain words.
    closed = len(segments) if len(segments) % 2 else len(segments) - 1
    for index, segment in enumerate(segments):
        accented, folded = accented_and_folded(segment)
        if not folded:
            continue
        if index % 2 == 1 and index < closed and len(folded) > 1:
            parsed.units.append(Unit((tuple(folded),), tuple(accented), PHRASE))
        else:
            parsed.units.extend(_word_units(accented, folded, synonyms or {}))
    parsed.units = _cap(parsed.units, search_setting("MAX_TERMS"))
    return parsed


def _word_units(accented, folded, synonyms):
    longest = max((len(form) for form in synonyms), default=0)
    i = 0
    while i < len(folded):
        for size in range(min(longest, len(folded) - i), 0, -1):
            forms = synonyms.get(tuple(folded[i : i + size]))
            if forms:
                typed = tuple(folded[i : i + size])
                ordered = (typed,) + tuple(f for f in forms if f != typed)
                yield Unit(ordered, tuple(accented[i : i + size]), SYNONYM)
                i += size
                break
        else:
            yield Unit(((folded[i],),), (accented[i],), WORD)
            i += 1


def _cap(units, max_terms):
    kept, count = [], 0
    for unit in units:
        count += len(unit.typed)
        if count > max_terms and kept:
            break
        kept.append(unit)
    return kept


def with_corrections(parsed, corrections):
    """Let each unknown word also match its corrections: ``{"nghep": ["nghiep"]}``."""
    units = []
    for unit in parsed.units:
        fixes = corrections.get(unit.typed[0]) if unit.kind == WORD else None
        if fixes:
            phrases = tuple(fix if isinstance(fix, tuple) else (fix,) for fix in fixes)
            alternatives = unit.alternatives + phrases
            accent = parsed.fix_accents.get(unit.typed[0])
            if accent and fold(accent).replace("đ", "d") == phrases[0][0]:
                units.append(Unit(alternatives, (accent,), WORD))
            else:
                units.append(Unit(alternatives, unit.accented, WORD, corrected=True))
            parsed.corrections[unit.typed[0]] = " ".join(phrases[0])
        else:
            units.append(unit)
    parsed.units = units
    return parsed


_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def edits1(word):
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts) - {word}


# Renderers. A phrase is rendered as "all its index terms" (``text.phrase_terms``: the
# adjacent-word pairs, or the word): the indexes hold words and pairs without positions.
# Tokens only ever contain letters and digits; quoting them anyway keeps the engines'
# syntax out of reach even if that invariant breaks.


def fts5_phrase(words):
    terms = ('"' + term.replace('"', '""') + '"' for term in phrase_terms(words))
    return "(" + " AND ".join(terms) + ")"


def fts5_any(alternatives):
    return "(" + " OR ".join(fts5_phrase(a) for a in alternatives) + ")"


def fts5_all(units):
    return " AND ".join(fts5_any(unit.alternatives) for unit in units)


def _lexeme(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_phrase(words):
    """For a ``::tsquery`` cast (lexemes as they are: ``to_tsquery`` would split pairs)."""
    return "(" + " & ".join(_lexeme(term) for term in phrase_terms(words)) + ")"


def tsquery_any(alternatives):
    return "(" + " | ".join(tsquery_phrase(a) for a in alternatives) + ")"


def tsquery_all(units):
    return " & ".join(tsquery_any(unit.alternatives) for unit in units)
