"""Illustrations for the demo content, drawn with Pillow (no stock photos, no downloads)."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "blue": ((18, 61, 122), (78, 144, 214), (236, 244, 252)),
    "teal": ((10, 92, 94), (64, 170, 160), (232, 248, 245)),
    "orange": ((150, 62, 12), (238, 140, 58), (253, 241, 228)),
    "green": ((28, 94, 44), (112, 178, 88), (238, 248, 232)),
    "purple": ((70, 40, 120), (150, 110, 200), (244, 238, 252)),
}


def draw_illustration(palette, seed, size=(1200, 675)):
    """Return JPEG bytes of an abstract "industrial park" scene: sky, hills, factory blocks."""
    dark, mid, light = PALETTES[palette]
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical sky gradient
        t = y / height
        colour = tuple(
            int(light[i] * (1 - t) + mid[i] * t * 0.6 + light[i] * t * 0.4) for i in range(3)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x = rng.randint(width // 5, width * 4 // 5)
    draw.ellipse([sun_x - 60, 80, sun_x + 60, 200], fill=(255, 236, 170))
    horizon = int(height * 0.62)
    for layer in range(3):  # rolling hills
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, horizon - rng.randint(10, 60) + layer * 40))
        points.append((width, height))
        shade = tuple(int(mid[i] * (0.7 + 0.15 * layer)) for i in range(3))
        draw.polygon(points, fill=shade)
    x = rng.randint(20, 80)
    while x < width - 120:  # factory blocks with chimneys
        w, h = rng.randint(90, 180), rng.randint(80, 190)
        base = horizon + 70
        draw.rectangle([x, base - h, x + w, base], fill=dark)
        for wx in range(x + 12, x + w - 16, 26):
            draw.rectangle([wx, base - h + 16, wx + 12, base - h + 30], fill=light)
        if rng.random() < 0.5:
            draw.rectangle([x + w - 24, base - h - 60, x + w - 10, base - h], fill=dark)
        x += w + rng.randint(20, 60)
    draw.rectangle([0, horizon + 70, width, height], fill=tuple(int(c * 0.55) for c in dark))
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
