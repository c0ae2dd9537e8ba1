"""The periodic job that turns spooled views into daily counts (runs every 20 s).

Input: closed spool segments: raw ones from the app's workers (recorder.py, ``*.raw``:
path, User-Agent, referrer, address, host), which the job first turns into anonymous events
(recorder.Converter: bots and ignored paths out, visitor hashed, referrer reduced to a domain),
and nginx.py's (production, ``*.log``), already lines of
``timestamp  path  visitor  referrer-domain  device``. Each run:

1. replays the lines of the last few minutes (kept in ``done/``) to know which (visitor,
   page) pairs each window has already counted and how many views each visitor has used;
2. counts the new lines: a pair once per WINDOW_SECONDS, a visitor at most
   MAX_VIEWS_PER_WINDOW times per window (a forged flood from one address counts once);
3. adds the counts and marks the segments processed in ONE transaction (a killed job neither
   loses nor double-counts a segment), moves them to ``done/`` and deletes ``done/``
   segments older than the window (a raw segment is replaced by its anonymous events there:
   the raw file, with addresses, is deleted);
4. refreshes the reader figures (snapshot.py): totals, today, online now, "Đọc nhiều".
"""

import collections
import datetime as dt
import logging
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import readers, snapshot
from .conf import spool_dir, statistics_setting
from .content import describe_path
from .models import DeviceDay, PageViewDay, ProcessedSegment, ReferrerDay
from .recorder import RAW_SUFFIX, SEGMENT_SECONDS, Converter, segment_of

logger = logging.getLogger(__name__)


class Event(collections.namedtuple("Event", "stamp path visitor referrer device")):
    @classmethod
    def parse(cls, line):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 5:
            return None
        try:
            stamp = float(parts[0])
        except ValueError:
            return None
        return cls(stamp, *parts[1:])


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return [e for e in map(Event.parse, f) if e is not None]
    except FileNotFoundError:
        return []


def _parse(lines):
    return [e for e in map(Event.parse, lines) if e is not None]


def _write_events(target, lines):
    temporary = target.with_name(f"{target.name}.tmp")
    with open(temporary, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("".join(lines))
    temporary.replace(target)


def _segment_number(path):
    try:
        return int(path.name.split("-", 1)[0])
    except ValueError:
        return None


class Dedup:
    """Which views of the current windows were already counted."""

    def __init__(self):
        self.window = statistics_setting("WINDOW_SECONDS")
        self.cap = statistics_setting("MAX_VIEWS_PER_WINDOW")
        self.pairs = set()
        self.per_visitor = collections.Counter()

    def counts(self, event):
        window = int(event.stamp // self.window)
        pair = (window, event.visitor, event.path)
        if pair in self.pairs:
            return False
        self.pairs.add(pair)
        if self.per_visitor[(window, event.visitor)] >= self.cap:
            return False
        self.per_visitor[(window, event.visitor)] += 1
        return True


def aggregate(now=None):
    """Count every closed segment; returns the number of views added."""
    now = time.time() if now is None else now
    root = spool_dir()
    views_dir, done_dir = root / "views", root / "done"
    done_dir.mkdir(parents=True, exist_ok=True)
    closed = segment_of(now) - 1  # the current and the previous segment may still grow
    ready = sorted(
        (
            p
            for p in views_dir.glob("*")
            if p.suffix in (".log", RAW_SUFFIX) and (_segment_number(p) or closed) < closed
        ),
        key=lambda p: p.name,
    )
    converter = Converter()
    converted = {p: converter.convert(p) for p in ready if p.suffix == RAW_SUFFIX}
    window = statistics_setting("WINDOW_SECONDS")
    keep_after = now - max(window, statistics_setting("ONLINE_SECONDS")) - 2 * SEGMENT_SECONDS
    history = []
    for path in done_dir.glob("*.log"):
        number = _segment_number(path)
        if number is not None and number * SEGMENT_SECONDS < keep_after:
            path.unlink(missing_ok=True)
        else:
            history.extend(_read(path))
    dedup = Dedup()
    for event in sorted(history):
        dedup.counts(event)

    already = set(
        ProcessedSegment.objects.filter(name__in=[p.name for p in ready]).values_list(
            "name", flat=True
        )
    )
    fresh = []
    for path in ready:
        if path.name not in already:
            fresh.extend(_parse(converted[path]) if path in converted else _read(path))
    counted = [e for e in sorted(fresh) if dedup.counts(e)]
    added = _store(counted, [p.name for p in ready if p.name not in already])
    for path in ready:
        if path in converted:
            _write_events(done_dir / f"{path.stem}.log", converted[path])
            path.unlink(missing_ok=True)
        else:
            path.replace(done_dir / path.name)

    since = now - statistics_setting("ONLINE_SECONDS")
    online = {e.visitor for e in (*history, *fresh) if e.stamp >= since}
    snapshot.refresh(online=len(online))
    readers.forget_old_salts(timezone.localdate())
    ProcessedSegment.objects.filter(processed_at__lt=timezone.now() - dt.timedelta(days=2)).delete()
    return added


def count_events(events, segment_names=()):
    """Count already-deduplicated events (nginx ingest and tests use this too)."""
    return _store(events, segment_names)


def _store(events, segment_names):
    pages = collections.Counter()
    referrers = collections.Counter()
    devices = collections.Counter()
    for event in events:
        day = timezone.localdate(dt.datetime.fromtimestamp(event.stamp, tz=dt.UTC))
        pages[(day, event.path)] += 1
        if event.referrer:
            referrers[(day, event.referrer)] += 1
        devices[(day, event.device)] += 1
    described = {path: describe_path(path) for path in {p for _, p in pages}}
    with transaction.atomic():
        ProcessedSegment.objects.bulk_create(
            [ProcessedSegment(name=name) for name in segment_names], ignore_conflicts=True
        )
        for (day, path), views in pages.items():
            info = described[path]
            fields = {
                "kind": info.kind,
                "object_id": info.object_id,
                "title": info.title[:500],
                "section_id": info.section_id,
                "section_title": info.section_title[:255],
            }
            updated = PageViewDay.objects.filter(day=day, path=path).update(
                views=F("views") + views, **fields
            )
            if not updated:
                PageViewDay.objects.create(day=day, path=path, views=views, **fields)
        for model, field, counter in (
            (ReferrerDay, "domain", referrers),
            (DeviceDay, "device", devices),
        ):
            for (day, value), views in counter.items():
                lookup = {"day": day, field: value}
                if not model.objects.filter(**lookup).update(views=F("views") + views):
                    model.objects.create(views=views, **lookup)
    return sum(pages.values())
