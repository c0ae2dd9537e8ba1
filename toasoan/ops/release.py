"""Which release of the code is running, as a short digest of its files.

Cached pages and fragments are keyed by it (pagecache.url_key, news/fragments.py). The content
generation only changes when content does; without this, a deployment would go on serving
pages rendered by the old templates, and the new code would read fragments the old code
pickled (objects missing the attributes new templates use) until the next edit. Keyed by
release, every process of a new release starts from an empty cache, and during a rolling
deployment old and new processes on the shared cache never read each other's entries.

The digest covers file contents (not modification times, which differ between hosts that
checked out the same commit), so every host running the same code computes the same key.
"""

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# What shapes a page: code, templates, translations and the static sources (whose hashed
# names the pages link to). Tests are left out.
SUFFIXES = {".py", ".html", ".txt", ".mo", ".css", ".js", ".json", ".svg"}


@functools.cache
def release_id():
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if (
            path.suffix not in SUFFIXES
            or "__pycache__" in relative.parts
            or "tests" in relative.parts
            or not path.is_file()
        ):
            continue
        digest.update(str(relative).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
