"""Demo: this week's schedule for the demo leaders (idempotent: skipped when the week has
items already)."""

import datetime as dt

from toasoan.vi.dates import today_local

from .weeks import monday_of

WEEK = [
    # day offset, time, content, participants, place, host slug, preparing unit
    (0, dt.time(7, 30), "Chào cờ đầu tuần; giao ban Lãnh đạo Ban", "Lãnh đạo Ban, trưởng các phòng",
     "Phòng họp số 1", "nguyen-van-an", "Văn phòng"),
    (0, dt.time(14, 0), "Làm việc với Công ty TNHH Điện tử Bình An về dự án mở rộng nhà xưởng",
     "Phòng Quản lý Đầu tư", "KCN Sóng Thần", "tran-thi-binh", "Phòng Quản lý Đầu tư"),
    (1, dt.time(8, 0), "Dự họp Ủy ban nhân dân tỉnh thường kỳ tháng", "Trưởng ban",
     "Trụ sở UBND tỉnh", "nguyen-van-an", "Văn phòng"),
    (2, dt.time(8, 30), "Kiểm tra công tác bảo vệ môi trường tại KCN Mỹ Phước",
     "Phòng Quy hoạch - Xây dựng - Môi trường", "KCN Mỹ Phước", "le-hoang-cuong",
     "Phòng Quy hoạch - Xây dựng - Môi trường"),
    (3, dt.time(9, 0), "Tiếp công dân định kỳ", "Đại diện các phòng liên quan",
     "Trụ sở Ban Quản lý", "nguyen-van-an", "Văn phòng"),
    (4, dt.time(14, 0), "Họp xét cấp Giấy chứng nhận đăng ký đầu tư", "Phòng Quản lý Đầu tư",
     "Phòng họp số 2", "tran-thi-binh", "Phòng Quản lý Đầu tư"),
    (5, None, "Trực lãnh đạo", "", "Trụ sở Ban Quản lý", "le-hoang-cuong", "Văn phòng"),
]  # fmt: skip


def load(stdout):
    from toasoan.organisation.models import Person

    from .models import ScheduleItem

    monday = monday_of(today_local())
    if ScheduleItem.objects.filter(date__range=(monday, monday + dt.timedelta(days=6))).exists():
        return None
    hosts = {p.slug: p for p in Person.objects.all()}
    for offset, start, content, participants, place, host, unit in WEEK:
        ScheduleItem.objects.create(
            date=monday + dt.timedelta(days=offset), start_time=start,
            time_note="" if start else "Cả ngày", content=content, participants=participants,
            place=place, host=hosts.get(host), preparing_unit=unit,
        )  # fmt: skip
    return f"{len(WEEK)} schedule items this week"
