"""Subset the shipped Be Vietnam Pro fonts to what Vietnamese and English text needs.

    /work/main/.venv/bin/pip install fonttools   # build-time only (pyproject "test" extra)
    .venv/bin/python scripts/subset_fonts.py

Reads the Google Fonts subsets kept in scripts/fonts-source/ (latin + vietnamese, 400 and 700,
hinted TrueType in woff2) and writes toasoan/static/toasoan/fonts/be-vietnam-pro-*-{400,700}.woff2:

* the Latin file keeps only the characters English and Vietnamese prose uses (ASCII, the
  Latin-1 letters that are Vietnamese, typographic punctuation, ₫ € …), not the rest of
  Latin-1 (ß, Ñ, Ø, ¿ …): those still show, in the fallback font;
* the Vietnamese file keeps the letters with Vietnamese marks and the combining marks;
* hinting is dropped (woff2 text on phones is rendered unhinted anyway) and only the layout
  features text needs are kept (kerning, mark positioning, composition).

The @font-face unicode-range lines in toasoan/static/toasoan/css/site.css must be the ranges
this prints (test: toasoan/ops/tests/test_fonts.py).
"""

import sys
from pathlib import Path

from fontTools import subset

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "scripts" / "fonts-source"
TARGET = REPO / "toasoan" / "static" / "toasoan" / "fonts"

VIETNAMESE_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
# ASCII, no-break space, the Latin-1 signs news text uses, the Vietnamese Latin-1 letters,
# general punctuation (dashes, quotes, ellipsis, bullet), €, ™, ₫ and the arrows/minus.
LATIN = (
    [*range(0x20, 0x7F), 0xA0, 0xA9, 0xAB, 0xB0, 0xB7, 0xBB, 0xD7]
    + [ord(c) for c in VIETNAMESE_LATIN1]
    + [*range(0x2010, 0x2027), 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2191, 0x2193, 0x2212]
)
VIETNAMESE = [
    0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF,
    0x01B0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323, *range(0x1EA0, 0x1EFA), 0x20AB,
]
FEATURES = ["kern", "mark", "mkmk", "ccmp", "locl", "liga"]


def unicode_range(codepoints):
    """CSS unicode-range text for a set of code points (runs collapsed)."""
    points = sorted(set(codepoints))
    runs, start, prev = [], points[0], points[0]
    for point in points[1:]:
        if point != prev + 1:
            runs.append((start, prev))
            start = point
        prev = point
    runs.append((start, prev))
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def subset_file(name, codepoints):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # copyright, names, version: the OFL asks for them
    options.notdef_outline = True
    font = subset.load_font(str(SOURCE / name), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = TARGET / name
    subset.save_font(font, str(out), options)
    return out


def main():
    for weight in (400, 700):
        for script, codepoints in (("latin", LATIN), ("vietnamese", VIETNAMESE)):
            out = subset_file(f"be-vietnam-pro-{script}-{weight}.woff2", codepoints)
            before = (SOURCE / out.name).stat().st_size
            print(f"{out.name}: {before:,} -> {out.stat().st_size:,} bytes")
    from fontTools.ttLib import TTFont

    # What the files really hold (a wanted character the font never had is not in them).
    for script in ("latin", "vietnamese"):
        held = TTFont(TARGET / f"be-vietnam-pro-{script}-400.woff2").getBestCmap()
        print(f"{script} unicode-range:", unicode_range(held))
    return 0


if __name__ == "__main__":
    sys.exit(main())
