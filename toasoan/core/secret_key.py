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
    if path.exists():
        # Empty or cut short (a full disk, a hand edit): replace it whole.
        temporary = path.with_name(path.name + ".new")
        _write_private(temporary, key, exclusive=False)
        os.replace(temporary, path)
        return key
    # O_EXCL: when two workers start at once, one writes and the other reads its key.
    try:
        _write_private(path, key, exclusive=True)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip() or key
    return key


def _write_private(path, key, exclusive):
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
