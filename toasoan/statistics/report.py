"""The figures editors see: one function, used by the admin page, the XLSX and the JSON export."""

import datetime as dt
from collections import OrderedDict

from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _

from .content import kind_label
from .models import DeviceDay, PageViewDay, ReferrerDay

PERIODS = OrderedDict([("day", _("Ngày")), ("week", _("Tuần")), ("month", _("Tháng"))])
DEVICE_LABELS = {"phone": _("Điện thoại"), "tablet": _("Máy tính bảng"), "desktop": _("Máy tính")}
TOP = 50
MAX_DAYS = 3700  # about ten years: a range longer than this is refused with a message


def period_start(day, period):
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def period_label(start, period):
    if period == "week":
        return f"{start:%d/%m/%Y} – {start + dt.timedelta(days=6):%d/%m/%Y}"
    if period == "month":
        return f"{start:%m/%Y}"
    return f"{start:%d/%m/%Y}"


def build(start, end, period="day", kind="", section_id=None):
    """Every table for [start, end] (local days, inclusive) as {key: {title, columns, rows}}."""
    pages = PageViewDay.objects.filter(day__gte=start, day__lte=end)
    if kind:
        pages = pages.filter(kind=kind)
    if section_id:
        pages = pages.filter(section_id=section_id)
    by_period = OrderedDict()
    cursor = period_start(start, period)
    while cursor <= end:  # every period, with the empty ones
        by_period[cursor] = 0
        cursor = period_start(
            cursor + dt.timedelta(days={"day": 1, "week": 7}.get(period, 32)), period
        )
    for row in pages.values("day").annotate(total=Sum("views")):
        by_period[period_start(row["day"], period)] += row["total"]
    total = sum(by_period.values())
    top_pages = (
        pages.values("path", "kind")
        .annotate(total=Sum("views"), name=Max("title"), section=Max("section_title"))
        .order_by("-total", "path")[:TOP]
    )
    sections = (
        pages.exclude(section_id=None)
        .values("section_id")
        .annotate(total=Sum("views"), name=Max("section_title"))
        .order_by("-total")
    )
    kinds = pages.values("kind").annotate(total=Sum("views")).order_by("-total")
    referrers = (
        ReferrerDay.objects.filter(day__gte=start, day__lte=end)
        .values("domain")
        .annotate(total=Sum("views"))
        .order_by("-total", "domain")[:TOP]
    )
    devices = (
        DeviceDay.objects.filter(day__gte=start, day__lte=end)
        .values("device")
        .annotate(total=Sum("views"))
        .order_by("-total")
    )
    return OrderedDict(
        [
            (
                "periods",
                {
                    "title": _("Lượt xem theo thời gian"),
                    "columns": [PERIODS[period], _("Lượt xem")],
                    "rows": [[period_label(p, period), v] for p, v in by_period.items()],
                    "keys": [p.isoformat() for p in by_period],
                },
            ),
            (
                "pages",
                {
                    "title": _("Trang xem nhiều nhất"),
                    "columns": [
                        _("Tiêu đề"),
                        _("Đường dẫn"),
                        _("Loại"),
                        _("Chuyên mục"),
                        _("Lượt xem"),
                    ],
                    "rows": [
                        [
                            r["name"] or r["path"],
                            r["path"],
                            str(kind_label(r["kind"])),
                            r["section"],
                            r["total"],
                        ]
                        for r in top_pages
                    ],
                },
            ),
            (
                "sections",
                {
                    "title": _("Theo chuyên mục"),
                    "columns": [_("Chuyên mục"), _("Lượt xem")],
                    "rows": [[r["name"], r["total"]] for r in sections],
                },
            ),
            (
                "kinds",
                {
                    "title": _("Theo loại nội dung"),
                    "columns": [_("Loại nội dung"), _("Lượt xem")],
                    "rows": [[str(kind_label(r["kind"])), r["total"]] for r in kinds],
                },
            ),
            (
                "referrers",
                {
                    "title": _("Nguồn truy cập (tên miền)"),
                    "columns": [_("Tên miền"), _("Lượt xem")],
                    "rows": [[r["domain"], r["total"]] for r in referrers],
                },
            ),
            (
                "devices",
                {
                    "title": _("Thiết bị"),
                    "columns": [_("Thiết bị"), _("Lượt xem")],
                    "rows": [
                        [str(DEVICE_LABELS.get(r["device"], r["device"])), r["total"]]
                        for r in devices
                    ],
                },
            ),
        ]
    ), total


def as_json(tables, total, start, end, period):
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "period": period,
        "total": total,
        "tables": {
            key: {
                "title": str(table["title"]),
                "columns": [str(c) for c in table["columns"]],
                "rows": table["rows"],
            }
            for key, table in tables.items()
        },
    }


def as_xlsx(tables, total, start, end, period):
    """One worksheet per table, Vietnamese headers, numbers as numbers."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables.values():
        sheet = workbook.create_sheet(title=str(table["title"])[:31])
        sheet.append(
            [
                str(_("Từ ngày")),
                start.strftime("%d/%m/%Y"),
                str(_("Đến ngày")),
                end.strftime("%d/%m/%Y"),
            ]
        )
        sheet.append([])
        sheet.append([str(c) for c in table["columns"]])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append(row)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 80)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
