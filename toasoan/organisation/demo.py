"""Demo organisation: the agency's leadership, five units and their heads, with portraits
drawn by Pillow (no third-party media). Idempotent: units and people are found by slug."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from wagtail.models import Site

UNITS = [
    # slug, name, parent slug, phone, duties
    (
        "lanh-dao-ban",
        "Lãnh đạo Ban Quản lý",
        None,
        "(0274) 3 822 100",
        "Lãnh đạo, điều hành toàn diện hoạt động của Ban Quản lý các khu công nghiệp.",
    ),
    (
        "van-phong",
        "Văn phòng",
        "lanh-dao-ban",
        "(0274) 3 822 101",
        "Tham mưu tổng hợp, hành chính, tổ chức cán bộ, tài chính, kế toán.",
    ),
    (
        "phong-quan-ly-dau-tu",
        "Phòng Quản lý Đầu tư",
        "lanh-dao-ban",
        "(0274) 3 822 102",
        "Cấp, điều chỉnh Giấy chứng nhận đăng ký đầu tư; xúc tiến đầu tư vào các khu công nghiệp.",
    ),
    (
        "phong-quan-ly-doanh-nghiep",
        "Phòng Quản lý Doanh nghiệp",
        "lanh-dao-ban",
        "(0274) 3 822 103",
        "Theo dõi hoạt động của doanh nghiệp, xuất nhập khẩu, xuất xứ hàng hóa.",
    ),
    (
        "phong-quan-ly-lao-dong",
        "Phòng Quản lý Lao động",
        "lanh-dao-ban",
        "(0274) 3 822 104",
        "Quản lý lao động, tiền lương, nội quy lao động, quan hệ lao động trong khu công nghiệp.",
    ),
    (
        "phong-quy-hoach-xay-dung",
        "Phòng Quy hoạch - Xây dựng - Môi trường",
        "lanh-dao-ban",
        "(0274) 3 822 105",
        "Quy hoạch, cấp phép xây dựng, bảo vệ môi trường trong khu công nghiệp.",
    ),
]

PEOPLE = [
    # slug, name, unit slug, title, role, phone
    ("nguyen-van-an", "Nguyễn Văn An", "lanh-dao-ban", "Trưởng ban", 1, "(0274) 3 822 110"),
    ("tran-thi-binh", "Trần Thị Bình", "lanh-dao-ban", "Phó Trưởng ban", 2, "(0274) 3 822 111"),
    ("le-hoang-cuong", "Lê Hoàng Cường", "lanh-dao-ban", "Phó Trưởng ban", 2, "(0274) 3 822 112"),
    ("pham-thu-dung", "Phạm Thu Dung", "van-phong", "Chánh Văn phòng", 1, "(0274) 3 822 120"),
    ("vo-minh-duc", "Võ Minh Đức", "phong-quan-ly-dau-tu", "Trưởng phòng", 1, "(0274) 3 822 130"),
    ("dang-thi-ha", "Đặng Thị Hà", "phong-quan-ly-dau-tu", "Phó Trưởng phòng", 2, ""),
    (
        "bui-quoc-hung",
        "Bùi Quốc Hùng",
        "phong-quan-ly-doanh-nghiep",
        "Trưởng phòng",
        1,
        "(0274) 3 822 140",
    ),
    (
        "ngo-thanh-lan",
        "Ngô Thanh Lan",
        "phong-quan-ly-lao-dong",
        "Trưởng phòng",
        1,
        "(0274) 3 822 150",
    ),
    (
        "huynh-van-minh",
        "Huỳnh Văn Minh",
        "phong-quy-hoach-xay-dung",
        "Trưởng phòng",
        1,
        "(0274) 3 822 160",
    ),
]

ADDRESS = "Số 18 đường Trần Hưng Đạo, phường Phú Lợi, TP Bình An"


def portrait(seed, size=(240, 300)):
    """A plain drawn head-and-shoulders silhouette: a placeholder portrait for the demo."""
    from PIL import Image, ImageDraw

    hue = [(46, 84, 140), (120, 60, 60), (40, 110, 90), (110, 90, 40), (80, 60, 120)][seed % 5]
    image = Image.new("RGB", size, (226, 231, 238))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse([w * 0.12, h * 0.62, w * 0.88, h * 1.25], fill=hue)
    draw.ellipse([w * 0.3, h * 0.2, w * 0.7, h * 0.6], fill=(235, 200, 170))
    draw.pieslice([w * 0.28, h * 0.15, w * 0.72, h * 0.5], 180, 360, fill=(40, 36, 34))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def load(stdout):
    from .models import Person, Position, Unit

    if Unit.objects.filter(slug="lanh-dao-ban").exists():
        return _english()
    units = {}
    for order, (slug, name, parent, phone, duties) in enumerate(UNITS):
        units[slug] = Unit.objects.create(
            slug=slug,
            name=name,
            parent=units.get(parent),
            sort_order=order,
            phone=phone,
            address=ADDRESS,
            email=f"{slug}@binhan-kcn.example.vn",
            duties=f"<p>{duties}</p>",
        )
    for n, (slug, name, unit, title, role, phone) in enumerate(PEOPLE):
        if Person.objects.filter(slug=slug).exists():
            continue
        person = Person(
            slug=slug,
            full_name=name,
            phone=phone,
            email=f"{slug}@binhan-kcn.example.vn",
            photo=_image(name, n),
            bio=(
                f"{name} sinh năm {1968 + n}, quê Bình An; thạc sĩ kinh tế. "
                f"Từ năm {2010 + n}: {title}, {units[unit].name}."
            ),
        )
        person.positions.add(
            Position(unit=units[unit], title=title, role=role, start_date=dt.date(2021, 7, 1))
        )
        person.save()
    # One move between units, so the demo shows a person's history.
    mover = Person.objects.get(slug="pham-thu-dung")
    Position.objects.create(
        person=mover,
        unit=units["phong-quan-ly-lao-dong"],
        title="Phó Trưởng phòng",
        role=2,
        start_date=dt.date(2017, 3, 1),
        end_date=dt.date(2021, 6, 30),
    )
    _profile()
    _english()
    return f"{len(units)} units, {len(PEOPLE)} people"


def _image(name, seed):
    from wagtail.images import get_image_model

    return get_image_model().objects.create(
        title=f"Chân dung {name}",
        file=ContentFile(portrait(seed), name=f"chan-dung-{seed:02d}.jpg"),
        alt_text=f"Ảnh chân dung {name}",
    )


def _profile():
    from .models import AgencyProfile

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    profile = AgencyProfile.for_site(site)
    if not profile.functions:
        profile.functions = (
            "<p>Ban Quản lý các khu công nghiệp tỉnh Bình An là cơ quan trực thuộc Ủy ban nhân "
            "dân tỉnh, thực hiện chức năng quản lý nhà nước trực tiếp đối với các khu công "
            "nghiệp và khu chế xuất trên địa bàn tỉnh.</p>"
        )
        profile.duties = (
            "<ul><li>Hướng dẫn, tiếp nhận hồ sơ dự án đầu tư vào khu công nghiệp.</li>"
            "<li>Cấp, điều chỉnh, thu hồi Giấy chứng nhận đăng ký đầu tư.</li>"
            "<li>Quản lý lao động, bảo vệ môi trường trong các khu công nghiệp.</li></ul>"
        )
        profile.save()


# The English version of the demo organisation. The last unit stays Vietnamese-only on
# purpose: the demo then shows that such a unit is not linked from the English pages.
UNITS_EN = {
    "lanh-dao-ban": (
        "Board of Management",
        "Directs all activities of the Board of Management of Industrial Zones.",
    ),
    "van-phong": ("Office", "General advice, administration, personnel, finance and accounting."),
    "phong-quan-ly-dau-tu": (
        "Investment Management Division",
        "Issues and amends investment registration certificates; promotes investment in the "
        "industrial zones.",
    ),
    "phong-quan-ly-doanh-nghiep": (
        "Enterprise Management Division",
        "Monitors enterprises, imports and exports and the origin of goods.",
    ),
    "phong-quan-ly-lao-dong": (
        "Labour Management Division",
        "Manages labour, wages, work rules and labour relations in the industrial zones.",
    ),
}
TITLES_EN = {
    "Trưởng ban": "Director",
    "Phó Trưởng ban": "Deputy Director",
    "Chánh Văn phòng": "Chief of Office",
    "Trưởng phòng": "Head of Division",
    "Phó Trưởng phòng": "Deputy Head of Division",
}


def _english():
    """Fill the demo's English fields that are still blank (never overwrite an edit)."""
    from .models import Person, Position, Unit

    filled = 0
    for slug, (name, duties) in UNITS_EN.items():
        filled += Unit.objects.filter(slug=slug, name_en="").update(
            name_en=name, duties_en=f"<p>{duties}</p>"
        )
    for title_vi, title_en in TITLES_EN.items():
        Position.objects.filter(
            title=title_vi, title_en="", person__slug__in=[p[0] for p in PEOPLE]
        ).update(title_en=title_en)
    for n, (slug, name, *_rest) in enumerate(PEOPLE):
        filled += Person.objects.filter(slug=slug, bio_en="").update(
            bio_en=f"{name} was born in {1968 + n} in Binh An and holds a master's degree "
            "in economics."
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        from .models import AgencyProfile

        profile = AgencyProfile.for_site(site)
        if not profile.name_en:
            profile.name_en = "Binh An Industrial Zones Authority"
            profile.functions_en = (
                "<p>The Binh An Industrial Zones Authority reports to the Provincial People's "
                "Committee and directly carries out state management of the industrial and "
                "export processing zones of the province.</p>"
            )
            profile.duties_en = (
                "<ul><li>Guides investors and receives applications for projects in the "
                "industrial zones.</li><li>Issues, amends and revokes investment registration "
                "certificates.</li><li>Manages labour and environmental protection in the "
                "industrial zones.</li></ul>"
            )
            profile.save()
            filled += 1
    return f"English version: {filled} records filled" if filled else None
