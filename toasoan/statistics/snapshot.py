"""The figures readers see (footer counter, "Đọc nhiều"), refreshed by the aggregation job.

The job writes them to one small JSON file under MEDIA_ROOT (``thong-ke/so-lieu.json``),
replaced atomically. Readers' pages never ask Django for them:

* pages render the figures of the last snapshot into their HTML (readable without
  JavaScript; a cached page keeps the numbers it was rendered with), and
* ``statistics/so-lieu.js`` replaces them with the current file, a static file nginx serves
  (``/media/``) with a one-minute freshness: figures on screen are at most about a minute old
  and the page itself stays in the page cache untouched.
"""

import datetime as dt
import json
import os
import secrets
import time

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from .content import READABLE_KINDS
from .models import PageViewDay

RELATIVE_PATH = "thong-ke/so-lieu.json"
MOST_READ_COUNT = 5
MOST_READ_DAYS = 7


def path():
    return os.path.join(settings.MEDIA_ROOT, RELATIVE_PATH)


def url():
    return settings.MEDIA_URL + RELATIVE_PATH


def _visible(rows):
    from wagtail.models import Page

    article_ids = {r["object_id"] for r in rows if r["kind"] == "article" and r["object_id"]}
    live = set(Page.objects.live().public().filter(id__in=article_ids).values_list("id", flat=True))
    return [r for r in rows if r["kind"] != "article" or r["object_id"] in live]


def most_read(today=None):
    """{"site": [...], "<section url_path>": [...]}: this week's most read, {title, url, views}."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=MOST_READ_DAYS - 1)
    rows = list(
        PageViewDay.objects.filter(day__gte=since, day__lte=today, kind__in=READABLE_KINDS)
        .values("path", "kind", "object_id", "section_id")
        .annotate(total=Sum("views"), name=Max("title"))
        .order_by("-total", "path")[:2000]
    )
    rows = _visible(rows)
    from wagtail.models import Page

    # Keyed by the section's url_path: a page template finds its list without a query.
    section_keys = dict(
        Page.objects.filter(id__in={r["section_id"] for r in rows if r["section_id"]}).values_list(
            "id", "url_path"
        )
    )
    result = {"site": []}
    site_paths = {}
    for row in rows:
        item = {"title": row["name"] or row["path"], "url": row["path"], "views": row["total"]}
        # One path can appear under several sections if it moved: keep its highest total.
        if row["path"] not in site_paths and len(result["site"]) < MOST_READ_COUNT:
            site_paths[row["path"]] = item
            result["site"].append(item)
        if row["section_id"] in section_keys:
            section = result.setdefault(section_keys[row["section_id"]], [])
            if len(section) < MOST_READ_COUNT and all(i["url"] != item["url"] for i in section):
                section.append(item)
    return result


def compute(online=0):
    today = timezone.localdate()
    totals = PageViewDay.objects.aggregate(total=Sum("views"))
    today_views = PageViewDay.objects.filter(day=today).aggregate(total=Sum("views"))
    return {
        "total": totals["total"] or 0,
        "today": today_views["total"] or 0,
        "online": online,
        "updated": timezone.now().isoformat(timespec="seconds"),
        "most_read": most_read(today),
    }


def refresh(online=0):
    figures = compute(online)
    target = path()
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = f"{target}.{os.getpid()}.{secrets.token_hex(4)}"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(figures, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(temporary, target)
    _cached.update(stamp=0.0)
    return figures


EMPTY = {"total": 0, "today": 0, "online": 0, "updated": "", "most_read": {"site": []}}
_cached = {"stamp": 0.0, "mtime": None, "figures": EMPTY}


def current():
    """The last snapshot (re-read at most once a second per process, when the file changed)."""
    now = time.monotonic()
    if now - _cached["stamp"] < 1.0:
        return _cached["figures"]
    _cached["stamp"] = now
    try:
        mtime = os.stat(path()).st_mtime_ns
        if mtime != _cached["mtime"]:
            with open(path(), encoding="utf-8") as f:
                _cached["figures"] = json.load(f)
            _cached["mtime"] = mtime
    except (OSError, ValueError):
        _cached["figures"], _cached["mtime"] = EMPTY, None
    return _cached["figures"]
