"""A SECOND, independent generator of legacy page dumps: other portals' chrome, other orders,
missing fields. Written apart from ``_import_dumps.py`` (and from the parser) so the two do not
share assumptions; used by ``import_portals.py``.

What it varies that the first one does not:
* a site header with today's date (``Hôm nay: Thứ Hai, 15/06/2021``, ``Cập nhật lúc …``) that is
  NOT the article's date; the article's own date may be missing, then the header date is the
  only date and the truth (date only);
* breadcrumbs in several separators before the title (``Trang chủ > Tin tức > Kinh tế``,
  ``Trang chủ » Kinh tế``, ``Bạn đang ở: Trang chủ / Tin tức``, ``Trang chủ - Thời sự``);
* bylines in every common form, at the top (under the title) or after the body: ``Tên (Theo
  Nguồn)``, ``Theo Nguồn``, ``Nguồn: …``, ``Tên - Nguồn``, ``Tên / Nguồn``, ``PV Tên``, ``Tin,
  ảnh: Tên``, a name alone on its own line;
* footers (``Bản quyền``, ``Địa chỉ:``, ``Điện thoại:``), tags, share bars, ``Tin cùng
  chuyên mục`` lists.
"""

import random
import re
import unicodedata
from datetime import datetime, timedelta

DAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
PORTALS = [
    "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC GIANG",
    "Cổng Thông tin điện tử Sở Y tế Đồng Nai",
    "UBND HUYỆN CỦ CHI - CỔNG THÔNG TIN ĐIỆN TỬ",
    "Trang thông tin điện tử Phường 12, Quận Gò Vấp",
    "BÁO ĐIỆN TỬ ĐẢNG CỘNG SẢN VIỆT NAM",
    "Sở Giáo dục và Đào tạo Nghệ An",
]
MENUS = [
    "Giới thiệu | Tin tức - Sự kiện | Văn bản | Thủ tục hành chính | Liên hệ",
    "TRANG CHỦ   GIỚI THIỆU   TIN TỨC   VĂN BẢN   HỎI ĐÁP",
    "Đăng nhập | Sơ đồ cổng | English",
    "Tìm kiếm...",
]
CRUMB_SEPARATORS = [" > ", " » ", " / ", " - ", " › "]
SECTIONS = [
    "Tin tức",
    "Kinh tế",
    "Thời sự",
    "Văn hóa - Xã hội",
    "Y tế",
    "Giáo dục",
    "Tin địa phương",
]
OUTLETS = [
    "Báo Bắc Giang",
    "TTXVN",
    "VnExpress",
    "Báo Nhân Dân",
    "Tuổi Trẻ",
    "Báo Đồng Nai",
    "Thanh Niên",
    "VOV",
    "Báo Lao Động",
    "Báo Tin Tức",
]
FOOTERS = [
    "Bản quyền © 2021 thuộc về Ủy ban nhân dân tỉnh",
    "Địa chỉ: 82 Nguyễn Văn Cừ, TP. Bắc Giang",
    "Điện thoại: 0204.3854.223 - Email: banbientap@bacgiang.gov.vn",
    "Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
]
TAILS = [
    ["Tin cùng chuyên mục"],
    ["Các tin khác"],
    ["Tags: kinh tế, đầu tư, doanh nghiệp"],
    ["Chia sẻ:  Facebook  Zalo  Twitter", "In trang | Gửi email | Về đầu trang"],
    ["Bình luận (0)", "Gửi bình luận"],
]
NAME_RE = re.compile(r"^(?:[A-ZĐ][a-zà-ỹđ]+\s){1,3}[A-ZĐ][a-zà-ỹđ]+$")


def names_from(records):
    found = set()
    for record in records:
        author = " ".join((record.get("author") or "").split())
        if NAME_RE.match(author) and author.split()[0] not in ("Theo", "Nguồn", "PV", "Tin"):
            found.add(author)
    return sorted(found) or ["Minh Anh", "Thu Hà", "Quốc Tuấn"]


def _site_date(rng, today):
    weekday = DAYS[today.weekday()]
    return rng.choice(
        [
            f"Hôm nay: {weekday}, {today.day:02d}/{today.month:02d}/{today.year}",
            f"{weekday}, ngày {today.day:02d}/{today.month:02d}/{today.year}",
            f"Hôm nay, {weekday.lower()} ngày {today.day} tháng {today.month} năm {today.year}",
            f"Cập nhật lúc: {today.hour:02d}:{today.minute:02d} "
            f"{today.day:02d}/{today.month:02d}/{today.year}",
        ]
    )


def _article_date(rng, when):
    d, t = when, f"{when.hour:02d}:{when.minute:02d}"
    day, stamp = d.date().isoformat(), when.isoformat()
    return rng.choice(
        [
            (f"Ngày đăng: {d.day:02d}/{d.month:02d}/{d.year} | {t}", stamp),
            (f"Đăng lúc {t}, {d.day:02d}/{d.month:02d}/{d.year}", stamp),
            (f"{DAYS[d.weekday()]}, {d.day:02d}/{d.month:02d}/{d.year}, {t}", stamp),
            (f"Thời gian đăng: {d.day:02d}/{d.month:02d}/{d.year}", day),
            (f"({d.day:02d}/{d.month:02d}/{d.year})", day),
            (f"Ngày {d.day:02d}/{d.month:02d}/{d.year}", day),
        ]
    )


def _byline(rng, names):
    name, outlet = rng.choice(names), rng.choice(OUTLETS)
    return rng.choice(
        [
            (f"{name} (Theo {outlet})", name, outlet),
            (f"Theo {outlet}", "", outlet),
            (f"Nguồn: {outlet}", "", outlet),
            (f"{name} - {outlet}", name, outlet),
            (f"{name} / {outlet}", name, outlet),
            (f"PV {name}", name, ""),
            (f"Tin, ảnh: {name}", name, ""),
            (name, name, ""),
        ]
    )


def make_page(rng, record, names, others):
    """``(raw bytes, truth)`` for one corpus record in a portal layout of this generator."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    paragraphs = [" ".join(p.split()) for p in record["body"].split("\n\n") if p.strip()]
    title = " ".join(record["title"].split())
    when = datetime(2010, 1, 1, tzinfo=tz) + timedelta(minutes=rng.randint(0, 12 * 365 * 24 * 60))
    today = when + timedelta(days=rng.randint(30, 900), minutes=rng.randint(0, 600))
    date_line, published = _article_date(rng, when)
    has_site_date = rng.random() < 0.6
    if rng.random() < 0.12:
        # No date of its own: the header's date is all there is (date only).
        date_line = ""
        has_site_date = True
        published = today.date().isoformat()
    printed, author, source = _byline(rng, names)
    top_byline = printed.startswith(("PV ", "Tin, ảnh:")) and rng.random() < 0.5
    lines = []
    if rng.random() < 0.8:
        lines.append(rng.choice(PORTALS))
    if has_site_date:
        lines.append(_site_date(rng, today))
    lines += rng.sample(MENUS, rng.randint(0, 2))
    if rng.random() < 0.8:
        crumbs = ["Trang chủ", *rng.sample(SECTIONS, rng.randint(1, 2))]
        crumb = rng.choice(CRUMB_SEPARATORS).join(crumbs)
        lines.append(("Bạn đang ở: " if rng.random() < 0.25 else "") + crumb)
    order = rng.random()
    head = [title, date_line] if order < 0.7 else [date_line, title]
    lines += [line for line in head if line]
    if top_byline:
        lines.append(printed)
    lines += paragraphs
    if printed and not top_byline:
        lines.append(printed)
    for tail in rng.sample(TAILS, rng.randint(1, 3)):
        lines += tail
        if tail[0] in ("Tin cùng chuyên mục", "Các tin khác"):
            lines += rng.sample(others, min(len(others), rng.randint(2, 5)))
    lines += rng.sample(FOOTERS, rng.randint(0, 3))
    text = ("\n\n" if rng.random() < 0.5 else "\n").join(lines)
    if rng.random() < 0.15:
        text = unicodedata.normalize("NFD", text)
    truth = {
        "id": record["id"],
        "title": title,
        "published": published,
        "author": author,
        "source": source,
        "body_paragraphs": paragraphs,
    }
    return text.encode(), truth


def build_pages(records, seed=77):
    rng = random.Random(seed)
    names = names_from(records)
    titles = [" ".join(r["title"].split()) for r in records]
    pages = []
    for record in records:
        if not record.get("body", "").strip() or not record.get("title", "").strip():
            continue
        pages.append(make_page(rng, record, names, rng.sample(titles, 6)))
    return pages
