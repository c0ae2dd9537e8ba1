"""A secret key of the installation's own for ``make run`` (settings/dev.py).

A key committed to git signs nothing: anyone can forge sessions, password-reset links or bot
check challenges with it (issue #23). On first start a random key is written to
``var/secret_key`` (readable by the owner only) and read back on every later start, so
sessions survive restarts and every worker process of one installation agrees on it.
"""

import os
import secrets
from pathlib import Path


def load_or_create(path):
    """The key stored at ``path``, created (50 random URL-safe bytes) when missing."""
    path = Path(path)
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 32:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: when two workers start at once, one writes and the other reads its key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip() or key
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
