"""The no-JavaScript bot check: a short code of digits drawn distorted in a PNG, made here
with Pillow (no third party, no network).

A reader without JavaScript types the digits. Unlike the former "bảy cộng hai bằng mấy?"
question, the answer is not in the page's text, so a script that reads the HTML cannot
answer; it must run OCR on a rotated, wavy, crossed-out drawing, and every code is single use
(one guess per image). Generating one image takes about 7 ms on the 2-core test machine
(measured, docs/botcheck.md).
"""

import io
import math
import random
import secrets
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 220, 72
DIGITS = "23456789"  # no 0/1: they look like O/l/I once distorted
CODE_LENGTH = 5
_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def new_code():
    return "".join(secrets.choice(DIGITS) for _ in range(CODE_LENGTH))


@lru_cache(maxsize=16)
def _font(size):
    for name in _FONT_FILES:
        if Path(name).exists():
            return ImageFont.truetype(name, size)
    # Pillow's bundled scalable font (needs FreeType, present in Pillow's wheels).
    return ImageFont.load_default(size=size)


def render_png(code, seed=None):
    """The PNG bytes of ``code`` drawn distorted. One code always gets the same drawing
    (``seed``, kept secret on the server): fetching it many times and averaging the noise
    away gains nothing."""
    seed = secrets.randbits(64) if seed is None else seed
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - drawing noise only
    background = tuple(rng.randint(225, 250) for _ in range(3))
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    for _ in range(6):  # pale clutter behind the digits
        points = [(rng.randint(0, WIDTH), rng.randint(0, HEIGHT)) for _ in range(2)]
        draw.line(points, fill=tuple(rng.randint(150, 210) for _ in range(3)), width=2)
    x = rng.randint(6, 16)
    ink = []
    for char in code:
        size = rng.randint(34, 44)
        glyph = Image.new("L", (56, 64), 0)
        ImageDraw.Draw(glyph).text((10, 2), char, font=_font(size), fill=255)
        glyph = glyph.rotate(rng.uniform(-22, 22), resample=Image.Resampling.BICUBIC)
        color = tuple(rng.randint(10, 110) for _ in range(3))
        ink.append(color)
        image.paste(Image.new("RGB", glyph.size, color), (x, rng.randint(-2, 10)), glyph)
        x += rng.randint(30, 38)
    image = _wave(image, rng, background)
    draw = ImageDraw.Draw(image)
    for color in ink[:3]:  # strokes in the digits' own colours, across them
        y = rng.randint(18, HEIGHT - 18)
        draw.arc(
            (rng.randint(-40, 20), y - 30, rng.randint(WIDTH - 20, WIDTH + 40), y + 30),
            start=rng.randint(190, 230),
            end=rng.randint(310, 350),
            fill=color,
            width=2,
        )
    for _ in range(250):
        draw.point(
            (rng.randrange(WIDTH), rng.randrange(HEIGHT)),
            fill=tuple(rng.randint(0, 255) for _ in range(3)),
        )
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _wave(image, rng, background):
    """Shift every column up or down along a random sine wave."""
    amplitude, period, phase = rng.uniform(3, 6), rng.uniform(40, 80), rng.uniform(0, 6.3)
    waved = Image.new("RGB", image.size, background)
    for column in range(WIDTH):
        offset = int(amplitude * math.sin(2 * math.pi * column / period + phase))
        waved.paste(image.crop((column, 0, column + 1, HEIGHT)), (column, offset))
    return waved
