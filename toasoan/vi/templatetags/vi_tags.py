"""Template filters for Vietnamese dates and numbers: ``{% load vi_tags %}``.

Filters return an empty string for ``None`` or a value of the wrong type, like Django's
``date`` filter, so a missing publication date never breaks a page.
"""

from datetime import date, datetime

from django import template

from toasoan.vi import dates, numbers

register = template.Library()


def _date_filter(formatter):
    def apply(value):
        if not isinstance(value, date):
            return ""
        return formatter(value)

    return apply


register.filter("vi_long_date", _date_filter(dates.long_date))
register.filter("vi_short_date", _date_filter(dates.short_date))
register.filter("vi_relative", _date_filter(dates.relative_time))


@register.filter
def vi_short_datetime(value):
    """``{{ article.first_published_at|vi_short_datetime }}`` -> "04/07/2020 08:30"."""
    if isinstance(value, datetime):
        return dates.short_datetime(value)
    # A plain date has no time of day to show.
    return dates.short_date(value) if isinstance(value, date) else ""


@register.filter
def vi_number(value, decimals=None):
    """``{{ 1234567.891|vi_number:2 }}`` -> "1.234.567,89"."""
    if value is None or value == "":
        return ""
    try:
        places = None if decimals in (None, "") else int(decimals)
        return numbers.format_number(value, decimals=places)
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def vi_today():
    """``{% vi_today %}`` -> "Thứ Bảy, ngày 4 tháng 7 năm 2020" (today in Vietnam)."""
    return dates.long_date(dates.today_local())


@register.simple_tag
def vi_today_iso():
    """``{% vi_today_iso as today %}`` -> "2020-07-04", for ``<time datetime>``."""
    return dates.today_local().isoformat()
