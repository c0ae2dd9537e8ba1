"""Generate varied legacy page dumps from the corpus, each with its ground truth.

Used by ``import_accuracy.py``. Nothing is written into the repository: the dumps go to a
temporary folder created at bench time. Each dump renders one corpus article the way an old
portal's "save as text" would, with a randomly chosen layout (date first or title first),
date format (a third of them datelines with a place name: "Hà Nội, 04/07/2020"), a dateline
run into the lead for some ("Hà Nội, 4/7 (TTXVN) - …", sometimes the only date), byline
style, chrome (menus, share links, counters, comment form, "Tin khác", "Các tin đã đưa",
"Thông báo"), paragraph separator, line endings, BOM and NFD.
"""

import json
import random
import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

CORPUS = Path("/work/shared/corpus/articles.jsonl")
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
SOURCES = [
    "PBN",
    "TTXVN",
    "VnExpress",
    "Tuổi Trẻ",
    "Thanh Niên",
    "Dân trí",
    "VOV.VN",
    "Báo Tin Tức",
    "Bloomberg",
    "Reuters",
    "Người Lao Động",
    "Sài Gòn Giải Phóng",
    "Vietnamnet",
    "Zing.vn",
    "Báo Đầu tư",
    "Tiền Phong",
    "Lao Động",
    "Nhân Dân",
    "VTV",
    "Báo Chính phủ",
]
PLACES = [
    "Hà Nội",
    "HÀ NỘI",
    "TP.HCM",
    "TP. Hồ Chí Minh",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Bà Rịa - Vũng Tàu",
    "Thừa Thiên - Huế",
    "Quảng Ninh",
]
OUTLETS = ["Chinhphu.vn", "PBN", "TTXVN", "VOV", "Báo Tin Tức"]
HEADERS = [
    "Cổng thông tin điện tử Ban Quản lý các Khu chế xuất và công nghiệp",
    "BÁO ĐIỆN TỬ PHƯỜNG TÂN ĐỊNH",
    "Trang chủ | Tin tức | Sự kiện | Thông báo | Liên hệ",
    "Trang chủ > Tin tức > Thời sự",
    "Trang chủ » Tin hoạt động",
]
SHARE = [
    "Chia sẻ | In bài | Gửi email",
    "[In bài] [Gửi email] [Lưu bài]",
    "Chia sẻ:",
    "Facebook",
    "Bản in",
    "Lượt xem: {views}",
    "Lượt xem: {views} | Chia sẻ | In bài",
]
COMMENT_FORMS = [
    ["Ý kiến bạn đọc", "refresh", "\xa0", "Tổng lượt bình luận"],
    [
        "Ý kiến bạn đọc",
        "Họ tên",
        "Email",
        "Nội dung",
        "Mã xác nhận",
        "refresh",
        "Gửi",
        "Tổng lượt bình luận: {count}",
    ],
    ["Gửi bình luận", "Họ và tên", "Địa chỉ email", "Nội dung", "Gửi", "({count} bình luận)"],
    ["Bình luận ({count})"],
]
LIST_HEADINGS = ["Tin khác", "Các tin đã đưa", "Tin liên quan", "Tin cùng chuyên mục", "Thông báo"]
NAME_RE = re.compile(r"^(?:[A-ZĐ][\wÀ-ỹ]*\s){1,3}[A-ZĐ][\wÀ-ỹ]*$")


def _names(records):
    names = set()
    for record in records:
        author = (record.get("author") or "").strip()
        if NAME_RE.match(author) and not author.isupper() and "Theo" not in author:
            names.add(author)
    return sorted(names)


def _date_line(rng, when):
    d, t = when, f"{when.hour:02d}:{when.minute:02d}"
    weekday = WEEKDAYS[d.weekday()]
    views = rng.randint(10, 9999)
    day_only = d.date().isoformat()
    with_time = when.isoformat()
    choices = [
        (f"{weekday}, ngày {d.day} tháng {d.month} năm {d.year}", day_only),
        (f"{d.day:02d}/{d.month:02d}/{d.year}", day_only),
        (f"{d.day:02d}/{d.month:02d}/{d.year} {t}", with_time),
        (f"Cập nhật: {d.day:02d}/{d.month:02d}/{d.year} {t}", with_time),
        (
            f"{weekday}, {d.day:02d}/{d.month:02d}/{d.year} - {t} | Lượt xem: {views}",
            with_time,
        ),
        (f"Ngày đăng: {d.day}/{d.month}/{d.year}", day_only),
        (f"{t} {d.day:02d}/{d.month:02d}/{d.year}", with_time),
        (f"{weekday.lower()}, {d.day}/{d.month}/{d.year}, {t} (GMT+7)", with_time),
    ]
    hour12 = (
        f"{(when.hour + 11) % 12 + 1:02d}:{when.minute:02d}:00 {'PM' if when.hour >= 12 else 'AM'}"
    )
    choices += [
        (f"{d.day:02d}-{d.month:02d}-{d.year} {hour12}", with_time),
        (f"{t} | {d.day:02d}/{d.month:02d}/{d.year}", with_time),
        (f"Cập nhật lúc {t} ngày {d.day:02d}/{d.month:02d}/{d.year}", with_time),
    ]
    # Datelines: a place name (and sometimes the outlet) before the date.
    place, outlet = rng.choice(PLACES), rng.choice(OUTLETS)
    datelines = [
        (f"{place}, {d.day:02d}/{d.month:02d}/{d.year}", day_only, ""),
        (f"{place}, ngày {d.day}/{d.month}/{d.year}", day_only, ""),
        (f"({outlet}) - {place}, {d.day}-{d.month}-{d.year}", day_only, outlet),
        (f"{place}, {d.day}.{d.month}.{d.year}", day_only, ""),
        (f"{place}, ngày {d.day} tháng {d.month} năm {d.year}", day_only, ""),
        (f"{place}, {d.day:02d}/{d.month:02d}/{d.year} {t}", with_time, ""),
        (
            f"{place}, ngày {d.day} tháng {d.month} năm {d.year}, "
            f"lúc {when.hour} giờ {when.minute:02d}",
            with_time,
            "",
        ),
        (f"({outlet}) - {place}, {d.day}/{d.month}/{d.year} {t}", with_time, outlet),
    ]
    # As likely as any one of the other formats, in total a third of the dumps.
    if rng.random() < 1 / 3:
        return rng.choice(datelines)
    return (*rng.choice(choices), "")


def _lead_dateline(rng, when):
    """A dateline run into the lead: ``(prefix, agency, date or None)``, agency style."""
    d, place, agency = when, rng.choice(PLACES), rng.choice(OUTLETS)
    bare = rng.choice(["PBN", "TTXVN", "VOV.VN", "Chinhphu.vn"])
    styles = [
        (f"{place}, {d.day}/{d.month} ({agency}) - ", agency, None),
        (f"{place} ({agency}) - ", agency, None),
        (f"({agency}) - ", agency, None),
        (f"{place} ({agency}) {d.day}/{d.month} – ", agency, None),
        (f"{place}, ngày {d.day:02d}/{d.month:02d}/{d.year} - ", "", d.date().isoformat()),
        (f"{bare} - ", bare, None),
    ]
    return rng.choice(styles)


def _byline(rng, names):
    name, source = rng.choice(names), rng.choice(SOURCES)
    styles = [
        (f"{name} - {source}", name, source),
        (f"Theo {source}", "", source),
        (f"{name} (Theo {source})", name, source),
        (f"{name}/{source}", name, source),
        (name, name, ""),
        (f"Nguồn: {source}", "", source),
        ("", "", ""),
    ]
    return rng.choice(styles)


def make_dump(rng, record, names, others):
    """Return ``(text, truth)`` for one corpus record."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    paragraphs = [" ".join(p.split()) for p in record["body"].split("\n\n") if p.strip()]
    title = " ".join(record["title"].split())
    when = datetime(2009, 1, 1, tzinfo=tz) + timedelta(minutes=rng.randint(0, 16 * 365 * 24 * 60))
    date_line, published, outlet = _date_line(rng, when)
    printed, author, source = _byline(rng, names)
    # The byline names the source; failing that, the outlet of the date line, then the agency
    # of a dateline run into the lead, which stays in the paragraph.
    source = source or outlet
    if rng.random() < 0.15:
        prefix, agency, lead_date = _lead_dateline(rng, when)
        paragraphs[0] = prefix + paragraphs[0]
        source = source or agency
        if lead_date and rng.random() < 0.5:
            date_line, published = "", lead_date
    views, count = f"{rng.randint(1, 99)}.{rng.randint(100, 999)}", rng.randint(0, 40)
    lines = []
    if rng.random() < 0.6:
        lines += rng.sample(HEADERS, rng.randint(1, 2))
    if rng.random() < 0.75:  # the reference layout: date, then title
        lines += [date_line, title]
    else:
        lines += [title, date_line]
    lines = [line for line in lines if line]
    if rng.random() < 0.4:
        lines.append(rng.choice(SHARE).format(views=views))
    lines += paragraphs
    if printed:
        lines.append(printed)
    if rng.random() < 0.4:
        lines.append(rng.choice(SHARE).format(views=views))
    trailer = [line.format(count=count) for line in rng.choice(COMMENT_FORMS)]
    for heading in rng.sample(LIST_HEADINGS, rng.randint(1, 3)):
        trailer.append(heading)
        for other in rng.sample(others, rng.randint(0, 5)):
            suffix = f" ({rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2019)"
            trailer.append(other + (suffix if rng.random() < 0.5 else ""))
    lines += trailer if rng.random() < 0.9 else trailer[len(trailer) // 2 :]
    separator = "\n\n" if rng.random() < 0.6 else "\n"
    text = separator.join(lines)
    if rng.random() < 0.2:
        text = unicodedata.normalize("NFD", text)
    newline = "\r\n" if rng.random() < 0.3 else "\n"
    raw = text.replace("\n", newline).encode()
    if rng.random() < 0.2:
        raw = b"\xef\xbb\xbf" + raw
    truth = {
        "id": record["id"],
        "title": title,
        "published": published,
        "author": author,
        "source": source,
        "body_paragraphs": paragraphs,
    }
    return raw, truth


def build(folder, count, seed=2020):
    """Write ``count`` dumps and ``truth.jsonl`` into ``folder``; return the truth list."""
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    names = _names(records)
    others = [r["title"] for r in rng.sample(records, 2000)]
    truths = []
    folder = Path(folder)
    for n, record in enumerate(rng.sample(records, count)):
        raw, truth = make_dump(rng, record, names, others)
        path = folder / f"{n:05d}.txt"
        path.write_bytes(raw)
        truth["file"] = str(path)
        truths.append(truth)
    with (folder / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for truth in truths:
            handle.write(json.dumps(truth, ensure_ascii=False) + "\n")
    return truths
