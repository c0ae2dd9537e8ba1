"""Demo content for Liên hệ: contact details, topics and a locally generated map image
(idempotent: each piece is created only when missing)."""

import io

from django.core.files.images import ImageFile

MAP_TITLE = "Bản đồ đường đến trụ sở (demo)"

TOPICS = [
    ("Đầu tư, cấp Giấy chứng nhận đăng ký đầu tư", "dautu@binhan-kcn.example.vn"),
    ("Lao động, việc làm", "laodong@binhan-kcn.example.vn"),
    ("Môi trường", "moitruong@binhan-kcn.example.vn"),
    ("Góp ý về cổng thông tin", "banbientap@binhan-kcn.example.vn"),
]


def draw_map():
    """A simple street map drawn with Pillow: no external map service, no network."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 450), "#eef1e6")
    draw = ImageDraw.Draw(image)
    for x in range(0, 800, 160):
        draw.rectangle([x + 20, 20, x + 140, 430], fill="#dfe4d3")
    draw.rectangle([0, 200, 800, 240], fill="#ffffff", outline="#c9c9c9")  # main road
    draw.rectangle([380, 0, 420, 450], fill="#ffffff", outline="#c9c9c9")
    draw.rectangle([560, 300, 800, 450], fill="#b9d7ea")  # river
    draw.text((20, 206), "Duong Tran Hung Dao", fill="#333333")
    draw.text((426, 20), "Duong 30/4", fill="#333333")
    draw.ellipse([440, 130, 470, 160], fill="#c62828", outline="#7f0000", width=3)
    draw.polygon([(445, 155), (465, 155), (455, 180)], fill="#c62828")
    draw.rectangle([478, 128, 690, 160], fill="#ffffff", outline="#7f0000")
    draw.text((486, 138), "Tru so Ban Quan ly (so 18)", fill="#7f0000")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def load_demo(stdout=None):
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from .models import ContactDetails, ContactTopic

    created = []
    for order, (name, email) in enumerate(TOPICS):
        _topic, new = ContactTopic.objects.get_or_create(
            name=name, defaults={"email": email, "order": order}
        )
        if new:
            created.append(name)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    details = ContactDetails.for_site(site)
    if not details.addresses:
        details.intro = (
            "Ban Quản lý các khu công nghiệp tỉnh Bình An tiếp nhận ý kiến, kiến nghị của "
            "doanh nghiệp và người dân qua các kênh dưới đây."
        )
        details.addresses = (
            "Trụ sở: số 18 đường Trần Hưng Đạo, phường Phú Lợi, TP Bình An\n"
            "Văn phòng đại diện: Khu công nghiệp Sóng Thần 3, TP Bình An"
        )
        details.phones = "(0274) 3 822 118\n(0274) 3 822 119 (bộ phận một cửa)"
        details.emails = "banquanly@binhan-kcn.example.vn\nmotcua@binhan-kcn.example.vn"
        details.working_hours = (
            "Thứ Hai – Thứ Sáu: sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 00 – 17 giờ 00\n"
            "Sáng thứ Bảy: tiếp nhận hồ sơ một cửa"
        )
        details.map_caption = "Trụ sở Ban Quản lý, số 18 đường Trần Hưng Đạo"
        created.append("details")
    if details.map_image_id is None:
        Image = get_image_model()
        image = Image.objects.filter(title=MAP_TITLE).first()
        if image is None:
            image = Image(title=MAP_TITLE)
            image.file = ImageFile(io.BytesIO(draw_map()), name="ban-do-tru-so.png")
            image.save()
        details.map_image = image
        created.append("map")
    if created:
        details.save()
    return f"contact: {', '.join(created)}" if created else None
