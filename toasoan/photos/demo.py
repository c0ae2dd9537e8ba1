"""Demo albums for `make run`: photos drawn with Pillow (no third-party media), idempotent."""

import datetime as dt
import io
import random

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from .models import Album, AlbumPhoto

ALBUMS = [
    {
        "slug": "le-khoi-cong-nha-may-kcn-phu-loi",
        "title": "Lễ khởi công nhà máy tại KCN Phú Lợi",
        "event": "Lễ khởi công",
        "description": "Hình ảnh lễ khởi công nhà máy sản xuất linh kiện điện tử.",
        "days_ago": 3,
        "photos": [
            ("Đại biểu cắt băng khởi công", (31, 97, 141)),
            ("Toàn cảnh khu đất xây dựng nhà máy", (64, 128, 72)),
            ("Lãnh đạo Ban Quản lý phát biểu", (150, 60, 45)),
            ("Công nhân chuẩn bị máy móc thi công", (200, 140, 40)),
            ("Phối cảnh nhà máy sau khi hoàn thành", (90, 90, 160)),
            ("Đại biểu chụp ảnh lưu niệm", (40, 120, 130)),
        ],
    },
    {
        "slug": "hoi-thao-chuyen-doi-so-doanh-nghiep",
        "title": "Hội thảo chuyển đổi số cho doanh nghiệp khu công nghiệp",
        "event": "Hội thảo",
        "description": "Doanh nghiệp trao đổi kinh nghiệm ứng dụng công nghệ số trong quản lý.",
        "days_ago": 10,
        "photos": [
            ("Quang cảnh hội thảo", (120, 50, 110)),
            ("Chuyên gia trình bày giải pháp", (30, 80, 60)),
            ("Doanh nghiệp đặt câu hỏi", (170, 90, 30)),
            ("Khu trưng bày sản phẩm số", (60, 60, 60)),
        ],
    },
]


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def demo_font(size):
    """A font with Vietnamese letters when the system has one; else text is left out."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return None


def demo_font_fallback(size):
    from PIL import ImageFont

    return ImageFont.load_default(size)


def draw(title, colour, number, seed):
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)  # noqa: S311  # nosec B311 - drawing shapes, not secrets
    image = Image.new("RGB", (1600, 1067), colour)
    pen = ImageDraw.Draw(image)
    for _ in range(14):
        x, y = rnd.randrange(0, 1500), rnd.randrange(0, 960)
        size = rnd.randrange(80, 380)
        shade = tuple(min(255, c + rnd.randrange(20, 90)) for c in colour)
        pen.ellipse((x, y, x + size, y + size // 1.4), fill=shade)
    pen.rectangle((0, 900, 1600, 1067), fill=(0, 0, 0))
    font = demo_font(52)
    text = f"{number}. {title}" if font else f"{number}."
    pen.text((40, 950), text, fill=(255, 255, 255), font=font or demo_font_fallback(56))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    buffer.seek(0)
    return buffer


def load_demo(stdout=None):
    from toasoan.news.models import SectionPage

    section = SectionPage.objects.live().order_by("path").first()
    created = 0
    for spec in ALBUMS:
        if Album.objects.filter(slug=spec["slug"]).exists():
            continue
        with transaction.atomic():
            album = Album.objects.create(
                slug=spec["slug"],
                title=spec["title"],
                event=spec["event"],
                description=spec["description"],
                date=dt.date.today() - dt.timedelta(days=spec["days_ago"]),
                section=section,
            )
            for number, (caption, colour) in enumerate(spec["photos"], start=1):
                image = get_image_model()(
                    title=caption,
                    alt_text=caption,
                    caption=caption,
                    credit="Ban biên tập",
                    collection=Collection.get_first_root_node(),
                )
                image.file = ImageFile(
                    draw(caption, colour, number, f"{spec['slug']}-{number}"),
                    name=f"{spec['slug']}-{number}.jpg",
                )
                image.save()
                AlbumPhoto.objects.create(
                    album=album,
                    image=image,
                    alt_text=caption,
                    caption=caption,
                    credit="Ban biên tập",
                    sort_order=number,
                )
        created += 1
    return f"{created} demo album(s) created, {len(ALBUMS) - created} already there"
