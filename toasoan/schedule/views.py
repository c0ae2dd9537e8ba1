"""The public week view (/lich-cong-tac/) and its iCalendar feed."""

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from toasoan.vi.dates import today_local, weekday_name
from toasoan.vi.text import strip_controls

from . import ical
from .models import ScheduleItem
from .weeks import monday_of, parse_week, week_key

FEED_WEEKS_BACK, FEED_WEEKS_AHEAD = 4, 12


def _leader(request):
    from toasoan.organisation.models import Person

    # strip_controls: a NUL byte in a filter is a database error on PostgreSQL.
    slug = strip_controls(request.GET.get("lanh-dao") or "").strip()[:120]
    if not slug:
        return None, None
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        return None, _("Không có lãnh đạo này trong danh sách; đang hiện lịch của tất cả lãnh đạo.")
    return person, None


def _leaders():
    from toasoan.organisation.models import Person

    return Person.objects.filter(schedule_items__isnull=False).distinct().order_by("full_name")


def week(request):
    today = today_local()
    messages = []
    raw = request.GET.get("tuan", "")
    monday = parse_week(raw) if raw else None
    if raw and monday is None:
        messages.append(
            _("“%(value)s” không phải một tuần (ví dụ đúng: %(example)s); đang hiện tuần này.")
            % {"value": raw[:40], "example": week_key(monday_of(today))}
        )
    monday = monday or monday_of(today)
    leader, error = _leader(request)
    if error:
        messages.append(error)
    items = ScheduleItem.objects.filter(date__range=(monday, monday + dt.timedelta(days=6)))
    if leader:
        items = items.filter(host=leader)
    by_day = {monday + dt.timedelta(days=n): [] for n in range(7)}
    for item in items.select_related("host"):
        by_day[item.date].append(item)
    days = [
        {"date": day, "weekday": weekday_name(day), "items": day_items, "is_today": day == today}
        for day, day_items in by_day.items()
    ]
    return render(
        request,
        "schedule/week.html",
        {
            "days": days,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "week": week_key(monday),
            "previous_week": week_key(monday - dt.timedelta(days=7)),
            "next_week": week_key(monday + dt.timedelta(days=7)),
            "this_week": week_key(monday_of(today)),
            "is_this_week": monday == monday_of(today),
            "leader": leader,
            "leaders": _leaders(),
            "messages_": messages,
            "has_items": any(day["items"] for day in days),
        },
    )


def feed(request):
    """The schedule around today as iCalendar (``?lanh-dao=slug`` for one leader)."""
    monday = monday_of(today_local())
    items = ScheduleItem.objects.filter(
        date__range=(
            monday - dt.timedelta(weeks=FEED_WEEKS_BACK),
            monday + dt.timedelta(weeks=FEED_WEEKS_AHEAD),
        )
    ).select_related("host")
    leader, _error = _leader(request)
    if leader:
        items = items.filter(host=leader)
    host = request.get_host().split(":")[0] or "toasoan"
    events = [
        ical.event_lines(
            uid=f"lich-cong-tac-{item.pk}@{host}",
            stamp=item.updated_at,
            day=item.date,
            start_time=item.start_time,
            summary=(_("[Điều chỉnh] ") if item.adjusted_at else "") + item.content,
            location=item.place,
            description=_description(item),
        )
        for item in items
    ]
    name = _("Lịch công tác") + (f" – {leader.full_name}" if leader else "")
    response = HttpResponse(
        ical.calendar(name, events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response


def _description(item):
    parts = [
        (_("Thời gian"), item.time_note),
        (_("Chủ trì"), item.host_label()),
        (_("Thành phần"), item.participants),
        (_("Đơn vị chuẩn bị"), item.preparing_unit),
    ]
    return "\n".join(f"{label}: {value}" for label, value in parts if value)
