"""Record reader page views on the hot path, at the cost of one dict store.

``record`` is registered with toasoan.ops.served and runs for every page served, cached or
not. It stores one tuple of the request's strings in an in-process dict (one entry per
distinct page and reader per flush): nothing is parsed, hashed with a key, locked or written,
and no system call is made on the request's path. A daemon thread
of the same process (``Spool``, started when the recorder is registered and again in every
forked child) wakes every FLUSH_SECONDS and, for the whole batch at once:

* keeps the GETs of HTML pages without credentials (no Authorization header, no staff
  cookie: readers.py) and drops everything else;
* writes five fields of each remaining view (path, User-Agent, Referer, address, Host),
  one tab-separated line each, to the end of the process's current raw spool segment,
  ``<spool>/views/<segment>-<pid>.raw`` (a segment is 10 seconds of wall clock, the file is
  readable by its owner only); the session cookie itself is never written.

The rest of the reader rules (bots, ignored paths, device class, referring domain) and the
keyed visitor hash run in the aggregation job (aggregate.py, the job runner: another process),
which reads only segments nobody writes any more, turns their lines into anonymous events and
deletes the raw file in the same run: an address stays on disk for the life of a segment
plus one job period (≈ 40 s), as it does in nginx's buffered access log in production.

What can be lost: views still in a process's memory when it is SIGKILLed (at most
FLUSH_SECONDS of that process's views; a normal interpreter exit flushes them).
Nothing is lost or counted twice when the aggregation job is killed: a segment is recorded
as processed in the same database transaction as its counts.
"""

import atexit
import datetime as dt
import hashlib
import logging
import os
import threading
import time

from django.utils import timezone

from . import readers
from .conf import spool_dir, statistics_setting

logger = logging.getLogger(__name__)

SEGMENT_SECONDS = 10
RAW_SUFFIX = ".raw"
_HTML = "text/html"
_FIELDS = 5  # path, agent, referer, address, host
_STAMP = "@"  # a raw line "@<unix time>" dates the lines after it (one batch)


def segment_of(timestamp):
    return int(timestamp // SEGMENT_SECONDS)


def _make_record(spool):
    def record(environ, status, headers):
        if status == 200:
            # One dict store; the key holds only strings and a bool, which the garbage
            # collector stops tracking at its first pass (a tuple holding the environ or the
            # header list would be tracked, promoted and traversed by every full collection:
            # measured, that cost more than everything else). Repeats of one (page, reader)
            # within a flush are one entry: they count once anyway (aggregate.py).
            spool.pending[
                (
                    environ.get("PATH_INFO", ""),
                    environ.get("HTTP_USER_AGENT", ""),
                    environ.get("HTTP_REFERER", ""),
                    environ.get("REMOTE_ADDR", ""),
                    environ.get("HTTP_HOST", ""),
                    environ.get("REQUEST_METHOD"),
                    environ.get("HTTP_COOKIE"),
                    "HTTP_AUTHORIZATION" in environ,
                )
            ] = headers

    return record


class Spool:
    """The in-process buffer of one worker and the thread that appends it to the spool."""

    def __init__(self, directory=None, flush_seconds=None):
        self.directory = directory
        self.flush_seconds = flush_seconds
        # Swapped for a new dict by the flusher; requests never take a lock.
        self.pending = {}
        self.record = _make_record(self)
        self._pid = None
        self._thread = None
        self._lock = threading.Lock()  # between flushers only (thread, exit, tests)
        self._staff_cookies = None

    # The flusher thread -------------------------------------------------------------------
    def start(self):
        """Start this process's flusher thread (idempotent; forked children start their own)."""
        if self._thread is not None and self._pid == os.getpid():
            return
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="statistics-spool", daemon=True)
        self._thread.start()

    def _forked(self):
        # A forked worker inherits the parent's buffer (the parent counts it) but not its
        # thread: it starts its own if the parent had one.
        self.pending = {}
        self._lock = threading.Lock()
        if self._thread is not None:
            self._thread = None
            self.start()

    def _run(self):
        interval = self.flush_seconds or statistics_setting("FLUSH_SECONDS")
        while True:
            time.sleep(interval)
            try:
                self.flush()
            except Exception:  # noqa: BLE001 - the recorder must never stop
                logger.exception("could not append page views to the statistics spool")

    def flush(self):
        """Append pending views to the raw spool; returns how many lines were written."""
        with self._lock:
            batch, self.pending = self.pending, {}
            if not batch:
                return 0
            # A request thread may have read the old dict just before the swap: let it finish.
            time.sleep(0.002)
            stamp = time.time()
            rows = self.rows(batch)
            if not rows:
                return 0
            text = "\n".join(rows)
            # Tabs or newlines inside a value (a percent-decoded path, a strange header) are
            # rare: counted in C over the whole batch, cleaned view by view only when present.
            if text.count("\t") != (_FIELDS - 1) * len(rows) or text.count("\n") != len(rows) - 1:
                rows = self.rows(batch, clean=True)
                text = "\n".join(rows)
            directory = self.directory or spool_dir() / "views"
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / f"{segment_of(stamp)}-{os.getpid()}{RAW_SUFFIX}"
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with open(descriptor, "a", encoding="utf-8", errors="surrogateescape") as spool:
                spool.write(f"{_STAMP}{stamp:.3f}\n{text}\n")
            return len(rows)

    def rows(self, batch, clean=False):
        """ "path\tagent\treferer\taddress\thost" of the GETs of HTML pages without credentials.

        The only per-view work the worker does, and what bench/statistics_cost.py charges to
        counting. ``clean``: replace tabs and newlines inside values (the slow path, for a
        batch where some value had one).
        """
        headers = list(batch.values())
        # The front passes the same header list for every hit of a page: classify each once.
        distinct = dict(zip(map(id, headers), headers, strict=True))
        html = {key: _is_html(value) for key, value in distinct.items()}
        flags = list(map(html.__getitem__, map(id, headers)))
        del headers, distinct  # (ids are compared only while every list is alive)
        staff = self.staff_cookies()
        kept = [
            key
            for key, ok in zip(batch, flags, strict=True)
            if ok
            and key[5] == "GET"
            and not key[7]
            and not (key[6] and any(map(key[6].__contains__, staff)))
        ]
        if clean:
            return ["\t".join(map(_clean, key[:_FIELDS])) for key in kept]
        return [f"{k[0]}\t{k[1]}\t{k[2]}\t{k[3]}\t{k[4]}" for k in kept]

    def staff_cookies(self):
        if self._staff_cookies is None:
            self._staff_cookies = tuple(f"{n}=" for n in readers.staff_cookie_names())
        return self._staff_cookies


class Converter:
    """Raw spool lines -> anonymous event lines (the aggregation job's side of the recorder).

    Applies the reader rules the worker left out (bots, ignored paths), keeps the referring
    domain and the device class, and replaces address + User-Agent by the day's keyed visitor
    hash. A segment repeats agents, referrers and readers: each is classified once.
    """

    def __init__(self):
        self._visitor = readers.VisitorIds()
        self._ignored = tuple(statistics_setting("IGNORE_PREFIXES"))
        self.agents, self.sources, self.visitors = {}, {}, {}
        self._day = None

    def lines(self, raw_lines):
        out = []
        prefix = salt = None
        agents, sources, visitors = self.agents, self.sources, self.visitors
        blake2b = hashlib.blake2b
        for line in raw_lines:
            if line.startswith(_STAMP):
                try:
                    stamp = float(line[1:])
                except ValueError:
                    prefix = None
                    continue
                day = timezone.localdate(dt.datetime.fromtimestamp(stamp, tz=dt.UTC))
                if day != self._day:
                    self._day = day
                    visitors.clear()
                salt = self._visitor.salt(day)
                prefix = f"{stamp:.3f}\t"
                continue
            parts = line.rstrip("\n").split("\t")
            if prefix is None or len(parts) != _FIELDS:
                continue  # a line cut by a kill, or no stamp before it
            path, agent, referer, address, host = parts
            if not path or path.startswith(self._ignored):
                continue
            agent_class = agents.get(agent)
            if agent_class is None:
                bot = readers.is_bot(agent)
                agent_class = agents[agent] = "" if bot else readers.device_class(agent)
            if not agent_class:
                continue
            domain = sources.get((referer, host))
            if domain is None:
                domain = sources[(referer, host)] = _clean(readers.referrer_domain(referer, host))
            visitor = visitors.get((address, agent))
            if visitor is None:
                raw = f"{address}\0{agent}".encode("utf-8", "surrogateescape")
                visitor = blake2b(raw, key=salt, digest_size=8).hexdigest()
                visitors[(address, agent)] = visitor
            if len(path) > 500:
                path = path[:500]
            out.append(f"{prefix}{path}\t{visitor}\t{domain}\t{agent_class}\n")
        return out

    def convert(self, path):
        """The event lines of one raw segment file ([] if it is gone)."""
        try:
            # newline="\n": a carriage return inside a value must not split its line.
            with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as raw:
                return self.lines(raw)
        except FileNotFoundError:
            return []


def _is_html(headers):
    for name, value in headers:
        if name.lower() == "content-type":
            return value.startswith(_HTML)
    return False


def _clean(text):
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")[:500]


spool = Spool()
os.register_at_fork(after_in_child=spool._forked)
# Registered with toasoan.ops.served as is: no wrapper call on the hot path.
record = spool.record


def start():
    """Register the recorder's flusher for this process (apps.py, when counting is on)."""
    spool.start()


@atexit.register
def _flush_at_exit():
    try:
        spool.flush()
    except Exception:  # noqa: BLE001 - best effort at exit
        logger.exception("could not flush page views at exit")
