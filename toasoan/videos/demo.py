"""Demo videos for `make run`: a tiny generated clip (committed, made with ffmpeg from test
patterns) with a Pillow-drawn poster and Vietnamese captions; idempotent."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from .models import Video

ASSETS = Path(__file__).resolve().parent / "demo"
SLUG = "toan-canh-khu-cong-nghiep-phu-loi"
CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:02.000
Toàn cảnh Khu công nghiệp Phú Lợi.

00:00:02.000 --> 00:00:04.000
Video minh họa do Ban biên tập thực hiện.
"""


def _poster():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1280, 720), (25, 70, 110))
    pen = ImageDraw.Draw(image)
    for i in range(8):
        pen.rectangle(
            (80 + i * 140, 420 - i * 30, 180 + i * 140, 620), fill=(200, 210 - i * 12, 220)
        )
    from toasoan.photos.demo import demo_font

    font = demo_font(64)
    if font is not None:  # without a font with Vietnamese letters, no text
        pen.text((80, 80), "Khu công nghiệp Phú Lợi", fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


def load_demo(stdout=None):
    from toasoan.news.models import SectionPage

    if Video.objects.filter(slug=SLUG).exists():
        return "demo video already there"
    clip = ASSETS / "phu-loi.webm"
    with transaction.atomic():
        poster = get_image_model()(
            title="Toàn cảnh Khu công nghiệp Phú Lợi (ảnh đại diện video)",
            alt_text="Toàn cảnh Khu công nghiệp Phú Lợi",
            collection=Collection.get_first_root_node(),
        )
        poster.file = ImageFile(_poster(), name="video-phu-loi-poster.jpg")
        poster.save()
        video = Video(
            slug=SLUG,
            title="Toàn cảnh Khu công nghiệp Phú Lợi",
            description="Video giới thiệu ngắn về Khu công nghiệp Phú Lợi.",
            section=SectionPage.objects.live().order_by("path").first(),
            poster=poster,
        )
        video.file.save("phu-loi.webm", ContentFile(clip.read_bytes()), save=False)
        video.captions.save("phu-loi.vtt", ContentFile(CAPTIONS.encode()), save=False)
        video.save()
    return "1 demo video created (uploaded WebM with poster and captions)"
