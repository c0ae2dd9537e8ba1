"""Text as the held-word filter compares it: invisible characters removed, look-alikes folded.

A word split by a soft hyphen (U+00AD), a zero-width space or joiner, or a bidi control is
invisible to readers but slipped past a plain substring match; so did a word spelled with
Cyrillic or Greek letters that look Latin ("сhính trị" with a Cyrillic с). Every format
character (Unicode category Cf) is removed, the text is NFKC-normalised (full-width and
compatibility forms become plain letters), then confusable letters are folded to the Latin
letter they imitate, and the case is folded. Vietnamese letters are untouched (NFC again at
the end), so "hà nội" still differs from "ha noi".
"""

import unicodedata

# Letters drawn like Latin ones (from Unicode's confusables.txt, the ones that matter for
# typing a Latin-script word): Cyrillic and Greek, lower and upper case.
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("аbсԁеһіјӏոорԛѕսԝхуᴠ", "abcdehijlnopqsuwxyv", strict=True)),
        **dict(zip("АВСЕНІЈКМОРЅТХҮ", "abcehijkmopstxy", strict=True)),
        **dict(zip("αβεικνορτυχ", "abeiknoptux", strict=True)),
        **dict(zip("ΑΒΕΗΙΚΜΝΟΡΤΥΧΖ", "abehikmnoptyxz", strict=True)),
        "ı": "i",
        "ℓ": "l",
    }
)


def without_format_chars(text):
    """``text`` without any Unicode format character (category Cf)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def for_matching(text):
    """The form both the comment and each held word take before they are compared."""
    text = unicodedata.normalize("NFKC", without_format_chars(text or ""))
    text = unicodedata.normalize("NFD", text).translate(_LOOKALIKES)
    return unicodedata.normalize("NFC", text).casefold()
