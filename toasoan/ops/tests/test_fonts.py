"""The subset fonts (scripts/subset_fonts.py) cover every letter of Vietnamese and English text,
and site.css declares exactly what each file holds."""

import re
import unicodedata
from pathlib import Path

import pytest

fontTools = pytest.importorskip("fontTools.ttLib", reason="fonttools: pip install fonttools")

ROOT = Path(__file__).resolve().parents[3]
FONTS = ROOT / "toasoan" / "static" / "toasoan" / "fonts"
CSS = (ROOT / "toasoan" / "static" / "toasoan" / "css" / "site.css").read_text(encoding="utf-8")

BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VIETNAMESE_LETTERS = {unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES} | set(
    "đĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX"
)
ENGLISH = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
PUNCTUATION = set(" .,;:!?'\"()[]/%&-–—‘’“”…«»•°×₫€")


def faces():
    """(file, weight, set of code points of its unicode-range) for every @font-face."""
    found = []
    for block in re.findall(r"@font-face\s*{(.*?)}", CSS, re.S):
        name = re.search(r'url\("\.\./fonts/([^"]+)"\)', block).group(1)
        weight = re.search(r"font-weight:\s*(\d+)", block).group(1)
        assert "font-display: swap" in block
        points = set()
        for part in re.search(r"unicode-range:([^;]+);", block).group(1).split(","):
            first, _, last = part.strip()[2:].partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        found.append((name, weight, points))
    return found


def cmap(name):
    return set(fontTools.TTFont(FONTS / name).getBestCmap())


def test_each_file_holds_exactly_its_declared_range():
    for name, _, points in faces():
        assert points == cmap(name), name


@pytest.mark.parametrize("weight", ["400", "700"])
def test_every_vietnamese_and_english_character_has_a_glyph(weight):
    covered = set()
    for name, face_weight, points in faces():
        if face_weight == weight:
            covered |= points & cmap(name)
    wanted = {ord(c) for c in VIETNAMESE_LETTERS | ENGLISH | PUNCTUATION}
    assert len(VIETNAMESE_LETTERS) == 12 * 6 * 2 + 17 * 2  # vowels × tones, consonants
    assert sorted(chr(p) for p in wanted - covered) == []


def test_fonts_are_small():
    total = sum((FONTS / name).stat().st_size for name, _, _ in faces())
    assert len(faces()) == 4
    assert total < 30 * 1024, total
