"""The English version's template tags: language switcher, hreflang links, English dates and
links that follow the page's language (docs/agency.md, "English version").

Every page shows the switcher. A page that has a counterpart in the other language passes
``alternates`` ({"vi": url, "en": url or None}) in its context: the switcher then leads to
the counterpart and ``hreflang`` links are printed. A page without one (an untranslated article, for
instance) links to the English home page and prints no ``hreflang`` link, so the English side
never points at a page that does not exist in English.
"""

import datetime as dt

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from toasoan.organisation.models import is_english
from toasoan.vi import dates

register = template.Library()

# English month names: the English catalogue gives weekdays, and Django's own "en" month
# names would depend on the active language rather than on the page being English.
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def english_long_date(day):
    """``english_long_date(date(2020, 7, 4))`` -> "Saturday, 4 July 2020"."""
    from django.utils import translation

    with translation.override("en"):
        weekday = dates.weekday_name(day)
    return f"{weekday}, {day.day} {MONTHS[day.month - 1]} {day.year}"


@register.filter
def english_date(moment):
    """``{{ article.display_date|english_date }}`` -> "Saturday, 4 July 2020" (local date)."""
    if not moment:
        return ""
    from django.utils import timezone

    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment).date()
    return english_long_date(moment)


@register.simple_tag
def page_today():
    """The masthead date in the page's language (Vietnamese unless the page is English)."""
    today = dates.today_local()
    return english_long_date(today) if is_english() else dates.long_date(today)


def _alternates(context):
    # Only views that know their counterpart pass ``alternates``; articles find theirs in the
    # route's own query (news/translations.py), no query more per page.
    alternates = context.get("alternates") or {}
    return alternates if isinstance(alternates, dict) else {}


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """``<link rel="alternate" hreflang>`` for a page that exists in both languages."""
    request = context.get("request")
    alternates = _alternates(context)
    if request is None or not alternates.get("vi") or not alternates.get("en"):
        return ""
    if getattr(context.get("page"), "url_path", None):
        # A Wagtail page: the distribution app's meta block prints them (distribution/meta.py).
        return ""
    return format_html(
        '<link rel="alternate" hreflang="vi" href="{}">\n  '
        '<link rel="alternate" hreflang="en" href="{}">\n  ',
        request.build_absolute_uri(alternates["vi"]),
        request.build_absolute_uri(alternates["en"]),
    )


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The link to the page in the other language (its home page when there is none)."""
    alternates = _alternates(context)
    if is_english():
        url = alternates.get("vi") or "/"
        return format_html(
            '<p class="lang-switch"><a href="{}" hreflang="vi" lang="vi">Tiếng Việt</a></p>', url
        )
    url = alternates.get("en") or reverse("organisation:en_index")
    return format_html(
        '<p class="lang-switch"><a href="{}" hreflang="en" lang="en">English</a></p>', url
    )


@register.simple_tag
def org_url(name):
    """``{% org_url "chart" %}``: an organisation page in the page's language."""
    return reverse(f"organisation:{'en_' if is_english() else ''}{name}")


@register.simple_tag
def unit_link(unit):
    """A unit's name linked to its page; on English pages a unit without an English version
    is its Vietnamese name, marked as such and not linked."""
    url = unit.public_url
    if url is None:
        return format_html('<span lang="vi">{}</span>', unit.label)
    return format_html('<a href="{}">{}</a>', url, unit.label)


@register.simple_tag
def post_title(position):
    """A post's title in the page's language, marked Vietnamese when untranslated."""
    if position.label_lang:
        return format_html('<span lang="vi">{}</span>', position.label)
    return position.label


@register.simple_tag
def not_in_english():
    return format_html('<p class="box__empty">{}</p>', _("Chưa có bản tiếng Anh."))
