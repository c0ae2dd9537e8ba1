"""The Decree 42 checklist: each required category, whether an app provides it, when it was
last updated, and whether that is too long ago."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from toasoan.core.portal import categories

from .requirements import REQUIREMENTS

logger = logging.getLogger(__name__)

MISSING, EMPTY, STALE, OK, BROKEN = "missing", "empty", "stale", "ok", "broken"


@dataclass
class Row:
    key: str
    label: object
    basis: str
    status: str
    last_updated: dt.datetime | None = None
    url: str = ""
    required: bool = True


def build(stale_after_days, now=None):
    """Rows for every required category, then the categories apps provide beyond them."""
    now = now or timezone.now()
    provided = categories()
    used = set()
    rows = []
    for requirement in REQUIREMENTS:
        mine = [c for c in provided if requirement.matches(c.key)]
        used.update(c.key for c in mine)
        rows.append(_row(requirement.key, requirement.label, requirement.basis, mine,
                         stale_after_days, now))  # fmt: skip
    for category in provided:
        if category.key not in used:
            row = _row(category.key, category.label, "", [category], stale_after_days, now)
            row.required = False
            rows.append(row)
    return rows


def _row(key, label, basis, provided, stale_after_days, now):
    if not provided:
        return Row(key, label, basis, MISSING)
    stamps, broken = [], False
    for category in provided:
        try:
            stamp = category.last_updated()
        except Exception:  # one app's bug must not take the dashboard down
            logger.exception("Decree 42 category %s: last_updated() failed", category.key)
            broken = True
            continue
        if stamp is not None:
            stamps.append(stamp)
    url = next((u for u in map(_url, provided) if u), "")
    if not stamps:
        return Row(key, label, basis, BROKEN if broken else EMPTY, None, url)
    last = max(stamps)
    stale = now - last > dt.timedelta(days=stale_after_days)
    return Row(key, label, basis, STALE if stale else OK, last, url)


def _url(category):
    if not category.url_name:
        return ""
    try:
        return reverse(category.url_name)
    except NoReverseMatch:
        return ""
