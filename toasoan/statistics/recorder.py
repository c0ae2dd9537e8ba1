"""Record reader page views on the hot path, at the cost of one dict store.

``record`` is registered with toasoan.ops.served and runs for every page served, cached or
not. It copies six strings out of the WSGI environ into an in-process dict (one entry per
distinct page and reader per second); nothing else happens on the request's path. A daemon
thread of the same process (``Spool``) wakes every FLUSH_SECONDS, applies the reader rules
(readers.py: bots, staff, non-pages), hashes the visitor and appends one line per view to the
process's current spool segment, ``<spool>/views/<segment>-<pid>.log`` (a segment is 10
seconds of wall clock). The aggregation job (aggregate.py) reads only segments nobody writes
any more.

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
_HTML = "text/html"


def segment_of(timestamp):
    return int(timestamp // SEGMENT_SECONDS)


class Spool:
    """The in-process buffer of one worker and the thread that appends it to the spool."""

    def __init__(self, directory=None, flush_seconds=None):
        self.directory = directory
        self.flush_seconds = flush_seconds
        self.pending = {}
        self._pid = None
        self._thread = None
        self._lock = threading.Lock()
        self._visitor = readers.VisitorIds()
        self._staff_cookies = None
        self._ignored = None

    # The hot path ------------------------------------------------------------------------
    def record(self, environ, status, headers):
        if status != 200 or environ.get("REQUEST_METHOD") != "GET":
            return
        # One entry per distinct (page, reader) in this second: repeats of the same reader
        # within a window count once anyway (aggregate.py), so they need no entry of their own.
        self.pending[
            (
                environ.get("PATH_INFO", ""),
                environ.get("HTTP_USER_AGENT", ""),
                environ.get("HTTP_REFERER", ""),
                environ.get("REMOTE_ADDR", ""),
                environ.get("HTTP_COOKIE", ""),
                environ.get("HTTP_HOST", ""),
                "HTTP_AUTHORIZATION" in environ,
            )
        ] = headers
        if self._thread is None:  # first view in this process (reset in forked children)
            self._start()

    # The flusher thread -------------------------------------------------------------------
    def _start(self):
        with self._lock:
            if self._thread is not None:
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="statistics-spool", daemon=True)
            self._thread.start()

    def _forked(self):
        # A forked worker inherits the buffer but not the thread: it starts its own.
        self._thread = None
        self.pending = {}
        self._lock = threading.Lock()

    def _run(self):
        interval = self.flush_seconds or statistics_setting("FLUSH_SECONDS")
        while True:
            time.sleep(interval)
            try:
                self.flush()
            except Exception:  # noqa: BLE001 - the recorder must never stop
                logger.exception("could not append page views to the statistics spool")

    def flush(self):
        """Append pending views to the spool; returns how many lines were written."""
        with self._lock:
            batch, self.pending = self.pending, {}
        if not batch:
            return 0
        # A request thread may have read the old dict just before the swap: let it finish.
        time.sleep(0.002)
        lines = self.lines(list(batch.items()), time.time())
        if lines:
            directory = self.directory or spool_dir() / "views"
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / f"{segment_of(time.time())}-{os.getpid()}.log"
            with open(path, "a", encoding="utf-8", errors="surrogateescape") as spool:
                spool.write("".join(lines))
        return len(lines)

    def lines(self, items, stamp):
        """Spool lines for one batch of (request key, headers) seen around ``stamp``.

        The reader rules of readers.py, written as one tight loop: this runs in every worker
        for every distinct (page, reader) and its cost is what bench/statistics_cost.py sees.
        A batch repeats agents, referrers and pages: each is classified once per batch.
        """
        day = timezone.localdate(dt.datetime.fromtimestamp(stamp, tz=dt.UTC))
        salt = self._visitor.salt(day)
        prefix = f"{stamp:.3f}\t"
        ignored, staff = self.ignored_prefixes(), self.staff_cookies()
        agents, sources, pages, visitors = {}, {}, {}, {}
        blake2b = hashlib.blake2b
        out = []
        for (path, agent, referer, address, cookies, host, authorized), headers in items:
            if authorized or not path or path.startswith(ignored):
                continue
            if cookies and any(name in cookies for name in staff):
                continue
            agent_class = agents.get(agent)
            if agent_class is None:
                bot = readers.is_bot(agent)
                agent_class = agents[agent] = "" if bot else readers.device_class(agent)
            if not agent_class:
                continue
            # The front passes the same header list for every hit of a page; ``items``
            # keeps those lists alive, so their ids cannot be reused meanwhile.
            html = pages.get(id(headers))
            if html is None:
                html = pages[id(headers)] = _is_html(headers)
            if not html:
                continue
            domain = sources.get((referer, host))
            if domain is None:
                domain = sources[(referer, host)] = _clean(readers.referrer_domain(referer, host))
            visitor = visitors.get((address, agent))
            if visitor is None:
                raw = f"{address}\0{agent}".encode("utf-8", "surrogateescape")
                visitor = blake2b(raw, key=salt, digest_size=8).hexdigest()
                visitors[(address, agent)] = visitor
            if "\t" in path or "\n" in path or "\r" in path or len(path) > 500:
                path = _clean(path)
            out.append(f"{prefix}{path}\t{visitor}\t{domain}\t{agent_class}\n")
        return out

    def staff_cookies(self):
        if self._staff_cookies is None:
            self._staff_cookies = tuple(f"{n}=" for n in readers.staff_cookie_names())
        return self._staff_cookies

    def ignored_prefixes(self):
        if self._ignored is None:
            self._ignored = tuple(statistics_setting("IGNORE_PREFIXES"))
        return self._ignored


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


@atexit.register
def _flush_at_exit():
    try:
        spool.flush()
    except Exception:  # noqa: BLE001 - best effort at exit
        logger.exception("could not flush page views at exit")
