"""Production: count views from nginx's access log, so micro-cache hits count too.

nginx writes one line per request in the ``toasoan_stats`` format (deploy/nginx/toasoan.conf)::

    $msec \t $status \t $request_method \t $uri \t $http_referer \t $http_user_agent \t
    $remote_addr \t $toasoan_staff \t $sent_http_content_type \t $host

(nginx escapes tabs and control characters inside values as \\xHH, so a tab always separates
fields). ``$toasoan_staff`` is 1 when the request carried the session cookie or an
Authorization header (a ``map`` in the nginx configuration); the cookie itself is never logged.

``ingest_nginx_log`` (a periodic job when SOURCE is "nginx") reads from the saved offset,
applies the reader rules, hashes the visitor and writes a spool chunk that the aggregation job
counts; the chunk's name carries the file identity and start offset, so a job killed before
saving the new offset rewrites the same chunk instead of counting it twice. Rotation: when the
file's inode changed, the rest of the previous file (``<log>.1``, same inode) is read first;
when the file shrank (copytruncate), reading restarts at 0.
"""

import datetime as dt
import os
import time

from django.utils import timezone

from . import readers
from .conf import spool_dir, statistics_setting
from .models import LogOffset
from .recorder import _clean, segment_of

MAX_BYTES_PER_RUN = 64 * 2**20


def convert(line, visitor_ids, ignored, now_day=None):
    """One spool line for an nginx log line, or "" when it is not a reader's page view."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 10:
        return ""
    msec, status, method, uri, referer, agent, address, staff, content_type, host = parts[:10]
    if status != "200" or method != "GET" or staff == "1" or uri.startswith(ignored):
        return ""
    if not content_type.startswith("text/html"):
        return ""
    agent = "" if agent == "-" else agent
    if readers.is_bot(agent):
        return ""
    try:
        stamp = float(msec)
    except ValueError:
        return ""
    day = now_day or timezone.localdate(dt.datetime.fromtimestamp(stamp, tz=dt.UTC))
    referer = "" if referer == "-" else referer
    return (
        "\t".join(
            (
                f"{stamp:.3f}",
                _clean(uri),
                visitor_ids(day, address, agent),
                _clean(readers.referrer_domain(referer, host)),
                readers.device_class(agent),
            )
        )
        + "\n"
    )


def _read_chunk(path, start, limit):
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(limit)
    end = data.rfind(b"\n")
    if end < 0:
        return b"", start
    return data[: end + 1], start + end + 1


def _write_chunk(name, data, visitor_ids, ignored):
    lines = [
        convert(line, visitor_ids, ignored)
        for line in data.decode("utf-8", "surrogateescape").splitlines()
    ]
    lines = [line for line in lines if line]
    if not lines:
        return 0
    directory = spool_dir() / "views"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    temporary = directory / f".{name}.tmp"
    with open(temporary, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("".join(lines))
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, target)
    return len(lines)


def ingest_nginx_log(log_path=None, now=None):
    """Move new access-log lines into the spool; returns how many views were spooled."""
    log_path = str(log_path or statistics_setting("NGINX_LOG"))
    now = time.time() if now is None else now
    segment = segment_of(now)
    visitor_ids = readers.VisitorIds()
    ignored = tuple(statistics_setting("IGNORE_PREFIXES"))
    state, _ = LogOffset.objects.get_or_create(path=log_path)
    try:
        stat = os.stat(log_path)
    except FileNotFoundError:
        return 0
    spooled = 0
    if state.inode and state.inode != stat.st_ino:
        rotated = f"{log_path}.1"
        try:
            if os.stat(rotated).st_ino == state.inode:
                data, _end = _read_chunk(rotated, state.offset, MAX_BYTES_PER_RUN)
                name = f"{segment}-nginx-{state.inode}-{state.offset}.log"
                spooled += _write_chunk(name, data, visitor_ids, ignored)
        except FileNotFoundError:
            pass
        state.inode, state.offset = stat.st_ino, 0
    if not state.inode:
        state.inode = stat.st_ino
    if stat.st_size < state.offset:  # truncated in place
        state.offset = 0
    data, end = _read_chunk(log_path, state.offset, MAX_BYTES_PER_RUN)
    if data:
        name = f"{segment}-nginx-{state.inode}-{state.offset}.log"
        spooled += _write_chunk(name, data, visitor_ids, ignored)
    state.offset = end
    state.save()
    return spooled
