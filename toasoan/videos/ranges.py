"""Serving a file with HTTP range requests (RFC 9110 §14), for `make run` without nginx.

One range per request (``bytes=a-b``, ``bytes=a-``, ``bytes=-n``): 206 with Content-Range;
a range that cannot be satisfied or that is malformed: 416 with ``Content-Range: bytes */size``;
several ranges: the whole file (200), which RFC 9110 allows. Never a 500.
In production nginx serves the file itself (X-Accel-Redirect), ranges included.
"""

import os
import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def parse_range(header, size):
    """(start, end) inclusive, None for "serve it all", or "unsatisfiable"."""
    header = header.strip()
    if not header:
        return None
    if "," in header:
        return None
    match = _RANGE.match(header.replace(" ", ""))
    if not match:
        return "unsatisfiable"
    first, last = match.groups()
    if not first and not last:
        return "unsatisfiable"
    if not first:  # the last n bytes
        length = int(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, min(end, size - 1)


def _chunks(path, start, length):
    with open(path, "rb") as f:
        f.seek(start)
        while length > 0:
            data = f.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data


def serve_file(request, path, content_type):
    size = os.path.getsize(path)
    wanted = parse_range(request.headers.get("Range", ""), size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115 - FileResponse closes it
    else:
        start, end = wanted
        length = end - start + 1
        response = StreamingHttpResponse(
            _chunks(path, start, length), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    return response
