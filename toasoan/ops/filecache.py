"""The file page cache of `make run` (no Redis): Django's FileBasedCache without zlib."""

import logging
import pickle  # nosec B403 - only our own cache files, as Django's FileBasedCache

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)


class PageFileCache(FileBasedCache):
    """The file page cache of `make run`: Django's FileBasedCache without zlib.

    Pages are read far more often than written, and the operating system's page cache keeps
    hot files in memory shared by every worker: decompressing ≈20–40 KB of HTML on every read
    cost more than the read itself. Files get their own suffix, so entries written by the
    compressed backend are simply never read.
    """

    cache_suffix = ".page"

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(f.read())  # noqa: S301  # nosec B301 - our own cache files
        except FileNotFoundError:
            pass
        except (pickle.UnpicklingError, EOFError, ValueError):
            logger.warning("damaged page cache file %s ignored", fname)
        return default

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        if value is None:
            return False
        self.set(key, value, timeout, version)
        return True
