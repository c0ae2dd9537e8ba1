"""Candidate spellings for a word no article contains, the way Vietnamese readers mistype.

Accent folding already absorbs a wrong or missing tone mark (``giãi``/``giải``) and a wrong
vowel mark (``xuât``/``xuất``): the index matches on folded words. What folding cannot absorb,
and this module proposes instead, in the order ``candidates`` tries them:

* keyboard leftovers of Telex (``vieetj`` → ``việt``) and VNI (``nguoi72`` → ``người``), the two
  input methods Vietnamese keyboards use, when the input method was off or lagged;
* a missing space in a compound (``doanhnghiep`` → ``doanh nghiep``);
* a missing final letter or plural of a foreign name (``Samsun``, ``Facebok``, ``Motor`` for
  ``Motors``) and one dropped, doubled, swapped or wrong letter (``trườg``, ``nghiêp``): every
  string one edit away (``edits1`` in ``query.py``).

Every candidate is checked against the index's own vocabulary (``SearchTerm``) by the caller;
nothing here knows the language beyond the two keyboard layouts.
"""

import re
import unicodedata

from toasoan.vi.text import normalize_tone_placement

from .text import fold

# Combining marks (NFD) for the tones and for the vowel/consonant modifiers.
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
TELEX_TONES = {"s": _ACUTE, "f": _GRAVE, "r": _HOOK, "x": _TILDE, "j": _DOT}
VNI_TONES = {"1": _ACUTE, "2": _GRAVE, "3": _HOOK, "4": _TILDE, "5": _DOT}
_VOWELS = "aeiouy"
_TELEX_RE = re.compile(r"^[a-z]+$")
_VNI_RE = re.compile(r"^([a-z]+)([1-9]{1,3})$")


def _with_tone(letters, tone):
    """NFC syllable: ``letters`` (NFD with modifiers) plus ``tone`` placed by the spelling rules."""
    if tone:
        vowels = [i for i, char in enumerate(letters) if char in _VOWELS]
        if not vowels:
            return None
        # Put it anywhere on the nucleus; normalize_tone_placement moves it where it belongs.
        at = vowels[-1] + 1
        while at < len(letters) and unicodedata.combining(letters[at]):
            at += 1
        letters = letters[:at] + tone + letters[at:]
    return normalize_tone_placement(unicodedata.normalize("NFC", letters))


def telex_decode(token):
    """The syllable a Telex typist meant, or None: ``vieetj`` → ``việt``, ``dduwowcj`` → ``được``.

    >>> telex_decode("vieetj"), telex_decode("nguwowif"), telex_decode("hoa")
    ('việt', 'người', None)
    """
    if not _TELEX_RE.match(token) or len(token) < 2:
        return None
    tone = ""
    body = token
    if body[-1] in TELEX_TONES and len(body) > 2 and any(c in _VOWELS for c in body[:-1]):
        tone, body = TELEX_TONES[body[-1]], body[:-1]
    out = []
    i = 0
    changed = bool(tone)
    while i < len(body):
        pair = body[i : i + 2]
        if pair == "dd":
            out.append("d\u0336")  # placeholder for đ, replaced below
            i += 2
        elif pair in ("aa", "ee", "oo"):
            out.append(pair[0] + _CIRCUMFLEX)
            i += 2
        elif pair == "aw":
            out.append("a" + _BREVE)
            i += 2
        elif pair in ("ow", "uw"):
            out.append(pair[0] + _HORN)
            i += 2
        elif body[i] == "w" and out and out[-1][:1] in ("u", "o"):
            out[-1] = out[-1][:1] + _HORN
            i += 1
        else:
            out.append(body[i])
            i += 1
            continue
        changed = True
    if not changed:
        return None
    letters = "".join(out)
    # "uow" written for "ươ": the horn on the o implies the one on the u.
    letters = letters.replace("uo" + _HORN, "u" + _HORN + "o" + _HORN)
    syllable = _with_tone(letters, tone)
    return syllable.replace("d\u0336", "đ") if syllable else None


def vni_decode(token):
    """The syllable a VNI typist meant, or None: ``nguoi72`` → ``người``, ``vie65t`` is not
    handled (digits only at the end, the way leftovers come out).

    >>> vni_decode("nguoi72"), vni_decode("viet65"), vni_decode("2020")
    ('người', 'việt', None)
    """
    match = _VNI_RE.match(token)
    if not match:
        return None
    letters, digits = match.groups()
    tone = ""
    for digit in digits:
        if digit in VNI_TONES:
            if tone:
                return None
            tone = VNI_TONES[digit]
        elif digit == "6":
            letters = _mark_first(letters, "aeo", _CIRCUMFLEX)
        elif digit == "8":
            letters = _mark_first(letters, "a", _BREVE)
        elif digit == "7":
            if "uo" in letters:
                letters = letters.replace("uo", "u" + _HORN + "o" + _HORN, 1)
            else:
                letters = _mark_first(letters, "uo", _HORN)
        elif digit == "9":
            letters = letters.replace("d", "d\u0336", 1) if "d" in letters else None
        if letters is None:
            return None
    syllable = _with_tone(letters, tone)
    return syllable.replace("d\u0336", "đ") if syllable else None


def _mark_first(letters, vowels, mark):
    if letters is None:
        return None
    for i, char in enumerate(letters):
        if char in vowels:
            return letters[: i + 1] + mark + letters[i + 1 :]
    return None


def keyboard_candidates(token):
    """Folded words a Telex or VNI leftover stands for (``vieetj`` → ``["viet"]``)."""
    found = []
    for decode in (telex_decode, vni_decode):
        syllable = decode(token)
        if syllable:
            folded = fold(syllable.replace("đ", "d"))
            if folded != token and folded not in found:
                found.append(folded)
    return found


def keyboard_words(token):
    """The accented syllables a Telex or VNI leftover stands for (``vieetj`` → ``["việt"]``)."""
    return [w for w in (telex_decode(token), vni_decode(token)) if w]


def split_candidates(word, min_part=2):
    """Two-word readings of a compound typed without its space: ``doanhnghiep`` →
    ``[("doanh", "nghiep"), …]`` (every split; the caller keeps those both known)."""
    return [(word[:i], word[i:]) for i in range(min_part, len(word) - min_part + 1) if word[i:]]


# Every way a plain letter can be written in Vietnamese, without the tone.
_LETTER_FORMS = {"a": "aâă", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ"}
_TONE_CHOICES = ("", _GRAVE, _ACUTE, _TILDE, _HOOK, _DOT)
MAX_VARIANTS = 400


def accented_variants(folded):
    """Every accented spelling whose folded form is ``folded`` (``"viet"`` → ``việt``, ``viết``,
    …), tone marks where the spelling rules put them; [] for a word too long to enumerate."""
    import itertools

    choices = [_LETTER_FORMS.get(char, char) for char in folded]
    count = 1
    for forms in choices:
        count *= len(forms)
    if count * len(_TONE_CHOICES) > MAX_VARIANTS * 4:
        return []
    found = []
    for letters in itertools.product(*choices):
        bare = unicodedata.normalize("NFD", "".join(letters))
        for tone in _TONE_CHOICES:
            word = _with_tone(bare, tone) if tone else unicodedata.normalize("NFC", bare)
            if word and word not in found:
                found.append(word)
    return found[:MAX_VARIANTS]


def accented_edits(word, alphabet="abcdefghijklmnopqrstuvwxyz"):
    """Strings one deletion, transposition, insertion or plain-letter substitution away from
    an accented word, accents kept where they are: ``trườg`` → ``trường`` among them."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in alphabet if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in alphabet]
    return {normalize_tone_placement(w) for w in deletes + transposes + replaces + inserts} - {word}


_SYLLABLE_RE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)


def is_syllable(folded):
    """Whether a folded word can be a Vietnamese syllable (``motor`` cannot)."""
    return bool(_SYLLABLE_RE.fullmatch(folded))
