"""Vietnamese text normalisation: Unicode form, tone mark placement, accent folding.

All text saved by any form or command is NFC (see ``toasoan.vi.forms``); search compares
``search_key()`` forms so that "Hoà", "hòa" and "HOA" can find each other.
"""

import re
import unicodedata

# Invisible characters that sneak in from Word, web pages and phone keyboards and then
# break search and slugs. ZWJ (U+200D) is handled apart because emoji sequences need it.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u2060-\u2064\ufeff]")
_ZWJ = "\u200d"
_EMOJI_CATEGORIES = {"So", "Sk"}
_VARIATION_SELECTOR_16 = "\ufe0f"

# The five Vietnamese tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng).
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowels whose own diacritic (breve, circumflex, horn) makes them the nucleus.
_MARKED_VOWELS = frozenset("ăâêôơư")

# Initial consonants are tried longest first so that "ngh" wins over "ng" and "gi" over "g";
# the regex backtracks to "g" + "i" when nothing follows "gi" ("gì", "gìn").
_SYLLABLE_RE = re.compile(
    r"(?P<onset>ngh|ng|gh|gi|qu|ch|kh|nh|ph|th|tr|[bcdđghklmnprstvx])?"
    r"(?P<nucleus>[aăâeêioôơuưy]+)"
    r"(?P<coda>ch|nh|ng|[cmnpt])?"
)
# Vowel sequences of real Vietnamese syllables; anything else (foreign words, acronyms)
# is left exactly as written.
_VALID_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi "
    "ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu".split()
)


# Letters that NFD does not split into base + mark but readers still expect folded.
_EXTRA_FOLDS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)


def nfc(s: str | None) -> str | None:
    """Return ``s`` in Unicode NFC without zero-width characters or BOM; ``None`` stays ``None``.

    Text pasted from some editors is decomposed (NFD): "Hà Nội" then has 8 characters more
    than it shows and never equals the NFC "Hà Nội" typed elsewhere.

    >>> nfc("\\ufeffHa\\u0300 No\\u0323\\u0302i\\u200b")
    'Hà Nội'
    """
    if s is None:
        return None
    s = _INVISIBLE_RE.sub("", s)
    if _ZWJ in s:
        s = _strip_stray_zwj(s)
    return unicodedata.normalize("NFC", s)


def _strip_stray_zwj(s: str) -> str:
    # Keep ZWJ only between emoji (family, profession sequences); elsewhere it is noise.
    kept = []
    for i, char in enumerate(s):
        if char == _ZWJ and not _joins_emoji(s, i):
            continue
        kept.append(char)
    return "".join(kept)


def _joins_emoji(s: str, i: int) -> bool:
    if i == 0 or i == len(s) - 1:
        return False
    before, after = s[i - 1], s[i + 1]
    before_is_emoji = before == _VARIATION_SELECTOR_16 or (
        unicodedata.category(before) in _EMOJI_CATEGORIES
    )
    return before_is_emoji and unicodedata.category(after) in _EMOJI_CATEGORIES


def normalize_tone_placement(s: str | None) -> str | None:
    """Put each syllable's tone mark where Vietnamese newsrooms put it; output is NFC.

    The marked style puts the tone on the first vowel of the open syllables "oa", "oe",
    "uy" ("hòa", "khỏe", "thủy") where the other style writes "hoà", "khoẻ", "thuỷ".
    Misplaced marks are fixed too ("qúa" -> "quá", "tòan" -> "toàn"). Syllables with a
    final consonant or a different nucleus ("hoàn", "khoảng", "thuyền") already have their
    mark in the only valid place and do not change. Words that are not Vietnamese
    syllables (foreign names, acronyms) are returned untouched.

    >>> normalize_tone_placement("Hoà bình, sức khoẻ, thuỷ lợi")
    'Hòa bình, sức khỏe, thủy lợi'
    """
    if s is None:
        return None
    s = unicodedata.normalize("NFC", s)
    # split() with a group puts the words at the odd indices; a dict lookup per word is
    # about twice as fast as a re.sub callback, and importing or indexing thousands of
    # articles spends most of its tokenising time here.
    parts = _WORD_SPLIT_RE.split(s)
    if len(_PLACED) > _PLACED_MAX:
        _PLACED.clear()
    placed = _PLACED.get
    parts[1::2] = [placed(word) or _remember_placement(word) for word in parts[1::2]]
    return "".join(parts)


_WORD_SPLIT_RE = re.compile(r"([^\W\d_]+)")
# word -> word with its tone mark in place; a plain dict (bounded by clearing) because
# lru_cache's bookkeeping costs more than the lookup on this hot path.
_PLACED: dict[str, str] = {}
_PLACED_MAX = 200_000


def _remember_placement(word: str) -> str:
    placed = _PLACED[word] = _place_tone(word)
    return placed


def _place_tone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in _TONE_MARKS]
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    index = _tone_index(bare.lower())
    if index is None or len(bare.lower()) != len(bare):
        return word
    marked = unicodedata.normalize("NFC", bare[index] + tones[0])
    return bare[:index] + marked + bare[index + 1 :]


def _tone_index(syllable: str) -> int | None:
    match = _SYLLABLE_RE.fullmatch(syllable)
    if match is None or match["nucleus"] not in _VALID_NUCLEI:
        return None
    nucleus, start = match["nucleus"], match.start("nucleus")
    marked = [i for i, vowel in enumerate(nucleus) if vowel in _MARKED_VOWELS]
    if marked:
        # "ươ" has two marked vowels and takes the tone on the second: "người", "rượu".
        return start + marked[-1]
    if match["coda"]:
        return start + len(nucleus) - 1
    if len(nucleus) == 3:
        return start + 1
    # Open syllables of two plain vowels take the tone on the first: "mùa", "hòa", "thủy".
    return start


def fold_accents(s: str | None) -> str | None:
    """Remove every diacritic, including the stroke of "đ"; output is NFC.

    >>> fold_accents("Đà Nẵng")
    'Da Nang'
    """
    if s is None:
        return None
    decomposed = unicodedata.normalize("NFD", s)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate(_EXTRA_FOLDS))


def search_key(s: str | None, *, fold: bool = True) -> str:
    """Return the form search compares: NFC, lower case, one space between words.

    With ``fold=True`` (the default) accents are removed as well, so a reader who types
    without accents still finds the article; ``fold=False`` keeps them but puts tone marks
    in one place, for an accent-sensitive comparison.

    >>> search_key("  Hoà   Bình\\n")
    'hoa binh'
    >>> search_key("Thuỷ  Điện", fold=False)
    'thủy điện'
    """
    if not s:
        return ""
    key = normalize_tone_placement(nfc(s)).casefold()
    if fold:
        key = fold_accents(key)
    return " ".join(key.split())


_LINE_BREAK_RE = re.compile(r"\r\n?")


def strip_controls(s: str | None) -> str | None:
    """Remove control characters except newline and tab; ``None`` stays ``None``.

    Carriage returns become newlines first, because browsers send textarea line breaks
    as CRLF and a lone CR would otherwise glue two lines together.

    >>> strip_controls("Tòa\\x00 soạn\\r\\nmới\\x1b")
    'Tòa soạn\\nmới'
    """
    if s is None:
        return None
    s = _LINE_BREAK_RE.sub("\n", s)
    return "".join(char for char in s if char in "\n\t" or unicodedata.category(char) != "Cc")
